import { dialableNumber, missedOutcomes, pbxOfId, type CallbackEntry, type CallbacksReply, type QueueOutcome } from '../contract';
import { DAY_MS, DEFAULT_TIME_ZONE, localHourOf, localHourStart } from '../base/time-zone';
import { recordAct, type AuditLog } from './audit-log';
import type { Db } from './database';
import { getSetting } from './settings';
import { settingKeys } from '../base/setting-keys';

// Today's callers to call back, derived from the queue ledger and the finished calls
// each time it is read: nothing is kept in memory, so a restart shows the same list.

/** The most entries a reply carries (newest first); `total` still counts them all. */
export const CALLBACKS_LIMIT = 500;
/** Dismissals older than this are deleted: "today" never reaches back further. */
const DISMISSAL_KEEP_MS = 2 * DAY_MS;
/** Ends that neither served the caller nor count as a miss: a later one of these leaves an earlier miss open. */
const unservedOutcomes: readonly QueueOutcome[] = ['withdraw', 'unknown'];

interface PassRow {
  caller_num: string;
  /** The pass's call was answered after all: a supervisor took the caller out of the queue to an agent. */
  is_call_answered: number | null;
  queue: string;
  outcome: QueueOutcome;
  entered_at: number;
  ended_at: number | null;
  wait_seconds: number | null;
}

/**
 * A number is open when it missed a queue today (abandoned, or let go by the queue) in
 * a call nobody answered — a caller a supervisor took out of the queue to an agent was
 * served — and since its last miss no pass of it was answered, transferred or is still
 * waiting or talking, no answered outbound call to it started, and no supervisor dismissed it.
 * Tries are the number's missed passes today.
 */
export function openCallbacks(db: Db, now = Date.now(), limit = CALLBACKS_LIMIT, pbx?: string): CallbacksReply {
  const timeZone = getSetting(db, settingKeys.timeZone, DEFAULT_TIME_ZONE);
  const today = Math.floor(localHourOf(now, timeZone) / 24) * 24;
  const dayStart = localHourStart(today, timeZone);
  const passes = db.prepare(
    `SELECT q.caller_num, q.queue, q.outcome, q.entered_at, q.ended_at, q.wait_seconds, c.is_answered AS is_call_answered
     FROM queue_calls q LEFT JOIN calls c ON c.uniqueid = q.call_uniqueid
     WHERE q.local_hour >= ? AND q.local_hour < ? ORDER BY q.entered_at, q.seq`,
  ).all(today, today + 24) as PassRow[];
  // Per number: its last missed pass, dropped again by a later pass that got through or is still in a queue.
  const missed = new Map<string, PassRow>();
  const tries = new Map<string, number>();
  for (const pass of passes) {
    const number = dialableNumber(pass.caller_num);
    if (number === undefined) continue;
    if (missedOutcomes.includes(pass.outcome) && pass.is_call_answered !== 1) {
      missed.set(number, pass);
      tries.set(number, (tries.get(number) ?? 0) + 1);
    } else if (!unservedOutcomes.includes(pass.outcome)) {
      missed.delete(number);
    }
  }
  const calledBack = latestByNumber(db.prepare(
    "SELECT called_num AS number, max(started_at) AS at FROM calls WHERE direction = 'outbound' AND is_answered = 1 AND started_at >= ? GROUP BY called_num",
  ).all(dayStart) as { number: string; at: number }[]);
  // Other consoles of a shared history dismiss too: their acts arrive as audit entries (app/shared-audit-sync.ts).
  const dismissed = latestByNumber(db.prepare(
    `SELECT number, dismissed_at AS at FROM callback_dismissals WHERE dismissed_at >= ?
     UNION ALL
     SELECT target AS number, at FROM audit_log
     WHERE action = 'callbacks.dismiss' AND at >= ? AND console IS NOT NULL AND result = 'ok' AND target IS NOT NULL`,
  ).all(dayStart, dayStart) as { number: string; at: number }[]);

  const open: CallbackEntry[] = [];
  for (const [number, pass] of missed) {
    const lastAt = pass.ended_at ?? pass.entered_at;
    if ((calledBack.get(number) ?? -Infinity) >= pass.entered_at) continue;
    if ((dismissed.get(number) ?? -Infinity) >= lastAt) continue;
    open.push({ number, queue: pass.queue, waitSeconds: pass.wait_seconds ?? 0, lastAt, outcome: pass.outcome, tries: tries.get(number) ?? 0 });
  }
  // One PBX's callers (a console of several): those whose last missed pass was in one of its queues.
  const shown = pbx === undefined ? open : open.filter((entry) => pbxOfId(entry.queue) === pbx);
  shown.sort((a, b) => b.lastAt - a.lastAt || a.number.localeCompare(b.number));
  return {
    day: new Date(today / 24 * DAY_MS).toISOString().slice(0, 10), timeZone,
    entries: shown.slice(0, limit), total: shown.length, limit,
  };
}

/** Hides `number` until it misses again, written with its audit row in one transaction. */
export function dismissCallback(db: Db, audit: AuditLog, number: string, who: string, now = Date.now()): void {
  db.transaction(() => {
    recordAct(audit, { at: now, who, action: 'callbacks.dismiss', target: number, params: { number } }, { code: 'ok' });
    db.prepare('DELETE FROM callback_dismissals WHERE dismissed_at < ?').run(now - DISMISSAL_KEEP_MS);
    db.prepare(
      `INSERT INTO callback_dismissals (number, dismissed_at, who) VALUES (?, ?, ?)
       ON CONFLICT(number) DO UPDATE SET dismissed_at = excluded.dismissed_at, who = excluded.who`,
    ).run(number, now, who);
  })();
}

/** Stored numbers are raw: several spellings of one number keep the latest time. */
function latestByNumber(rows: readonly { number: string; at: number }[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const row of rows) {
    const number = dialableNumber(row.number);
    if (number !== undefined && row.at > (latest.get(number) ?? -Infinity)) latest.set(number, row.at);
  }
  return latest;
}
