import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import { rowToCall } from '../../../electron/core/store/call-row';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { localHourOf } from '../../../electron/core/base/time-zone';
import { saveStoredConnections } from '../../../electron/core/app/stored-connections';
import { headlessSecretStore, secretNames } from '../../../electron/core/security/headless-secrets';
import { historyStores } from '../../../electron/core/app/handlers/history';
import { openDatabase } from '../../../electron/core/store/database';
import { openPgDatabase, type PgPool } from '../../../electron/core/store/postgres/pg-database';
import { createPgHistory } from '../../../electron/core/store/postgres/pg-history';
import { postgresForFile } from '../../support/postgres-suite';
import { freePort, until } from '../../support/waits';
import { amiTargetOf, startDemoPbx, type DemoPbx } from '../../../electron/core/demo';

// `serve --history postgres://…`: the calls the core finishes land in the shared
// PostgreSQL history as they land in its SQLite cache, merged the same way.

const { cluster, skipReason } = await postgresForFile('PostgreSQL history tests');

const dataDir = mkdtempSync(join(tmpdir(), 'callboard-core-pg-'));
let core: Core | undefined;
let pool: PgPool | undefined;
const demos: DemoPbx[] = [];
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await core?.close();
  await pool?.end();
  for (const end of closers) await end();
  await Promise.all(demos.map((demo) => demo.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!cluster)(`core with --history postgres://…${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('copies each finished call, and a later report of it, into PostgreSQL as the cache stores them', async () => {
    const url = cluster!.databaseUrl('serve');
    core = await startCore(
      { ...defaultConfig(dataDir), http: { host: '127.0.0.1', port: 0 }, receiver: { host: '127.0.0.1', port: 0 }, history: url, historyPbx: 'site-a' },
      { log: silentLogger, serveHttp: false },
    );
    pool = await openPgDatabase(url);
    const shared = createPgHistory(pool, { pbx: 'site-a' });
    const push = (body: object) =>
      fetch(`http://127.0.0.1:${core!.receiverPort}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const cached = () => rowToCall(core!.db.prepare('SELECT * FROM calls WHERE uniqueid = ?').get('pg.1') as Record<string, unknown>);

    expect((await push({
      event: 'cdr', uniqueid: 'pg.1', source: '13800138000', destination: '4008001234', calltype: 'inbound', disposition: 'ANSWERED',
      starttime: '2026-11-25 10:00:00', answertime: '2026-11-25 10:00:08', endtime: '2026-11-25 10:00:50', duration: 50, billableseconds: 42,
    })).status).toBe(200);
    await expect.poll(() => shared.getCall('pg.1'), { timeout: 10_000 }).toBeDefined();
    expect(await shared.getCall('pg.1')).toEqual(cached());

    expect((await push({
      event: 'cc_cdr', uuid: 'pg.1', caller: '13800138000', called: '4008001234', queueCode: '630', agentCode: '800', callType: 'in',
      cdrState: 'bridged', startTime: '2026-11-25 10:00:00', endTime: '2026-11-25 10:00:50', duration: 50, queueTime: 5, talkingTime: 40,
    })).status).toBe(200);
    await expect.poll(async () => (await shared.getCall('pg.1'))?.source, { timeout: 10_000 }).toBe('cc_cdr');
    expect(await shared.getCall('pg.1')).toEqual(cached());
    expect(cached()).toMatchObject({ source: 'cc_cdr', queue: '630', agent: '800' });
    const report = await shared.searchCalls({}, { limit: 10 });
    expect(report.total).toBe(1);
  });
});

