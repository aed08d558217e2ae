import {
  addTally, combineFigures, emptyTally, figuresOf, rulesOf, type QueueFigures, type QueueTally, type StatsRules, type StatsRulesBook,
} from '../contract/figures';
import type { CallSearchFilter, HeatmapReply, HeatmapRequest, ReportReply, ReportRequest, ReportRow } from '../contract/history';
import { pbxOfId } from '../contract/pbx-ids';
import { callFilterSql } from './call-search';
import { tallyColumns, tallyMeasures, tallyOfRow, tallyOfValues } from '../stats/attempt-measures';
import type { Db } from './database';
import { DEFAULT_TIME_ZONE, HOUR_MS, localHourOf, localHourStart } from '../base/time-zone';
import { getSetting, statsRulesBook } from './settings';
import { settingKeys } from '../base/setting-keys';

// Reports and the heat map: the queue ledger's rollups (006_queue_ledger.sql) folded
// into figures per bucket with contract/figures.ts, each queue under its own rules.
// Ranges are whole local hours: `from` rounds down, `to` up to the next hour start.

export interface HourTally {
  localHour: number;
  queue: string;
  /** The grouping key (agent) when the source has one. */
  agent?: string;
  tally: QueueTally;
}

export function hourRange(db: Db, from: number, to: number) {
  return hourRangeIn(getSetting(db, settingKeys.timeZone, DEFAULT_TIME_ZONE), from, to);
}

/** The whole local hours [fromHour, toHour) covering [from, to) in `timeZone`. */
export function hourRangeIn(timeZone: string, from: number, to: number) {
  const fromHour = localHourOf(from, timeZone);
  const toHour = to > from ? localHourOf(to - 1, timeZone) + 1 : fromHour;
  return { timeZone, fromHour, toHour };
}

function bucketOf(grain: ReportRequest['grain'], localHour: number): number {
  const day = Math.floor(localHour / 24);
  if (grain === 'hour') return localHour;
  if (grain === 'day') return day;
  if (grain === 'week') return Math.floor((day + 3) / 7);
  return 0;
}

function bucketStart(grain: ReportRequest['grain'], bucket: number, timeZone: string, from: number): number {
  if (grain === 'hour') return localHourStart(bucket, timeZone);
  if (grain === 'day') return localHourStart(bucket * 24, timeZone);
  if (grain === 'week') return localHourStart((bucket * 7 - 3) * 24, timeZone);
  return from;
}

function bucketLabel(grain: ReportRequest['grain'], bucket: number): string {
  const wall = (hours: number) => new Date(hours * HOUR_MS).toISOString();
  if (grain === 'hour') return `${wall(bucket).slice(0, 10)} ${wall(bucket).slice(11, 13)}:00`;
  if (grain === 'day') return wall(bucket * 24).slice(0, 10);
  if (grain === 'week') return wall((bucket * 7 - 3) * 24).slice(0, 10);
  return 'all';
}

function inList(column: string, values: string[] | undefined, where: string[], params: (string | number)[]) {
  if (!values || values.length === 0) return;
  where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}

const measureList = tallyColumns.join(', ');
const measureSums = tallyColumns.map((column) => `sum(${column}) AS ${column}`).join(', ');
/** The tally's measures summed over queue_calls rows (a scan of the ledger). */
export const scanSums = tallyMeasures.map((measure) => `sum(${measure.sql}) AS ${measure.column}`).join(', ');

/** Tallies per (local hour, queue[, agent]) in the range, from the rollup that fits. */
export function hourTallies(db: Db, request: ReportRequest, fromHour: number, toHour: number): HourTally[] {
  const isAgentSource = request.dimension === 'agent' || (request.agents?.length ?? 0) > 0;
  const where: string[] = [];
  const params: (string | number)[] = [];
  let sql: string;
  // The agent day rollup holds whole local days: hourly or partial-day agent reports read the hour one.
  const isDayAligned = fromHour % 24 === 0 && toHour % 24 === 0;
  if (!isAgentSource) {
    where.push('local_hour >= ?', 'local_hour < ?');
    params.push(fromHour, toHour);
    inList('queue', request.queues, where, params);
    sql = `SELECT local_hour, queue, NULL AS agent, ${measureList} FROM queue_rollup_hour WHERE ${where.join(' AND ')}`;
  } else if (request.grain !== 'hour' && isDayAligned) {
    where.push('local_day >= ?', 'local_day < ?');
    params.push(fromHour / 24, toHour / 24);
    inList('queue', request.queues, where, params);
    inList('agent', request.agents, where, params);
    sql = `SELECT local_day * 24 AS local_hour, queue, agent, ${measureSums} FROM queue_rollup_agent_day WHERE ${where.join(' AND ')} GROUP BY 1, 2, 3`;
  } else {
    where.push('local_hour >= ?', 'local_hour < ?');
    params.push(fromHour, toHour);
    inList('queue', request.queues, where, params);
    inList('agent', request.agents, where, params);
    sql = `SELECT local_hour, queue, agent, ${measureList} FROM queue_rollup_agent_hour WHERE ${where.join(' AND ')}`;
  }
  // Raw rows: thousands of 51-column objects cost several times their arrays.
  return (db.prepare(sql).raw(true).all(...params) as unknown[][]).map((row) => {
    const entry: HourTally = { localHour: row[0] as number, queue: row[1] as string, tally: tallyOfValues(row, 3) };
    if (typeof row[2] === 'string') entry.agent = row[2];
    return entry;
  });
}

