import { afterAll } from 'vitest';
import { openPgDatabase, type PgPool } from '../../electron/core/store/postgres/pg-database';
import { startPostgres, type PostgresCluster } from './postgres';

/**
 * A throwaway cluster for one test file (postgres.ts), stopped after it with every pool `open`
 * gave; without PostgreSQL's binaries, `skipReason` says why (warned once, naming `what`).
 */
export async function postgresForFile(what: string): Promise<{ cluster?: PostgresCluster; skipReason: string; open(database: string): Promise<PgPool> }> {
  const started = await startPostgres();
  const cluster = 'cluster' in started ? started.cluster : undefined;
  const skipReason = 'skip' in started ? started.skip : '';
  if (skipReason) console.warn(`${what} skipped: ${skipReason}`);
  const pools: PgPool[] = [];
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    cluster?.stop();
  });
  return {
    cluster,
    skipReason,
    async open(database) {
      const pool = await openPgDatabase(cluster!.databaseUrl(database));
      pools.push(pool);
      return pool;
    },
  };
}
