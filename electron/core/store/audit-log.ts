import type { AuditEntry, AuditFilter } from '../contract/history';
import type { ActionResult } from '../contract/method';
import type { Db } from './database';

// Supervisor actions (004 `audit_log`): the dispatcher's caller (`who`), the contract
// method, its target and params, and whether the PBX accepted it.

export type AuditInput = Omit<AuditEntry, 'id' | 'at'> & { at?: number };

export interface AuditLog {
  append(entry: AuditInput): number;
  /** Newest first; page with `beforeId` = the last id of the previous page. */
  list(filter?: AuditFilter): AuditEntry[];
}

/** What an act came to: an ActionResult, or a code such as a connection test's (`ok` or why not). */
export type ActOutcome = ActionResult<unknown> | { code: string; message?: string };

export interface Act {
  who: string;
  action: string;
  target?: string;
  params?: unknown;
  at?: number;
}

/**
 * The one way an act is written down, whichever part of the core ran it (the action
 * service, settings, call-backs, imports and exports): a failure reads `code: message`.
 * A failed write is reported to `warn`, never thrown: the act itself already happened.
 */
export function recordAct(audit: Pick<AuditLog, 'append'>, act: Act, outcome: ActOutcome, warn?: (message: string, error: unknown) => void): void {
  const failure = 'ok' in outcome ? (outcome.ok ? undefined : outcome.error) : outcome.code === 'ok' ? undefined : outcome;
  const entry: AuditInput = { ...act, result: failure ? 'error' : 'ok' };
  if (failure) entry.message = failure.message ? `${failure.code}: ${failure.message}` : failure.code;
  try {
    audit.append(entry);
  } catch (error) {
    if (!warn) throw error;
    warn(`audit log write failed for ${act.action}`, error);
  }
}

export function createAuditLog(db: Db): AuditLog {
  const insert = db.prepare('INSERT INTO audit_log (at, who, action, target, params, result, message) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return {
    append(entry) {
      const params = entry.params === undefined ? null : JSON.stringify(entry.params);
      return Number(insert.run(entry.at ?? Date.now(), entry.who, entry.action, entry.target ?? null, params, entry.result, entry.message ?? null).lastInsertRowid);
    },
    list(filter = {}) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      const add = (clause: string, value: string | number) => {
        where.push(clause);
        params.push(value);
      };
      if (filter.from !== undefined) add('at >= ?', filter.from);
      if (filter.to !== undefined) add('at < ?', filter.to);
      if (filter.who !== undefined) {
        // A named operator is found by their name alone, from whichever address they acted.
        where.push("(who = ? OR who LIKE ? ESCAPE '\\')");
        params.push(filter.who, `operator:${filter.who.replace(/[\\%_]/g, (c) => `\\${c}`)}@%`);
      }
      if (filter.action !== undefined) add('action = ?', filter.action);
      if (filter.result !== undefined) add('result = ?', filter.result);
      if (filter.beforeId !== undefined) add('(at, id) < (SELECT at, id FROM audit_log WHERE id = ?)', filter.beforeId);
      const limit = Math.min(Math.max(filter.limit ?? 200, 1), 5_000);
      // Time order, not id order: another console's acts arrive after the fact (shared-audit-sync.ts).
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ${limit}`;
      return (db.prepare(sql).all(...params) as Record<string, unknown>[]).map(auditEntryOf);
    },
  };
}

/** An audit_log row (SELECT *) as the contract's entry. */
export function auditEntryOf(row: Record<string, unknown>): AuditEntry {
  const entry: AuditEntry = { id: row.id as number, at: row.at as number, who: row.who as string, action: row.action as string, result: row.result as 'ok' | 'error' };
  if (row.target !== null) entry.target = row.target as string;
  if (row.params !== null) entry.params = JSON.parse(row.params as string);
  if (row.message !== null) entry.message = row.message as string;
  if (typeof row.console === 'string') entry.console = row.console;
  return entry;
}
