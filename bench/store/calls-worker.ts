// Child process: queries of the call review page and the reports on N
// generated calls (test/support/generate-calls.ts), each next to a raw prepared SQL
// statement over the same rows (the ceiling), timed with tinybench.
import { statSync } from 'node:fs';
import { Bench } from 'tinybench';
import { queueReport } from '../../electron/core/store/queue-reports';
import { searchCalls } from '../../electron/core/store/call-search';
import { generateCallRecord, type GenerateOptions } from '../../test/support/generate-calls';
import { DAY_MS, wallToUtc } from '../../electron/core/base/time-zone';
import { childMain, reply } from '../lib/child';
import { openCallsDb } from './calls-db';

const TIME_ZONE = 'Asia/Shanghai';
const FIRST_DAY = '2025-11-25';

function localDayStart(dayIndex: number): number {
  return wallToUtc(Date.parse(`${FIRST_DAY}T00:00:00Z`) + dayIndex * DAY_MS, TIME_ZONE);
}

childMain(async () => {
  const count = Number(process.argv[2]);
  const days = Number(process.argv[3]);
  const timeMs = Number(process.argv[4] ?? 1000);
  const options: GenerateOptions = { count, firstDay: FIRST_DAY, days, timeZone: TIME_ZONE };
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const { db, file, generateRate } = openCallsDb(options, log);
  const bytesPerRow = statSync(file).size / count;
  const sample = Array.from({ length: 1000 }, (_, i) => generateCallRecord(options, Math.floor((i * count) / 1000)));
  const jsonBytesPerRow = sample.reduce((sum, call) => sum + Buffer.byteLength(JSON.stringify(call)), 0) / sample.length;

  // A weekday two thirds into the range, and the 30 days before it.
  const day = Math.floor((days * 2) / 3);
  const dayFrom = localDayStart(day);
  const dayTo = localDayStart(day + 1);
  const monthFrom = localDayStart(Math.max(0, day - 29));
  const rawPage = db.prepare('SELECT * FROM calls WHERE started_at >= ? AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT 51');
  const rawDay = db.prepare(
    `SELECT queue, count(*) AS offered, sum(is_answered) AS answered, sum(talk_seconds) AS talk, sum(queue_seconds) AS wait
     FROM calls WHERE started_at >= ? AND started_at < ? AND queue IS NOT NULL GROUP BY queue`,
  );
  let rows = 0;
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs / 4) });
  bench
    .add('raw.page', () => void (rows = rawPage.all(monthFrom, dayTo).length))
    .add('page.recent', () => void (rows = searchCalls(db, { from: monthFrom, to: dayTo }, { limit: 50 }).rows.length))
    .add('page.filtered', () => {
      rows = searchCalls(db, { from: monthFrom, to: dayTo, queues: ['630'], isAnswered: false, minDuration: 30 }, { limit: 50 }).rows.length;
    })
    .add('page.caller', () => void (rows = searchCalls(db, { from: monthFrom, to: dayTo, callerNum: '139' }, { limit: 50 }).rows.length))
    .add('page.agent', () => {
      rows = searchCalls(db, { from: localDayStart(0), to: localDayStart(days), agents: ['8042'], minDuration: 200 }, { limit: 50 }).rows.length;
    })
    .add('raw.day', () => void (rows = rawDay.all(dayFrom, dayTo).length))
    .add('kpi.day', () => void (rows = queueReport(db, { from: dayFrom, to: dayTo, dimension: 'queue', grain: 'day' }).rows.length))
    // Agents per hour are not rolled up: this one scans the day's queue ledger.
    .add('kpi.day.scan', () => {
      rows = queueReport(db, { from: dayFrom, to: dayTo, dimension: 'agent', grain: 'hour' }).rows.length;
    })
    .add('kpi.month', () => void (rows = queueReport(db, { from: monthFrom, to: dayTo, dimension: 'total', grain: 'day' }).rows.length));
  await bench.run();
  const latency: Record<string, { p50: number; p99: number; samples: number }> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (!result || !('latency' in result)) throw new Error(`task ${task.name} did not complete: ${JSON.stringify(result)}`);
    latency[task.name] = { p50: result.latency.p50, p99: result.latency.p99, samples: result.latency.samplesCount };
  }
  db.close();
  reply({ type: 'result', count, days, bytesPerRow, jsonBytesPerRow, generateRate, latency, lastRows: rows });
});
