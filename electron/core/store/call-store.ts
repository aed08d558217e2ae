import type { AgentIntervalKind, CallRecord, IvrStep } from '../contract/history';
import type { QueueAttempt } from '../contract/figures';
import type { Db } from './database';
import { callColumnList, callToParams, mergedCall, rowToCall, type SharedCall } from './call-row';
import { DEFAULT_TIME_ZONE, assertTimeZone, localHourOf } from '../base/time-zone';
import { derivedAttempt } from '../stats/attempt-of-record';
import { createQueueCallStore, rebuildQueueRollups, type AttemptChange, type QueueCallStore } from './queue-call-store';
import { getSetting, setSetting } from './settings';
import { settingKeys } from '../base/setting-keys';

// Writers of calls, IVR steps and agent intervals (queue passes: queue-call-store.ts). Synchronous (better-sqlite3); the
// group-commit CallWriter (call-writer.ts) batches them off the caller's path.

export interface OpenIntervalInput {
  agent: string;
  queue?: string;
  kind: AgentIntervalKind;
  reason?: string;
  /** The call, for ring/talk/wrap-up intervals. */
  uniqueid?: string;
  startAt: number;
}

export interface CallStore {
  readonly db: Db;
  /** The queue ledger on the same database. */
  readonly queueCalls: QueueCallStore;
  /** Told of ledger changes once their transaction committed (the day ledger follows them). */
  onLedgerChanges(listener: (changes: AttemptChange[]) => void): () => void;
  /** Writers call this after a commit that changed the ledger. */
  publishLedgerChanges(changes: AttemptChange[]): void;
  readonly timeZone: string;
  /**
   * Inserts or merges (call-row.ts mergeCallRecords) every record in one transaction. A vendor record
   * of a queue call also writes its queue pass (AMI and queue_log passes are written as such);
   * returns what changed in the queue ledger.
   */
  upsertCalls(records: readonly CallRecord[]): AttemptChange[];
  /** Calls as the shared history merged them (store/postgres/pg-changes.ts): merged again here with the ranks each field came with; their passes come on their own. */
  upsertSharedCalls(calls: readonly SharedCall[]): AttemptChange[];
  /** Ignores steps already stored (same call, node and start). */
  addIvrSteps(steps: readonly IvrStep[]): void;
  /** Opens an interval; an open one of the same agent, kind and queue is closed at `startAt` first. Returns its id. */
  openInterval(input: OpenIntervalInput): number;
  /** Closes the open interval of (agent, kind[, queue]); false when none was open. */
  closeInterval(input: { agent: string; kind: AgentIntervalKind; queue?: string; endAt: number }): boolean;
  /** This console's intervals open now (a run that stopped left them so), and the last moment the cache shows it was running. */
  intervalsLeftOpen(): LeftOpen;
  /** Closes those still open at `left.aliveAt`: what they measured ended while no console of this cache was watching. */
  closeLeftOpen(left: LeftOpen): number;
  getCall(uniqueid: string): CallRecord | undefined;
  /** Rewrites every call's and queue pass's local hour for a new zone and rebuilds the rollups (slow on big caches: a one-off). */
  setTimeZone(timeZone: string): void;
}

/** Intervals a previous run left open (their ids), and when that run was last seen alive. */
export interface LeftOpen {
  ids: number[];
  aliveAt: number;
}

