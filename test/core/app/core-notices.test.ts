import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import type { Snapshot } from '../../../electron/core/contract';

// A damaged cache is moved aside at start-up, and the supervisor hears of it
// through the live model (snapshot and so both transports), not only the log.

const dirs: string[] = [];
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startOn(dataDir: string): Promise<Core> {
  core = await startCore({ ...defaultConfig(dataDir), http: { host: '127.0.0.1', port: 0 }, receiver: false }, { log: silentLogger, serveHttp: true });
  return core;
}

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-notices-'));
  dirs.push(dir);
  return dir;
}

describe('core notices', () => {
  it('a garbage cache file is moved aside and the snapshot says where, over HTTP too', async () => {
    const dataDir = tempDataDir();
    const garbage = Buffer.from('this is not an SQLite database, '.repeat(512));
    writeFileSync(join(dataDir, 'callboard.db'), garbage);

    const started = await startOn(dataDir);

    const notices = started.model.snapshot().notices;
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice).toMatchObject({ id: 'db_recovered', level: 'warning', code: 'db_recovered', params: { file: join(dataDir, 'callboard.db') } });
    const movedTo = notice!.params.movedTo!;
    expect(movedTo).toMatch(/callboard\.db\.corrupt-/);
    expect(readdirSync(dataDir)).toContain(movedTo.slice(dataDir.length + 1));
    // The old file is kept byte for byte: history before the recovery is in it.
    expect(readFileSync(movedTo)).toEqual(garbage);
    expect(notice!.message).toContain(movedTo);

    const overHttp = (await (await fetch(`http://127.0.0.1:${started.http!.port}/api/snapshot`)).json()) as Snapshot;
    expect(overHttp.notices).toEqual(notices);
  });

  it('the notice belongs to the run that recovered: a restart on the fresh cache has none', async () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'callboard.db'), Buffer.alloc(8_192, 0x5a));
    await (await startOn(dataDir)).close();
    core = undefined;
    expect(readdirSync(dataDir).filter((name) => name.startsWith('callboard.db.corrupt-'))).toHaveLength(1);

    const again = await startOn(dataDir);
    expect(again.model.snapshot().notices).toEqual([]);
    expect(existsSync(join(dataDir, 'callboard.db'))).toBe(true);
  });
});
