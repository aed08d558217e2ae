import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, CallSearchFilter, CallSort } from '../../../electron/core/contract/history';
import { agentStateBreakdown } from '../../../electron/core/store/agent-state-report';
import { queueHeatmap, queueReport, waitingCallersSql } from '../../../electron/core/store/queue-reports';
import { searchCalls, TOTAL_CAP } from '../../../electron/core/store/call-search';
import { createCallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { generateCallRecord, generateCalls, type GenerateOptions } from '../../support/generate-calls';
import { tempDatabase } from './support/temp-db';
import { storeEngineSuite } from './support/store-engine';

// Known answers: every expectation is computed here in plain JS from the generated
// records, with Asia/Shanghai as the fixed UTC+8 it is (no DST since 1991).
const SHANGHAI = 8 * 3_600_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const options: GenerateOptions = { count: 12_000, firstDay: '2026-03-02', days: 8, timeZone: 'Asia/Shanghai', seed: 7, agents: Array.from({ length: 24 }, (_, i) => String(800 + i)), queues: ['600', '610', '620'] };
const firstDayUtc = Date.parse('2026-03-02T00:00:00Z') - SHANGHAI;
const localDay = (at: number) => Math.floor((at + SHANGHAI) / DAY);

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let calls: CallRecord[];

const engine = storeEngineSuite();
beforeAll(async () => {
  temp = tempDatabase();
  db = await engine.cacheOf(temp, (recording) => generateCalls(createCallStore(recording), options, undefined, 2_500));
  calls = Array.from({ length: options.count }, (_, index) => generateCallRecord(options, index));
});
afterAll(() => temp.cleanup());

function collectAllPages(filter: CallSearchFilter, sort: CallSort, limit: number): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10_000; guard += 1) {
    const page = searchCalls(db, filter, { limit, cursor }, sort);
    ids.push(...page.rows.map((row) => row.uniqueid));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

/** Expected order: the sort value then the insertion order (id), same direction. */
function expectedIds(matching: (call: CallRecord) => boolean, value: (call: CallRecord) => number | string, order: 'asc' | 'desc'): string[] {
  const indexed = calls.map((call, index) => ({ call, index })).filter(({ call }) => matching(call));
  indexed.sort((a, b) => {
    const left = value(a.call);
    const right = value(b.call);
    const byValue = left < right ? -1 : left > right ? 1 : a.index - b.index;
    return order === 'asc' ? byValue : -byValue;
  });
  return indexed.map(({ call }) => call.uniqueid);
}

describe('searchCalls', () => {
  const dayTwo = { from: firstDayUtc + DAY, to: firstDayUtc + 2 * DAY };

  it('pages a date range newest first through cursors, each row once', () => {
    const ids = collectAllPages(dayTwo, { key: 'startedAt', order: 'desc' }, 97);
    expect(ids).toEqual(expectedIds((call) => call.startedAt >= dayTwo.from && call.startedAt < dayTwo.to, (call) => call.startedAt, 'desc'));
    expect(ids.length).toBeGreaterThan(1000);
  });

  it('combines queue, direction, missCause, duration and recording filters', () => {
    const filter: CallSearchFilter = { queues: ['610'], directions: ['inbound'], isAnswered: false, missCauses: ['NO_AGENT_ANSWER', 'MEMBER_CANCEL'], minDuration: 10, maxDuration: 60 };
    const ids = collectAllPages(filter, { key: 'duration', order: 'asc' }, 50);
    const expected = expectedIds(
      (call) => call.queue === '610' && call.direction === 'inbound' && !call.isAnswered && ['NO_AGENT_ANSWER', 'MEMBER_CANCEL'].includes(call.missCause ?? '') && call.duration >= 10 && call.duration <= 60,
      (call) => call.duration, 'asc');
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(10);
  });

  it('matches caller numbers by prefix and by contains', () => {
    const prefix = calls[1234]!.callerNum.slice(0, 5);
    expect(collectAllPages({ callerNum: prefix }, { key: 'startedAt', order: 'asc' }, 200))
      .toEqual(expectedIds((call) => call.callerNum.startsWith(prefix), (call) => call.startedAt, 'asc'));
    // '1' starts most caller numbers: too common for the index, checked while walking time order.
    expect(collectAllPages({ callerNum: '1', from: firstDayUtc + DAY, to: firstDayUtc + 2 * DAY }, { key: 'startedAt', order: 'desc' }, 500))
      .toEqual(expectedIds((call) => call.callerNum.startsWith('1') && call.startedAt >= firstDayUtc + DAY && call.startedAt < firstDayUtc + 2 * DAY, (call) => call.startedAt, 'desc'));
    const middle = calls[4321]!.callerNum.slice(4, 8);
    expect(collectAllPages({ callerNum: middle, callerMatch: 'contains' }, { key: 'startedAt', order: 'desc' }, 200))
      .toEqual(expectedIds((call) => call.callerNum.includes(middle), (call) => call.startedAt, 'desc'));
  });

  it('sorts by a nullable column (score) and filters score and recording', () => {
    const filter: CallSearchFilter = { hasRecording: true, minScore: 2, maxScore: 4, agents: ['801', '804'] };
    const ids = collectAllPages(filter, { key: 'score', order: 'desc' }, 33);
    expect(ids).toEqual(expectedIds(
      (call) => call.recordingFile !== undefined && (call.score ?? -1) >= 2 && (call.score ?? 99) <= 4 && ['801', '804'].includes(call.agent ?? ''),
      (call) => call.score ?? -1, 'desc'));
  });

  it('counts totals exactly below the cap and reports the cap above it', () => {
    const dayCount = calls.filter((call) => call.startedAt >= dayTwo.from && call.startedAt < dayTwo.to).length;
    expect(dayCount).toBeGreaterThan(TOTAL_CAP);
    expect(searchCalls(db, dayTwo, { limit: 10, totalCap: 5_000 })).toMatchObject({ total: dayCount, isTotalCapped: false });
    expect(searchCalls(db, dayTwo, { limit: 10, totalCap: dayCount })).toMatchObject({ total: dayCount, isTotalCapped: false });
    expect(searchCalls(db, dayTwo, { limit: 10, totalCap: dayCount - 1 })).toMatchObject({ total: dayCount - 1, isTotalCapped: true });
    expect(searchCalls(db, {}, { limit: 10 })).toMatchObject({ total: TOTAL_CAP, isTotalCapped: true });
    const jumped = searchCalls(db, dayTwo, { limit: 5, offset: 100 });
    expect(jumped.rows.map((row) => row.uniqueid)).toEqual(expectedIds((call) => call.startedAt >= dayTwo.from && call.startedAt < dayTwo.to, (call) => call.startedAt, 'desc').slice(100, 105));
  });

  it('returns records equal to what was written', () => {
    const page = searchCalls(db, { callerNum: calls[777]!.callerNum }, { limit: 5 });
    expect(page.rows.find((row) => row.uniqueid === calls[777]!.uniqueid)).toEqual(calls[777]);
  });

  it('walks the indexes the migration comments promise', () => {
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan('SELECT * FROM calls WHERE started_at >= ? AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT 51', 0, 1)).toMatch(/USING INDEX calls_started/);
    expect(plan('SELECT * FROM calls WHERE started_at >= ? AND queue = ? ORDER BY started_at DESC, id DESC LIMIT 51', 0, '600')).toMatch(/USING INDEX calls_queue_started \(queue=\? AND started_at>\?\)/);
    expect(plan('SELECT * FROM calls WHERE agent = ? ORDER BY started_at DESC, id DESC LIMIT 51', '801')).toMatch(/USING INDEX calls_agent_started \(agent=\?\)/);
    expect(plan('SELECT * FROM calls WHERE caller_num >= ? AND caller_num < ?', '138', '139')).toMatch(/USING INDEX calls_caller/);
    const plans = [
      plan('SELECT * FROM calls WHERE started_at >= ? AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT 51', 0, 1),
      plan('SELECT * FROM calls WHERE agent = ? ORDER BY started_at DESC, id DESC LIMIT 51', '801'),
    ];
    for (const detail of plans) expect(detail).not.toMatch(/TEMP B-TREE/);
    expect(plan('SELECT * FROM queue_rollup_hour WHERE local_hour >= ? AND local_hour < ?', 0, 24)).toMatch(/SEARCH queue_rollup_hour USING PRIMARY KEY/);
    expect(plan('SELECT * FROM queue_rollup_agent_hour WHERE local_hour >= ? AND local_hour < ?', 0, 24)).toMatch(/SEARCH queue_rollup_agent_hour USING PRIMARY KEY/);
    // A report's callers still waiting: the few passes in progress, not every pass of its range.
    expect(plan(waitingCallersSql, 0, 24 * 365)).toMatch(/USING INDEX queue_calls_open/);
  });
});

