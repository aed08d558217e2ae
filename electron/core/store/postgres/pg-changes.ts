import type { IvrStep } from '../../contract/history';
import { openOutcomes, type QueueAttempt } from '../../contract';
import { rowToCall, type SharedCall } from '../call-row';
import { rowToAttempt } from '../queue-call-row';
import { toIvrStep } from '../call-detail';
import type { PgPool } from './pg-database';

// The rows of one PBX written to the shared history since a cursor (004_changes.sql): each version
// carries the transaction that wrote it, and a page reads only versions below the oldest
// transaction still running, so every one it passes is committed and none is skipped.

/** A position in one table's changes: the last (txid, id) read. txid is xid8 as text (it may pass 2^53). */
export interface ChangeCursor {
  txid: string;
  id: number;
}

export const changeTables = ['queue_calls', 'calls', 'ivr_steps'] as const;
export type ChangeTable = (typeof changeTables)[number];

export type ChangeCursors = Record<ChangeTable, ChangeCursor>;

export const startOfChanges: ChangeCursors = {
  queue_calls: { txid: '0', id: 0 },
  calls: { txid: '0', id: 0 },
  ivr_steps: { txid: '0', id: 0 },
};

export interface ChangePage {
  calls: SharedCall[];
  attempts: QueueAttempt[];
  steps: IvrStep[];
  /** Where the next page starts. */
  cursors: ChangeCursors;
  /** False when a table had a full page: more changes wait below the same boundary. */
  isDone: boolean;
}

/** The database's own id (history_identity): cursors of one database mean nothing on another. */
export async function historyIdentity(pool: PgPool): Promise<string> {
  const result = await pool.query<{ id: string }>('SELECT id FROM history_identity');
  const id = result.rows[0]?.id;
  if (!id) throw new Error('the PostgreSQL history has no identity row (migration 004)');
  return id;
}

/** Every transaction below this one has finished: the upper bound of a round of pages. */
export async function finishedBelow(pool: PgPool): Promise<string> {
  const result = await pool.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
  return result.rows[0]!.xmin;
}

/** One page of a table's row versions (pg-changes.ts's rule, shared by every table a console pulls). */
export interface VersionPage<Row> {
  rows: Row[];
  /** The last (txid, id) read, or the cursor given when none was. */
  cursor: ChangeCursor;
  /** Fewer than `limit` rows: nothing more below the bound. */
  isDone: boolean;
}

/**
 * Up to `limit` row versions of `table` after `cursor` and below `below` (finishedBelow), in
 * (txid, id) order, that also match `where` (its parameters are $5 on).
 */
export async function versionsAfter<Row extends object = Record<string, unknown>>(
  pool: PgPool, table: string, where: string, params: readonly unknown[], cursor: ChangeCursor, below: string, limit: number,
): Promise<VersionPage<Row>> {
  // xid8 has no type parser in pg: it arrives as text.
  const result = await pool.query<Record<string, unknown> & { txid: string; id: number }>(
    `SELECT * FROM ${table} WHERE (txid, id) > ($1::xid8, $2::bigint) AND txid < $3::xid8 ${where ? `AND ${where}` : ''} ORDER BY txid, id LIMIT $4`,
    [cursor.txid, cursor.id, below, limit, ...params],
  );
  const last = result.rows.at(-1);
  return { rows: result.rows as unknown as Row[], cursor: last ? { txid: last.txid, id: last.id } : cursor, isDone: result.rows.length < limit };
}

/** Up to `limit` changed rows per table of `pbx` after `cursors` and below `below` (finishedBelow). */
export async function readChanges(pool: PgPool, pbx: string, cursors: ChangeCursors, below: string, limit: number): Promise<ChangePage> {
  const next: ChangeCursors = { ...cursors };
  let isDone = true;
  const page = async (table: ChangeTable) => {
    // A pass still open is the writer's live view: it comes once it ends (its new version), and never if that console stopped watching it.
    const ended = table === 'queue_calls' ? ` AND outcome NOT IN (${openOutcomes.map((outcome) => `'${outcome}'`).join(', ')})` : '';
    const read = await versionsAfter(pool, table, `pbx = $5${ended}`, [pbx], cursors[table], below, limit);
    next[table] = read.cursor;
    if (!read.isDone) isDone = false;
    return read.rows;
  };
  const [attempts, calls, steps] = await Promise.all(changeTables.map(page));
  return {
    attempts: attempts!.map(rowToAttempt),
    calls: calls!.map((row) => ({ record: rowToCall(row), fieldRanks: typeof row.field_ranks === 'string' ? row.field_ranks : null })),
    steps: steps!.map(toIvrStep),
    cursors: next,
    isDone,
  };
}

/**
 * Reads every change of `pbx` after `cursors` and below `below`, a page at a time, handing each to
 * `apply` (which stores it, cursors included). The next page is read while one is applied.
 * Stops early when `isStopped` says so after a page.
 */
export async function pullChanges(
  pool: PgPool, pbx: string, cursors: ChangeCursors, below: string, pageRows: number, apply: (page: ChangePage) => void, isStopped: () => boolean = () => false,
): Promise<void> {
  let next = readChanges(pool, pbx, cursors, below, pageRows);
  for (;;) {
    const page = await next;
    const isLast = page.isDone || isStopped();
    if (!isLast) next = readChanges(pool, pbx, page.cursors, below, pageRows);
    apply(page);
    if (isLast) return;
  }
}