export function createCallStore(db: Db): CallStore {
  // Read per batch, not cached: another CallStore on this database may change the zone.
  const currentZone = () => getSetting(db, settingKeys.timeZone, DEFAULT_TIME_ZONE);
  const selectCall = db.prepare('SELECT * FROM calls WHERE uniqueid = ?');
  // Insert first: a new uniqueid (the common case) costs one statement; only a conflict
  // reads the stored row and merges.
  const insertCall = db.prepare(
    `INSERT INTO calls (${callColumnList.join(', ')}) VALUES (${callColumnList.map((column) => `@${column}`).join(', ')}) ON CONFLICT(uniqueid) DO NOTHING`,
  );
  const updateCall = db.prepare(
    `UPDATE calls SET ${callColumnList.filter((column) => column !== 'uniqueid').map((column) => `${column} = @${column}`).join(', ')} WHERE uniqueid = @uniqueid`,
  );
  const insertIvr = db.prepare(
    'INSERT OR IGNORE INTO ivr_steps (call_uniqueid, ivr_id, ivr_name, dtmf, start_at, end_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const findOpen = db.prepare(
    'SELECT id, start_at FROM agent_intervals WHERE agent = ? AND kind = ? AND end_at IS NULL AND ifnull(queue, \'\') = ? ORDER BY start_at DESC',
  );
  const closeById = db.prepare('UPDATE agent_intervals SET end_at = ? WHERE id = ?');
  const insertInterval = db.prepare('INSERT INTO agent_intervals (agent, queue, kind, reason, call_uniqueid, start_at) VALUES (?, ?, ?, ?, ?, ?)');
  let longestIntervalMs = getSetting(db, settingKeys.longestIntervalMs, 0);

  const queueCalls = createQueueCallStore(db);
  const upsertAll = db.transaction((calls: readonly SharedCall[], derivePasses: boolean) => {
    const timeZone = currentZone();
    const attempts = [];
    for (const { record, fieldRanks } of calls) {
      let stored = record;
      if (insertCall.run(callToParams(record, localHourOf(record.startedAt, timeZone), fieldRanks)).changes !== 1) {
        const merged = mergedCall(selectCall.get(record.uniqueid) as Record<string, unknown>, record, timeZone, fieldRanks);
        updateCall.run(merged.params);
        stored = merged.record;
      }
      const attempt = derivePasses ? derivedAttempt(stored, record.queueOutcome !== undefined) : undefined;
      if (attempt) attempts.push(attempt);
    }
    return queueCalls.upsertAttempts(attempts);
  });

  const addSteps = db.transaction((steps: readonly IvrStep[]) => {
    for (const step of steps) insertIvr.run(step.uniqueid, step.ivrId, step.ivrName ?? null, step.dtmf ?? null, step.startAt, step.endAt ?? null);
  });

  function closeRows(open: readonly { id: number; start_at: number }[], endAt: number): void {
    for (const interval of open) {
      closeById.run(Math.max(endAt, interval.start_at), interval.id);
      const span = endAt - interval.start_at;
      if (span > longestIntervalMs) {
        // Read again: intervals pulled from a shared history may have set a longer one meanwhile.
        longestIntervalMs = Math.max(span, getSetting(db, settingKeys.longestIntervalMs, 0));
        setSetting(db, settingKeys.longestIntervalMs, longestIntervalMs);
      }
    }
  }

  function closeOpen(agent: string, kind: AgentIntervalKind, queue: string | undefined, endAt: number): boolean {
    const open = findOpen.all(agent, kind, queue ?? '') as { id: number; start_at: number }[];
    closeRows(open, endAt);
    return open.length > 0;
  }

  const selectLeftOpen = db.prepare('SELECT id, start_at FROM agent_intervals WHERE end_at IS NULL AND console IS NULL');
  // The core samples its queues every 15 s (queue_samples) and writes each agent change: the later of the two.
  const selectAliveAt = db.prepare(`SELECT max(
    ifnull((SELECT max(at) FROM queue_samples), 0),
    ifnull((SELECT max(start_at) FROM agent_intervals WHERE console IS NULL), 0),
    ifnull((SELECT max(end_at) FROM agent_intervals WHERE console IS NULL), 0)) AS at`).pluck();

  const ledgerListeners = new Set<(changes: AttemptChange[]) => void>();
  return {
    db,
    queueCalls,
    onLedgerChanges(listener) {
      ledgerListeners.add(listener);
      return () => ledgerListeners.delete(listener);
    },
    publishLedgerChanges(changes) {
      if (changes.length > 0) for (const listener of ledgerListeners) listener(changes);
    },
    get timeZone() {
      return currentZone();
    },
    upsertCalls: (records) => (records.length > 0 ? upsertAll(records.map((record) => ({ record, fieldRanks: null })), true) : []),
    // The shared history derived each record's pass when it stored it: that pass comes down with the others.
    upsertSharedCalls: (calls) => (calls.length > 0 ? upsertAll(calls, false) : []),
    addIvrSteps: (steps) => {
      if (steps.length > 0) addSteps(steps);
    },
    openInterval: db.transaction((input: OpenIntervalInput) => {
      closeOpen(input.agent, input.kind, input.queue, input.startAt);
      return Number(insertInterval.run(input.agent, input.queue ?? null, input.kind, input.reason ?? null, input.uniqueid ?? null, input.startAt).lastInsertRowid);
    }),
    closeInterval: db.transaction((input: { agent: string; kind: AgentIntervalKind; queue?: string; endAt: number }) =>
      closeOpen(input.agent, input.kind, input.queue, input.endAt)),
    intervalsLeftOpen: () => ({
      ids: (selectLeftOpen.all() as { id: number }[]).map((row) => row.id),
      aliveAt: selectAliveAt.get() as number,
    }),
    closeLeftOpen: db.transaction((left: LeftOpen) => {
      const wanted = new Set(left.ids);
      const open = (selectLeftOpen.all() as { id: number; start_at: number }[]).filter((row) => wanted.has(row.id));
      closeRows(open, left.aliveAt);
      return open.length;
    }),
    getCall(uniqueid) {
      const row = selectCall.get(uniqueid) as Record<string, unknown> | undefined;
      return row ? rowToCall(row) : undefined;
    },
    setTimeZone(next) {
      assertTimeZone(next);
      db.function('cb_local_hour', { deterministic: true }, (at: unknown) => localHourOf(Number(at), next));
      db.transaction(() => {
        db.exec('UPDATE calls SET local_hour = cb_local_hour(started_at)');
        db.exec('UPDATE queue_calls SET local_hour = cb_local_hour(entered_at)');
        setSetting(db, settingKeys.timeZone, next);
        rebuildQueueRollups(db); // same transaction: a crash leaves the old zone whole
      })();
    },
  };
}

/** A page of the shared history's rows into the cache (app/start-history-sync.ts), passes first as call-writer.ts writes them; run it in a transaction. */
export function storeSharedPage(store: CallStore, page: { calls: readonly SharedCall[]; attempts: readonly QueueAttempt[]; steps: readonly IvrStep[] }): AttemptChange[] {
  const changes = store.queueCalls.upsertAttempts(page.attempts);
  changes.push(...store.upsertSharedCalls(page.calls));
  store.addIvrSteps(page.steps);
  return changes;
}
