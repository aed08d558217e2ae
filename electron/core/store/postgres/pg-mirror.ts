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

/** What a failed batch or a full backlog left unsent. */
export interface Unsent {
  calls: CallRecord[];
  attempts: QueueAttempt[];
  steps: IvrStep[];
}

export const unsentCount = (unsent: Unsent) => unsent.calls.length + unsent.attempts.length + unsent.steps.length;

/**
 * A failed batch is handed to `onError` and not retried here: the cache has every call, and
 * the caller notes which calls to send again (start-history.ts, the sync's outbox).
 */
export function createPgMirror(history: PgHistory, onError: (error: unknown, unsent: Unsent) => void): PgMirror {
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
        onError(error, batch);
      }
    }
    running = undefined;
  }

  function queued() {
    let excess = calls.length + attempts.length + steps.length - MIRROR_BACKLOG;
    if (excess > 0) {
      // Steps and passes first: a call's record carries its own pass again when it ends.
      const dropped: Unsent = { steps: steps.splice(0, excess), attempts: [], calls: [] };
      excess -= dropped.steps.length;
      dropped.attempts = attempts.splice(0, excess);
      excess -= dropped.attempts.length;
      dropped.calls = calls.splice(0, excess);
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
