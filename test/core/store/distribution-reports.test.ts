import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, QueueAttempt } from '../../../electron/core/contract';
import { agentPerformance } from '../../../electron/core/store/agent-performance';
import { createCallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { queueBreakdown, slTrend, waitDistributions } from '../../../electron/core/store/distribution-reports';
import { createQueueCallStore } from '../../../electron/core/store/queue-call-store';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { ReadPool } from '../../../electron/core/store/read-pool';
import { setSetting } from '../../../electron/core/store/settings';
import { settingKeys } from '../../../electron/core/base/setting-keys';
import { transfersReport } from '../../../electron/core/store/transfer-report';
import { tempDatabase } from './support/temp-db';
import { storeEngineSuite } from './support/store-engine';

// Distributions, breakdowns, the quarter-hour service level and the transfers report over a
// real SQLite file; every expectation worked out by hand from the rows written here.

const HOUR = 3_600_000;
const MINUTE = 60_000;
const t0 = Date.parse('2026-06-01T00:00:00Z');
const day = { from: t0, to: t0 + 24 * HOUR };
const at = t0 + 9 * HOUR;

let temp: ReturnType<typeof tempDatabase>;
let db: Db;

interface Pass {
  id: string;
  queue: string;
  enteredAt: number;
  outcome: QueueAttempt['outcome'];
  wait: number;
  agent?: string;
  did: string;
  trunk?: string;
  transfer?: { to: string; kind: 'blind' | 'attended' | 'redirect'; afterSeconds?: number };
}

// 630 (SL 20 s over offered), 631 (SL 30 s, short abandons ≤ 5 s left out).
const passes: Pass[] = [
  { id: 'a', queue: '630', enteredAt: at + 1 * MINUTE, outcome: 'answered', wait: 4, agent: '800', did: '4001', trunk: 'SIP/carrier-a' },
  { id: 'b', queue: '630', enteredAt: at + 5 * MINUTE, outcome: 'answered', wait: 20, agent: '801', did: '4001', trunk: 'SIP/carrier-a',
    transfer: { to: '803', kind: 'redirect', afterSeconds: 90 } },
  { id: 'c', queue: '630', enteredAt: at + 14 * MINUTE, outcome: 'abandoned', wait: 35, did: '4002', trunk: 'SIP/carrier-b' },
  { id: 'd', queue: '630', enteredAt: at + 16 * MINUTE, outcome: 'answered', wait: 75, agent: '800', did: '4002', trunk: 'SIP/carrier-a',
    // As an import writes it: stamped at the call's end, so no talk after it is known.
    transfer: { to: '803@from-internal', kind: 'blind', afterSeconds: 0 } },
  { id: 'e', queue: '631', enteredAt: at + 20 * MINUTE, outcome: 'abandoned', wait: 3, did: '4001', trunk: 'SIP/carrier-b' },
  { id: 'f', queue: '631', enteredAt: at + 31 * MINUTE, outcome: 'answered', wait: 130, agent: '801', did: '4001', trunk: 'SIP/carrier-b',
    transfer: { to: 'a1b2c3d4-0000-4000-8000-000000000000', kind: 'attended', afterSeconds: 40 } },
  { id: 'g', queue: '631', enteredAt: at + 33 * MINUTE, outcome: 'exitwithtimeout', wait: 300, did: '4002', trunk: 'SIP/carrier-b' },
  // Yesterday: in no report of today.
  { id: 'y', queue: '630', enteredAt: at - 24 * HOUR, outcome: 'answered', wait: 1, agent: '800', did: '4001', trunk: 'SIP/carrier-a' },
];
// Still waiting now, 40 s in: past 630's T, and with no history row yet (no DID).
const now = at + 50 * MINUTE;
const waiting: QueueAttempt = {
  callId: 'w', seq: 0, queue: '630', enteredAt: now - 40_000, callerNum: '0611', outcome: 'waiting', holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'ami',
};

const engine = storeEngineSuite();
beforeAll(async () => {
  temp = tempDatabase('callboard-distributions-');
  db = await engine.cacheOf(temp, fill, (cache) => createQueueCallStore(cache).upsertAttempts([waiting]));
});
afterAll(() => temp.cleanup());

function fill(db: Db): void {
  const store = createCallStore(db);
  store.setTimeZone('UTC');
  setSetting(db, settingKeys.statsRules, {
    defaults: { slSeconds: 20, slFormula: 'offered', shortAbandonSeconds: 0 },
    queues: { 631: { slSeconds: 30, slFormula: 'offered', shortAbandonSeconds: 5 } },
  });
  const isAnswered = (p: Pass) => p.outcome === 'answered';
  const attempts = passes.map((p): QueueAttempt => ({
    callId: p.id, seq: 0, queue: p.queue, enteredAt: p.enteredAt, callerNum: `061100${p.id}`, outcome: p.outcome, waitSeconds: p.wait,
    holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'ami',
    ...(p.agent ? { agent: p.agent } : {}), ...(isAnswered(p) ? { talkSeconds: 120, connectedAt: p.enteredAt + p.wait * 1000 } : {}),
    endedAt: p.enteredAt + (p.wait + (isAnswered(p) ? 120 : 0)) * 1000,
  }));
  createQueueCallStore(db).upsertAttempts(attempts);
  store.upsertCalls(passes.map((p): CallRecord => {
    const endedAt = p.enteredAt + (p.wait + (isAnswered(p) ? 120 : 0)) * 1000;
    const transfer = p.transfer
      ? { transferKind: p.transfer.kind, transferTo: p.transfer.to, ...(p.transfer.afterSeconds === undefined ? {} : { transferAt: endedAt - p.transfer.afterSeconds * 1000 }) }
      : {};
    return {
      uniqueid: p.id, source: 'ami', direction: 'inbound', callClass: 'customer', callerNum: `061100${p.id}`, calledNum: p.did, startedAt: p.enteredAt,
      endedAt, duration: Math.round((endedAt - p.enteredAt) / 1000), queueSeconds: p.wait, ringSeconds: 0, talkSeconds: isAnswered(p) ? 120 : 0,
      holdSeconds: 0, wrapupSeconds: 0, ivrSeconds: 0, isAnswered: isAnswered(p), queue: p.queue, queueOutcome: p.outcome,
      ...(p.agent ? { agent: p.agent } : {}), ...(p.trunk ? { trunkNumber: p.trunk } : {}), ...transfer,
    };
  }));
}

describe('answer and abandon time distributions', () => {
  it('count each queue under its rules and add up to the report', () => {
    const reply = waitDistributions(db, day);
    expect(reply.queues.map((q) => q.queue)).toEqual(['630', '631']);
    expect(reply.queues[0]!.distribution).toEqual({ answered: 3, abandoned: 1, answeredWithin: [1, 2, 2, 2, 3], abandonedWithin: [0, 0, 0, 1, 1] });
    // 631: the 3 s abandon is a short one, left out; the 130 s answer is beyond every band.
    expect(reply.queues[1]!.distribution).toEqual({ answered: 1, abandoned: 0, answeredWithin: [0, 0, 0, 0, 0], abandonedWithin: [0, 0, 0, 0, 0] });
    expect(reply.total).toEqual({ answered: 4, abandoned: 1, answeredWithin: [1, 2, 2, 2, 3], abandonedWithin: [0, 0, 0, 1, 1] });
    const report = queueReport(db, { ...day, dimension: 'total', grain: 'all' }, now).rows[0]!;
    expect([reply.total.answered, reply.total.abandoned]).toEqual([report.answered, report.abandoned]);
    expect(waitDistributions(db, { ...day, queues: ['631'] }).total.answered).toBe(1);
  });
});

describe('breakdowns per called number and trunk', () => {
  it('give each DID the figures of its passes, in-progress ones under no number, and add up to the report', () => {
    const reply = queueBreakdown(db, { ...day, by: 'did' }, now);
    expect(reply.rows.map((r) => [r.key, r.calls, r.offered, r.answered, r.abandoned, r.exited])).toEqual([
      ['4001', 4, 3, 3, 0, 0], // 630: a, b; 631: e (a short abandon: not offered), f
      ['4002', 3, 3, 1, 1, 1],
      ['', 1, 1, 0, 0, 0],
    ]);
    // The waiting caller is past 630's 20 s: counted against its service level at once.
    expect(reply.rows.find((r) => r.key === '')).toMatchObject({ waiting: 1, slBase: 1, serviceLevel: 0 });
    // 4001: a (4 s) and b (20 s) within 630's 20 s, f not within 631's 30 s.
    expect(reply.rows[0]).toMatchObject({ answeredWithinSl: 2, slBase: 3, serviceLevel: 2 / 3 });
    const report = queueReport(db, { ...day, dimension: 'total', grain: 'all' }, now).rows[0]!;
    for (const key of ['offered', 'answered', 'abandoned', 'exited', 'answeredWithinSl', 'slBase', 'talkSum'] as const) {
      expect(reply.rows.reduce((sum, row) => sum + row[key], 0), key).toBe(report[key]);
    }
  });

  it('per trunk, and with one threshold for every queue when asked', () => {
    const reply = queueBreakdown(db, { ...day, by: 'trunk', slSeconds: 120 }, now);
    expect(reply.rows.map((r) => [r.key, r.offered, r.answered, r.answeredWithinSl])).toEqual([
      ['SIP/carrier-a', 3, 3, 3],
      ['SIP/carrier-b', 3, 1, 0],
      ['', 1, 0, 0],
    ]);
  });

  it('refuses more rows than the cap rather than sending them', () => {
    expect(() => queueBreakdown(db, { ...day, by: 'did' }, now, 2)).toThrow(/more than 2 rows/);
  });
});

describe('service level per quarter hour', () => {
  it('folds today\'s passes into the quarters they entered, each queue under its rules', () => {
    const reply = slTrend(db, undefined, now);
    expect(reply).toMatchObject({ day: '2026-06-01', timeZone: 'UTC', slSeconds: null });
    expect(reply.quarters.map((q) => [(q.at - at) / MINUTE, q.offered, q.answeredWithinSl, q.slBase])).toEqual([
      [0, 3, 2, 3], // a, b within 20 s; c abandoned
      [15, 1, 0, 1], // d answered at 75 s; e a short abandon (631), not offered
      [30, 2, 0, 2], // f, g
      [45, 1, 0, 1], // the caller waiting past T
    ]);
    // The quarters add up to the day's figures.
    const report = queueReport(db, { ...day, dimension: 'total', grain: 'all' }, now).rows[0]!;
    expect(reply.quarters.reduce((sum, q) => sum + q.offered, 0)).toBe(report.offered);
    expect(reply.quarters.reduce((sum, q) => sum + q.answeredWithinSl, 0)).toBe(report.answeredWithinSl);
    expect(slTrend(db, '631', now).slSeconds).toBe(30);
    expect(slTrend(db, '631', now).quarters.map((q) => q.offered)).toEqual([2]);
    expect(slTrend(db, '630', now + 24 * HOUR).quarters).toEqual([]);
    // Several queues (a PBX's, in a console of several): their passes together, as the whole day's when they are all.
    expect(slTrend(db, ['630', '631'], now).quarters).toEqual(reply.quarters);
    expect(slTrend(db, ['631'], now)).toEqual(slTrend(db, '631', now));
  });
});

describe('the transfers report', () => {
  it('says who transferred to whom and the talk after, as the agent figures credit it', () => {
    const reply = transfersReport(db, day);
    expect(reply.rows).toEqual([
      { from: '800', to: '803', kind: 'blind', transfers: 1, timed: 0, talkAfterSeconds: 0 },
      { from: '801', to: '', kind: 'attended', transfers: 1, timed: 1, talkAfterSeconds: 40 },
      { from: '801', to: '803', kind: 'redirect', transfers: 1, timed: 1, talkAfterSeconds: 90 },
    ]);
    const target = agentPerformance(db, day, undefined, now).agents.find((a) => a.agent === '803')!;
    const received = reply.rows.filter((r) => r.to === '803');
    expect(received.reduce((sum, r) => sum + r.transfers, 0)).toBe(target.transfersReceived);
    expect(received.reduce((sum, r) => sum + r.talkAfterSeconds, 0)).toBe(target.talkSum);
    expect(transfersReport(db, { ...day, agents: ['800'] }).rows).toHaveLength(1);
  });
});

describe('on the vendor API\'s records', () => {
  it('cc_cdr rows (their queue pass derived from the record) give the same distributions and breakdowns', () => {
    const vendor = tempDatabase('callboard-distributions-vendor-');
    try {
      const vendorDb = vendor.open();
      const store = createCallStore(vendorDb);
      store.setTimeZone('UTC');
      const record = (id: string, wait: number, isAnswered: boolean, trunk: string): CallRecord => ({
        uniqueid: id, source: 'cc_cdr', direction: 'inbound', callClass: 'customer', callerNum: '0611000999', calledNum: trunk, startedAt: at,
        endedAt: at + (wait + 60) * 1000, duration: wait + 60, queueSeconds: wait, ringSeconds: 2, talkSeconds: isAnswered ? 60 : 0, holdSeconds: 0,
        wrapupSeconds: 0, ivrSeconds: 0, isAnswered, queue: '630', trunkNumber: trunk, hangupSide: 'caller', ...(isAnswered ? { agent: '800' } : {}),
      });
      store.upsertCalls([record('v1', 20, true, '4008001'), record('v2', 21, true, '4008001'), record('v3', 9, false, '4008002')]);
      expect(waitDistributions(vendorDb, day).total).toEqual({ answered: 2, abandoned: 1, answeredWithin: [0, 1, 2, 2, 2], abandonedWithin: [1, 1, 1, 1, 1] });
      expect(queueBreakdown(vendorDb, { ...day, by: 'trunk' }, now).rows.map((r) => [r.key, r.offered, r.answeredWithinSl])).toEqual([['4008001', 2, 1], ['4008002', 1, 0]]);
      expect(slTrend(vendorDb, undefined, now).quarters).toMatchObject([{ at, offered: 3, answeredWithinSl: 1, slBase: 3 }]);
    } finally {
      vendor.cleanup();
    }
  });
});

describe('through the read pool', () => {
  it('a worker on the same file answers what the functions answer here', async () => {
    const pool = new ReadPool({ db, workers: 1 });
    try {
      expect(await pool.run('history.distributions', day)).toStrictEqual(waitDistributions(db, day));
      expect(await pool.run('history.breakdown', { request: { ...day, by: 'trunk' }, now })).toStrictEqual(queueBreakdown(db, { ...day, by: 'trunk' }, now));
      expect(await pool.run('history.transfers', day)).toStrictEqual(transfersReport(db, day));
      expect(await pool.run('live.slTrend', { now })).toStrictEqual(slTrend(db, undefined, now));
      expect(pool.stats().isThreaded).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