describe.skipIf(!cluster)(`a console of two PBXs with --history postgres://…${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('stores each PBX\'s calls under its connection id, in the PBX\'s own ids, as a core of that PBX alone would', async () => {
    const url = cluster!.databaseUrl('two_pbxs');
    const [bj, sh] = await Promise.all([startDemoPbx({ agents: 6, autoStart: false }), startDemoPbx({ agents: 6, autoStart: false, seed: 2 })]);
    demos.push(bj, sh);
    const console2 = await startCore(
      { ...defaultConfig(join(dataDir, 'two')), http: { host: '127.0.0.1', port: 0 }, receiver: false, history: url, ami: [amiTargetOf(bj, 'bj'), amiTargetOf(sh, 'sh')] },
      { log: silentLogger, serveHttp: false },
    );
    try {
      await Promise.all(console2.amiBackends.map((backend) => backend.whenSynced()));
      const placed = { bj: bj.placeInboundCall({ queue: '630', answerBy: '800', answerAfterMs: 2_000, talkMs: 5_000 }), sh: sh.placeInboundCall({ queue: '630', answerBy: '801', answerAfterMs: 2_000, talkMs: 5_000 }) };
      for (let i = 0; i < 12; i++) {
        bj.step(1_000);
        sh.step(1_000);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await until(() => (console2.db.prepare("SELECT COUNT(*) AS n FROM calls WHERE queue LIKE '%:630'").get() as { n: number }).n === 2, 'both calls in the cache');
      const reader = await openPgDatabase(url);
      closers.push(() => reader.end());
      for (const [pbx, agent] of [['bj', '800'], ['sh', '801']] as const) {
        const shared = createPgHistory(reader, { pbx });
        await expect.poll(() => shared.getCall(placed[pbx].uniqueid), { timeout: 10_000 }).toBeDefined();
        expect(await shared.getCall(placed[pbx].uniqueid)).toMatchObject({ uniqueid: placed[pbx].uniqueid, queue: '630', agent });
        const cached = rowToCall(console2.db.prepare('SELECT * FROM calls WHERE uniqueid = ?').get(`${pbx}:${placed[pbx].uniqueid}`) as Record<string, unknown>);
        expect(cached).toMatchObject({ queue: `${pbx}:630`, agent: `${pbx}:${agent}` });
      }
    } finally {
      await console2.close();
    }
  });
});

describe.skipIf(!cluster)(`a wrap-up with --history postgres://…${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('reaches the shared history as it reaches the cache: the call\'s and its pass\'s seconds, so AHT is the same', async () => {
    const url = cluster!.databaseUrl('wrapup');
    const pbx = await startDemoPbx({ agents: 4, autoStart: false });
    demos.push(pbx);
    const one = await startCore(
      {
        ...defaultConfig(join(dataDir, 'wrapup')), http: { host: '127.0.0.1', port: 0 }, receiver: false, history: url, historyPbx: 'site-w',
        ami: [amiTargetOf(pbx)],
      },
      { log: silentLogger, serveHttp: false },
    );
    try {
      await one.amiBackends[0]!.whenSynced();
      one.actions.configureWrapup({ isEnabled: true, seconds: 600 }, { who: 'test' });
      const from = pbx.now() - 3_600_000;
      const { uniqueid } = pbx.placeInboundCall({ queue: '630', answerBy: '800', answerAfterMs: 2_000, talkMs: 5_000 });
      for (let i = 0; i < 10; i++) {
        pbx.step(1_000);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await until(() => one.actions.activeWrapups().some((wrapup) => wrapup.extension === '800'), '800 in wrap-up');
      // Wrap-up counts in real time: let more than a second pass before ending it.
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      expect(await one.actions.endWrapup({ extension: '800' }, { who: 'test' })).toMatchObject({ ok: true });
      const cached = () => rowToCall(one.db.prepare('SELECT * FROM calls WHERE uniqueid = ?').get(uniqueid) as Record<string, unknown>);
      await until(() => cached().wrapupSeconds >= 1, 'the wrap-up in the cache');

      const reader = await openPgDatabase(url);
      closers.push(() => reader.end());
      const shared = createPgHistory(reader, { pbx: 'site-w' });
      await expect.poll(async () => (await shared.getCall(uniqueid))?.wrapupSeconds, { timeout: 10_000 }).toBe(cached().wrapupSeconds);
      const request = { from, to: pbx.now() + 3_600_000, dimension: 'queue' as const, grain: 'all' as const, queues: ['630'] };
      const [mine, theirs] = [queueReport(one.db, request), await shared.queueReport(request)];
      expect(theirs.rows.map((row) => [row.answered, row.ahtSeconds])).toEqual(mine.rows.map((row) => [row.answered, row.ahtSeconds]));
      expect(mine.rows[0]!.ahtSeconds).toBeGreaterThan(5);
    } finally {
      await one.close();
    }
  });
});

