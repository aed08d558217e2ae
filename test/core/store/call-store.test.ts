import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueAttempt } from '../../../electron/core/contract';
import type { CallRecord } from '../../../electron/core/contract/history';
import { createAuditLog } from '../../../electron/core/store/audit-log';
import { buildTimeline, callDetail, joinOverlapping } from '../../../electron/core/store/call-detail';
import { rowToCall } from '../../../electron/core/store/call-row';
import { createCallStore } from '../../../electron/core/store/call-store';
import { createCallWriter } from '../../../electron/core/store/call-writer';
import type { Db } from '../../../electron/core/store/database';
import { generateCallRecord } from '../../support/generate-calls';
import { rebuildQueueRollups } from '../../../electron/core/store/queue-call-store';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { storeEngineSuite } from './support/store-engine';
import { tempDatabase } from './support/temp-db';

const t0 = Date.parse('2026-11-24T02:00:00Z'); // 10:00 in Shanghai

function call(overrides: Partial<CallRecord> & Pick<CallRecord, 'uniqueid' | 'source'>): CallRecord {
  return {
    direction: 'inbound', callClass: 'customer', callerNum: '13800000001', calledNum: '4008812345', startedAt: t0, endedAt: t0 + 60_000, duration: 60,
    queueSeconds: 0, ringSeconds: 0, talkSeconds: 0, holdSeconds: 0, wrapupSeconds: 0, ivrSeconds: 0, isAnswered: false,
    ...overrides,
  };
}

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
beforeEach(() => {
  temp = tempDatabase();
  db = temp.open();
});
afterEach(() => temp.cleanup());

// Written into `db`, read from the cache the engine gives (support/store-engine.ts).
const engine = storeEngineSuite();
const read = () => engine.readBack(temp, db);

function rollupSnapshot(cache: Db) {
  return {
    queue: cache.prepare('SELECT * FROM queue_rollup_hour WHERE offered <> 0 ORDER BY 1, 2').all(),
    agent: cache.prepare('SELECT * FROM queue_rollup_agent_day WHERE offered <> 0 ORDER BY 1, 2, 3').all(),
    agentHour: cache.prepare('SELECT * FROM queue_rollup_agent_hour WHERE offered <> 0 ORDER BY 1, 2, 3').all(),
  };
}

