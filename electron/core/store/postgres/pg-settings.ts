import { inTransaction, type PgPool } from './pg-database';

// The site's shared settings on PostgreSQL (005_shared_settings.sql): written when a console
// changes one, read back by every console of the same scope by transaction id.

export interface SharedSettingRow {
  key: string;
  /** The cache's JSON text. */
  value: string;
  changedAt: number;
  changedBy: string;
  txid: string;
}

export interface PgSettings {
  /**
   * Stores what `valueFor` makes of the key's current value (undefined: none yet), the row locked
   * meanwhile so two consoles sending at once take turns, the first value of a key included;
   * resolves to the value stored.
   */
  putFrom(key: string, changedAt: number, changedBy: string, valueFor: (current: string | undefined) => string): Promise<string>;
  /** Stores `value` only when the scope has none yet: a console joining brings what it had. */
  offer(key: string, value: string, changedAt: number, changedBy: string): Promise<void>;
  /** Keys written at or after transaction `from` and below `below` (pg-changes.ts finishedBelow), oldest first. */
  changes(from: string, below: string): Promise<SharedSettingRow[]>;
}

export function createPgSettings(pool: PgPool, scope: string): PgSettings {
  return {
    offer: (key, value, changedAt, changedBy) =>
      pool.query(
        'INSERT INTO shared_settings (scope, key, value, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING',
        [scope, key, value, changedAt, changedBy],
      ).then(() => undefined),
    putFrom: (key, changedAt, changedBy, valueFor) =>
      inTransaction(pool, async (client) => {
        // The first value of a key: inserted as is. A console inserting it at the same moment waits
        // for this one to commit, finds the row, and computes its value from this one's.
        const first = valueFor(undefined);
        const inserted = await client.query(
          'INSERT INTO shared_settings (scope, key, value, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING',
          [scope, key, first, changedAt, changedBy],
        );
        if (inserted.rowCount === 1) return first;
        const current = await client.query<{ value: string }>('SELECT value FROM shared_settings WHERE scope = $1 AND key = $2 FOR UPDATE', [scope, key]);
        const value = valueFor(current.rows[0]?.value);
        await client.query(
          'UPDATE shared_settings SET value = $3, changed_at = $4, changed_by = $5, txid = pg_current_xact_id() WHERE scope = $1 AND key = $2',
          [scope, key, value, changedAt, changedBy],
        );
        return value;
      }),
    async changes(from, below) {
      const result = await pool.query<{ key: string; value: string; changed_at: number; changed_by: string; txid: string }>(
        'SELECT key, value, changed_at, changed_by, txid FROM shared_settings WHERE scope = $1 AND txid >= $2::xid8 AND txid < $3::xid8 ORDER BY txid, key',
        [scope, from, below],
      );
      return result.rows.map((row) => ({ key: row.key, value: row.value, changedAt: row.changed_at, changedBy: row.changed_by, txid: row.txid }));
    },
  };
}