// The documented definitions (contract/figures.ts), applied by hand to the generated cc_cdr rows:
// a queue call counts in the hour it entered the queue (start + IVR); a lost caller who hung up
// abandoned, except NO_AGENT_LOGIN (the queue emptied: an exit); AHT = (talk + wrap-up) ÷ answered.
interface Expected { offered: number; answered: number; abandoned: number; sl: number; wait: number; handle: number; scoreSum: number; scored: number; miss: Record<string, number> }
const enteredAt = (call: CallRecord) => call.startedAt + call.ivrSeconds * 1000;
function aggregate(selected: CallRecord[], slSeconds: number): Expected {
  const result: Expected = { offered: 0, answered: 0, abandoned: 0, sl: 0, wait: 0, handle: 0, scoreSum: 0, scored: 0, miss: {} };
  for (const call of selected) {
    result.offered += 1;
    if ((call.score ?? 0) > 0) {
      result.scoreSum += call.score!;
      result.scored += 1;
    }
    if (call.isAnswered) {
      result.answered += 1;
      result.handle += call.talkSeconds + call.wrapupSeconds;
      result.wait += call.queueSeconds;
      if (call.queueSeconds <= slSeconds) result.sl += 1;
    } else {
      if (call.missCause !== 'NO_AGENT_LOGIN') result.abandoned += 1;
      result.miss[call.missCause ?? 'other'] = (result.miss[call.missCause ?? 'other'] ?? 0) + 1;
    }
  }
  return result;
}