describe('merging one uniqueid from several sources', () => {
  it('lets cc_cdr win over cdr over ami, whatever the arrival order, and fills missing fields', async () => {
    const ami = call({ uniqueid: '1764.1', source: 'ami', agent: '801', queue: '600', ringSeconds: 9, holdSeconds: 12, talkSeconds: 40, isAnswered: true, answeredAt: t0 + 20_000, hangupCause: 'NORMAL_CLEARING', callerNum: '' });
    const cdr = call({ uniqueid: '1764.1', source: 'cdr', disposition: 'ANSWERED', talkSeconds: 41, isAnswered: true, recordingFile: 'monitor/a.wav', answeredAt: t0 + 19_000 });
    const ccCdr = call({ uniqueid: '1764.1', source: 'cc_cdr', queue: '600', agent: '801', queueSeconds: 18, ringSeconds: 7, talkSeconds: 42, cdrState: 'bridged', isAnswered: true, score: 5 });
    const expected: CallRecord = {
      ...call({ uniqueid: '1764.1', source: 'cc_cdr' }),
      queue: '600', agent: '801', queueSeconds: 18, ringSeconds: 7, talkSeconds: 42, holdSeconds: 12, isAnswered: true, cdrState: 'bridged',
      score: 5, disposition: 'ANSWERED', recordingFile: 'monitor/a.wav', answeredAt: t0 + 19_000, hangupCause: 'NORMAL_CLEARING',
    };
    const ledgers = new Set<string>();
    for (const order of [[ami, cdr, ccCdr], [ccCdr, cdr, ami], [cdr, ccCdr, ami], [ami, ccCdr, cdr]]) {
      db.exec('DELETE FROM calls; DELETE FROM queue_calls; DELETE FROM queue_rollup_hour; DELETE FROM queue_rollup_agent_day; DELETE FROM queue_rollup_agent_hour;');
      const store = createCallStore(db);
      for (const record of order) store.upsertCalls([record]);
      const cache = await read();
      expect(createCallStore(cache).getCall('1764.1'), order.map((record) => record.source).join(' → ')).toEqual(expected);
      expect(cache.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 1 });
      // The queue pass the call describes, the same whatever the order: its wait is the call's 18 s.
      const ledger = cache.prepare('SELECT call_uniqueid, seq, queue, outcome, wait_seconds, ring_seconds, talk_seconds, hold_seconds, agent, score, source FROM queue_calls').all();
      expect(ledger).toMatchObject([{ wait_seconds: 18, ring_seconds: 7, talk_seconds: 42, hold_seconds: 12, agent: '801', score: 5, source: 'cc_cdr' }]);
      ledgers.add(JSON.stringify(ledger));
    }
    expect(ledgers.size).toBe(1);
  });

  it("reads a call's cdr rows leg by leg: answered if any leg was, and no talk or answer time once it was not", async () => {
    const permutations = <T>(items: T[]): T[][] => (items.length <= 1 ? [items] : items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest])));
    // Asterisk bills a lost queue call from the IVR's answer: the caller's own row says ANSWERED
    // when no agent was rung, and an agent's NO ANSWER row carries no answer (vendor-api/call-records.ts).
    const lost = [
      call({ uniqueid: 'leg.1', source: 'cc_cdr', queue: '600', queueSeconds: 26, cdrState: 'queue', missCause: 'NO_ANSWER', hangupSide: 'caller' }),
      call({ uniqueid: 'leg.1', source: 'cdr', disposition: 'ANSWERED', isAnswered: true, answeredAt: t0, talkSeconds: 26 }),
      call({ uniqueid: 'leg.1', source: 'cdr', disposition: 'NO ANSWER' }),
    ];
    // An answered call without its cc_cdr: the agent who answered and one rung in vain, either order.
    const answered = [
      call({ uniqueid: 'leg.2', source: 'cdr', disposition: 'ANSWERED', isAnswered: true, answeredAt: t0 + 9_000, talkSeconds: 40 }),
      call({ uniqueid: 'leg.2', source: 'cdr', disposition: 'NO ANSWER' }),
      call({ uniqueid: 'leg.2', source: 'ami', queue: '600', agent: '801', isAnswered: true, answeredAt: t0 + 10_000, talkSeconds: 39 }),
    ];
    for (const [records, expected, answeredAt] of [
      [lost, { isAnswered: false, talkSeconds: 0, queueSeconds: 26 }, undefined],
      [answered, { isAnswered: true, disposition: 'ANSWERED', talkSeconds: 40, agent: '801' }, t0 + 9_000],
    ] as const) {
      const seen = new Set<string>();
      for (const order of permutations([...records])) {
        db.exec('DELETE FROM calls; DELETE FROM queue_calls; DELETE FROM queue_rollup_hour; DELETE FROM queue_rollup_agent_day; DELETE FROM queue_rollup_agent_hour;');
        const store = createCallStore(db);
        for (const record of order) store.upsertCalls([record]);
        const stored = createCallStore(await read()).getCall(records[0]!.uniqueid)!;
        expect(stored, order.map((record) => `${record.source} ${record.disposition ?? ''}`).join(' → ')).toMatchObject(expected);
        expect(stored.answeredAt).toBe(answeredAt);
        seen.add(JSON.stringify(stored));
      }
      expect(seen.size).toBe(1);
    }
  });

  it('keeps one queue pass for a call AMI saw in the queue and its cc_cdr, whichever came first', async () => {
    const amiPass: QueueAttempt = {
      callId: '1764.2', seq: 0, queue: '600', enteredAt: t0 + 2_000, callerNum: '13800000001', outcome: 'answered', endedAt: t0 + 60_000,
      waitSeconds: 16, connectedAt: t0 + 18_000, ringSeconds: 6, talkSeconds: 42, holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, agent: '801', source: 'ami',
    };
    const amiCall = call({ uniqueid: '1764.2', source: 'ami', queue: '600', agent: '801', queueOutcome: 'answered', queueSeconds: 16, talkSeconds: 42, isAnswered: true });
    const ccCdr = call({ uniqueid: '1764.2', source: 'cc_cdr', queue: '600', agent: '801', queueSeconds: 17, talkSeconds: 42, isAnswered: true, score: 4, hangupSide: 'agent' });
    const ledgers = [];
    for (const ccCdrFirst of [true, false]) {
      db.exec('DELETE FROM calls; DELETE FROM queue_calls; DELETE FROM queue_rollup_hour; DELETE FROM queue_rollup_agent_day; DELETE FROM queue_rollup_agent_hour;');
      const store = createCallStore(db);
      if (ccCdrFirst) store.upsertCalls([ccCdr]);
      db.transaction(() => store.queueCalls.upsertAttempts([amiPass]))();
      store.upsertCalls([amiCall]);
      if (!ccCdrFirst) store.upsertCalls([ccCdr]);
      ledgers.push((await read()).prepare('SELECT * FROM queue_calls').all().map((row) => ({ ...(row as object), id: undefined })));
    }
    // AMI's own measures win (its pass outranks the cc_cdr's); the cc_cdr adds what AMI does not know.
    expect(ledgers[0]).toMatchObject([{ source: 'ami', wait_seconds: 16, score: 4, hangup_side: 'agent' }]);
    expect(ledgers[1]).toEqual(ledgers[0]);
  });

  it('keeps the ledger rollups equal to a rebuild after merges in one batch and across batches', async () => {
    const store = createCallStore(db);
    const options = { count: 600, firstDay: '2026-11-20', days: 3, timeZone: 'Asia/Shanghai', seed: 3 };
    const generated = Array.from({ length: options.count }, (_, index) => generateCallRecord(options, index));
    // AMI saw them first (unanswered, no queue), then the cc_cdr/cdr rows arrive, some twice in one batch.
    store.upsertCalls(generated.map((record) => ({ ...record, source: 'ami' as const, queue: undefined, isAnswered: false, missCause: undefined, queueSeconds: 3 })));
    store.upsertCalls([...generated.slice(0, 300), ...generated.slice(100, 200)]);
    store.upsertCalls(generated.slice(300));
    // The ledger says what the calls say: AMI's 3 s of queue stays in a call whose cc_cdr says 0 s ("unknown"), and in its pass.
    expect(db.prepare('SELECT count(*) AS n FROM queue_calls JOIN calls ON uniqueid = call_uniqueid WHERE wait_seconds IS NOT queue_seconds').get()).toEqual({ n: 0 });
    const recorded = rollupSnapshot(db);
    const cache = await read();
    const incremental = rollupSnapshot(cache);
    expect(incremental).toEqual(recorded);
    rebuildQueueRollups(cache);
    expect(rollupSnapshot(cache)).toEqual(incremental);
    const queueCalls = generated.filter((record) => record.queue !== undefined).length;
    expect(queueCalls).toBeGreaterThan(400);
    expect(incremental.queue.reduce((sum: number, row) => sum + (row as { offered: number }).offered, 0)).toBe(queueCalls);
    expect(incremental.agentHour.length).toBeGreaterThan(incremental.agent.length);
  });
});

