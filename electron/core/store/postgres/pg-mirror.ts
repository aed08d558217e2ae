import type { CallRecord } from '../../contract/history';
import type { PgHistory } from './pg-history';

// Finished calls copied from the SQLite cache's writer into the shared PostgreSQL history,
// off the caller's path: records gather while one batch is in flight and go as the next.

export interface PgMirror {
  write(record: CallRecord): void;
  /** Resolves once everything written so far was sent (committed or failed). */
  flush(): Promise<void>;
}

/** At most this many records wait: past it, while PostgreSQL is down, the oldest are dropped (the SQLite cache keeps them). */
export const MIRROR_BACKLOG = 50_000;

/**
 * A failed batch is not retried: it is reported with its size and dropped. The cache has
 * every call, and the other consoles of the PBX write the same calls too.
 */
export function createPgMirror(history: PgHistory, onError: (error: unknown, dropped: number) => void): PgMirror {
  let pending: CallRecord[] = [];
  let running: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await history.upsertCalls(batch);
      } catch (error) {
        onError(error, batch.length);
      }
    }
    running = undefined;
  }

  return {
    write(record) {
      pending.push(record);
      if (pending.length > MIRROR_BACKLOG) onError(new Error('PostgreSQL is not keeping up'), pending.splice(0, pending.length - MIRROR_BACKLOG).length);
      running ??= drain();
    },
    flush: () => running ?? Promise.resolve(),
  };
}
