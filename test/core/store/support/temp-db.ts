import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db, type OpenDatabaseOptions } from '../../../../electron/core/store/database';

/** A fresh SQLite file in its own temp folder; `cleanup` closes every database opened and removes it. */
export function tempDatabase(prefix = 'callboard-store-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const opened: Db[] = [];
  return {
    dir,
    file: join(dir, 'cache.db'),
    open(file = join(dir, 'cache.db'), options: OpenDatabaseOptions = {}): Db {
      const db = openDatabase(file, options);
      opened.push(db);
      return db;
    },
    cleanup() {
      for (const db of opened) if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
