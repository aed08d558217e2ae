import type { QueueAttempt } from '../contract/figures';
import type { CallRecord, IvrStep } from '../contract/history';
import type { CallStore } from './call-store';
import { noteOwnWrites } from './shared-outbox';

// Group commit for finished calls, queue passes and IVR steps: writes queued during one tick (or
// `maxDelayMs`) share one transaction, and each write's promise resolves only after
// that transaction committed — "acknowledged" means on disk (WAL, synchronous=NORMAL:
// survives kill -9, see database.ts). Callers (push receiver, AMI model) never wait on SQLite.

export interface CallWriterOptions {
  /** Wait this long for more writes before committing; 0 = next event-loop turn. */
  maxDelayMs?: number;
  /** Commit early once this many rows are queued. */
  maxBatchRows?: number;
}

export interface CallWriter {
  writeCalls(records: readonly CallRecord[]): Promise<void>;
  writeIvrSteps(steps: readonly IvrStep[]): Promise<void>;
  /** Queue passes as they change (joined, connected, ended); the store publishes the ledger changes once committed. */
  writeAttempts(attempts: readonly QueueAttempt[]): Promise<void>;
  /** Commits what is queued now. */
  flush(): Promise<void>;
  /** Commits what is queued, then refuses further writes. */
  close(): Promise<void>;
  readonly stats: { committedRows: number; transactions: number; failedRows: number };
}

interface Waiter {
  resolve: () => void;
  fail: (error: Error) => void;
}

export function createCallWriter(store: CallStore, options: CallWriterOptions = {}): CallWriter {
  const maxDelayMs = options.maxDelayMs ?? 0;
  const maxBatchRows = options.maxBatchRows ?? 5_000;
  let calls: CallRecord[] = [];
  let steps: IvrStep[] = [];
  let attempts: QueueAttempt[] = [];
  let waiters: Waiter[] = [];
  let timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  let isClosed = false;
  const stats = { committedRows: 0, transactions: 0, failedRows: 0 };
  const commitAll = store.db.transaction((batchCalls: CallRecord[], batchSteps: IvrStep[], batchAttempts: QueueAttempt[]) => {
    const changes = store.queueCalls.upsertAttempts(batchAttempts);
    changes.push(...store.upsertCalls(batchCalls));
    store.addIvrSteps(batchSteps);
    noteOwnWrites(store.db, { calls: batchCalls, attempts: batchAttempts, steps: batchSteps });
    return changes;
  });

  function commit() {
    if (timer !== undefined) {
      if (maxDelayMs > 0) clearTimeout(timer as NodeJS.Timeout);
      else clearImmediate(timer as NodeJS.Immediate);
      timer = undefined;
    }
    const batchCalls = calls;
    const batchSteps = steps;
    const batchAttempts = attempts;
    const batchWaiters = waiters;
    calls = [];
    steps = [];
    attempts = [];
    waiters = [];
    if (batchWaiters.length === 0) return;
    const rows = batchCalls.length + batchSteps.length + batchAttempts.length;
    try {
      const changes = commitAll(batchCalls, batchSteps, batchAttempts);
      stats.committedRows += rows;
      stats.transactions += 1;
      store.publishLedgerChanges(changes);
      for (const waiter of batchWaiters) waiter.resolve();
    } catch (error) {
      stats.failedRows += rows;
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of batchWaiters) waiter.fail(failure);
    }
  }

  function enqueue(add: () => void): Promise<void> {
    if (isClosed) return Promise.reject(new Error('call writer is closed'));
    return new Promise<void>((resolve, fail) => {
      add();
      waiters.push({ resolve, fail });
      if (calls.length + steps.length + attempts.length >= maxBatchRows) commit();
      else if (timer === undefined) timer = maxDelayMs > 0 ? setTimeout(commit, maxDelayMs) : setImmediate(commit);
    });
  }

  return {
    writeCalls: (records) => enqueue(() => calls.push(...records)),
    writeIvrSteps: (ivrSteps) => enqueue(() => steps.push(...ivrSteps)),
    writeAttempts: (changed) => enqueue(() => attempts.push(...changed)),
    flush: async () => commit(),
    close: async () => {
      commit();
      isClosed = true;
    },
    stats,
  };
}
