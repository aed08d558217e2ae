// Child process: queries of the call review page and the reports on N
// generated calls (test/support/generate-calls.ts), each next to a raw prepared SQL
// statement over the same rows (the ceiling), timed with tinybench.
import { statSync } from 'node:fs';
import { Bench } from 'tinybench';
import { queueReport } from '../../electron/core/store/queue-reports';
import { searchCalls } from '../../electron/core/store/call-search';
import { generateCallRecord, type GenerateOptions } from '../../test/support/generate-calls';
import { childMain, reply } from '../lib/child';
import { openCallsDb } from './calls-db';
import { FIRST_DAY, TIME_ZONE, benchDays, callQueries, queryLatencies } from './call-queries';

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

  const { dayFrom, dayTo, monthFrom } = benchDays(days);
  const rawPage = db.prepare('SELECT * FROM calls WHERE started_at >= ? AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT 51');
  const rawDay = db.prepare(
    `SELECT queue, count(*) AS offered, sum(is_answered) AS answered, sum(talk_seconds) AS talk, sum(queue_seconds) AS wait
     FROM calls WHERE started_at >= ? AND started_at < ? AND queue IS NOT NULL GROUP BY queue`,
  );
  let rows = 0;
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs / 4) });
  bench
    .add('raw.page', () => void (rows = rawPage.all(monthFrom, dayTo).length))
    .add('raw.day', () => void (rows = rawDay.all(dayFrom, dayTo).length));
  for (const query of callQueries(days)) {
    bench.add(query.name, () => {
      rows = 'filter' in query ? searchCalls(db, query.filter, { limit: 50 }).rows.length : queueReport(db, query.report).rows.length;
    });
  }
  await bench.run();
  const latency = queryLatencies(bench);
  db.close();
  reply({ type: 'result', count, days, bytesPerRow, jsonBytesPerRow, generateRate, latency, lastRows: rows });
});
