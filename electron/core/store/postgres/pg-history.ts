import { defaultStatsRulesBook, type StatsRulesBook } from '../../contract/figures';
import type { CallPage, CallPageRequest, CallRecord, CallSearchFilter, CallSort, IvrStep, ReportReply, ReportRequest } from '../../contract/history';
import type { QueueAttempt } from '../../contract';
import { DEFAULT_TIME_ZONE, assertTimeZone, localHourOf } from '../../base/time-zone';
import { derivedAttempt } from '../../stats/attempt-of-record';
import { tallyMeasures, tallyOfRow } from '../../stats/attempt-measures';
import { callColumnList, callToParams, mergedCall, rowToCall, type SharedCall } from '../call-row';
import { attemptColumnList, attemptToParams, mergeAttempts, rowToAttempt } from '../queue-call-row';
import { callFilterSql, callPageOf, countQuery, defaultSort, pageBounds, pageOfRows, pageQuery, type SqlValue } from '../call-search';
import { foldQueueReport, hourRangeIn, type HourTally, type WaitingCaller } from '../queue-reports';
import { toIvrStep } from '../call-detail';
import { inTransaction, numbered, type PgClient, type PgPool } from './pg-database';

// The call history on a shared PostgreSQL database: the calls and the queue ledger of one
// PBX, written and read with the SQLite store's own row encoding (call-row.ts,
// queue-call-row.ts), merge rules, filter SQL (call-search.ts) and figure folding
// (queue-reports.ts, contract/figures.ts). Several consoles and cores may write the same
// calls: (pbx, uniqueid) keeps one row, merged as SQLite merges.

export interface PgHistoryOptions {
  /** Which PBX these calls are from: rows of other PBXs in the database are neither read nor merged. */
  pbx: string;
  /** Local hours and days (default Asia/Shanghai, as the SQLite cache). */
  timeZone?: string;
}

export interface PgHistory {
  readonly pbx: string;
  readonly timeZone: string;
  /**
   * Inserts or merges (call-row.ts mergeCallRecords) every record and its queue pass in one transaction,
   * after `attempts`: queue passes as AMI or queue_log report them (queue-call-row.ts mergeAttempts), stored
   * first as call-writer.ts stores them.
   */
  upsertCalls(records: readonly CallRecord[], attempts?: readonly QueueAttempt[]): Promise<void>;
  /** upsertCalls for calls a merge made (the SQLite cache's rows): each merged again with the ranks its fields came with. */
  upsertSharedCalls(calls: readonly SharedCall[], attempts?: readonly QueueAttempt[]): Promise<void>;
  /** Ignores steps already stored (same call, node and start), as call-store.ts addIvrSteps does. */
  addIvrSteps(steps: readonly IvrStep[]): Promise<void>;
  /** The IVR nodes one call went through, in order (call-detail.ts ivrStepsOf). */
  ivrStepsOf(uniqueid: string): Promise<IvrStep[]>;
  getCall(uniqueid: string): Promise<CallRecord | undefined>;
  /** The review page's search, as call-search.ts searchCalls answers it on SQLite. */
  searchCalls(filter: CallSearchFilter, page: CallPageRequest, sort?: CallSort): Promise<CallPage>;
  /** A queue report (queue-reports.ts queueReport), summed from the ledger rows of the range under `book`'s rules. */
  queueReport(request: ReportRequest, book?: StatsRulesBook, now?: number): Promise<ReportReply>;
}

/** Rows per INSERT: one array parameter per column, so the statement stays small whatever the batch. */
const INSERT_CHUNK = 5_000;

/** How one table is upserted: its key, its columns (row objects keyed by column) and its merge rule. */
interface UpsertSpec<Item> {
  table: string;
  keyColumns: readonly string[];
  columns: readonly string[];
  keyOf(item: Item): SqlValue[];
  rowOf(item: Item): Record<string, unknown>;
  /** The row after `item` meets the stored `row` (SELECT *). */
  merge(row: Record<string, unknown>, item: Item): Record<string, unknown>;
}

