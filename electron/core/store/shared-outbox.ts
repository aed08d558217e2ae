import type { Db } from './database';
import { rowToCall, type SharedCall } from './call-row';
import { rowToAttempt } from './queue-call-row';
import { toIvrStep } from './call-detail';
import type { CallRecord, IvrStep, QueueAttempt } from '../contract';

// The calls this console recorded that the shared history does not have yet (014_shared_outbox.sql).
// Noted in the same transaction as the cache's write, so a call acknowledged here reaches the
// database even across kill -9 or a database outage; the sync sends each as the cache then holds it
// (its row, queue passes and IVR steps) and forgets it once PostgreSQL committed it.

const sharing = new WeakSet<Db>();
/** Increases with every note, across restarts too (it starts at the clock). */
let lastNoted = 0;
const listeners = new WeakMap<Db, () => void>();

/** Whether this cache's own writes are noted for a shared history (--history). Without one, the outbox is emptied. */
export function shareWrites(db: Db, isShared: boolean): void {
  if (isShared) sharing.add(db);
  else {
    sharing.delete(db);
    db.exec('DELETE FROM shared_outbox');
  }
}

/** Told after writes were noted (the sync sends them soon rather than at its next round). */
export function onNoted(db: Db, listener: () => void): () => void {
  listeners.set(db, listener);
  return () => listeners.delete(db);
}

/** Call inside the transaction that stores the calls, passes and steps this console recorded or imported. */
export function noteOwnWrites(db: Db, written: { calls?: readonly CallRecord[]; attempts?: readonly QueueAttempt[]; steps?: readonly IvrStep[] }): void {
  if (!sharing.has(db)) return;
  const uniqueids = new Set([
    ...(written.calls ?? []).map((record) => record.uniqueid),
    ...(written.attempts ?? []).map((attempt) => attempt.callId),
    ...(written.steps ?? []).map((step) => step.uniqueid),
  ]);
  if (uniqueids.size === 0) return;
  const note = db.prepare('INSERT INTO shared_outbox (uniqueid, noted) VALUES (?, ?) ON CONFLICT(uniqueid) DO UPDATE SET noted = excluded.noted');
  lastNoted = Math.max(lastNoted + 1, Date.now());
  for (const uniqueid of uniqueids) note.run(uniqueid, lastNoted);
  const listener = listeners.get(db);
  if (listener) queueMicrotask(listener);
}

export interface UnsentCalls {
  /** Each call with the note it was read at (forgetUnsent keeps one noted again since). */
  noted: { uniqueid: string; noted: number }[];
  calls: SharedCall[];
  attempts: QueueAttempt[];
  steps: IvrStep[];
}

/** Up to `limit` noted calls, each as the cache holds it now (a pass or step without its call's row comes too). */
export function readUnsent(db: Db, limit: number): UnsentCalls {
  const noted = db.prepare('SELECT uniqueid, noted FROM shared_outbox LIMIT ?').all(limit) as { uniqueid: string; noted: number }[];
  const call = db.prepare('SELECT * FROM calls WHERE uniqueid = ?');
  const passes = db.prepare('SELECT * FROM queue_calls WHERE call_uniqueid = ? ORDER BY seq');
  const steps = db.prepare('SELECT * FROM ivr_steps WHERE call_uniqueid = ? ORDER BY start_at, id');
  const unsent: UnsentCalls = { noted, calls: [], attempts: [], steps: [] };
  for (const { uniqueid } of noted) {
    const row = call.get(uniqueid) as Record<string, unknown> | undefined;
    if (row) unsent.calls.push({ record: rowToCall(row), fieldRanks: typeof row.field_ranks === 'string' ? row.field_ranks : null });
    unsent.attempts.push(...(passes.all(uniqueid) as Record<string, unknown>[]).map(rowToAttempt));
    unsent.steps.push(...(steps.all(uniqueid) as Record<string, unknown>[]).map(toIvrStep));
  }
  return unsent;
}

/** Forgets the calls sent, each unless it was noted again after it was read. */
export function forgetUnsent(db: Db, sent: UnsentCalls['noted']): void {
  const remove = db.prepare('DELETE FROM shared_outbox WHERE uniqueid = ? AND noted = ?');
  db.transaction(() => {
    for (const { uniqueid, noted } of sent) remove.run(uniqueid, noted);
  })();
}
