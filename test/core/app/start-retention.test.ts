import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { Lifetime } from '../../../electron/core/base/lifetime';
import { silentLogger } from '../../../electron/core/base/logger';
import { startRetention } from '../../../electron/core/app/start-retention';
import { defaultConfig } from '../../../electron/core/config/config';
import { openDatabase, type Db } from '../../../electron/core/store/database';
import { setSetting } from '../../../electron/core/store/settings';
import { settingKeys } from '../../../electron/core/base/setting-keys';

const DAY = 86_400_000;
const dirs: string[] = [];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-retention-'));
  dirs.push(dir);
  return dir;
}

function insertAged(db: Db, ageDays: number, now = Date.now()): void {
  const at = now - ageDays * DAY;
  db.prepare("INSERT INTO raw_events (received_at, source, event_type, body) VALUES (?, 'push', 'extensionstatus', '{}')").run(at);
  db.prepare("INSERT INTO rejected_events (received_at, reason, body) VALUES (?, 'x', '')").run(at);
  db.prepare("INSERT INTO rejected_counts (day, reason, count) VALUES (?, 'invalid', 1) ON CONFLICT DO NOTHING").run(Math.floor(at / DAY));
}

const counts = (db: Db) => ({
  raw: (db.prepare('SELECT count(*) AS n FROM raw_events').get() as { n: number }).n,
  rejected: (db.prepare('SELECT count(*) AS n FROM rejected_events').get() as { n: number }).n,
  days: (db.prepare('SELECT count(*) AS n FROM rejected_counts').get() as { n: number }).n,
});

describe('retention runs at start and on a schedule', () => {
  it('a starting core removes what is older than the retention of Settings before it serves', async () => {
    const dataDir = tempDir();
    const seed = openDatabase(join(dataDir, 'callboard.db'));
    setSetting(seed, settingKeys.rawEventRetentionDays, 7);
    for (const age of [1, 6, 8, 40]) insertAged(seed, age);
    seed.close();
    const core: Core = await startCore({ ...defaultConfig(dataDir), receiver: false }, { log: silentLogger, serveHttp: false });
    closers.push(() => core.close());
    expect(counts(core.db)).toEqual({ raw: 2, rejected: 2, days: 2 });
  });

  it('runs again on its schedule, with the retention as it is then', async () => {
    const db = openDatabase(join(tempDir(), 'cache.db'));
    const lifetime = new Lifetime();
    closers.push(() => lifetime.close(), () => db.close());
    await startRetention(db, silentLogger, lifetime, { intervalMs: 20 });
    for (const age of [2, 20]) insertAged(db, age);
    setSetting(db, settingKeys.rawEventRetentionDays, 10);
    while (counts(db).raw > 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(counts(db)).toEqual({ raw: 1, rejected: 1, days: 1 });
  });
});
