import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/database';
import { postgresForFile } from '../../../support/postgres-suite';

// The two engines' migrations are written apart (two dialects) but must reach one schema for what
// is shared: a column a cache migration adds to a shared table and PostgreSQL's lacks would stay
// on the console that recorded it, with no error anywhere.

const postgres = await postgresForFile('PostgreSQL schema tests');
const { cluster, skipReason } = postgres;

/** The shared tables, and their columns each engine alone has, with why. */
const sharedTables = {
  calls: { cacheOnly: [], databaseOnly: ['pbx', 'txid'] },
  queue_calls: { cacheOnly: [], databaseOnly: ['pbx', 'txid'] },
  ivr_steps: { cacheOnly: [], databaseOnly: ['pbx', 'txid'] },
  // A console's own id of a pulled row is `entry` there; `is_shared` marks what this console already sent.
  agent_intervals: { cacheOnly: ['console_entry', 'is_shared'], databaseOnly: ['pbx', 'entry', 'txid'] },
  audit_log: { cacheOnly: ['console_entry'], databaseOnly: ['entry', 'txid'] },
} satisfies Record<string, { cacheOnly: string[]; databaseOnly: string[] }>;

/** SQLite's declared type to the kind PostgreSQL's column must be of. */
const kindOf = (type: string) => ({ INTEGER: ['integer', 'bigint'], TEXT: ['text'], REAL: ['double precision'] })[type.toUpperCase()] ?? [`(${type})`];

describe.skipIf(!cluster)(`the shared history's schema${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('holds every column of the cache\'s shared tables, of the same kind', async () => {
    const pool = await postgres.open('schema');
    const cache = openDatabase(':memory:');
    try {
      for (const [table, { cacheOnly, databaseOnly }] of Object.entries(sharedTables)) {
        const cacheColumns = cache.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as { name: string; type: string }[];
        const databaseColumns = new Map((await pool.query<{ name: string; type: string }>(
          "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1", [table],
        )).rows.map((column) => [column.name, column.type]));
        expect(cacheColumns.length, table).toBeGreaterThan(3);
        const mismatched = cacheColumns
          .filter((column) => !(cacheOnly as string[]).includes(column.name))
          .filter((column) => !kindOf(column.type).includes(databaseColumns.get(column.name) ?? 'missing'))
          .map((column) => `${column.name} ${column.type} → ${databaseColumns.get(column.name) ?? 'missing'}`);
        expect(mismatched, table).toEqual([]);
        const extra = [...databaseColumns.keys()].filter((name) => !cacheColumns.some((column) => column.name === name));
        expect(extra.sort(), table).toEqual([...databaseOnly].sort());
      }
    } finally {
      cache.close();
    }
  });
});
