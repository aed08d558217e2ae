import type { ActionResult, Connection, ConnectionState } from '../contract';
import type { Logger } from '../base/logger';
import type { LiveModel } from '../live/model';
import type { CoocenterClient } from './client';
import { applyCurrentCalls, applyHints, applyPeers, applyQueueInfo } from './poll-to-model';

export interface CoocenterPollerOptions {
  client: CoocenterClient;
  model: LiveModel;
  log: Logger;
  /** Shown in the UI as the connection's target: the box's URL, never the WEBKEY. */
  target: string;
  /** Between successful polls (default 5 s). */
  intervalMs?: number;
  /** Cap of the exponential back-off while the box is down (default 60 s). */
  maxBackoffMs?: number;
  connectionId?: string;
  timeZone?: string;
}

export interface CoocenterPoller {
  start(): void;
  stop(): void;
  /** One round of the four queries; resolves true when the box answered. */
  pollOnce(): Promise<boolean>;
  /** Delay before the next round, given the failures so far. */
  readonly nextDelayMs: number;
  readonly consecutiveFailures: number;
}

/**
 * Keeps the live model right when pushes are missed: polls
 * current-calls, extension-status, extension-hints-status and queue-info every
 * `intervalMs`. When the box does not answer it backs off exponentially
 * (interval × 2^failures, capped) and reports the connection as `lost` with the
 * reason and the retry delay, so the UI can say so.
 */
export function createCoocenterPoller(options: CoocenterPollerOptions): CoocenterPoller {
  const { client, model, log } = options;
  const intervalMs = options.intervalMs ?? 5_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const connectionId = options.connectionId ?? 'coocenter';
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let isRunning = false;
  let inFlight: Promise<boolean> | undefined;

  const delay = () => (failures === 0 ? intervalMs : Math.min(intervalMs * 2 ** failures, maxBackoffMs));

  function report(state: ConnectionState, detail?: string): void {
    const current = model.connections.get(connectionId);
    if (current && current.state === state && current.detail === detail) return;
    const connection: Connection = {
      id: connectionId,
      kind: 'coocenter',
      target: options.target,
      state,
      since: current && current.state === state ? current.since : model.now(),
      detail,
    };
    model.putConnection(connection);
  }

  async function round(): Promise<boolean> {
    if (!model.connections.has(connectionId)) report('connecting');
    const startedAt = model.now();
    const [calls, peers, hints, queues] = await Promise.all([
      client.currentCalls(),
      client.extensionStatus(),
      client.extensionHintsStatus(),
      client.queueInfo(),
    ]);
    const results: [string, ActionResult<unknown>][] = [
      ['current-calls', calls],
      ['extension-status', peers],
      ['extension-hints-status', hints],
      ['queue-info', queues],
    ];
    const failed = results.flatMap(([name, result]) => (result.ok ? [] : [`${name}: ${result.error.message}`]));
    if (failed.length === results.length) {
      failures += 1;
      const first = results[0]![1];
      const reason = first.ok ? '' : first.error.message;
      report('lost', `${reason}; retry in ${Math.round(delay() / 1000)} s`);
      if (failures === 1) log.warn(`coocenter: ${options.target} does not answer: ${reason}`);
      return false;
    }
    if (failures > 0) log.info(`coocenter: ${options.target} answers again`);
    failures = 0;
    // Hints before peers: a new extension gets its state before its registration.
    if (hints.ok) applyHints(model, hints.value);
    if (peers.ok) applyPeers(model, peers.value);
    if (queues.ok) applyQueueInfo(model, queues.value);
    if (calls.ok) applyCurrentCalls(model, calls.value, startedAt);
    report('connected', failed.length > 0 ? `partial answer: ${failed.join('; ')}` : undefined);
    return true;
  }

  function schedule(): void {
    if (!isRunning) return;
    timer = setTimeout(() => {
      timer = undefined;
      void pollOnce().finally(schedule);
    }, delay());
  }

  function pollOnce(): Promise<boolean> {
    inFlight ??= round()
      .catch((error: unknown) => {
        log.error('coocenter: poll failed', error);
        return false;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  return {
    start() {
      if (isRunning) return;
      isRunning = true;
      void pollOnce().finally(schedule);
    },
    stop() {
      isRunning = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      report('disabled');
    },
    pollOnce,
    get nextDelayMs() {
      return delay();
    },
    get consecutiveFailures() {
      return failures;
    },
  };
}
