import pg from 'pg';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listMigrations } from '../database';

// The PostgreSQL side of the history: a pool, its numbered migrations (this folder's
// pg-migrations/, named like the SQLite ones) recorded in `schema_migrations`, and
// transactions that retry when PostgreSQL aborts one of two writers (deadlock).

// Not `migrations`: bundled, this module sits in out/main next to SQLite's migrations/.
export const pgMigrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'pg-migrations');

/** Any number, so two consoles starting together take turns at migrating. */
const MIGRATION_LOCK = 0x63616c6c;

const retryableCodes = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/** Opens a pool on `url` and applies every pending migration before returning it. */
export async function openPgDatabase(url: string, options: { upTo?: number; max?: number } = {}): Promise<PgPool> {
  // bigint columns hold UTC ms and ids, all far below 2^53: plain numbers, as SQLite gives them.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (text: string) => Number(text));
  // A server that does not answer fails a connection in 10 s rather than holding the round (and a stop) forever.
  const pool = new pg.Pool({ connectionString: url, types, max: options.max ?? 4, connectionTimeoutMillis: 10_000 });
  try {
    await migrate(pool, options.upTo);
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}

async function migrate(pool: PgPool, upTo = Number.POSITIVE_INFINITY): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    for (const migration of listMigrations(pgMigrationsDir)) {
      if (applied.has(migration.version) || migration.version > upTo) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}

/** The highest migration applied. */
export async function pgSchemaVersion(pool: PgPool): Promise<number> {
  const result = await pool.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return result.rows[0]?.version ?? 0;
}

/**
 * Runs `work` in one transaction. A deadlock or serialization failure (two writers
 * locking the same calls in different orders) rolls back and runs it again; any other
 * error rolls back and throws.
 */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !retryableCodes.has(code)) throw error;
    } finally {
      client.release();
    }
  }
}

/** SQLite-style `?` parameters as PostgreSQL's `$1, $2…` (the shared SQL has no `?` inside literals). */
export function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${(index += 1)}`);
}
