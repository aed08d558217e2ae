import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { generateCalls } from '../../support/generate-calls';
import { backupDatabase, pruneRawEvents, vacuumDatabase } from '../../../electron/core/store/maintenance';
import { setSetting } from '../../../electron/core/store/settings';
import { tempDatabase } from './support/temp-db';
import { settingKeys } from '../../../electron/core/base/setting-keys';

const DAY = 86_400_000;
const now = Date.parse('2026-11-25T00:00:00Z');
let temp: ReturnType<typeof tempDatabase>;
let db: Db;
beforeEach(() => {
  temp = tempDatabase();
  db = temp.open();
  const insert = db.prepare("INSERT INTO raw_events (received_at, source, event_type, body) VALUES (?, 'push', 'cc_cdr', '{}')");
  db.transaction(() => {
    for (let index = 0; index < 12_000; index += 1) insert.run(now - (index % 60) * DAY - 1);
  })();
  generateCalls(createCallStore(db), { count: 500, firstDay: '2025-01-01', days: 300, timeZone: 'Asia/Shanghai' });
});
afterEach(() => temp.cleanup());

describe('retention', () => {
  it('deletes raw events older than N days in batches and keeps calls', async () => {
    const deleted = await pruneRawEvents(db, { olderThanDays: 10, batchSize: 1_000, now });
    // Ages 0..59 days (minus 1 ms): those of 10 days and more go.
    expect(deleted).toBe(12_000 - 10 * 200);
    expect(db.prepare('SELECT min(received_at) AS oldest, count(*) AS n FROM raw_events').get()).toEqual({ oldest: now - 9 * DAY - 1, n: 2_000 });
    expect(db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 500 });
  });

  it('takes the retention from settings, 30 days by default', async () => {
    expect(await pruneRawEvents(db, { now })).toBe(12_000 - 30 * 200);
    setSetting(db, settingKeys.rawEventRetentionDays, 5);
    expect(await pruneRawEvents(db, { now })).toBe(25 * 200);
  });
});

describe('backup and vacuum', () => {
  it('copies the live database to a file another connection can open', async () => {
    const target = join(temp.dir, 'backups', 'cache-copy.db');
    const { totalPages } = await backupDatabase(db, target);
    expect(totalPages).toBeGreaterThan(0);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 500 });
      expect(copy.prepare('SELECT count(*) AS n FROM raw_events').get()).toEqual({ n: 12_000 });
      expect(copy.pragma('user_version', { simple: true })).toBe(db.pragma('user_version', { simple: true }));
    } finally {
      copy.close();
    }
  });

  it('vacuums after a prune, returning pages to the file system', async () => {
    await pruneRawEvents(db, { olderThanDays: 0, now: now + DAY });
    const before = db.pragma('page_count', { simple: true }) as number;
    expect(db.pragma('freelist_count', { simple: true })).toBeGreaterThan(0);
    vacuumDatabase(db);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(db.pragma('page_count', { simple: true })).toBeLessThan(before);
  });
});
