import type { Db } from './database';
import { rowToCall, type SharedCall } from './call-row';
import { rowToAttempt } from './queue-call-row';
import { toIvrStep } from './call-detail';
import type { IvrStep, QueueAttempt } from '../contract';

// The calls to send to the shared history again (014_shared_outbox.sql), and what the cache holds of them.

export function noteUnsent(db: Db, uniqueids: Iterable<string>): void {
  const insert = db.prepare('INSERT OR IGNORE INTO shared_outbox (uniqueid) VALUES (?)');
  db.transaction(() => {
    for (const uniqueid of uniqueids) insert.run(uniqueid);
  })();
}

export interface UnsentCalls {
  uniqueids: string[];
  calls: SharedCall[];
  attempts: QueueAttempt[];
  steps: IvrStep[];
}

/** Up to `limit` noted calls, each as the cache holds it now (a pass or step without its call's row comes too). */
export function readUnsent(db: Db, limit: number): UnsentCalls {
  const uniqueids = (db.prepare('SELECT uniqueid FROM shared_outbox LIMIT ?').all(limit) as { uniqueid: string }[]).map((row) => row.uniqueid);
  const call = db.prepare('SELECT * FROM calls WHERE uniqueid = ?');
  const passes = db.prepare('SELECT * FROM queue_calls WHERE call_uniqueid = ? ORDER BY seq');
  const steps = db.prepare('SELECT * FROM ivr_steps WHERE call_uniqueid = ? ORDER BY start_at, id');
  const unsent: UnsentCalls = { uniqueids, calls: [], attempts: [], steps: [] };
  for (const uniqueid of uniqueids) {
    const row = call.get(uniqueid) as Record<string, unknown> | undefined;
    if (row) unsent.calls.push({ record: rowToCall(row), fieldRanks: typeof row.field_ranks === 'string' ? row.field_ranks : null });
    unsent.attempts.push(...(passes.all(uniqueid) as Record<string, unknown>[]).map(rowToAttempt));
    unsent.steps.push(...(steps.all(uniqueid) as Record<string, unknown>[]).map(toIvrStep));
  }
  return unsent;
}

export function forgetUnsent(db: Db, uniqueids: readonly string[]): void {
  const remove = db.prepare('DELETE FROM shared_outbox WHERE uniqueid = ?');
  db.transaction(() => {
    for (const uniqueid of uniqueids) remove.run(uniqueid);
  })();
}
