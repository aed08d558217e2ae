import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { QueueLogReader } from '../../../electron/core/asterisk-logs/queue-log';
import { defaultConfig } from '../../../electron/core/config/config';
import { combineFigures, type QueueAttempt } from '../../../electron/core/contract';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { memberExtensions } from '../../../electron/core/live/member-extensions';
import { createQueueCallStore } from '../../../electron/core/store/queue-call-store';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { until } from '../../support/waits';

// A busy simulated hour on the demo PBX, watched over real AMI/TCP by the core, held
// against the queue_log the demo wrote for the same calls (Asterisk's format): every
// pass the log closed equals the ledger's, the totals agree, and at every step of the
// day the wallboard's figures add up (answered never above offered).

const opened: { core?: Core; pbx?: DemoPbx }[] = [];
afterEach(async () => {
  for (const { core, pbx } of opened.splice(0)) {
    await core?.close();
    await pbx?.close();
  }
});

describe('a simulated day against the demo PBX\'s own queue_log', () => {
  it('gives the figures queue_log gives, at every step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-day-'));
    const queueLogFile = join(dir, 'queue_log');
    // From 10:00 in the PBX's zone (Asia/Shanghai): traffic follows the hour, and at night there is too little of it.
    const busyHour = Date.parse(`${new Date().toISOString().slice(0, 10)}T02:00:00Z`);
    const pbx = await startDemoPbx({ agents: 24, autoStart: false, seed: 11, queueLogFile, startTime: busyHour });
    opened.push({ pbx });
    const core = await startCore({
      ...defaultConfig(join(dir, 'data')), http: { host: '127.0.0.1', port: 0 }, receiver: false,
      ami: [{ id: 'demo', host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }],
    }, { log: silentLogger, serveHttp: false });
    opened.push({ core });
    await core.amiBackends[0]!.whenSynced();
    pbx.startSimulation();

    // A simulated busy hour in 10 s steps, letting the core read each step off the socket.
    for (let step = 0; step < 360; step++) {
      pbx.step(10_000);
      await new Promise((resolve) => setTimeout(resolve, 2));
      const day = combineFigures([...core.model.days.values()].map((d) => d.figures));
      expect(day.answered).toBeLessThanOrEqual(day.offered);
      expect(day.answered + day.abandoned + day.exited + day.waiting + day.unknown).toBe(day.offered);
    }

    const lines = () => readFileSync(queueLogFile, 'utf8').split('\n').filter(Boolean);
    const entered = () => lines().filter((line) => line.includes('|ENTERQUEUE|')).length;
    const ledger = createQueueCallStore(core.db);
    const rowCount = () => (core.db.prepare('SELECT count(*) AS n FROM queue_calls').get() as { n: number }).n;
    await until(() => rowCount() === entered(), 'every ENTERQUEUE in the ledger', 30_000);
    expect(entered()).toBeGreaterThan(100);

    const reader = new QueueLogReader({ extensionOf: memberExtensions(core.model) });
    const closed: QueueAttempt[] = [];
    for (const line of lines()) {
      const pass = reader.line(line);
      if (pass && !('error' in pass)) closed.push(pass);
    }
    await until(() => closed.every((pass) => ledger.getAttempts(pass.callId)[pass.seq]?.outcome === pass.outcome), 'the ledger caught up', 30_000);
    for (const pass of closed) {
      const row = ledger.getAttempts(pass.callId)[pass.seq];
      expect(row, pass.callId).toMatchObject({ queue: pass.queue, outcome: pass.outcome, waitSeconds: pass.waitSeconds });
      expect(row?.talkSeconds).toBe(pass.talkSeconds);
      expect(row?.ringSeconds).toBe(pass.ringSeconds);
      expect(row?.agent).toBe(pass.agent);
    }

    const report = queueReport(core.db, { from: 0, to: Date.now() + 86_400_000, dimension: 'queue', grain: 'all' });
    const outcomes = new Map<string, Record<string, number>>();
    for (const pass of [...closed, ...reader.finish()]) {
      const counts = outcomes.get(pass.queue) ?? {};
      counts[pass.outcome] = (counts[pass.outcome] ?? 0) + 1;
      outcomes.set(pass.queue, counts);
    }
    for (const [queue, counts] of outcomes) {
      const row = report.rows.find((r) => r.key === queue);
      const answered = (counts.answered ?? 0) + (counts.transferred ?? 0) + (counts.connected ?? 0);
      expect(row, queue).toMatchObject({ offered: Object.values(counts).reduce((a, b) => a + b, 0), answered, abandoned: counts.abandoned ?? 0 });
    }
  }, 120_000);
});
