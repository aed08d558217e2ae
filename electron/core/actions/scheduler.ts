/**
 * Time for the wrap-up timers, injectable so tests run them on the demo PBX's
 * VirtualClock (which has exactly this shape) instead of sleeping 30 s.
 */
export interface Scheduler {
  now(): number;
  after(delayMs: number, run: () => void): { cancel(): void };
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  after(delayMs, run) {
    const timer = setTimeout(run, delayMs);
    // A pending wrap-up must not keep a headless process alive on shutdown.
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