describe.skipIf(!cluster)(`an import with --history postgres://…${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('reaches PostgreSQL as it reaches the cache: the calls, and the queue passes a queue_log brings', async () => {
    const url = cluster!.databaseUrl('imported');
    const one = await startCore(
      { ...defaultConfig(join(dataDir, 'imported')), http: { host: '127.0.0.1', port: 0 }, receiver: false, history: url, historyPbx: 'site-i' },
      { log: silentLogger, serveHttp: true },
    );
    try {
      const origin = `http://127.0.0.1:${one.http!.port}`;
      const post = (query: string, body: string) => fetch(`${origin}/api/import?${query}`, { method: 'POST', body, headers: { origin } });
      const queueLog = [
        '1733500000|im.1|630|NONE|ENTERQUEUE||13800138000|1', '1733500006|im.1|630|SIP/801|CONNECT|6|im.1b|2', '1733500046|im.1|630|SIP/801|COMPLETECALLER|6|40|1',
        '1733500100|im.2|630|NONE|ENTERQUEUE||13900139000|1', '1733500130|im.2|630|NONE|ABANDON|1|1|30', '',
      ].join('\n');
      expect((await post('format=queue_log&name=queue_log', queueLog)).status).toBe(202);
      const ccCdr = JSON.stringify({ event: 'cc_cdr', uuid: 'im.3', caller: '13700137000', called: '4008001234', queueCode: '631', agentCode: '802', callType: 'in',
        cdrState: 'bridged', startTime: '2024-12-06 23:50:00', endTime: '2024-12-06 23:51:00', duration: 60, queueTime: 4, talkingTime: 50 });
      expect((await post('format=jsonl&name=calls.jsonl', `${ccCdr}\n`)).status).toBe(202);
      const cachedPasses = () => (one.db.prepare("SELECT COUNT(*) AS n FROM queue_calls WHERE call_uniqueid LIKE 'im.%'").get() as { n: number }).n;
      await until(() => cachedPasses() === 3 && rowOf(one, 'im.3') !== undefined, 'the imports in the cache');

      const reader = await openPgDatabase(url);
      closers.push(() => reader.end());
      const shared = createPgHistory(reader, { pbx: 'site-i' });
      await expect.poll(() => shared.getCall('im.3'), { timeout: 10_000 }).toEqual(rowToCall(rowOf(one, 'im.3')!));
      const request = { from: Date.UTC(2024, 11, 6), to: Date.UTC(2024, 11, 8), dimension: 'queue' as const, grain: 'all' as const };
      await expect.poll(async () => (await shared.queueReport(request)).rows, { timeout: 10_000 }).toEqual(queueReport(one.db, request).rows);
      expect(queueReport(one.db, request).rows.map((row) => [row.key, row.offered, row.answered, row.abandoned])).toEqual([['630', 2, 1, 1], ['631', 1, 1, 0]]);
    } finally {
      await one.close();
    }
  });
});

describe.skipIf(!cluster)(`a core started with another --time-zone${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('regroups its PBX\'s rows in PostgreSQL into the new zone, as it regroups its cache', async () => {
    const url = cluster!.databaseUrl('zone_change');
    const dir = join(dataDir, 'zone-change');
    const startIn = (timeZone: string) => startCore(
      { ...defaultConfig(dir), http: { host: '127.0.0.1', port: 0 }, receiver: { host: '127.0.0.1', port: 0 }, history: url, historyPbx: 'site-z', timeZone },
      { log: silentLogger, serveHttp: false },
    );
    const first = await startIn('UTC');
    try {
      const pushed = await fetch(`http://127.0.0.1:${first.receiverPort}/`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'cdr', uniqueid: 'tz.1', source: '13800138000', destination: '4008001234', calltype: 'inbound', disposition: 'ANSWERED',
          starttime: '2026-11-25 10:00:00', answertime: '2026-11-25 10:00:08', endtime: '2026-11-25 10:00:50', duration: 50, billableseconds: 42 }),
      });
      expect(pushed.status).toBe(200);
    } finally {
      await first.close();
    }
    const reader = await openPgDatabase(url);
    closers.push(() => reader.end());
    const hourOf = async () => (await reader.query<{ local_hour: number; started_at: number }>("SELECT local_hour, started_at FROM calls WHERE pbx = 'site-z' AND uniqueid = 'tz.1'")).rows[0];
    const before = await hourOf();
    expect(before?.local_hour).toBe(localHourOf(before!.started_at, 'UTC'));
    const second = await startIn('Asia/Shanghai');
    await second.close();
    expect((await hourOf())?.local_hour).toBe(before!.local_hour + 8);
  });
});

const rowOf = (core: Core, uniqueid: string) => core.db.prepare('SELECT * FROM calls WHERE uniqueid = ?').get(uniqueid) as Record<string, unknown> | undefined;

