import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/base/logger';
import { LiveModel } from '../../electron/core/live/model';
import { openDatabase, schemaVersion, StoreError, storeErrorOf } from '../../electron/core/store/database';
import { createEventLog } from '../../electron/core/store/event-log';
import { createReceiver } from '../../electron/core/vendor-api/receiver';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-sqlite-faults-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('corrupt database', () => {
  it('is moved aside and replaced by a fresh, migrated one, with a warning', () => {
    const dir = tempDir();
    const file = join(dir, 'callboard.db');
    writeFileSync(file, Buffer.alloc(16_384, 0x5a));
    const warnings: { message: string; movedTo: string }[] = [];
    const db = openDatabase(file, { onWarning: (message, { movedTo }) => warnings.push({ message, movedTo }) });
    try {
      expect(schemaVersion(db)).toBeGreaterThan(0);
      db.prepare("INSERT INTO raw_events (received_at, source, event_type, is_known, body) VALUES (1, 'push', 'x', 0, '{}')").run();
    } finally {
      db.close();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/is damaged .* moved to .*callboard\.db\.corrupt-.* fresh one was created/);
    const names = readdirSync(dir);
    expect(names.filter((name) => name.startsWith('callboard.db.corrupt-'))).toEqual([warnings[0]!.movedTo.slice(dir.length + 1)]);
    expect(readFileSync(warnings[0]!.movedTo)).toEqual(Buffer.alloc(16_384, 0x5a));
  });

  it('a database whose schema page is damaged counts as corrupt too', () => {
    const dir = tempDir();
    const file = join(dir, 'callboard.db');
    openDatabase(file).close();
    // Keep the 100-byte header (so SQLite recognises the file), smash the rest of page 1: the schema.
    const good = new Database(file);
    const pageSize = good.pragma('page_size', { simple: true }) as number;
    good.pragma('journal_mode = DELETE');
    good.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize - 100, 0xff), 0, pageSize - 100, 100);
    closeSync(fd);
    let warned = 0;
    const db = openDatabase(file, { onWarning: () => warned++ });
    db.close();
    expect(warned).toBe(1);
  });
});

describe('disk full', () => {
  it('a push that cannot be stored is answered 503 (not acknowledged) and the error says the disk is full', async () => {
    const db = openDatabase(join(tempDir(), 'callboard.db'));
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    const eventLog = createEventLog(db);
    const errors: unknown[] = [];
    const receiver = createReceiver({ eventLog, model: new LiveModel(), log: { ...silentLogger, error: (message, ...details) => errors.push(message, ...details) } });
    const { port } = await receiver.listen('127.0.0.1', 0);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const body = JSON.stringify({ event: 'extensionstatus', exten: '801', status: 0, pad: 'x'.repeat(2_000), seq: i });
        statuses.push((await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body })).status);
      }
      expect(statuses).toContain(503);
      expect(statuses.slice(statuses.indexOf(503)).every((status) => status === 503)).toBe(true);
      const stored = (db.prepare('SELECT count(*) AS n FROM raw_events').get() as { n: number }).n;
      expect(stored).toBe(statuses.filter((status) => status === 200).length);
      // The receiver logs the SQLite error (or, once it classifies it, the StoreError's words).
      const classified = errors.map((error) => storeErrorOf(error)).find(Boolean);
      const isSaidInWords = errors.some((error) => typeof error === 'string' && /is full .*cannot be stored until space is freed/.test(error));
      expect(classified?.code === 'disk_full' || isSaidInWords).toBe(true);
      if (classified) expect(classified.message).toMatch(/full.*cannot be stored until space is freed/);
    } finally {
      await receiver.close();
      await eventLog.close().catch(() => {});
      db.close();
    }
  });
});

describe('read-only database', () => {
  // SQLite opens a write-protected file read-only without a word; openDatabase must say so at once.
  // root ignores file modes, so the opener runs as "nobody" when the tests run as root.
  it.skipIf(process.platform === 'win32')('is refused at open with StoreError read_only and a fix in the message', () => {
    const dir = tempDir();
    const file = join(dir, 'callboard.db');
    openDatabase(file).close();
    chmodSync(file, 0o444);
    chmodSync(dir, 0o555);
    const isRoot = process.getuid?.() === 0;
    if (isRoot) chmodSync(join(dir, '..'), (statSync(join(dir, '..')).mode & 0o7777) | 0o001);
    const script = `import { openDatabase } from ${JSON.stringify(join(process.cwd(), 'electron/core/store/database.ts'))};
      try { openDatabase(${JSON.stringify(file)}); console.log('opened'); } catch (e) { console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })); }`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: process.cwd(),
      env: { ...process.env, TSX_DISABLE_CACHE: '1' },
      ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    const answer = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { name?: string; code?: string; message?: string };
    expect(answer, result.stderr).toMatchObject({ name: 'StoreError', code: 'read_only' });
    expect(answer.message).toMatch(/cannot be written .* --data-dir/);
    expect(existsSync(file)).toBe(true);
  });

  it('classifies SQLite and file-system errors, and leaves others alone', () => {
    expect(storeErrorOf({ code: 'SQLITE_READONLY_DBMOVED' })?.code).toBe('read_only');
    expect(storeErrorOf({ code: 'EROFS' })?.code).toBe('read_only');
    expect(storeErrorOf({ code: 'ENOSPC' })?.code).toBe('disk_full');
    expect(storeErrorOf({ code: 'SQLITE_CORRUPT_INDEX' })?.code).toBe('corrupt');
    expect(storeErrorOf({ code: 'SQLITE_CANTOPEN' })?.code).toBe('cannot_open');
    expect(storeErrorOf(new TypeError('a bug'))).toBeUndefined();
    const error = new StoreError('disk_full', 'x');
    expect(storeErrorOf(error)).toBe(error);
  });
});