/** A caller still waiting: counts against the service level once past T. */
export interface WaitingCaller {
  localHour: number;
  queue: string;
  enteredAt: number;
}

/**
 * The SQL of waitingCallers. The partial index queue_calls_open holds only passes in progress (a few),
 * and SQLite uses a partial index only when the query repeats its WHERE term word for word:
 * `outcome = 'waiting'` alone reads every pass of the range through queue_calls_hour.
 */
export const waitingCallersSql =
  "SELECT local_hour, queue, entered_at FROM queue_calls WHERE outcome IN ('waiting', 'connected') AND outcome = 'waiting' AND local_hour >= ? AND local_hour < ?";

/** Callers still waiting, per (local hour, queue), with when they entered. */
function waitingCallers(db: Db, fromHour: number, toHour: number): WaitingCaller[] {
  return (db
    .prepare(waitingCallersSql)
    .all(fromHour, toHour) as { local_hour: number; queue: string; entered_at: number }[])
    .map((row) => ({ localHour: row.local_hour, queue: row.queue, enteredAt: row.entered_at }));
}

/**
 * Groups tallies by (group, queue), turns each into figures under its queue's rules and
 * combines the queues of a group: sums add, ratios come from the sums.
 */
export function foldFigures<Row extends { queue: string; tally: QueueTally }>(
  rows: readonly Row[],
  groupOf: (row: Row) => string,
  rulesFor: (queue: string) => StatsRules,
  waitingOverSl: (group: string, queue: string) => number,
): Map<string, QueueFigures> {
  const tallies = new Map<string, Map<string, QueueTally>>();
  // A (group, queue) of one row keeps that row's tally: an agent × hour day is thousands of them.
  const sums = new Set<QueueTally>();
  for (const row of rows) {
    const group = groupOf(row);
    let byQueue = tallies.get(group);
    if (!byQueue) tallies.set(group, (byQueue = new Map()));
    const tally = byQueue.get(row.queue);
    if (!tally) byQueue.set(row.queue, row.tally);
    else if (sums.has(tally)) addTally(tally, row.tally);
    else {
      const sum = addTally(addTally(emptyTally(), tally), row.tally);
      sums.add(sum);
      byQueue.set(row.queue, sum);
    }
  }
  const figures = new Map<string, QueueFigures>();
  for (const [group, byQueue] of tallies) {
    const parts = [...byQueue].map(([queue, tally]) => figuresOf(tally, rulesFor(queue), waitingOverSl(group, queue)));
    figures.set(group, parts.length === 1 ? parts[0]! : combineFigures(parts));
  }
  return figures;
}

/**
 * Rows one report answers with, at most: an agent × hour report over a year of a large
 * site built 470 MB of JSON for the main thread to receive. Past it the report is refused
 * with what to change, rather than sent.
 */
export const MAX_REPORT_ROWS = 50_000;

export function queueReport(db: Db, request: ReportRequest, now = Date.now(), maxRows = MAX_REPORT_ROWS): ReportReply {
  const range = hourRange(db, request.from, request.to);
  const rows = hourTallies(db, request, range.fromHour, range.toHour);
  const waiting = request.dimension === 'agent' ? [] : waitingCallers(db, range.fromHour, range.toHour);
  return foldQueueReport(request, { timeZone: range.timeZone, book: statsRulesBook(db), rows, servedFrom: 'rollup', waiting }, now, maxRows);
}

/** What a queue report is folded from, read from whichever engine holds the ledger. */
export interface QueueReportInputs {
  timeZone: string;
  book: StatsRulesBook;
  rows: readonly HourTally[];
  servedFrom: ReportReply['servedFrom'];
  /** Callers still waiting in the range (none needed for an agent report). */
  waiting: readonly WaitingCaller[];
}

