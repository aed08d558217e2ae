import type { BreakdownReply, BreakdownRequest, DistributionReply, PeriodRequest, SlTrendReply } from '../contract/distributions';
import { addTally, emptyTally, rulesOf, type QueueFigures, type QueueTally, type StatsRules } from '../contract/figures';
import { combineWaitDistributions, QUARTER_MS, quarterFiguresOf, waitDistributionOf } from '../contract/wait-figures';
import { DAY_MS, DEFAULT_TIME_ZONE, localHourOf } from '../base/time-zone';
import { tallyOfRow } from '../stats/attempt-measures';
import type { Db } from './database';
import { foldFigures, hourRange, hourTallies, MAX_REPORT_ROWS, scanSums } from './queue-reports';
import { getSetting, statsRulesBook } from './settings';
import { settingKeys } from '../base/setting-keys';

// Distributions and trends over the queue ledger, each figure as contract/figures.ts
// defines it: answer / abandon time distributions from the rollups' wait histograms,
// and queue figures grouped by something the rollups do not keep (the call's DID or
// trunk, the quarter hour a pass entered) from a scan of the ledger's passes.

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** Answered and abandoned calls by how long they waited, per queue (each under its own rules) and in total. */
export function waitDistributions(db: Db, request: PeriodRequest): DistributionReply {
  const { timeZone, fromHour, toHour } = hourRange(db, request.from, request.to);
  const book = statsRulesBook(db);
  const rows = hourTallies(db, { ...request, dimension: 'queue', grain: 'all' }, fromHour, toHour);
  const byQueue = new Map<string, QueueTally>();
  for (const row of rows) {
    let tally = byQueue.get(row.queue);
    if (!tally) byQueue.set(row.queue, (tally = emptyTally()));
    addTally(tally, row.tally);
  }
  const queues = [...byQueue]
    .filter(([, tally]) => tally.offered > 0)
    .sort(([a], [b]) => byName(a, b))
    .map(([queue, tally]) => ({ queue, distribution: waitDistributionOf(tally, rulesOf(book, queue)) }));
  return { total: combineWaitDistributions(queues.map((entry) => entry.distribution)), queues, timeZone };
}

/** How a scan groups passes: an SQL expression over `q` (queue_calls) and `c` (the call's history row, absent while in progress). */
interface PassGrouping {
  keySql: string;
  joinsCalls: boolean;
}

const groupings = {
  did: { keySql: "ifnull(c.called_num, '')", joinsCalls: true },
  trunk: { keySql: "ifnull(c.trunk_number, '')", joinsCalls: true },
  quarter: { keySql: `CAST(q.entered_at / ${QUARTER_MS} AS INTEGER)`, joinsCalls: false },
} satisfies Record<string, PassGrouping>;

interface KeyedFigures {
  figures: Map<string, QueueFigures>;
  /** Distinct calls per key (a call that passed through two queues is one call). */
  calls: Map<string, number>;
}

/**
 * Queue figures of the passes entering in [fromHour, toHour), grouped by `grouping`, each queue
 * under its rules and the queues of a key combined. Callers still waiting past T count against
 * the service level as the reports count them. Refused past `maxKeys` keys.
 */
