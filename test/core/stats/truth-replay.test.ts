import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import type { QueueFigures } from '../../../electron/core/contract';
import { createCallStore } from '../../../electron/core/store/call-store';
import { importHistory } from '../../../electron/core/store/import';
import { historyStores } from '../../../electron/core/app/handlers/history';
import { createQueueCallStore } from '../../../electron/core/store/queue-call-store';
import { historyTotals, queueReport } from '../../../electron/core/store/queue-reports';
import { AmiReplayServer } from '../../support/ami-replay-server';
import { storeEngineSuite } from '../store/support/store-engine';
import { tempDatabase } from '../store/support/temp-db';
import { agentPerformance } from '../../../electron/core/store/agent-performance';
import { until } from '../../support/waits';
import { agentsOfQueueLog } from './truth-agents';
import { truthBands, waitsOfQueueLog } from './truth-waits';
import { distributionBands } from '../../../electron/core/contract';
import { queueBreakdown, slTrend, waitDistributions } from '../../../electron/core/store/distribution-reports';
import { transfersReport } from '../../../electron/core/store/transfer-report';
import { extensionOfAgent, transferOf, truthExpected, truthFile, truthScenarios, truthScript, type ExpectedQueue } from './truth-fixtures';

// Each capture of a real Asterisk 20 replayed over a real TCP socket into the headless
// core (AMI client → live model → queue ledger → SQLite), then every figure compared
// with what derive-expected.py read from the same calls' queue_log. On the shared history's engine
// (vitest.config.ts), the history's figures are read from a cache filled only from PostgreSQL, as
// every other console of the site reads them.

const running: { core: Core; pbx: AmiReplayServer }[] = [];
const temp = tempDatabase('callboard-truth-read-');
afterEach(async () => {
  for (const { core, pbx } of running.splice(0)) {
    await core.close();
    await pbx.close();
  }
});
afterAll(() => temp.cleanup());
const engine = storeEngineSuite();

/**
 * The capture's AMI frames carry no time of their own: the core's clock starts where the
 * capture's queue_log does, so today's figures are the recorded day whatever today is.
 */
function clockOfCapture(name: string): () => number {
  const startedAt = Number(truthFile(name, 'queue_log').split('|', 1)[0]) * 1000;
  const t0 = Date.now();
  return () => startedAt + (Date.now() - t0);
}

async function replay(name: string): Promise<Core> {
  const pbx = await AmiReplayServer.start({ script: truthScript(name) });
  const config = {
    ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-truth-'))),
    receiver: false as const,
    timeZone: 'UTC',
    ami: [{ id: 'pbx', host: '127.0.0.1', port: pbx.port, username: 'admin', secret: 'amp111' }],
  };
  const core = await startCore(config, { log: silentLogger, serveHttp: false, clock: clockOfCapture(name) });
  running.push({ core, pbx });
  return core;
}

/** The figures expected.json states, in our names (SL at 20 s over offered, AHT = talk ÷ answered with no wrap-up). */
function expectedFigures(queue: ExpectedQueue): Partial<QueueFigures> {
  return {
    offered: queue.offered, answered: queue.answered, abandoned: queue.abandoned, transferred: queue.transferred,
    exited: queue.exitEmpty + queue.exitWithTimeout + queue.exitWithKey + queue.withdrawn, answeredWithinSl: queue.answeredWithin20s,
    serviceLevel: queue.serviceLevel20, asaSeconds: queue.asa, ahtSeconds: queue.aht, attSeconds: queue.aht,
    waitAnsweredSum: queue.waitSecondsAnsweredSum, talkSum: queue.talkSecondsAnsweredSum, ringNoAnswer: queue.ringNoAnswer,
  };
}

