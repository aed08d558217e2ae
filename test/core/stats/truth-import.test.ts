import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallStore, type CallStore } from '../../../electron/core/store/call-store';
import { importHistory } from '../../../electron/core/store/import';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { setSetting } from '../../../electron/core/store/settings';
import { tempDatabase } from '../store/support/temp-db';
import { queueBreakdown, slTrend, waitDistributions } from '../../../electron/core/store/distribution-reports';
import { truthBands, waitsOfQueueLog } from './truth-waits';
import { extensionOfAgent, transferOf, truthExpected, truthFile, truthScenarios, type ExpectedQueue } from './truth-fixtures';
import { settingKeys } from '../../../electron/core/base/setting-keys';

// A site that was not watching (or moves from QueueMetrics) brings its history from the PBX's
// own logs: each capture's queue_log and Master.csv slices imported into an empty cache give
// exactly the figures derive-expected.py read from the same queue_log.

let temp: ReturnType<typeof tempDatabase>;
let store: CallStore;
beforeEach(() => {
  temp = tempDatabase();
  const db = temp.open();
  setSetting(db, settingKeys.timeZone, 'UTC');
  store = createCallStore(db);
});
afterEach(() => temp.cleanup());

async function importText(name: string, text: string, fileName: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'callboard-truth-import-')), fileName);
  writeFileSync(file, text);
  return importHistory(store, file, { timeZone: 'UTC', extensionOf: extensionOfAgent });
}

const figuresOf = (queue: ExpectedQueue) => ({
  offered: queue.offered, answered: queue.answered, abandoned: queue.abandoned, transferred: queue.transferred,
  exited: queue.exitEmpty + queue.exitWithTimeout + queue.exitWithKey + queue.withdrawn, answeredWithinSl: queue.answeredWithin20s,
  serviceLevel: queue.serviceLevel20, asaSeconds: queue.asa, ahtSeconds: queue.aht, waitAnsweredSum: queue.waitSecondsAnsweredSum,
  talkSum: queue.talkSecondsAnsweredSum, ringNoAnswer: queue.ringNoAnswer,
});

describe('importing Asterisk queue_log and Master.csv', () => {
  for (const name of truthScenarios()) {
    it(name, async () => {
      const expected = truthExpected(name);
      const queueLog = await importText(name, truthFile(name, 'queue_log'), `${name}.queue_log`);
      const cdr = await importText(name, truthFile(name, 'cdr.csv'), 'Master.csv');
      expect(queueLog.errorCount + cdr.errorCount).toBe(0);

      for (const call of expected.calls) {
        expect(store.queueCalls.getAttempts(call.callId)).toMatchObject([{
          queue: call.queue, callerNum: call.callerId, outcome: call.outcome, waitSeconds: call.waitSeconds,
          ...(call.ringSeconds === null ? {} : { ringSeconds: call.ringSeconds }), ...(call.talkSeconds === null ? {} : { talkSeconds: call.talkSeconds }),
          ringNoAnswer: call.ringNoAnswer.length, enteredAt: call.enteredAt * 1000, source: 'queue_log',
          ...(transferOf(call) ? { transferKind: transferOf(call)!.kind, transferTo: transferOf(call)!.to } : {}),
        }]);
        expect(store.queueCalls.getAttempts(call.callId)[0]?.agent).toBe(extensionOfAgent(call.agent));
        // The call is in history, its parties from Master.csv, its queue figures from queue_log.
        expect(store.getCall(call.callId)).toMatchObject({ queue: call.queue, queueOutcome: call.outcome, callerNum: call.callerId, queueSeconds: call.waitSeconds });
      }
      // Every Master.csv call is in history once.
      for (const uniqueid of Object.keys(expected.cdr)) expect(store.getCall(uniqueid), uniqueid).toBeDefined();

      const report = queueReport(store.db, { from: 0, to: Date.now() + 366 * 86_400_000, dimension: 'queue', grain: 'all' });
      for (const [queue, totals] of Object.entries(expected.queues)) {
        const row = report.rows.find((r) => r.key === queue);
        if (totals.offered === 0) expect(row).toBeUndefined();
        else expect(row, queue).toMatchObject(figuresOf(totals));
      }

      // Distributions, quarters and trunks as the files have them.
      const waits = waitsOfQueueLog(truthFile(name, 'queue_log'), expected.cdr);
      const range = { from: 0, to: Date.now() + 366 * 86_400_000 };
      const { answered, abandoned, answeredWithin, abandonedWithin } = waits;
      expect(truthBands).toHaveLength(answeredWithin.length);
      expect(waitDistributions(store.db, range).total).toEqual({ answered, abandoned, answeredWithin, abandonedWithin });
      const capturedAt = Number(truthFile(name, 'queue_log').split('|', 1)[0]) * 1000;
      expect(slTrend(store.db, undefined, capturedAt).quarters.map((q) => [q.at, q.offered, q.answeredWithinSl]))
        .toEqual([...waits.quarters].map(([at, q]) => [at, q.offered, q.answeredWithin20]));
      expect(new Map(queueBreakdown(store.db, { ...range, by: 'trunk' }).rows.map((row) => [row.key, row.offered]))).toEqual(waits.trunks);

      // Importing the same logs again changes nothing: merged by call and pass, never counted twice.
      await importText(name, truthFile(name, 'queue_log'), `${name}.queue_log`);
      await importText(name, truthFile(name, 'cdr.csv'), 'Master.csv');
      expect(queueReport(store.db, { from: 0, to: Date.now() + 366 * 86_400_000, dimension: 'queue', grain: 'all' })).toEqual(report);
    });
  }
});
