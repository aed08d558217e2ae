export interface BackoffOptions {
  /** First retry delay. */
  minDelayMs: number;
  /** Cap: a PBX that is down for an hour is retried at this pace. */
  maxDelayMs: number;
  /** 0..1: the fraction of the delay that is randomised, so many consoles don't reconnect in lockstep. */
  jitter: number;
}

export const defaultBackoff: BackoffOptions = { minDelayMs: 500, maxDelayMs: 30_000, jitter: 0.3 };

/** Delay before retry number `attempt` (0-based): capped exponential with "equal jitter". */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** Math.min(attempt, 30));
  const spread = exponential * options.jitter;
  return Math.round(exponential - spread + random() * spread);
}
