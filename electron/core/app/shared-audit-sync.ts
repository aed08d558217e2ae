import { settingKeys } from '../base/setting-keys';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';
import { addAuditRows, readAuditRows, type SharedAuditRow } from '../store/postgres/pg-audit';
import type { PgPool } from '../store/postgres/pg-database';
import type { ChangeCursor } from '../store/postgres/pg-changes';
import type { ConsoleIdentity } from './console-identity';

// The audit log of the whole site on every console of a shared history: this console's acts
// are sent after the last one sent (all of them, the first time), the other consoles' come
// down into the cache's audit_log marked with their console, so the audit page lists them all.

/** Per database: the last own entry sent and how far the others' were read. */
type AuditMarks = Record<string, { sentThrough: number; cursor: ChangeCursor }>;

const BATCH = 1_000;

export function createAuditSync(pool: PgPool, db: Db, self: ConsoleIdentity): { round(identity: string, below: string): Promise<void> } {
  const marks = () => getSetting<AuditMarks>(db, settingKeys.sharedAuditSync, {});
  const save = (identity: string, mark: AuditMarks[string]) => setSetting(db, settingKeys.sharedAuditSync, { ...marks(), [identity]: mark });
  const ownAfter = db.prepare(`SELECT * FROM audit_log WHERE console IS NULL AND id > ? ORDER BY id LIMIT ${BATCH}`);
  const insertPulled = db.prepare(
    'INSERT OR IGNORE INTO audit_log (at, who, action, target, params, result, message, console, console_entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // An entry this cache sent under a former id (console-identity.ts) is its own row already.
  const former = new Set(self.former);
  const isOwnSent = db.prepare('SELECT 1 FROM audit_log WHERE id = ? AND console IS NULL AND at = ? AND action = ?');
  const storePulled = db.transaction((rows: readonly SharedAuditRow[]) => {
    for (const row of rows) {
      if (former.has(row.console) && isOwnSent.get(row.entry, row.at, row.action)) continue;
      insertPulled.run(row.at, row.who, row.action, row.target, row.params, row.result, row.message, row.console, row.entry);
    }
  });

  return {
    async round(identity, below) {
      let mark = marks()[identity] ?? { sentThrough: 0, cursor: { txid: '0', id: 0 } };
      for (;;) {
        const own = ownAfter.all(mark.sentThrough) as Record<string, unknown>[];
        if (own.length === 0) break;
        await addAuditRows(pool, own.map((row) => ({
          console: self.id, entry: row.id as number, at: row.at as number, who: row.who as string, action: row.action as string,
          target: row.target as string | null, params: row.params as string | null, result: row.result as 'ok' | 'error', message: row.message as string | null,
        })));
        save(identity, (mark = { ...mark, sentThrough: own.at(-1)!.id as number }));
      }
      for (;;) {
        const page = await readAuditRows(pool, self.id, mark.cursor, below, BATCH);
        storePulled(page.rows);
        save(identity, (mark = { ...mark, cursor: page.cursor }));
        if (page.isDone) return;
      }
    },
  };
}
