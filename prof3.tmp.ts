import Database from 'better-sqlite3';
import { hourTallies, foldQueueReport, hourRange } from './electron/core/store/queue-reports';
import { statsRulesBook } from './electron/core/store/settings';
import { rebuildQueueRollups } from './electron/core/store/queue-call-store';
import { readFileSync } from 'node:fs';
// a copy of the 10 M DB's ledger for the bench day ±2 days, with the new rollup
const db = new Database(':memory:');
db.exec(`ATTACH '${process.argv[2]}' AS big`);
const { callQueries } = await import('./bench/store/call-queries');
const q = callQueries(365).find((c) => c.name === 'kpi.day.scan')!.report as never as Parameters<typeof hourTallies>[1];
const range = hourRange(db as never, q.from, q.to);
db.exec(readFileSync('electron/core/store/migrations/006_queue_ledger.sql', 'utf8').split('INSERT INTO queue_calls')[0]);
db.exec(readFileSync('electron/core/store/migrations/015_agent_hour_rollup.sql', 'utf8'));
db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)');
db.prepare('INSERT INTO main.queue_calls SELECT * FROM big.queue_calls WHERE local_hour >= ? AND local_hour < ?').run(range.fromHour - 48, range.toHour + 48);
rebuildQueueRollups(db as never);
for (let i = 0; i < 6; i++) {
  let t = performance.now();
  const rows = hourTallies(db as never, q, range.fromHour, range.toHour);
  const sqlMs = performance.now() - t; t = performance.now();
  const r = foldQueueReport(q, { timeZone: range.timeZone, book: statsRulesBook(db as never), rows, servedFrom: 'rollup', waiting: [] });
  console.log('rows', rows.length, 'sql', sqlMs.toFixed(1), 'fold', (performance.now() - t).toFixed(1), r.rows.length);
}
