// Child process: the call review page and the day KPIs of calls-worker.ts, on PostgreSQL.
// A throwaway cluster (test/support/postgres.ts) is loaded with the same generated calls
// through PgHistory.upsertCalls (secondary indexes rebuilt after, as calls-db.ts does for
// SQLite), then the same queries are timed with tinybench. Last, a console joining the site:
// the first calls pulled into an empty SQLite cache as app/start-history-sync.ts pulls them.
import { Bench } from 'tinybench';
import type { CallRecord } from '../../electron/core/contract/history';
import { openPgDatabase } from '../../electron/core/store/postgres/pg-database';
import { createPgHistory } from '../../electron/core/store/postgres/pg-history';
import { generateCallRecord, type GenerateOptions } from '../../test/support/generate-calls';
import { startPostgres } from '../../test/support/postgres';
import { childMain, reply } from '../lib/child';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/store/database';
import { createCallStore, storeSharedPage } from '../../electron/core/store/call-store';
import { finishedBelow, pullChanges, startOfChanges } from '../../electron/core/store/postgres/pg-changes';
import type { PgPool } from '../../electron/core/store/postgres/pg-database';
import { nowMs } from '../lib/stats';
import { FIRST_DAY, TIME_ZONE, callQueries, queryLatencies } from './call-queries';

childMain(async () => {
  const count = Number(process.argv[2]);
  const days = Number(process.argv[3]);
  const timeMs = Number(process.argv[4] ?? 1000);
  const pullCount = Number(process.argv[5] ?? 500_000);
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const started = await startPostgres();
  if ('skip' in started) {
    reply({ type: 'skipped', reason: started.skip });
    return;
  }
  const { cluster } = started;
  // The parent may stop this process mid-load: the cluster goes with it (stop is synchronous).
  process.once('exit', cluster.stop);
  try {
    const pool = await openPgDatabase(cluster.url);
    const history = createPgHistory(pool, { pbx: 'bench', timeZone: TIME_ZONE });
    const options: GenerateOptions = { count, firstDay: FIRST_DAY, days, timeZone: TIME_ZONE };
    const indexes = (await pool.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('calls', 'queue_calls') AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'",
    )).rows;
    for (const index of indexes) await pool.query(`DROP INDEX ${index.indexname}`);
    const start = nowMs();
    let lastLog = start;
    for (let first = 0; first < count; first += 10_000) {
      const batch: CallRecord[] = [];
      for (let index = first; index < Math.min(count, first + 10_000); index += 1) batch.push(generateCallRecord(options, index));
      await history.upsertCalls(batch);
      if (nowMs() - lastLog > 15_000) {
        lastLog = nowMs();
        log(`  store (PostgreSQL): loaded ${first + batch.length} of ${count} calls`);
      }
    }
    for (const index of indexes) await pool.query(index.indexdef);
    await pool.query('VACUUM ANALYZE calls');
    await pool.query('VACUUM ANALYZE queue_calls');
    const loadRate = count / ((nowMs() - start) / 1000);
    const size = await pool.query<{ bytes: number }>("SELECT pg_total_relation_size('calls') + pg_total_relation_size('queue_calls') AS bytes");

    const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs / 4) });
    let rows = 0;
    for (const query of callQueries(days)) {
      bench.add(query.name, async () => {
        rows = 'filter' in query ? (await history.searchCalls(query.filter, { limit: 50 })).rows.length : (await history.queueReport(query.report)).rows.length;
      });
    }
    await bench.run();
    const latency = queryLatencies(bench);
    const pull = await pullIntoCache(pool, Math.min(count, pullCount), log);
    await pool.end();
    reply({ type: 'result', count, days, loadRate, bytesPerRow: (size.rows[0]?.bytes ?? 0) / count, latency, lastRows: rows, pull });
  } finally {
    cluster.stop();
  }
});

/** Pages of 2,000 rows per table, each one cache transaction, until `calls` calls are in the cache: calls/s. */
async function pullIntoCache(pool: PgPool, calls: number, log: (message: string) => void): Promise<{ calls: number; rate: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-bench-pull-'));
  const db = openDatabase(join(dir, 'cache.db'));
  try {
    const store = createCallStore(db);
    const apply = db.transaction((page: Parameters<typeof storeSharedPage>[1]) => storeSharedPage(store, page));
    const below = await finishedBelow(pool);
    let pulled = 0;
    const start = nowMs();
    // The sync's own loop (app/start-history-sync.ts), stopped after `calls` calls.
    await pullChanges(pool, 'bench', startOfChanges, below, 2_000, (page) => {
      apply(page);
      pulled += page.calls.length;
    }, () => pulled >= calls);
    const rate = pulled / ((nowMs() - start) / 1000);
    log(`  store (PostgreSQL): pulled ${pulled} calls into an empty cache at ${rate.toFixed(0)} calls/s`);
    return { calls: pulled, rate };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