/** Each column's SQL type as the migrations made it, for typing array parameters. */
async function columnTypes(client: PgClient, table: string): Promise<Map<string, string>> {
  const result = await client.query<{ name: string; type: string }>(
    'SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped',
    [table],
  );
  return new Map(result.rows.map((row) => [row.name, row.type]));
}

/**
 * Inserts the items a chunk at a time (ON CONFLICT DO NOTHING, in arrival order so ids
 * follow it as SQLite's do); the ones whose key was stored already, or came earlier in
 * the batch, are merged into the locked row in arrival order and written back. A
 * concurrent writer's insert of the same key makes ours wait for its commit, then
 * conflict: its row is merged, never duplicated. Returns each key's row as it now stands.
 */
async function upsertRows<Item>(
  client: PgClient, pbx: string, spec: UpsertSpec<Item>, types: Map<string, string>, items: readonly Item[],
): Promise<Map<string, Record<string, unknown>>> {
  const typeOf = (column: string) => types.get(column) ?? 'text';
  const keyText = (key: readonly unknown[]) => JSON.stringify(key);
  const keyList = spec.keyColumns.join(', ');
  const insert = `INSERT INTO ${spec.table} (pbx, ${spec.columns.join(', ')})
    SELECT $1, ${spec.columns.map((column) => `u.${column}`).join(', ')}
    FROM unnest(${spec.columns.map((column, index) => `$${index + 2}::${typeOf(column)}[]`).join(', ')}) WITH ORDINALITY AS u(${spec.columns.join(', ')}, n)
    ORDER BY u.n
    ON CONFLICT (pbx, ${keyList}) DO NOTHING RETURNING ${keyList}`;
  const toMerge: Item[] = [];
  const stood = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < items.length; start += INSERT_CHUNK) {
    const chunk = items.slice(start, start + INSERT_CHUNK);
    const rows = chunk.map((item) => spec.rowOf(item));
    const inserted = await client.query<Record<string, SqlValue>>(insert, [pbx, ...spec.columns.map((column) => rows.map((row) => row[column] ?? null))]);
    const fresh = new Set(inserted.rows.map((row) => keyText(spec.keyColumns.map((column) => row[column]))));
    chunk.forEach((item, index) => {
      const key = keyText(spec.keyOf(item));
      if (!fresh.delete(key)) toMerge.push(item);
      else stood.set(key, rows[index]!);
    });
  }
  if (toMerge.length === 0) return stood;
  const keys = [...new Map(toMerge.map((item) => [keyText(spec.keyOf(item)), spec.keyOf(item)])).values()];
  const stored = await client.query<Record<string, unknown>>(
    `SELECT * FROM ${spec.table} WHERE pbx = $1 AND (${keyList}) IN (SELECT * FROM unnest(${spec.keyColumns.map((column, index) => `$${index + 2}::${typeOf(column)}[]`).join(', ')}))
     ORDER BY ${keyList} FOR UPDATE`,
    [pbx, ...spec.keyColumns.map((_, index) => keys.map((key) => key[index]))],
  );
  const rows = new Map(stored.rows.map((row) => [keyText(spec.keyColumns.map((column) => row[column])), row]));
  const settable = spec.columns.filter((column) => !spec.keyColumns.includes(column));
  const changed = new Set<string>();
  for (const item of toMerge) {
    const key = keyText(spec.keyOf(item));
    const row = rows.get(key);
    if (!row) throw new Error(`${spec.table}: the stored row of ${key} is missing`);
    const merged = { ...row, ...spec.merge(row, item) };
    rows.set(key, merged);
    // A report the row already holds (the same call seen by two consoles) writes nothing: no new version for the others to pull.
    if (settable.some((column) => (merged[column] ?? null) !== (row[column] ?? null))) changed.add(key);
  }
  // A new version takes its transaction's id, as an insert does: the consoles pulling changes (pg-changes.ts) see it.
  const update = `UPDATE ${spec.table} SET ${settable.map((column, index) => `${column} = $${index + 1}`).join(', ')}, txid = pg_current_xact_id()
    WHERE pbx = $${settable.length + 1} AND ${spec.keyColumns.map((column, index) => `${column} = $${settable.length + index + 2}`).join(' AND ')}`;
  for (const key of changed) {
    const row = rows.get(key)!;
    await client.query(update, [...settable.map((column) => row[column] ?? null), pbx, ...spec.keyColumns.map((column) => row[column])]);
  }
  for (const [key, row] of rows) stood.set(key, row);
  return stood;
}