function figuresByKey(
  db: Db, grouping: PassGrouping, range: { fromHour: number; toHour: number; queues?: string[] | undefined },
  rulesFor: (queue: string) => StatsRules, now: number, maxKeys = MAX_REPORT_ROWS,
): KeyedFigures {
  const where = ['q.local_hour >= ?', 'q.local_hour < ?'];
  const params: (string | number)[] = [range.fromHour, range.toHour];
  if (range.queues && range.queues.length > 0) {
    where.push(`q.queue IN (${range.queues.map(() => '?').join(', ')})`);
    params.push(...range.queues);
  }
  const join = grouping.joinsCalls ? ' LEFT JOIN calls c ON c.uniqueid = q.call_uniqueid' : '';
  const passes = `SELECT q.*, ${grouping.keySql} AS bkey FROM queue_calls q${join} WHERE ${where.join(' AND ')}`;
  const rows: { key: string; queue: string; tally: QueueTally }[] = [];
  const calls = new Map<string, number>();
  for (const row of db.prepare(`SELECT bkey, count(DISTINCT call_uniqueid) AS calls FROM (${passes}) GROUP BY bkey`).iterate(...params) as Iterable<{ bkey: string | number; calls: number }>) {
    calls.set(String(row.bkey), row.calls);
    if (calls.size > maxKeys) throw new Error(`this breakdown would have more than ${maxKeys} rows: choose a shorter range or fewer queues`);
  }
  for (const row of db.prepare(`SELECT bkey, queue, ${scanSums} FROM (${passes}) GROUP BY bkey, queue`).iterate(...params) as Iterable<Record<string, unknown>>) {
    rows.push({ key: String(row.bkey), queue: row.queue as string, tally: tallyOfRow(row) });
  }
  const overSl = new Map<string, number>();
  const waiting = db.prepare(`SELECT bkey, queue, entered_at FROM (${passes}) WHERE outcome = 'waiting'`).all(...params) as { bkey: string | number; queue: string; entered_at: number }[];
  for (const caller of waiting) {
    if (now - caller.entered_at <= rulesFor(caller.queue).slSeconds * 1000) continue;
    const key = `${String(caller.bkey)}\u0000${caller.queue}`;
    overSl.set(key, (overSl.get(key) ?? 0) + 1);
  }
  const figures = foldFigures(rows, (row) => row.key, rulesFor, (key, queue) => overSl.get(`${key}\u0000${queue}`) ?? 0);
  return { figures, calls };
}

/** Queue figures per called number (DID) or trunk of the calls, largest first. */
export function queueBreakdown(db: Db, request: BreakdownRequest, now = Date.now(), maxRows = MAX_REPORT_ROWS): BreakdownReply {
  const { timeZone, fromHour, toHour } = hourRange(db, request.from, request.to);
  const book = statsRulesBook(db);
  const rulesFor = (queue: string): StatsRules => {
    const rules = rulesOf(book, queue);
    return request.slSeconds ? { ...rules, slSeconds: request.slSeconds } : rules;
  };
  const { figures, calls } = figuresByKey(db, groupings[request.by], { fromHour, toHour, queues: request.queues }, rulesFor, now, maxRows);
  const rows = [...figures]
    .map(([key, f]) => ({ key, calls: calls.get(key) ?? 0, ...f }))
    .sort((a, b) => b.offered - a.offered || byName(a.key, b.key));
  return { by: request.by, rows, timeZone };
}

/**
 * Today's service level per quarter hour (the local day of `now`), of one queue, several
 * (a PBX's, in a console of several) or all of them: the passes that entered in each
 * quarter, under each queue's rules.
 */
export function slTrend(db: Db, which: string | readonly string[] | undefined, now = Date.now()): SlTrendReply {
  const queues = typeof which === 'string' ? [which] : which;
  const timeZone = getSetting(db, settingKeys.timeZone, DEFAULT_TIME_ZONE);
  const book = statsRulesBook(db);
  const fromHour = Math.floor(localHourOf(now, timeZone) / 24) * 24;
  const rulesFor = (name: string) => rulesOf(book, name);
  const range = { fromHour, toHour: fromHour + 24, queues: queues === undefined ? undefined : [...queues] };
  // A day has 96 quarters (100 across a DST change): far below any cap.
  const { figures } = figuresByKey(db, groupings.quarter, range, rulesFor, now);
  const quarters = [...figures]
    .map(([key, f]) => quarterFiguresOf(Number(key) * QUARTER_MS, f))
    .filter((quarter) => quarter.offered > 0)
    .sort((a, b) => a.at - b.at);
  const named = queues ?? Object.keys(book.queues);
  const thresholds = new Set([...(queues === undefined ? [book.defaults.slSeconds] : []), ...named.map((name) => rulesFor(name).slSeconds)]);
  return {
    day: new Date((fromHour / 24) * DAY_MS).toISOString().slice(0, 10),
    timeZone,
    slSeconds: thresholds.size === 1 ? [...thresholds][0]! : null,
    quarters,
  };
}