describe('the figures of real Asterisk captures equal its queue_log', () => {
  for (const name of truthScenarios()) {
    it(name, async () => {
      const expected = truthExpected(name);
      const core = await replay(name);
      const ledger = createQueueCallStore(core.db);
      const calls = createCallStore(core.db);
      await until(() => core.model.connections.get('pbx')?.state === 'connected', 'the AMI session');
      await until(
        () => core.model.calls.size === 0
          && expected.calls.every((call) => ledger.getAttempts(call.callId).length === 1 && calls.getCall(call.callId) !== undefined)
          && ledger.openAttempts().length === 0,
        `${expected.calls.length} queue calls ended and stored`,
      );

      const history = await engine.readBack(temp, core.db);
      const stored = { ledger: createQueueCallStore(history), calls: createCallStore(history) };
      for (const call of expected.calls) {
        const [attempt] = stored.ledger.getAttempts(call.callId);
        expect(attempt, call.callId).toMatchObject({
          queue: call.queue, callerNum: call.callerId, outcome: call.outcome, waitSeconds: call.waitSeconds,
          ringNoAnswer: call.ringNoAnswer.length,
        });
        expect(attempt?.agent).toBe(extensionOfAgent(call.agent));
        if (call.entryPosition !== null) expect(attempt?.entryPosition).toBe(call.entryPosition);
        if (call.ringSeconds !== null) expect(attempt?.ringSeconds).toBe(call.ringSeconds);
        if (call.talkSeconds !== null) expect(attempt?.talkSeconds).toBe(call.talkSeconds);
        // queue_log names the side only for answered calls; an abandon is the caller's.
        expect(attempt?.hangupSide).toBe(call.hangupSide ?? (call.outcome === 'abandoned' ? 'caller' : 'system'));
        const transfer = transferOf(call);
        if (transfer) expect(attempt).toMatchObject({ transferKind: transfer.kind, transferTo: transfer.to });
        else expect(attempt?.transferKind).toBeUndefined();

        const row = stored.calls.getCall(call.callId);
        const isAnswered = call.outcome === 'answered' || call.outcome === 'transferred';
        expect(row, call.callId).toMatchObject({
          queue: call.queue, queueOutcome: call.outcome, isAnswered, queueSeconds: call.waitSeconds, callClass: 'customer',
          disposition: isAnswered ? 'ANSWERED' : 'NO ANSWER', cdrState: isAnswered ? 'bridged' : 'queue',
        });
        expect(row?.agent).toBe(extensionOfAgent(call.agent));
        if (call.talkSeconds !== null) expect(row?.talkSeconds).toBe(call.talkSeconds);
        if (!isAnswered) expect(row?.missCause).toMatch(/^(NO_ASSIGN|NO_AGENT_ANSWER|NO_AGENT_LOGIN|MEMBER_CANCEL)$/);
      }

      const range = { from: 0, to: core.model.now() + 3_600_000 };
      const report = queueReport(history, { ...range, dimension: 'queue', grain: 'all' });
      // The history page's totals for the same range (customer calls, as it searches) are the same figures.
      const offered = Object.values(expected.queues).reduce((sum, q) => sum + q.offered, 0);
      const totals = historyTotals(history, { ...range, callClasses: ['customer', 'internal'] });
      expect(totals.offered).toBe(offered);
      if (offered > 0) expect(totals).toMatchObject(expectedFigures(Object.values(expected.queues).find((q) => q.offered > 0)!));
      for (const [queue, totals] of Object.entries(expected.queues)) {
        const row = report.rows.find((r) => r.key === queue);
        if (totals.offered === 0) {
          expect(row, `report row of ${queue}`).toBeUndefined();
          expect(core.model.days.get(queue)?.figures.offered ?? 0).toBe(0);
          continue;
        }
        expect(row, `report row of ${queue}`).toMatchObject(expectedFigures(totals));
        await until(() => core.model.days.get(queue)?.figures.offered === totals.offered, `the day of ${queue}`);
        expect(core.model.days.get(queue)?.figures, `today on the wallboard, ${queue}`).toMatchObject(expectedFigures(totals));
        const hours = core.model.days.get(queue)?.hours ?? [];
        expect(hours.reduce((sum, hour) => sum + hour.offered, 0)).toBe(totals.offered);
        expect(hours.reduce((sum, hour) => sum + hour.answered, 0)).toBe(totals.answered);
      }

      // Distributions, quarters, trunks and transfers as the PBX's own files have them.
      const waits = waitsOfQueueLog(truthFile(name, 'queue_log'), expected.cdr);
      expect(distributionBands).toEqual(truthBands);
      const { answered, abandoned, answeredWithin, abandonedWithin } = waits;
      expect(waitDistributions(history, range).total, 'answer / abandon time distribution').toEqual({ answered, abandoned, answeredWithin, abandonedWithin });
      // Every capture's calls lie in one quarter hour, so the replay's arrival times fall in queue_log's quarters.
      const quarters = slTrend(history, undefined, core.model.now()).quarters;
      expect(quarters.map((q) => [q.at, q.offered, q.answeredWithinSl, q.slBase]), 'SL per quarter hour')
        .toEqual([...waits.quarters].map(([at, q]) => [at, q.offered, q.answeredWithin20, q.offered]));
      const trunks = queueBreakdown(history, { ...range, by: 'trunk' }, core.model.now()).rows;
      expect(new Map(trunks.map((row) => [row.key, row.offered])), 'queue passes per trunk').toEqual(waits.trunks);
      const transfers = transfersReport(history, range).rows.filter((row) => row.to !== '');
      expect(new Map(transfers.map((row) => [`${row.from}→${row.to}`, row.transfers])), 'transfers between agents').toEqual(waits.transfers);

      // Per agent: queue answers and talk as queue_log has them, transfers received as the CDR legs show them.
      const truth = agentsOfQueueLog(truthFile(name, 'queue_log'), expected.cdr);
      const agents = agentPerformance(history, range, undefined, core.model.now()).agents.filter((a) => a.callsTaken > 0);
      expect(agents.map((a) => a.agent).sort(), 'agents who took calls').toEqual([...truth.keys()].sort());
      for (const agent of agents) {
        const expectedAgent = truth.get(agent.agent)!;
        expect(agent, `agent ${agent.agent}`).toMatchObject({ queueAnswered: expectedAgent.answered, transfersReceived: expectedAgent.transfersReceived, direct: 0 });
        // The replay streams the capture at once: a target's own segment is timed by arrival, so it is bounded by its CDR leg, not equal to it.
        if (expectedAgent.transfersReceived === 0) expect(agent.talkSum, `talk of ${agent.agent}`).toBe(expectedAgent.talk);
        else expect(agent.talkSum - expectedAgent.talk).toBeLessThanOrEqual(expectedAgent.transferBillsec + 1);
      }
    });
  }
});

