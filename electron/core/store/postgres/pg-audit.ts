import type { PgPool } from './pg-database';
import { versionsAfter, type ChangeCursor, type VersionPage } from './pg-changes';

// Every console's acts on the shared history (006_shared_audit.sql): each console adds its own
// entries (idempotent by console + entry id) and reads the others' by transaction id.

export interface SharedAuditRow {
  /** The console that acted, and its own id for the entry. */
  console: string;
  entry: number;
  at: number;
  who: string;
  action: string;
  target: string | null;
  params: string | null;
  result: 'ok' | 'error';
  message: string | null;
}

export async function addAuditRows(pool: PgPool, rows: readonly SharedAuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <Value>(value: (row: SharedAuditRow) => Value) => rows.map(value);
  await pool.query(
    `INSERT INTO audit_log (console, entry, at, who, action, target, params, result, message)
     SELECT console, entry, at, who, action, target, params, result, message FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) WITH ORDINALITY AS u(console, entry, at, who, action, target, params, result, message, n)
     ORDER BY n ON CONFLICT (console, entry) DO NOTHING`,
    [column((row) => row.console), column((row) => row.entry), column((row) => row.at), column((row) => row.who), column((row) => row.action),
      column((row) => row.target), column((row) => row.params), column((row) => row.result), column((row) => row.message)],
  );
}

/** Up to `limit` entries of consoles other than `self`, after `cursor` and below `below` (pg-changes.ts finishedBelow). */
export async function readAuditRows(pool: PgPool, self: string, cursor: ChangeCursor, below: string, limit: number): Promise<VersionPage<SharedAuditRow>> {
  const page = await versionsAfter<SharedAuditRow & { id: number; txid: string }>(pool, 'audit_log', '', [], cursor, below, limit);
  return { ...page, rows: page.rows.filter((row) => row.console !== self).map(({ id: _id, txid: _txid, ...row }) => row) };
}