describe('reports', () => {
  const range = { from: firstDayUtc + DAY, to: firstDayUtc + 4 * DAY };
  const queueCalls = () => calls.filter((call) => call.queue && enteredAt(call) >= range.from && enteredAt(call) < range.to);

  for (const slSeconds of [20, 45] as const) {
    it(`per queue per day matches an independent count (SL ${slSeconds} s)`, () => {
      const report = queueReport(db, { ...range, dimension: 'queue', grain: 'day', slSeconds });
      expect(report.servedFrom).toBe('rollup');
      expect(report.rules['600']?.slSeconds).toBe(slSeconds);
      expect(report.rows).toHaveLength(3 * 3);
      for (const row of report.rows) {
        const day = localDay(row.bucketStart);
        const expected = aggregate(queueCalls().filter((call) => call.queue === row.key && localDay(enteredAt(call)) === day), slSeconds);
        expect(row.bucketLabel).toBe(new Date(day * DAY).toISOString().slice(0, 10));
        expect(row).toMatchObject({ offered: expected.offered, answered: expected.answered, abandoned: expected.abandoned, answeredWithinSl: expected.sl, scored: expected.scored });
        expect(row.serviceLevel).toBeCloseTo(expected.sl / expected.offered, 12);
        expect(row.asaSeconds).toBeCloseTo(expected.wait / expected.answered, 12);
        expect(row.ahtSeconds).toBeCloseTo(expected.handle / expected.answered, 12);
        expect(row.avgScore).toBeCloseTo(expected.scoreSum / expected.scored, 12);
        expect(row.missCauses).toEqual({ NO_ASSIGN: expected.miss.NO_ASSIGN ?? 0, NO_AGENT_ANSWER: expected.miss.NO_AGENT_ANSWER ?? 0, NO_AGENT_LOGIN: expected.miss.NO_AGENT_LOGIN ?? 0, MEMBER_CANCEL: expected.miss.MEMBER_CANCEL ?? 0, other: 0 });
      }
    });
  }

  it('per hour totals and per agent per week agree with the calls', () => {
    const hourly = queueReport(db, { ...range, dimension: 'total', grain: 'hour' });
    expect(hourly.rows.reduce((sum, row) => sum + row.offered, 0)).toBe(queueCalls().length);
    const busiest = hourly.rows.reduce((best, row) => (row.offered > best.offered ? row : best));
    expect(busiest.offered).toBe(queueCalls().filter((call) => Math.floor((enteredAt(call) + SHANGHAI) / HOUR) === Math.floor((busiest.bucketStart + SHANGHAI) / HOUR)).length);
    const weekly = queueReport(db, { ...range, dimension: 'agent', grain: 'week', agents: ['803', '806'] });
    expect(weekly.servedFrom).toBe('rollup');
    for (const agent of ['803', '806']) {
      // An agent's calls are the ones they answered (queue_log CONNECT).
      const expected = aggregate(queueCalls().filter((call) => call.agent === agent && call.isAnswered), 20);
      const rows = weekly.rows.filter((row) => row.key === agent);
      expect(rows.map((row) => row.bucketLabel)).toEqual(['2026-03-02']); // the Monday of that week
      expect(rows[0]).toMatchObject({ offered: expected.offered, answered: expected.answered, answeredWithinSl: expected.sl });
    }
    const byHour = queueReport(db, { ...range, dimension: 'agent', grain: 'hour', agents: ['803'] });
    expect(byHour.servedFrom).toBe('rollup');
    expect(byHour.rows.reduce((sum, row) => sum + row.answered, 0)).toBe(queueCalls().filter((call) => call.agent === '803' && call.isAnswered).length);
  });

  it('serves the same agent numbers from the day rollup and from the hour rollup', () => {
    const daily = queueReport(db, { from: firstDayUtc, to: firstDayUtc + 8 * DAY, dimension: 'agent', grain: 'day' });
    const hourly = queueReport(db, { from: firstDayUtc, to: firstDayUtc + 8 * DAY, dimension: 'agent', grain: 'hour' });
    expect(hourly.rows.length).toBeGreaterThan(daily.rows.length);
    const perDay = new Map<string, { answered: number; talk: number }>();
    for (const row of hourly.rows) {
      const key = `${row.key}@${localDay(row.bucketStart)}`;
      const sums = perDay.get(key) ?? { answered: 0, talk: 0 };
      perDay.set(key, { answered: sums.answered + row.answered, talk: sums.talk + row.talkSum });
    }
    expect(new Map(daily.rows.map((row) => [`${row.key}@${localDay(row.bucketStart)}`, { answered: row.answered, talk: row.talkSum }]))).toEqual(perDay);
  });

  it('heat map counts queue calls by the local weekday and hour they entered the queue', () => {
    const heatmap = queueHeatmap(db, range);
    const expected = new Map<string, number>();
    for (const call of queueCalls()) {
      const local = new Date(enteredAt(call) + SHANGHAI);
      const key = `${(local.getUTCDay() + 6) % 7}:${local.getUTCHours()}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(heatmap.cells.map((cell) => [`${cell.weekday}:${cell.hour}`, cell.offered]))).toEqual(expected);
    // 2026-03-03 is a Tuesday: weekday 1.
    expect(heatmap.cells.some((cell) => cell.weekday === 1)).toBe(true);
  });
});

describe('agent state breakdown', () => {
  it('sums the overlap of each interval with the range, open ones up to now', () => {
    const store = createCallStore(db);
    const t0 = firstDayUtc + 20 * DAY;
    store.openInterval({ agent: '801', kind: 'login', startAt: t0 - HOUR });
    store.openInterval({ agent: '801', kind: 'pause', reason: 'lunch', startAt: t0 + 10 * 60_000 });
    store.closeInterval({ agent: '801', kind: 'pause', endAt: t0 + 40 * 60_000 });
    store.openInterval({ agent: '801', kind: 'pause', reason: 'training', startAt: t0 + 50 * 60_000 });
    // A new pause closes the open one (a missed unpause) at its start.
    store.openInterval({ agent: '801', kind: 'pause', reason: 'lunch', startAt: t0 + 55 * 60_000 });
    store.closeInterval({ agent: '801', kind: 'pause', endAt: t0 + 70 * 60_000 });
    store.openInterval({ agent: '802', kind: 'pause', reason: 'lunch', startAt: t0 - 3 * HOUR });
    store.closeInterval({ agent: '802', kind: 'pause', endAt: t0 + 5 * 60_000 });
    const rows = agentStateBreakdown(db, { from: t0, to: t0 + HOUR }, undefined, t0 + 30 * 60_000);
    expect(rows).toEqual([
      { agent: '801', kind: 'login', seconds: 30 * 60, intervals: 1 },
      { agent: '801', kind: 'pause', reason: 'lunch', seconds: 30 * 60 + 5 * 60, intervals: 2 },
      { agent: '801', kind: 'pause', reason: 'training', seconds: 5 * 60, intervals: 1 },
      { agent: '802', kind: 'pause', reason: 'lunch', seconds: 5 * 60, intervals: 1 },
    ]);
    expect(agentStateBreakdown(db, { from: t0, to: t0 + HOUR, agents: ['802'] }, undefined, t0 + HOUR)).toHaveLength(1);
  });

  it('counts an agent in two queues logged in once, and its pauses once per reason the PBX spells its own way', () => {
    const store = createCallStore(db);
    const t0 = firstDayUtc + 30 * DAY;
    const minute = 60_000;
    // 805 answers 630 and 631: a login and a pause interval per queue, overlapping.
    store.openInterval({ agent: '805', queue: '630', kind: 'login', startAt: t0 });
    store.openInterval({ agent: '805', queue: '631', kind: 'login', startAt: t0 + 10 * minute });
    store.closeInterval({ agent: '805', queue: '630', kind: 'login', endAt: t0 + 50 * minute });
    store.closeInterval({ agent: '805', queue: '631', kind: 'login', endAt: t0 + 40 * minute });
    // Paused for a break in both queues: the PBX wrote "Break" in one and our code "break" in the other.
    store.openInterval({ agent: '805', queue: '630', kind: 'pause', reason: 'Break', startAt: t0 + 15 * minute });
    store.openInterval({ agent: '805', queue: '631', kind: 'pause', reason: 'break', startAt: t0 + 15 * minute });
    store.closeInterval({ agent: '805', queue: '630', kind: 'pause', endAt: t0 + 20 * minute });
    store.closeInterval({ agent: '805', queue: '631', kind: 'pause', endAt: t0 + 20 * minute });
    // "After-call work" from the phone is the configured after-call-work; a reason nobody configured stays as typed, once.
    store.openInterval({ agent: '805', queue: '630', kind: 'pause', reason: 'After-call work', startAt: t0 + 25 * minute });
    store.closeInterval({ agent: '805', queue: '630', kind: 'pause', endAt: t0 + 27 * minute });
    store.openInterval({ agent: '805', queue: '630', kind: 'pause', reason: 'Smoke Break', startAt: t0 + 30 * minute });
    store.openInterval({ agent: '805', queue: '631', kind: 'pause', reason: 'smoke break', startAt: t0 + 31 * minute });
    store.closeInterval({ agent: '805', queue: '630', kind: 'pause', endAt: t0 + 33 * minute });
    store.closeInterval({ agent: '805', queue: '631', kind: 'pause', endAt: t0 + 34 * minute });
    const reasons = [
      { code: 'break', labels: { 'zh-CN': '休息', en: 'Break' } },
      { code: 'after-call-work', labels: { 'zh-CN': '话后处理', en: 'After-call work' } },
    ];
    expect(agentStateBreakdown(db, { from: t0, to: t0 + 2 * HOUR, agents: ['805'] }, reasons, t0 + 2 * HOUR)).toEqual([
      { agent: '805', kind: 'login', seconds: 50 * 60, intervals: 1 },
      { agent: '805', kind: 'pause', reason: 'after-call-work', seconds: 2 * 60, intervals: 1 },
      { agent: '805', kind: 'pause', reason: 'break', seconds: 5 * 60, intervals: 1 },
      { agent: '805', kind: 'pause', reason: 'Smoke Break', seconds: 4 * 60, intervals: 1 },
    ]);
  });

  it('lists agents in numeric order', () => {
    const store = createCallStore(db);
    const t0 = firstDayUtc + 40 * DAY;
    for (const agent of ['1000', '802', '99']) {
      store.openInterval({ agent, kind: 'login', startAt: t0 });
      store.closeInterval({ agent, kind: 'login', endAt: t0 + HOUR });
    }
    expect(agentStateBreakdown(db, { from: t0, to: t0 + HOUR, agents: ['1000', '99', '802'] }).map((row) => row.agent)).toEqual(['99', '802', '1000']);
  });
});

describe('report size', () => {
  it('refuses a report with more rows than its bound, saying what to change, and answers a coarser one', () => {
    const range = { from: firstDayUtc, to: firstDayUtc + options.days * DAY };
    const byAgentHour = queueReport(db, { ...range, dimension: 'agent', grain: 'hour' });
    expect(byAgentHour.rows.length).toBeGreaterThan(1_000);
    expect(() => queueReport(db, { ...range, dimension: 'agent', grain: 'hour' }, Date.now(), 1_000)).toThrow(/would have \d+ rows \(at most 1000\): choose a coarser grain/);
    expect(queueReport(db, { ...range, dimension: 'agent', grain: 'day' }, Date.now(), 1_000).rows.length).toBeLessThanOrEqual(1_000);
  });
});