describe('what queue_log does not say, from the same captures', () => {
  it('a Redirect to another extension keeps the answering agent and records the transfer (s06)', async () => {
    const core = await replay('s06_transfer');
    const calls = createCallStore(core.db);
    await until(() => calls.getCall('1796480200.139') !== undefined, 'both calls stored');
    expect(calls.getCall('1796480178.135')).toMatchObject({ agent: '800', transferKind: 'redirect', transferTo: '803', queueOutcome: 'answered' });
    expect(calls.getCall('1796480200.139')?.transferKind).toBeUndefined();
  });

  it('listen, whisper and barge are supervisor sessions linked to the call they observed, never missed calls (s07)', async () => {
    const core = await replay('s07_chanspy');
    const calls = createCallStore(core.db);
    const sessions = ['1796480299.144', '1796480306.145', '1796480313.146'];
    await until(() => [...sessions, '1796480293.142'].every((id) => calls.getCall(id) !== undefined), 'the internal call and the three sessions');
    expect(calls.getCall('1796480293.142')).toMatchObject({ callClass: 'internal', isAnswered: true });
    expect(sessions.map((id) => calls.getCall(id))).toMatchObject([
      { callClass: 'supervisor', sessionKind: 'listen', observedUniqueid: '1796480293.142' },
      { callClass: 'supervisor', sessionKind: 'whisper', observedUniqueid: '1796480293.142' },
      { callClass: 'supervisor', sessionKind: 'barge', observedUniqueid: '1796480293.142' },
    ]);
    expect(createQueueCallStore(core.db).openAttempts()).toEqual([]);
  });

  it('a click-to-dial that reached the number is an ordinary call of the agent (s05)', async () => {
    const core = await replay('s05_click_to_dial');
    const calls = createCallStore(core.db);
    await until(() => calls.getCall('1796480142.132') !== undefined, 'the click-to-dial call');
    expect(calls.getCall('1796480142.132')).toMatchObject({ callClass: 'internal', sessionKind: 'dial', isAnswered: true, callerNum: '800', calledNum: '801' });
  });
});

describe('the PBX\'s own logs on top of what the console saw', () => {
  it('importing queue_log and Master.csv of calls already watched counts nothing twice (s06)', async () => {
    const core = await replay('s06_transfer');
    // The core's own store: the day ledger listens to its changes.
    const calls = historyStores(core.db).store;
    await until(() => calls.getCall('1796480200.139') !== undefined && createQueueCallStore(core.db).openAttempts().length === 0, 'both calls stored');
    const range = { from: 0, to: core.model.now() + 3_600_000, dimension: 'queue', grain: 'all' } as const;
    const before = queueReport(core.db, range);
    const dir = mkdtempSync(join(tmpdir(), 'callboard-truth-logs-'));
    for (const [file, text] of [['queue_log', truthFile('s06_transfer', 'queue_log')], ['Master.csv', truthFile('s06_transfer', 'cdr.csv')]] as const) {
      writeFileSync(join(dir, file), text);
      expect((await importHistory(calls, join(dir, file), { timeZone: 'UTC', extensionOf: extensionOfAgent })).errorCount).toBe(0);
    }
    expect(queueReport(core.db, range).rows).toEqual(before.rows);
    expect(createQueueCallStore(core.db).getAttempts('1796480178.135')).toMatchObject([{ source: 'queue_log', agent: '800', talkSeconds: 14 }]);
    // The day on the wallboard heard of the import too: queue_log's times move both calls to the capture's day
    // (2026-12-05 UTC), so today still counts two calls only when today is that day, and none otherwise.
    const today = new Date(core.model.now()).toISOString().slice(0, 10);
    const expectedToday = today === '2026-12-05' ? 2 : 0;
    await until(() => (core.model.days.get('630')?.figures.offered ?? 0) === expectedToday, 'the day after the import');
  });
});
