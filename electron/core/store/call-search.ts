import type { CallPage, CallPageRequest, CallRecord, CallSearchFilter, CallSort, CallSortKey } from '../contract/history';
import type { Db } from './database';
import { rowToCall } from './call-row';

// The call search of the review page. Paging is keyset on (sort value, id): the next
// page starts right after the last row seen, so page 10 000 costs what page 1 costs.
// The default order (started_at DESC) walks calls_started / calls_queue_started /
// calls_agent_started and stops after one page (003_calls.sql explains the indexes).
// Totals are counted up to a cap (default TOTAL_CAP) only: an exact count of a year's
// range would read millions of index entries, and a filter checked row by row (score,
// missCause) reads cap ÷ its selectivity rows. The page shows "1 000+" instead; a
// caller wanting more asks for a higher totalCap (≤ MAX_TOTAL_CAP), e.g. lazily.

export const TOTAL_CAP = 1_000;
export const MAX_TOTAL_CAP = 100_000;
export const MAX_PAGE = 1_000;

/** Whitelisted sort expressions; NULLs folded so keyset comparisons stay total. */
const sortExpressions: Record<CallSortKey, string> = {
  startedAt: 'started_at',
  duration: 'duration',
  talkSeconds: 'talk_seconds',
  queueSeconds: 'queue_seconds',
  ringSeconds: 'ring_seconds',
  holdSeconds: 'hold_seconds',
  callerNum: 'caller_num',
  calledNum: 'called_num',
  queue: "ifnull(queue, '')",
  agent: "ifnull(agent, '')",
  score: 'ifnull(score, -1)',
};

export type SqlValue = string | number;

/** Above this many index entries, a number prefix is cheaper checked while walking the time index. */
export const SELECTIVE_PREFIX_ROWS = 5_000;

/**
 * A number prefix as an index range. A long or rare prefix ("1381234") is answered by
 * calls_caller / calls_called and the few matches are sorted; a common one ("138", a
 * sixth of all calls) would make SQLite read and sort every match, so its index is
 * disabled (unary +) and the page walks started_at order, stopping after one page.
 * One capped probe decides.
 */
function prefixRange(db: Db | undefined, column: string, prefix: string, where: string[], params: SqlValue[]) {
  const last = prefix.charCodeAt(prefix.length - 1);
  const upper = prefix.slice(0, -1) + String.fromCharCode(last + 1);
  let isSelective = true;
  if (db) {
    const probe = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM calls WHERE ${column} >= ? AND ${column} < ? LIMIT ${SELECTIVE_PREFIX_ROWS + 1})`).get(prefix, upper) as { n: number };
    isSelective = probe.n <= SELECTIVE_PREFIX_ROWS;
  }
  const operand = isSelective ? column : `+${column}`;
  where.push(`${operand} >= ? AND ${operand} < ?`);
  params.push(prefix, upper);
}

function inList(column: string, values: readonly SqlValue[] | undefined, where: string[], params: SqlValue[]) {
  if (!values || values.length === 0) return;
  where.push(values.length === 1 ? `${column} = ?` : `${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

/** WHERE clause and its parameters for a filter (shared with export). */
export function callFilterSql(filter: CallSearchFilter, db?: Db): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, value: SqlValue) => {
    where.push(clause);
    params.push(value);
  };
  if (filter.from !== undefined) add('started_at >= ?', filter.from);
  if (filter.to !== undefined) add('started_at < ?', filter.to);
  inList('queue', filter.queues, where, params);
  inList('agent', filter.agents, where, params);
  for (const [column, value, match] of [
    ['caller_num', filter.callerNum, filter.callerMatch],
    ['called_num', filter.calledNum, filter.calledMatch],
  ] as const) {
    if (!value) continue;
    if (match === 'contains') add(`instr(${column}, ?) > 0`, value);
    else prefixRange(db, column, value, where, params);
  }
  inList('direction', filter.directions, where, params);
  inList('disposition', filter.dispositions, where, params);
  inList('cdr_state', filter.cdrStates, where, params);
  inList('miss_cause', filter.missCauses, where, params);
  if (filter.isAnswered !== undefined) add('is_answered = ?', filter.isAnswered ? 1 : 0);
  if (filter.minDuration !== undefined) add('duration >= ?', filter.minDuration);
  if (filter.maxDuration !== undefined) add('duration <= ?', filter.maxDuration);
  if (filter.hasRecording !== undefined) where.push(filter.hasRecording ? 'recording_file IS NOT NULL' : 'recording_file IS NULL');
  if (filter.minScore !== undefined) add('score >= ?', filter.minScore);
  if (filter.maxScore !== undefined) add('score <= ?', filter.maxScore);
  inList('call_class', filter.callClasses, where, params);
  return { where, params };
}

