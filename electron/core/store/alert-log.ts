import type { AlertEvent, AlertKind, AlertLogEntry } from '../contract';
import { recordAct, type Act, type AuditLog } from './audit-log';
import type { Db } from './database';

/** How long and how much of the alert log is kept (010 `alert_log`). */
export const alertLogRetention = { days: 90, rows: 100_000 };

export type AlertLogInput = Omit<AlertLogEntry, 'id'>;

export interface AlertLogFilter {
  limit?: number;
  beforeId?: number;
  event?: AlertEvent;
}

export interface AlertLog {
  /** Appends entries; an acknowledge or snooze comes with its audit row, written in the same transaction. */
  append(entries: readonly AlertLogInput[], audit?: { log: AuditLog; act: Act }): void;
  /** Newest first. */
  list(filter?: AlertLogFilter): AlertLogEntry[];
  /** Drops what is older than the retention or beyond its row count. */
  prune(now: number): number;
}

interface Row {
  id: number;
  at: number;
  event: AlertEvent;
  alert_id: string;
  kind: AlertKind;
  queue: string | null;
  agent: string | null;
  value: number;
  threshold: number;
  who: string | null;
  until: number | null;
}

export function createAlertLog(db: Db, retention: { days: number; rows: number } = alertLogRetention): AlertLog {
  const insert = db.prepare('INSERT INTO alert_log (at, event, alert_id, kind, queue, agent, value, threshold, who, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const removeOld = db.prepare('DELETE FROM alert_log WHERE at < ?');
  const removeBeyond = db.prepare('DELETE FROM alert_log WHERE id <= (SELECT id FROM alert_log ORDER BY id DESC LIMIT 1 OFFSET ?)');
  const write = db.transaction((entries: readonly AlertLogInput[], audit?: { log: AuditLog; act: Act }) => {
    for (const e of entries) insert.run(e.at, e.event, e.alertId, e.kind, e.queue ?? null, e.agent ?? null, e.value, e.threshold, e.who ?? null, e.until ?? null);
    if (audit) recordAct(audit.log, audit.act, { code: 'ok' });
  });
  return {
    append: (entries, audit) => write(entries, audit),
    list(filter = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.beforeId !== undefined) {
        where.push('id < ?');
        params.push(filter.beforeId);
      }
      if (filter.event !== undefined) {
        where.push('event = ?');
        params.push(filter.event);
      }
      const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
      const sql = `SELECT * FROM alert_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${limit}`;
      return (db.prepare(sql).all(...params) as Row[]).map(entryOf);
    },
    prune: (now) => removeOld.run(now - retention.days * 86_400_000).changes + removeBeyond.run(retention.rows).changes,
  };
}

function entryOf(row: Row): AlertLogEntry {
  const entry: AlertLogEntry = { id: row.id, at: row.at, event: row.event, alertId: row.alert_id, kind: row.kind, value: row.value, threshold: row.threshold };
  if (row.queue !== null) entry.queue = row.queue;
  if (row.agent !== null) entry.agent = row.agent;
  if (row.who !== null) entry.who = row.who;
  if (row.until !== null) entry.until = row.until;
  return entry;
}