describe.skipIf(!cluster)(`a history stored in Settings${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('applies at the next start when no flag gives one: finished calls reach PostgreSQL under its PBX name', async () => {
    const url = cluster!.databaseUrl('stored');
    const dir = join(dataDir, 'stored');
    const secrets = headlessSecretStore(dir);
    const db = openDatabase(join(dir, 'callboard.db'));
    saveStoredConnections(db, secrets, { isConfirmed: true, ami: [], history: { url, pbx: 'site-s' } });
    db.close();
    const stored = await startCore({ ...defaultConfig(dir), http: { host: '127.0.0.1', port: 0 }, receiver: { host: '127.0.0.1', port: 0 } }, { log: silentLogger, serveHttp: false, secrets });
    try {
      expect(await stored.dispatch('settings.connections', {}, { role: 'act', who: 'test' })).toMatchObject({ ok: true, result: { historySource: 'settings', history: { pbx: 'site-s' } } });
      const pushed = await fetch(`http://127.0.0.1:${stored.receiverPort}/`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'cdr', uniqueid: 'st.1', source: '13800138000', destination: '4008001234', calltype: 'inbound', disposition: 'ANSWERED',
          starttime: '2026-11-25 10:00:00', answertime: '2026-11-25 10:00:08', endtime: '2026-11-25 10:00:50', duration: 50, billableseconds: 42 }),
      });
      expect(pushed.status).toBe(200);
      const reader = await openPgDatabase(url);
      closers.push(() => reader.end());
      await expect.poll(() => createPgHistory(reader, { pbx: 'site-s' }).getCall('st.1'), { timeout: 10_000 }).toMatchObject({ uniqueid: 'st.1', talkSeconds: 42 });
    } finally {
      await stored.close();
    }
  });
});

describe.skipIf(!cluster)(`settings.testHistory${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('connects once and says how it went; a URL shown with *** gets the stored password back only for the same server', async () => {
    const dir = join(dataDir, 'test-history');
    const secrets = headlessSecretStore(dir);
    const url = cluster!.databaseUrl('probe').replace('postgres://postgres@', 'postgres://postgres:pw-n0t-needed@');
    secrets.set(secretNames.history, url);
    const probing = await startCore({ ...defaultConfig(dir), receiver: false }, { log: silentLogger, serveHttp: false, secrets });
    try {
      const test = async (candidate: string) => {
        const reply = await probing.dispatch('settings.testHistory', { url: candidate }, { role: 'act', who: 'test' });
        if (!reply.ok) throw new Error(JSON.stringify(reply.error));
        return reply.result as { code: string; message?: string };
      };
      expect(await test(url)).toMatchObject({ code: 'ok' });
      const shown = url.replace('postgres:pw-n0t-needed@', '***@');
      expect(await test(shown)).toMatchObject({ code: 'ok' });
      expect(await test(shown.replace(/:\d+\//, `:${await freePort()}/`))).toMatchObject({ code: 'error', message: expect.stringMatching(/type the user name and password again/) });
      expect(await test(`postgres://cb:pw-n0t-needed@127.0.0.1:${await freePort()}/callboard`)).toMatchObject({ code: 'refused' });
      expect(await probing.dispatch('settings.testHistory', { url: 'http://127.0.0.1/' }, { role: 'act', who: 'test' })).toMatchObject({ ok: false });
      const audited = historyStores(probing.db).audit.list({ action: 'settings.testHistory' });
      expect(audited.map((entry) => entry.target)).toContain('postgres://***@127.0.0.1:' + new URL(url).port + '/probe');
      expect(JSON.stringify(audited)).not.toContain('pw-n0t-needed');
    } finally {
      await probing.close();
    }
  });
});

describe('a history stored in Settings that cannot be opened', () => {
  it('does not keep the core from starting (Settings can fix it there)', async () => {
    const dir = join(dataDir, 'stored-unreachable');
    const secrets = headlessSecretStore(dir);
    const db = openDatabase(join(dir, 'callboard.db'));
    saveStoredConnections(db, secrets, { isConfirmed: true, ami: [], history: { url: `postgres://cb:pw@127.0.0.1:${await freePort()}/callboard` } });
    db.close();
    const warnings: string[] = [];
    const started = await startCore({ ...defaultConfig(dir), receiver: false }, { log: { ...silentLogger, warn: (message: string) => void warnings.push(message) }, serveHttp: false, secrets });
    await started.close();
    expect(warnings.some((warning) => /the history stored in Settings is not used: cannot open the PostgreSQL history at postgres:\/\/\*\*\*@127\.0\.0\.1/.test(warning))).toBe(true);
  });
});

describe('core with an unreachable --history', () => {
  it('does not start, saying which database (without its password) could not be opened', async () => {
    const url = `postgres://cb:pw-s3cret@127.0.0.1:${await freePort()}/callboard`;
    const start = startCore({ ...defaultConfig(join(dataDir, 'unreachable')), receiver: false, history: url }, { log: silentLogger, serveHttp: false });
    await expect(start).rejects.toThrow(/--history: cannot open the PostgreSQL history at postgres:\/\/\*\*\*@127\.0\.0\.1/);
    await expect(start).rejects.not.toThrow(/pw-s3cret/);
  });
});