// The writer's batching is the cache's own; what it commits goes on to a shared history through the outbox (shared-outbox.test.ts).
describe.skipIf(engine.name === 'postgres')('the group-commit writer', () => {
  it('commits writes of one tick in one transaction and resolves after the commit', async () => {
    const store = createCallStore(db);
    const writer = createCallWriter(store);
    const writes = Array.from({ length: 50 }, (_, index) => writer.writeCalls([call({ uniqueid: `w.${index}`, source: 'cc_cdr', queue: '600' })]));
    const steps = writer.writeIvrSteps([{ uniqueid: 'w.1', ivrId: '610', ivrName: 'workingtime', dtmf: '1', startAt: t0, endAt: t0 + 3_000 }]);
    expect(db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 0 });
    await Promise.all([...writes, steps]);
    expect(writer.stats).toEqual({ committedRows: 51, transactions: 1, failedRows: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 50 });
    await writer.writeCalls([call({ uniqueid: 'w.late', source: 'ami' })]);
    expect(writer.stats.transactions).toBe(2);
    await writer.close();
    await expect(writer.writeCalls([])).rejects.toThrow(/closed/);
  });

  it('commits early when a batch is full and rejects every write of a failed batch', async () => {
    const store = createCallStore(db);
    const writer = createCallWriter(store, { maxBatchRows: 10, maxDelayMs: 5 });
    const full = Array.from({ length: 10 }, (_, index) => writer.writeCalls([call({ uniqueid: `b.${index}`, source: 'cdr' })]));
    expect(db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 10 });
    await Promise.all(full);
    const good = writer.writeCalls([call({ uniqueid: 'b.ok', source: 'cdr' })]);
    const bad = writer.writeCalls([{ ...call({ uniqueid: 'b.bad', source: 'cdr' }), startedAt: null as unknown as number }]);
    await expect(good).rejects.toThrow();
    await expect(bad).rejects.toThrow();
    expect(store.getCall('b.ok')).toBeUndefined();
    expect(writer.stats.failedRows).toBe(2);
  });
});