/** The tally's measures summed over ledger rows: the SQLite expressions, booleans counted as integers. */
const ledgerSums = tallyMeasures.map((measure) => `sum((${measure.sql})::integer) AS ${measure.column}`).join(', ');

export function createPgHistory(pool: PgPool, options: PgHistoryOptions): PgHistory {
  const { pbx } = options;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone);

  const callSpec: UpsertSpec<SharedCall> = {
    table: 'calls',
    keyColumns: ['uniqueid'],
    columns: callColumnList,
    keyOf: ({ record }) => [record.uniqueid],
    rowOf: ({ record, fieldRanks }) => callToParams(record, localHourOf(record.startedAt, timeZone), fieldRanks),
    merge: (row, { record, fieldRanks }) => mergedCall(row, record, timeZone, fieldRanks).params,
  };
  const attemptSpec: UpsertSpec<QueueAttempt> = {
    table: 'queue_calls',
    keyColumns: ['call_uniqueid', 'seq'],
    columns: attemptColumnList,
    keyOf: (attempt) => [attempt.callId, attempt.seq],
    rowOf: (attempt) => attemptToParams(attempt, localHourOf(attempt.enteredAt, timeZone)),
    merge: (row, attempt) => {
      const merged = mergeAttempts(rowToAttempt(row), attempt);
      return attemptToParams(merged, localHourOf(merged.enteredAt, timeZone));
    },
  };

  let types: { calls: Map<string, string>; queueCalls: Map<string, string> } | undefined;

  async function upsertShared(calls: readonly SharedCall[], reported: readonly QueueAttempt[] = []): Promise<void> {
    if (calls.length === 0 && reported.length === 0) return;
    await inTransaction(pool, async (client) => {
      types ??= { calls: await columnTypes(client, 'calls'), queueCalls: await columnTypes(client, 'queue_calls') };
      if (reported.length > 0) await upsertRows(client, pbx, attemptSpec, types.queueCalls, reported);
      if (calls.length === 0) return;
      const stored = await upsertRows(client, pbx, callSpec, types.calls, calls);
      // As on SQLite (call-store.ts), from each call as merged here.
      const statingNone = new Set(calls.filter(({ record }) => record.queueOutcome === undefined).map(({ record }) => record.uniqueid));
      const derived = [...stored.values()].map(rowToCall).flatMap((call) => derivedAttempt(call, !statingNone.has(call.uniqueid)) ?? []);
      if (derived.length > 0) await upsertRows(client, pbx, attemptSpec, types.queueCalls, derived);
    });
  }

  function scopedFilter(filter: CallSearchFilter) {
    // No prefix probe (its SQL is SQLite's unary-plus trick): PostgreSQL's planner weighs the prefix range itself.
    const { where, params } = callFilterSql(filter);
    return { where: ['pbx = ?', ...where], params: [pbx, ...params] };
  }

  return {
    pbx,
    timeZone,
    upsertCalls: (records, reported) => upsertShared(records.map((record) => ({ record, fieldRanks: null })), reported),
    upsertSharedCalls: upsertShared,
    async addIvrSteps(steps) {
      if (steps.length === 0) return;
      const column = <Value>(value: (step: IvrStep) => Value) => steps.map(value);
      await pool.query(
        `INSERT INTO ivr_steps (pbx, call_uniqueid, ivr_id, ivr_name, dtmf, start_at, end_at)
         SELECT $1, u.call_uniqueid, u.ivr_id, u.ivr_name, u.dtmf, u.start_at, u.end_at
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
           WITH ORDINALITY AS u(call_uniqueid, ivr_id, ivr_name, dtmf, start_at, end_at, n)
         ORDER BY u.n ON CONFLICT (pbx, call_uniqueid, start_at, ivr_id) DO NOTHING`,
        [pbx, column((step) => step.uniqueid), column((step) => step.ivrId), column((step) => step.ivrName ?? null), column((step) => step.dtmf ?? null),
          column((step) => step.startAt), column((step) => step.endAt ?? null)],
      );
    },
    async ivrStepsOf(uniqueid) {
      const result = await pool.query<Record<string, unknown>>('SELECT * FROM ivr_steps WHERE pbx = $1 AND call_uniqueid = $2 ORDER BY start_at, id', [pbx, uniqueid]);
      return result.rows.map(toIvrStep);
    },
    async getCall(uniqueid) {
      const result = await pool.query<Record<string, unknown>>('SELECT * FROM calls WHERE pbx = $1 AND uniqueid = $2', [pbx, uniqueid]);
      const row = result.rows[0];
      return row ? rowToCall(row) : undefined;
    },
    async searchCalls(filter, page, sort = defaultSort) {
      const { limit, cap } = pageBounds(page);
      const scoped = scopedFilter(filter);
      const rows = pageQuery(scoped, sort, limit, page.cursor, page.offset);
      const count = countQuery(scoped, cap);
      const [fetched, counted] = await Promise.all([
        pool.query<Record<string, unknown>>(numbered(rows.sql), rows.params),
        pool.query<{ n: number }>(numbered(count.sql), count.params),
      ]);
      return callPageOf(pageOfRows(fetched.rows, limit), counted.rows[0]?.n ?? 0, cap);
    },
    async queueReport(request, book = defaultStatsRulesBook, now = Date.now()) {
      const { fromHour, toHour } = hourRangeIn(timeZone, request.from, request.to);
      const isAgentSource = request.dimension === 'agent' || (request.agents?.length ?? 0) > 0;
      const where = ['pbx = $1', 'local_hour >= $2', 'local_hour < $3'];
      const params: unknown[] = [pbx, fromHour, toHour];
      for (const [column, values] of [['queue', request.queues], ['agent', request.agents]] as const) {
        if (!values || values.length === 0) continue;
        params.push(values);
        where.push(`${column} = ANY($${params.length})`);
      }
      if (isAgentSource) where.push('agent IS NOT NULL');
      const groups = isAgentSource ? 'local_hour, queue, agent' : 'local_hour, queue';
      const tallies = pool.query<Record<string, unknown>>(`SELECT ${groups}, ${ledgerSums} FROM queue_calls WHERE ${where.join(' AND ')} GROUP BY ${groups}`, params);
      const waiting = request.dimension === 'agent'
        ? Promise.resolve([])
        : pool.query<{ local_hour: number; queue: string; entered_at: number }>(
          "SELECT local_hour, queue, entered_at FROM queue_calls WHERE pbx = $1 AND outcome = 'waiting' AND local_hour >= $2 AND local_hour < $3",
          [pbx, fromHour, toHour],
        ).then((result) => result.rows.map((row): WaitingCaller => ({ localHour: row.local_hour, queue: row.queue, enteredAt: row.entered_at })));
      const rows = (await tallies).rows.map((row) => {
        const entry: HourTally = { localHour: row.local_hour as number, queue: row.queue as string, tally: tallyOfRow(row) };
        if (typeof row.agent === 'string') entry.agent = row.agent;
        return entry;
      });
      return foldQueueReport(request, { timeZone, book, rows, servedFrom: 'calls', waiting: await waiting }, now);
    },
  };
}