/** The report from hour tallies: each queue under its rules (contract/figures.ts), grouped by bucket and key. */
export function foldQueueReport(request: ReportRequest, inputs: QueueReportInputs, now = Date.now(), maxRows = MAX_REPORT_ROWS): ReportReply {
  const { timeZone, book, rows, servedFrom } = inputs;
  const rulesFor = (queue: string): StatsRules => {
    const rules = rulesOf(book, queue);
    return request.slSeconds ? { ...rules, slSeconds: request.slSeconds } : rules;
  };
  const keyOf = (row: HourTally): string => {
    switch (request.dimension) {
      case 'total': return '';
      case 'queue': return row.queue;
      case 'pbx': return pbxOfId(row.queue);
      case 'agent': return row.agent ?? '';
    }
  };
  const groupOf = (row: HourTally) => `${bucketOf(request.grain, row.localHour)}\u0000${keyOf(row)}`;
  const overSl = new Map<string, number>();
  if (request.dimension !== 'agent') {
    const wanted = request.queues ? new Set(request.queues) : undefined;
    for (const caller of inputs.waiting) {
      if (wanted && !wanted.has(caller.queue)) continue;
      if (now - caller.enteredAt <= rulesFor(caller.queue).slSeconds * 1000) continue;
      const key = `${groupOf({ localHour: caller.localHour, queue: caller.queue, tally: emptyTally() })}\u0000${caller.queue}`;
      overSl.set(key, (overSl.get(key) ?? 0) + 1);
    }
  }
  const figures = foldFigures(rows, groupOf, rulesFor, (group, queue) => overSl.get(`${group}\u0000${queue}`) ?? 0);
  if (figures.size > maxRows) {
    throw new Error(`this report would have ${figures.size} rows (at most ${maxRows}): choose a coarser grain, a shorter range or fewer queues or agents`);
  }
  const reportRows: ReportRow[] = [...figures]
    .filter(([, f]) => f.offered > 0 || f.answered > 0)
    .map(([group, f]) => {
      const [bucket, key] = group.split('\u0000') as [string, string];
      return { bucketStart: bucketStart(request.grain, Number(bucket), timeZone, request.from), bucketLabel: bucketLabel(request.grain, Number(bucket)), key, ...f };
    })
    .sort((a, b) => a.bucketStart - b.bucketStart || a.key.localeCompare(b.key));
  const queues = new Set(rows.map((row) => row.queue));
  return { rows: reportRows, rules: Object.fromEntries([...queues].map((queue) => [queue, rulesFor(queue)])), timeZone, servedFrom };
}

/** Queue calls by local weekday × hour, the same figures as the report's (offered, answered, abandoned). */
export function queueHeatmap(db: Db, request: HeatmapRequest): HeatmapReply {
  const { timeZone, fromHour, toHour } = hourRange(db, request.from, request.to);
  const book = statsRulesBook(db);
  const rows = hourTallies(db, { ...request, dimension: 'queue', grain: 'hour' }, fromHour, toHour);
  const figures = foldFigures(rows, (row) => `${(Math.floor(row.localHour / 24) + 3) % 7}\u0000${row.localHour % 24}`, (queue) => rulesOf(book, queue), () => 0);
  const cells = [...figures]
    .filter(([, f]) => f.offered > 0)
    .map(([cell, f]) => {
      const [weekday, hour] = cell.split('\u0000').map(Number) as [number, number];
      return { weekday, hour, offered: f.offered, answered: f.answered, abandoned: f.abandoned };
    })
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  return { cells, timeZone };
}

/** Filter fields a queue pass in progress (no history row yet) can be judged by. */
const passFilterFields = new Set(['from', 'to', 'queues', 'agents', 'callClasses']);

/**
 * The queue figures of the calls a history search finds: their queue passes, each queue under
 * its rules. Calls still in progress have no history row yet; when the search is by time, queue
 * or agent only, their passes count too, so the total equals the wallboard's for the same day.
 */
export function historyTotals(db: Db, filter: CallSearchFilter): QueueFigures {
  const { where, params } = callFilterSql(filter, db);
  const calls = `SELECT uniqueid FROM calls${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
  let open = '';
  if (Object.keys(filter).every((key) => passFilterFields.has(key)) && (filter.callClasses?.includes('customer') ?? true)) {
    const passWhere = ["outcome IN ('waiting', 'connected')"];
    if (filter.from !== undefined) {
      passWhere.push('entered_at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      passWhere.push('entered_at < ?');
      params.push(filter.to);
    }
    inList('queue', filter.queues, passWhere, params);
    inList('agent', filter.agents, passWhere, params);
    open = ` OR (${passWhere.join(' AND ')})`;
  }
  const rows = (db.prepare(`SELECT queue, ${scanSums} FROM queue_calls WHERE call_uniqueid IN (${calls})${open} GROUP BY queue`).all(...params) as Record<string, unknown>[])
    .map((row): HourTally => ({ localHour: 0, queue: row.queue as string, tally: tallyOfRow(row) }));
  const book = statsRulesBook(db);
  return foldFigures(rows, () => '', (queue) => rulesOf(book, queue), () => 0).get('') ?? figuresOf(emptyTally(), book.defaults);
}