describe('time zone', () => {
  it('regroups every call when the zone changes', async () => {
    const store = createCallStore(db);
    // 23:30 UTC = 07:30 next day in Shanghai, 18:30 same day in New York (EST).
    store.upsertCalls([call({ uniqueid: 'z.1', source: 'cc_cdr', queue: '600', startedAt: Date.parse('2026-11-24T23:30:00Z'), endedAt: Date.parse('2026-11-24T23:31:00Z') })]);
    const range = { from: Date.parse('2026-11-20T00:00:00Z'), to: Date.parse('2026-11-28T00:00:00Z'), dimension: 'total', grain: 'hour' } as const;
    expect(queueReport(await read(), range).rows.map((row) => row.bucketLabel)).toEqual(['2026-11-25 07:00']);
    store.setTimeZone('America/New_York');
    expect(store.timeZone).toBe('America/New_York');
    const report = queueReport(await read(), range);
    expect(report.rows.map((row) => row.bucketLabel)).toEqual(['2026-11-24 18:00']);
    expect(report.rows[0]!.bucketStart).toBe(Date.parse('2026-11-24T23:00:00Z'));
    expect(report.timeZone).toBe('America/New_York');
    expect(() => store.setTimeZone('Mars/Olympus')).toThrow(RangeError);
  });
});

