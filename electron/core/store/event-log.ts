import type { Db } from './database';
import { createSampleBudget, rejectedStatements, utcDayOf, type RejectKind } from './rejected-samples';

/** One pushed (or AMI-derived) event as received, for `raw_events` (001_init.sql). */
export interface RawEventRow {
  source: 'push' | 'ami';
  /** Canonical event type, e.g. 'extensionstatus'; unknown types are kept as sent. */
  eventType: string;
  isKnown: boolean;
  remote?: string;
  /** Normalised JSON of the decoded body. */
  body: string;
  /** UTC ms; defaults to the moment of append(). */
  receivedAt?: number;
}

/** A refused push: counted in `rejected_counts`, sampled into `rejected_events` (rejected-samples.ts). */
export interface RejectedEventRow {
  kind: RejectKind;
  remote?: string;
  reason: string;
  contentType?: string;
  /** The body as received (text); a sample keeps its first few KB. */
  body: string;
  receivedAt?: number;
}

export interface EventLog {
  /** Resolves with the row id once the transaction holding this row has committed. */
  append(row: RawEventRow): Promise<number>;
  /** Resolves once the transaction counting this refusal (and keeping it, if sampled) has committed. */
  reject(row: RejectedEventRow): Promise<void>;
  /** Commit everything queued now; resolves after the commit. */
  flush(): Promise<void>;
  /** Commit what is queued, then refuse further rows. Does not close the database (its owner does). */
  close(): Promise<void>;
  readonly stats: { committedRows: number; transactions: number; failedRows: number };
}

type Pending =
  | { kind: 'raw'; row: RawEventRow; at: number; resolve: (id: number) => void; fail: (error: Error) => void }
  | { kind: 'rejected'; row: RejectedEventRow; at: number; resolve: () => void; fail: (error: Error) => void };

/** Above this many queued rows we commit at once instead of waiting for the tick to end. */
const MAX_BATCH_ROWS = 5_000;

/**
 * Durable event log with group commit.
 *
 * The receiver may answer 200 only once its event is in SQLite. One commit per
 * event is ≈ 75k commits/s under WAL + synchronous=NORMAL, while one transaction
 * takes ≈ 528k rows/s (docs/measured-limits.md). So every row enqueued during
 * one turn of the event loop is inserted in ONE transaction, scheduled with
 * setImmediate (after the I/O callbacks of the current turn, i.e. after all
 * request bodies that arrived together), and each promise settles only after
 * that transaction committed. WAL + synchronous=NORMAL keeps committed rows
 * across a killed process (not across an OS crash).
 */
export function createEventLog(db: Db, clock: () => number = Date.now): EventLog {
  const insertRaw = db.prepare(
    'INSERT INTO raw_events (received_at, source, event_type, is_known, remote, body) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const rejected = rejectedStatements(db);
  const isSampled = createSampleBudget();
  const commitBatch = db.transaction((batch: Pending[]) => {
    const ids: number[] = [];
    const counts = new Map<string, { day: number; kind: RejectKind; n: number }>();
    let hasSamples = false;
    for (const item of batch) {
      if (item.kind === 'raw') {
        const { row } = item;
        const info = insertRaw.run(row.receivedAt ?? item.at, row.source, row.eventType, row.isKnown ? 1 : 0, row.remote ?? null, row.body);
        ids.push(Number(info.lastInsertRowid));
      } else {
        const { row } = item;
        const at = row.receivedAt ?? item.at;
        const key = `${utcDayOf(at)}:${row.kind}`;
        const count = counts.get(key) ?? { day: utcDayOf(at), kind: row.kind, n: 0 };
        count.n += 1;
        counts.set(key, count);
        if (isSampled(at)) {
          rejected.sample(at, row.remote ?? null, row.reason, row.contentType ?? null, row.body);
          hasSamples = true;
        }
        ids.push(0);
      }
    }
    for (const { day, kind, n } of counts.values()) rejected.count(day, kind, n);
    if (hasSamples) rejected.trim();
    return ids;
  });

  let queue: Pending[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  let isClosed = false;
  let flushWaiters: (() => void)[] = [];
  const stats = { committedRows: 0, transactions: 0, failedRows: 0 };

  function commitNow(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    const batch = queue;
    const waiters = flushWaiters;
    queue = [];
    flushWaiters = [];
    if (batch.length > 0) {
      try {
        const ids = commitBatch(batch);
        stats.transactions += 1;
        stats.committedRows += batch.length;
        batch.forEach((item, i) => {
          if (item.kind === 'raw') item.resolve(ids[i] ?? 0);
          else item.resolve();
        });
      } catch (cause) {
        // The whole batch rolled back: every caller learns it was not stored
        // (the receiver answers 503 so the box may retry), none is acked.
        stats.failedRows += batch.length;
        const error = cause instanceof Error ? cause : new Error(String(cause));
        for (const item of batch) item.fail(error);
      }
    }
    for (const waiter of waiters) waiter();
  }

  function enqueue(item: Pending): void {
    queue.push(item);
    if (queue.length >= MAX_BATCH_ROWS) commitNow();
    else scheduled ??= setImmediate(commitNow);
  }

  const closedError = () => new Error('event log is closed');

  return {
    stats,
    append(row) {
      if (isClosed) return Promise.reject(closedError());
      return new Promise<number>((resolve, fail) => enqueue({ kind: 'raw', row, at: clock(), resolve, fail }));
    },
    reject(row) {
      if (isClosed) return Promise.reject(closedError());
      return new Promise<void>((resolve, fail) => enqueue({ kind: 'rejected', row, at: clock(), resolve, fail }));
    },
    flush() {
      if (queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        flushWaiters.push(resolve);
        scheduled ??= setImmediate(commitNow);
      });
    },
    async close() {
      isClosed = true;
      commitNow();
    },
  };
}
