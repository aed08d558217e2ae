import { describe, expect, it } from 'vitest';
import { createPgSettings } from '../../../../electron/core/store/postgres/pg-settings';
import { postgresForFile } from '../../../support/postgres-suite';

// Two consoles sending a change of one site setting at the same moment (005_shared_settings.sql):
// the second computes its value from the first's, the key's very first value included.

const postgres = await postgresForFile('PostgreSQL settings tests');
const { cluster, skipReason } = postgres;

/** This console's entry added to whatever the database holds. */
const adding = (entry: string) => (current: string | undefined) => JSON.stringify({ ...(current === undefined ? {} : (JSON.parse(current) as object)), [entry]: true });

describe.skipIf(!cluster)(`a shared setting sent by two consoles at once${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('waits for the other\'s first value of a key, and builds on it', async () => {
    const pool = await postgres.open('settings_race');
    const settings = createPgSettings(pool, 'site');
    // The other console's first value of the key, inserted and not committed yet.
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query("INSERT INTO shared_settings (scope, key, value, changed_at, changed_by) VALUES ('site', 'k', $1, 1, 'other')", [adding('b')(undefined)]);
      const mine = settings.putFrom('k', 2, 'mine', adding('a'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await other.query('COMMIT');
      expect(JSON.parse(await mine)).toEqual({ a: true, b: true });
    } finally {
      other.release();
    }
    const stored = await pool.query<{ value: string; changed_by: string }>("SELECT value, changed_by FROM shared_settings WHERE scope = 'site' AND key = 'k'");
    expect(stored.rows.map((row) => [JSON.parse(row.value), row.changed_by])).toEqual([[{ a: true, b: true }, 'mine']]);
    // A key nobody holds yet takes the value as it is.
    expect(await settings.putFrom('fresh', 3, 'mine', adding('a'))).toBe('{"a":true}');
  });
});