describe('call detail', () => {
  it('tells the call as a timeline: IVR nodes, queue, rings to each agent, talk, hold, hangup, wrap-up', async () => {
    const store = createCallStore(db);
    const answeredAt = t0 + 25_000;
    store.upsertCalls([call({
      uniqueid: 'd.1', source: 'cc_cdr', queue: '600', agent: '802', ivrSeconds: 8, queueSeconds: 17, ringSeconds: 6, talkSeconds: 30,
      holdSeconds: 5, wrapupSeconds: 20, isAnswered: true, answeredAt, endedAt: answeredAt + 35_000, duration: 60, hangupSide: 'caller',
      hangupCause: 'NORMAL_CLEARING', cdrState: 'bridged', trunkNumber: '4008812345',
    })]);
    store.addIvrSteps([
      { uniqueid: 'd.1', ivrId: '610', ivrName: 'workingtime', dtmf: '0', startAt: t0, endAt: t0 + 3_000 },
      { uniqueid: 'd.1', ivrId: '620', ivrName: 'menu', dtmf: '2', startAt: t0 + 3_000, endAt: t0 + 8_000 },
      { uniqueid: 'd.1', ivrId: '610', ivrName: 'workingtime', dtmf: '0', startAt: t0, endAt: t0 + 3_000 }, // re-sent push
    ]);
    store.openInterval({ agent: '801', queue: '600', kind: 'ring', uniqueid: 'd.1', startAt: t0 + 9_000 });
    store.closeInterval({ agent: '801', queue: '600', kind: 'ring', endAt: t0 + 18_000 });
    store.openInterval({ agent: '802', queue: '600', kind: 'ring', uniqueid: 'd.1', startAt: t0 + 19_000 });
    store.closeInterval({ agent: '802', queue: '600', kind: 'ring', endAt: answeredAt });
    store.openInterval({ agent: '802', kind: 'wrapup', uniqueid: 'd.1', startAt: answeredAt + 35_000 });
    store.closeInterval({ agent: '802', kind: 'wrapup', endAt: answeredAt + 50_000 });
    const cache = await read();
    const detail = callDetail(cache, 'd.1')!;
    expect(detail.ivrSteps).toHaveLength(2);
    expect(detail.timeline).toEqual([
      { kind: 'start', at: t0, callerNum: '13800000001', calledNum: '4008812345', trunkNumber: '4008812345' },
      { kind: 'ivr', at: t0, until: t0 + 3_000, ivrId: '610', ivrName: 'workingtime', dtmf: '0' },
      { kind: 'ivr', at: t0 + 3_000, until: t0 + 8_000, ivrId: '620', ivrName: 'menu', dtmf: '2' },
      { kind: 'queue', at: t0 + 8_000, until: t0 + 25_000, queue: '600', outcome: 'answered' },
      { kind: 'ring', at: t0 + 9_000, until: t0 + 18_000, agent: '801' },
      { kind: 'ring', at: t0 + 19_000, until: answeredAt, agent: '802' },
      { kind: 'talk', at: answeredAt, until: answeredAt + 35_000, agent: '802' },
      { kind: 'hold', at: answeredAt, seconds: 5 },
      { kind: 'hangup', at: answeredAt + 35_000, side: 'caller', cause: 'NORMAL_CLEARING', cdrState: 'bridged' },
      { kind: 'wrapup', at: answeredAt + 35_000, until: answeredAt + 50_000, agent: '802' },
    ]);
    expect(callDetail(cache, 'nope')).toBeUndefined();
  });

  it('shows each pass through a queue as the ledger holds it: entered, waited, and how it left', async () => {
    const store = createCallStore(db);
    // Two seconds of IVR the record states without naming a node; the first queue timed the caller out into a second.
    const passes: QueueAttempt[] = [
      { callId: 'd.3', seq: 0, queue: '600', enteredAt: t0 + 2_000, callerNum: '13800000001', outcome: 'exitwithtimeout', endedAt: t0 + 32_000, waitSeconds: 30, holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 2, source: 'queue_log' },
      { callId: 'd.3', seq: 1, queue: '601', enteredAt: t0 + 33_000, callerNum: '13800000001', outcome: 'answered', agent: '805', connectedAt: t0 + 41_000, endedAt: t0 + 60_000, waitSeconds: 8, ringSeconds: 5, talkSeconds: 19, holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'queue_log' },
    ];
    db.transaction(() => store.queueCalls.upsertAttempts(passes))();
    store.upsertCalls([
      call({ uniqueid: 'd.3', source: 'ami', queue: '601', queueOutcome: 'answered', agent: '805', ivrSeconds: 2, queueSeconds: 8, talkSeconds: 19, isAnswered: true, answeredAt: t0 + 41_000 }),
    ]);
    const cache = await read();
    expect(callDetail(cache, 'd.3')!.timeline.filter((step) => step.kind === 'queue')).toEqual([
      { kind: 'queue', at: t0 + 2_000, until: t0 + 32_000, queue: '600', outcome: 'exitwithtimeout' },
      { kind: 'queue', at: t0 + 33_000, until: t0 + 41_000, queue: '601', outcome: 'answered' },
    ]);
    const d3 = rowToCall(cache.prepare("SELECT * FROM calls WHERE uniqueid = 'd.3'").get() as Record<string, unknown>);
    // A pass the console's clock stamped before the call's start on the PBX's clock still follows the IVR, with its own wait.
    const early: QueueAttempt = { ...passes[0]!, enteredAt: t0 - 60_000 };
    expect(buildTimeline(d3, [], [], [early])
      .find((step) => step.kind === 'queue')).toEqual({ kind: 'queue', at: t0 + 2_000, until: t0 + 32_000, queue: '600', outcome: 'exitwithtimeout' });
    // A pass still open (its writer's own, never another console's: store/postgres/pg-changes.ts) has no end yet.
    const waiting: QueueAttempt = { callId: 'd.3', seq: 2, queue: '601', enteredAt: t0 + 33_000, callerNum: '13800000001', outcome: 'waiting', holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'ami' };
    expect(buildTimeline(d3, [], [], [waiting])
      .find((step) => step.kind === 'queue')).toEqual({ kind: 'queue', at: t0 + 33_000, queue: '601', outcome: 'waiting' });
  });

  it('never starts a derived ring before its queue, when the sources round their seconds apart', async () => {
    const store = createCallStore(db);
    // The demo's call of the README screenshot: 2 s of IVR, 8 s in the queue, rang 8 s, answered at 9 s on the answer's clock.
    store.upsertCalls([call({ uniqueid: 'd.6', source: 'cc_cdr', queue: '630', agent: '809', ivrSeconds: 2, queueSeconds: 8, ringSeconds: 8, talkSeconds: 49, isAnswered: true, answeredAt: t0 + 9_000 })]);
    const timeline = callDetail(await read(), 'd.6')!.timeline;
    expect(timeline.map((step) => step.kind)).toEqual(['start', 'queue', 'ring', 'talk', 'hangup']);
    expect(timeline.find((step) => step.kind === 'ring')).toEqual({ kind: 'ring', at: t0 + 2_000, until: t0 + 9_000, agent: '809' });
  });

  it('puts a queue with no pass in the ledger after the IVR seconds the record states', async () => {
    const store = createCallStore(db);
    store.upsertCalls([call({ uniqueid: 'd.5', source: 'ami', queue: '600', queueOutcome: 'answered', agent: '801', ivrSeconds: 3, queueSeconds: 6, talkSeconds: 20, isAnswered: true, answeredAt: t0 + 9_000 })]);
    const cache = await read();
    expect(cache.prepare("SELECT count(*) AS n FROM queue_calls WHERE call_uniqueid = 'd.5'").get()).toEqual({ n: 0 });
    expect(callDetail(cache, 'd.5')!.timeline.find((step) => step.kind === 'queue')).toEqual({ kind: 'queue', at: t0 + 3_000, until: t0 + 9_000, queue: '600' });
  });

  it('derives the phases from the record when no journal exists (an imported cc_cdr)', async () => {
    const store = createCallStore(db);
    store.upsertCalls([call({ uniqueid: 'd.2', source: 'cc_cdr', queue: '630', agent: '100', ivrId: '610', ivrName: 'workingtime', ivrDtmf: '1', ivrSeconds: 4, queueSeconds: 7, ringSeconds: 7, endedAt: t0 + 11_000, duration: 11, missCause: 'MEMBER_CANCEL', cdrState: 'queue' })]);
    expect(callDetail(await read(), 'd.2')!.timeline.map((step) => [step.kind, step.at - t0])).toEqual([
      ['start', 0], ['ivr', 0], ['queue', 4_000], ['ring', 4_000], ['hangup', 11_000],
    ]);
  });
});

