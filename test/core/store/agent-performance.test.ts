import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../electron/core/contract';
import { agentDay, agentPerformance, transferTargetAgent } from '../../../electron/core/store/agent-performance';
import { createCallStore, type CallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { tempDatabase } from './support/temp-db';
import { storeEngineSuite } from './support/store-engine';

// One known day in UTC, every expectation worked out by hand from the rows written here.
const HOUR = 3_600_000;
const MINUTE = 60_000;
const t0 = Date.parse('2026-06-01T00:00:00Z');
const day = { from: t0, to: t0 + 24 * HOUR };

let temp: ReturnType<typeof tempDatabase>;
let db: Db;

function call(uniqueid: string, startedAt: number, fields: Partial<CallRecord>): CallRecord {
  const talk = fields.talkSeconds ?? 0;
  return {
    uniqueid, source: 'cc_cdr', direction: 'inbound', callClass: 'customer', callerNum: '0611000001', calledNum: '4008', startedAt,
    endedAt: startedAt + (5 + talk) * 1000, duration: 5 + talk, queueSeconds: 5, ringSeconds: 2, talkSeconds: talk, holdSeconds: 0,
    wrapupSeconds: 0, ivrSeconds: 0, isAnswered: talk > 0, ...fields,
  };
}

const engine = storeEngineSuite();
beforeAll(async () => {
  temp = tempDatabase();
  db = await engine.cacheOf(temp, (recording) => fill(createCallStore(recording)));
});
afterAll(() => temp.cleanup());

function fill(store: CallStore): void {
  store.setTimeZone('UTC');
  const at = t0 + 9 * HOUR;
  store.upsertCalls([
    // 800 answers a queue call, then Redirects the caller to 803, who talks 90 s until the caller hangs up.
    call('a', at, { queue: '630', agent: '800', talkSeconds: 150, holdSeconds: 10, wrapupSeconds: 30, endedAt: at + 155_000,
      transferKind: 'redirect', transferTo: '803', transferAt: at + 65_000 }),
    call('b', at + HOUR, { queue: '630', agent: '800', talkSeconds: 60 }),
    // 801: a queue call blind-transferred to 802 (imported from queue_log: exten@context, no segment time), and a direct call.
    call('c', at + 2 * HOUR, { queue: '631', agent: '801', talkSeconds: 30, hangupSide: 'transfer', transferKind: 'blind', transferTo: '802@internal', transferAt: at + 2 * HOUR + 35_000, endedAt: at + 2 * HOUR + 35_000 }),
    call('d', at + 3 * HOUR, { agent: '801', talkSeconds: 45, holdSeconds: 5, wrapupSeconds: 15 }),
    // An attended transfer queue_log names by its bridge: no agent to credit.
    call('e', at + 4 * HOUR, { queue: '630', agent: '804', talkSeconds: 20, transferKind: 'attended', transferTo: '1f0c2a9e-3b7d-4c55-9a3e-0d6f2b1c7e11', transferAt: at + 4 * HOUR + 25_000 }),
    // Not calls an agent took: an abandon, an internal call, yesterday's call.
    call('f', at + 5 * HOUR, { queue: '630' }),
    call('g', at + 5 * HOUR, { direction: 'internal', callClass: 'internal', agent: '805', talkSeconds: 300 }),
    call('h', at - 24 * HOUR, { queue: '630', agent: '800', talkSeconds: 999 }),
  ]);
  // 800 is logged in to two overlapping queues (9 h together), took lunch in both (1 h) and 10 min of wrap-up pause.
  store.openInterval({ agent: '800', queue: '630', kind: 'login', startAt: t0 + 8 * HOUR });
  store.openInterval({ agent: '800', queue: '631', kind: 'login', startAt: t0 + 9 * HOUR });
  store.closeInterval({ agent: '800', queue: '630', kind: 'login', endAt: t0 + 16 * HOUR });
  store.closeInterval({ agent: '800', queue: '631', kind: 'login', endAt: t0 + 17 * HOUR });
  for (const queue of ['630', '631']) {
    store.openInterval({ agent: '800', queue, kind: 'pause', reason: queue === '630' ? 'Lunch' : 'lunch', startAt: t0 + 12 * HOUR });
    store.closeInterval({ agent: '800', queue, kind: 'pause', endAt: t0 + 13 * HOUR });
  }
  store.openInterval({ agent: '800', queue: '630', kind: 'pause', reason: 'wrap-up', startAt: t0 + 14 * HOUR });
  store.closeInterval({ agent: '800', queue: '630', kind: 'pause', endAt: t0 + 14 * HOUR + 10 * MINUTE });
}

describe('agentPerformance', () => {
  it('credits the answering agent with the queue call and the transfer target with its own segment', () => {
    const reply = agentPerformance(db, day, undefined, t0 + 23 * HOUR);
    expect(reply).toMatchObject({ from: day.from, to: day.to, timeZone: 'UTC' });
    expect(reply.agents.map((a) => a.agent)).toEqual(['800', '801', '802', '803', '804']);
    const [a800, a801, a802, a803, a804] = reply.agents;
    expect(a800).toMatchObject({
      queueAnswered: 2, queueCompleted: 2, transfersReceived: 0, direct: 0, callsTaken: 2, talkSum: 210, holdSum: 10, wrapupSum: 30,
      longestCallSeconds: 150, loginSeconds: 9 * 3600, pauses: { lunch: 3600, 'wrap-up': 600 }, pauseSeconds: 3600, staffedSeconds: 8 * 3600,
      handled: 2, handlingSeconds: 240, ahtSeconds: 120,
    });
    expect(a800?.occupancy).toBeCloseTo(240 / (8 * 3600));
    expect(a801).toMatchObject({ queueAnswered: 1, direct: 1, transfersReceived: 0, callsTaken: 2, talkSum: 75, holdSum: 5, wrapupSum: 15, longestCallSeconds: 45, occupancy: null });
    expect(a802).toMatchObject({ queueAnswered: 0, transfersReceived: 1, callsTaken: 1, talkSum: 0 });
    expect(a803).toMatchObject({ queueAnswered: 0, transfersReceived: 1, callsTaken: 1, talkSum: 90, longestCallSeconds: 90, ahtSeconds: 90 });
    expect(a804).toMatchObject({ queueAnswered: 1, transfersReceived: 0, callsTaken: 1 });
  });

  it('adds nothing to the queues: their answered equals the agents\' queue answers, transfers received apart', () => {
    const queues = queueReport(db, { ...day, dimension: 'total', grain: 'all' }).rows[0];
    const agents = agentPerformance(db, day, undefined, t0 + 23 * HOUR).agents;
    expect(queues?.answered).toBe(agents.reduce((sum, a) => sum + a.queueAnswered, 0));
    expect(agents.reduce((sum, a) => sum + a.callsTaken, 0)).toBe((queues?.answered ?? 0) + 2 + 1);
  });

  it('answers for the agents asked about only, and today by the configured zone', () => {
    expect(agentPerformance(db, { ...day, agents: ['803'] }, undefined, t0 + 23 * HOUR).agents.map((a) => a.agent)).toEqual(['803']);
    const today = agentDay(db, undefined, t0 + 23 * HOUR);
    expect(today).toMatchObject({ from: day.from, to: day.to });
    expect(today.agents.find((a) => a.agent === '800')?.callsTaken).toBe(2);
    expect(agentDay(db, undefined, t0 + 30 * HOUR).agents).toEqual([]);
  });

  it('reads a transfer target as an agent only when it names one', () => {
    expect(transferTargetAgent('803')).toBe('803');
    expect(transferTargetAgent('804@internal')).toBe('804');
    expect(transferTargetAgent('SIP/804-00000001,Local/804@internal-0001;1')).toBeUndefined();
    expect(transferTargetAgent('1f0c2a9e-3b7d-4c55-9a3e-0d6f2b1c7e11')).toBeUndefined();
    expect(transferTargetAgent('@internal')).toBeUndefined();
  });
});