function orderSql(sort: CallSort): { expression: string; order: string } {
  const expression = sortExpressions[sort.key];
  if (!expression) throw new Error(`cannot sort by ${String(sort.key)}`);
  return { expression, order: sort.order === 'asc' ? 'ASC' : 'DESC' };
}

function encodeCursor(value: SqlValue, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [SqlValue, number] {
  const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[1] !== 'number' || !['string', 'number'].includes(typeof decoded[0])) {
    throw new Error('invalid cursor');
  }
  return decoded as [SqlValue, number];
}

export const defaultSort: CallSort = { key: 'startedAt', order: 'desc' };

interface FetchedPage {
  rows: CallRecord[];
  nextCursor?: string;
}

/** A statement with `?` parameters, for SQLite or (numbered) PostgreSQL. */
export interface SqlQuery {
  sql: string;
  params: SqlValue[];
}

/**
 * The page statement for a filter's WHERE (callFilterSql, plus any scope the engine adds).
 * Rows come back as `SELECT *` with the sort value, for `pageOfRows`.
 */
export function pageQuery(filtered: { where: string[]; params: SqlValue[] }, sort: CallSort, limit: number, cursor?: string, offset?: number): SqlQuery {
  const where = [...filtered.where];
  const params = [...filtered.params];
  const { expression, order } = orderSql(sort);
  if (cursor && offset === undefined) {
    const [value, id] = decodeCursor(cursor);
    where.push(`(${expression}, id) ${order === 'DESC' ? '<' : '>'} (?, ?)`);
    params.push(value, id);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const offsetSql = offset !== undefined ? ` OFFSET ${Math.max(0, Math.trunc(offset))}` : '';
  return { sql: `SELECT *, ${expression} AS sort_value FROM calls ${whereSql} ORDER BY ${expression} ${order}, id ${order} LIMIT ${limit + 1}${offsetSql}`, params };
}

/** The page (and the cursor after it) from the `limit + 1` rows `pageQuery` read. */
export function pageOfRows(rows: readonly Record<string, unknown>[], limit: number): FetchedPage {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  const page: FetchedPage = { rows: pageRows.map(rowToCall) };
  if (rows.length > limit && last) page.nextCursor = encodeCursor(last.sort_value as SqlValue, last.id as number);
  return page;
}

/** The capped count statement (one `n` column) for the same WHERE. */
export function countQuery(filtered: { where: string[]; params: SqlValue[] }, cap: number): SqlQuery {
  const whereSql = filtered.where.length ? `WHERE ${filtered.where.join(' AND ')}` : '';
  return { sql: `SELECT count(*) AS n FROM (SELECT 1 FROM calls ${whereSql} LIMIT ${cap + 1}) AS matched`, params: filtered.params };
}

/** The page size and the total's cap a request asks for, within bounds. */
export function pageBounds(page: CallPageRequest): { limit: number; cap: number } {
  return {
    limit: Math.min(Math.max(Math.trunc(page.limit), 1), MAX_PAGE),
    cap: Math.min(Math.max(Math.trunc(page.totalCap ?? TOTAL_CAP), 0), MAX_TOTAL_CAP),
  };
}

/** The reply from a fetched page and the capped count. */
export function callPageOf(fetched: FetchedPage, counted: number, cap: number): CallPage {
  return { ...fetched, total: Math.min(counted, cap), isTotalCapped: counted > cap };
}

function fetchPage(db: Db, filter: CallSearchFilter, sort: CallSort, limit: number, cursor?: string, offset?: number): FetchedPage {
  const query = pageQuery(callFilterSql(filter, db), sort, limit, cursor, offset);
  return pageOfRows(db.prepare(query.sql).all(...query.params) as Record<string, unknown>[], limit);
}

export function searchCalls(db: Db, filter: CallSearchFilter, page: CallPageRequest, sort: CallSort = defaultSort): CallPage {
  const { limit, cap } = pageBounds(page);
  const fetched = fetchPage(db, filter, sort, limit, page.cursor, page.offset);
  const count = countQuery(callFilterSql(filter, db), cap);
  return callPageOf(fetched, (db.prepare(count.sql).get(...count.params) as { n: number }).n, cap);
}

/**
 * Every matching call in order (export), fetched in keyset chunks so no statement stays
 * open between chunks: better-sqlite3 refuses other statements on a connection while
 * one is being iterated, and the writer must keep committing during a long export.
 */
export function* iterateCalls(db: Db, filter: CallSearchFilter, sort: CallSort = defaultSort, chunk = 2_000): Generator<CallRecord> {
  let cursor: string | undefined;
  do {
    const page = fetchPage(db, filter, sort, chunk, cursor);
    yield* page.rows;
    cursor = page.nextCursor;
  } while (cursor);
}