describe('joinOverlapping', () => {
  it('joins the same ring or pause seen by two consoles, keeps apart what does not overlap or differs', () => {
    const ring = { id: 1, agent: '801', kind: 'ring' as const, uniqueid: 'c.1', startAt: 1_000, endAt: 5_000 };
    expect(joinOverlapping([
      ring,
      { ...ring, id: 2, startAt: 1_200, endAt: 5_300 },
      { ...ring, id: 3, agent: '802', startAt: 1_100, endAt: 4_000 },
      { ...ring, id: 4, startAt: 9_000, endAt: 9_500 },
      { id: 5, agent: '801', kind: 'pause' as const, reason: 'lunch', startAt: 6_000 },
      { id: 6, agent: '801', kind: 'pause' as const, reason: 'lunch', startAt: 6_500, endAt: 7_000 },
    ])).toEqual([
      { ...ring, endAt: 5_300 },
      { ...ring, id: 3, agent: '802', startAt: 1_100, endAt: 4_000 },
      { ...ring, id: 4, startAt: 9_000, endAt: 9_500 },
      { id: 5, agent: '801', kind: 'pause', reason: 'lunch', startAt: 6_000 },
    ]);
  });
});

// The cache's own audit log; its copy to and from a shared history: shared-history-sync.test.ts.
describe.skipIf(engine.name === 'postgres')('audit log', () => {
  it('appends entries and lists them newest first with filters and paging', () => {
    const audit = createAuditLog(db);
    audit.append({ at: t0, who: 'desktop', action: 'queue.pause', target: '801', params: { queue: '600', reason: 'lunch' }, result: 'ok' });
    audit.append({ at: t0 + 1, who: 'web:192.168.1.20', action: 'call.hangup', target: '802', result: 'error', message: 'not in a call' });
    const third = audit.append({ at: t0 + 2, who: 'desktop', action: 'queue.pause', target: '803', result: 'ok' });
    expect(audit.list().map((entry) => entry.target)).toEqual(['803', '802', '801']);
    expect(audit.list({ action: 'queue.pause', beforeId: third })).toEqual([
      { id: 1, at: t0, who: 'desktop', action: 'queue.pause', target: '801', params: { queue: '600', reason: 'lunch' }, result: 'ok' },
    ]);
    expect(audit.list({ result: 'error' })[0]).toMatchObject({ who: 'web:192.168.1.20', message: 'not in a call' });
    expect(audit.list({ from: t0 + 1, to: t0 + 2, limit: 5 })).toHaveLength(1);
  });

  it('lists another console\'s acts that arrived late in time order, and pages through them', () => {
    const audit = createAuditLog(db);
    audit.append({ at: t0 + 10, who: 'desktop', action: 'queue.pause', target: '801', result: 'ok' });
    audit.append({ at: t0 + 30, who: 'desktop', action: 'queue.pause', target: '803', result: 'ok' });
    // Pulled from a shared history after both: acted at t0 + 20 at another console.
    db.prepare("INSERT INTO audit_log (at, who, action, target, result, console, console_entry) VALUES (?, 'operator:li@10.0.0.9', 'queue.pause', '802', 'ok', 'c-2', 7)").run(t0 + 20);
    const all = audit.list();
    expect(all.map((entry) => [entry.target, entry.console])).toEqual([['803', undefined], ['802', 'c-2'], ['801', undefined]]);
    const firstPage = audit.list({ limit: 2 });
    expect(audit.list({ limit: 2, beforeId: firstPage.at(-1)!.id }).map((entry) => entry.target)).toEqual(['801']);
  });
});
