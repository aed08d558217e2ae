import type { CallRecord, IvrStep, QueueAttempt } from '../../contract';
import type { PgHistory } from './pg-history';

// Finished calls, queue passes and IVR steps copied from the SQLite cache's writers into the shared
// PostgreSQL history, off the caller's path: what arrives while one batch is in flight
// goes as the next.

export interface PgMirror {
  write(record: CallRecord): void;
  /** A queue pass as AMI reports it (joined, connected, ended). */
  writeAttempt(attempt: QueueAttempt): void;
  writeIvrStep(step: IvrStep): void;
  /** Resolves once everything written so far was sent (committed or failed). */
  flush(): Promise<void>;
}

/** At most this many records, passes and steps wait: past it, while PostgreSQL is down, the oldest are dropped (the SQLite cache keeps them). */
export const MIRROR_BACKLOG = 50_000;

/**
 * A failed batch is not retried: it is reported with its size and dropped. The cache has
 * every call, and the other consoles of the PBX write the same calls too.
 */
export function createPgMirror(history: PgHistory, onError: (error: unknown, dropped: number) => void): PgMirror {
  let calls: CallRecord[] = [];
  let attempts: QueueAttempt[] = [];
  let steps: IvrStep[] = [];
  let running: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (calls.length + attempts.length + steps.length > 0) {
      const batch = { calls, attempts, steps };
      calls = [];
      attempts = [];
      steps = [];
      try {
        await history.upsertCalls(batch.calls, batch.attempts);
        await history.addIvrSteps(batch.steps);
      } catch (error) {
        onError(error, batch.calls.length + batch.attempts.length + batch.steps.length);
      }
    }
    running = undefined;
  }

  function queued() {
    let excess = calls.length + attempts.length + steps.length - MIRROR_BACKLOG;
    if (excess > 0) {
      // Steps and passes first: a call's record carries its own pass again when it ends.
      const dropped = excess;
      for (const list of [steps, attempts, calls] as unknown[][]) excess -= list.splice(0, excess).length;
      onError(new Error('PostgreSQL is not keeping up'), dropped);
    }
    running ??= drain();
  }

  return {
    write(record) {
      calls.push(record);
      queued();
    },
    writeAttempt(attempt) {
      attempts.push(attempt);
      queued();
    },
    writeIvrStep(step) {
      steps.push(step);
      queued();
    },
    flush: () => running ?? Promise.resolve(),
  };
}
