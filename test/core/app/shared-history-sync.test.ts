import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig, type CoreConfig } from '../../../electron/core/config/config';
import { openPgDatabase, type PgPool } from '../../../electron/core/store/postgres/pg-database';
import { createPgHistory } from '../../../electron/core/store/postgres/pg-history';
import type { CallRecord } from '../../../electron/core/contract/history';
import { amiTargetOf, startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { postgresForFile } from '../../support/postgres-suite';
import { historyStores } from '../../../electron/core/app/handlers/history';
import { until } from '../../support/waits';
import { openDatabase } from '../../../electron/core/store/database';
import { getSetting, setSetting } from '../../../electron/core/store/settings';
import { settingKeys } from '../../../electron/core/base/setting-keys';
import { createSettingsBlacklistNotes } from '../../../electron/core/actions/blacklist-notes';

// Several consoles on one shared PostgreSQL history (app/start-history-sync.ts): each writes what
// it records and pulls what the others wrote for its PBX into its cache, so every page (read from
// the cache) shows every console's calls, each call once, with the cache's own figures.

const { cluster, skipReason } = await postgresForFile('shared history sync tests');

const dataDir = mkdtempSync(join(tmpdir(), 'callboard-sync-'));
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  rmSync(dataDir, { recursive: true, force: true });
});

const asSupervisor = { role: 'act' as const, who: 'test' };
const day = { from: Date.UTC(2026, 10, 24), to: Date.UTC(2026, 10, 27) };

async function consoleOf(name: string, config: Partial<CoreConfig>): Promise<Core> {
  const core = await startCore(
    { ...defaultConfig(join(dataDir, name)), http: { host: '127.0.0.1', port: 0 }, receiver: { host: '127.0.0.1', port: 0 }, ...config },
    // Pulled only when the test says so (syncNow), so each step is deterministic.
    { log: silentLogger, serveHttp: false, historySync: { everyMs: 3_600_000 } },
  );
  closers.push(() => core.close());
  return core;
}

async function push(core: Core, body: object): Promise<void> {
  const reply = await fetch(`http://127.0.0.1:${core.receiverPort}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(reply.status).toBe(200);
}

const cdr = (uniqueid: string, minute: number, talk: number) => ({
  event: 'cdr', uniqueid, source: '13800138000', destination: '4008001234', calltype: 'inbound', disposition: 'ANSWERED',
  starttime: `2026-11-25 10:${String(minute).padStart(2, '0')}:00`, answertime: `2026-11-25 10:${String(minute).padStart(2, '0')}:08`,
  endtime: `2026-11-25 10:${String(minute).padStart(2, '0')}:50`, duration: 50, billableseconds: talk,
});
const ccCdr = (uuid: string, minute: number, agent: string, talk: number) => ({
  event: 'cc_cdr', uuid, caller: '13800138000', called: '4008001234', queueCode: '630', agentCode: agent, callType: 'in', cdrState: 'bridged',
  startTime: `2026-11-25 10:${String(minute).padStart(2, '0')}:00`, endTime: `2026-11-25 10:${String(minute).padStart(2, '0')}:50`, duration: 50, queueTime: 5, talkingTime: talk,
});

/** The cache's rows, every column but the row id and the hour (a console may count hours in its own zone). */
const cacheRows = (core: Core, table: 'calls' | 'queue_calls') =>
  (core.db.prepare(`SELECT * FROM ${table} ORDER BY ${table === 'calls' ? 'uniqueid' : 'call_uniqueid, seq'}`).all() as Record<string, unknown>[])
    .map(({ id: _id, ...row }) => row);

async function dispatched<T>(core: Core, method: string, params: object): Promise<T> {
  const reply = await core.dispatch(method as never, params as never, asSupervisor);
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.result as T;
}

describe.skipIf(!cluster)(`consoles of one PBX on one PostgreSQL history${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let reader: PgPool;

  it('each pulls what the others recorded: the same calls, each once, the same rows and reports', async () => {
    const url = cluster!.databaseUrl('sync_one_pbx');
    reader = await openPgDatabase(url);
    closers.push(() => reader.end());
    const [a, b] = [await consoleOf('a', { history: url, historyPbx: 'site' }), await consoleOf('b', { history: url, historyPbx: 'site' })];
    // s.1 reaches both: a cdr at a, the call-center record (higher rank: its agent, queue and talk time win) at b.
    await push(a, cdr('s.1', 0, 42));
    await push(b, ccCdr('s.1', 0, '800', 40));
    await push(a, ccCdr('s.2', 5, '801', 30));
    await push(b, cdr('s.3', 9, 20));
    const shared = createPgHistory(reader, { pbx: 'site' });
    await expect.poll(async () => (await shared.searchCalls({}, { limit: 10 })).total, { timeout: 10_000 }).toBe(3);
    await expect.poll(async () => (await shared.getCall('s.1'))?.source, { timeout: 10_000 }).toBe('cc_cdr');

    await a.historySync!.syncNow();
    await b.historySync!.syncNow();
    expect(cacheRows(a, 'calls').map((row) => row.uniqueid)).toEqual(['s.1', 's.2', 's.3']);
    expect(cacheRows(a, 'calls')).toEqual(cacheRows(b, 'calls'));
    expect(cacheRows(a, 'queue_calls')).toEqual(cacheRows(b, 'queue_calls'));
    // The merged call keeps each field from its best source on both sides: the agent of cc_cdr, and which source each field came from.
    expect(a.db.prepare("SELECT agent, talk_seconds, field_ranks FROM calls WHERE uniqueid = 's.1'").get())
      .toEqual((await reader.query("SELECT agent, talk_seconds, field_ranks FROM calls WHERE pbx = 'site' AND uniqueid = 's.1'")).rows[0]);

    const request = { ...day, dimension: 'queue', grain: 'all' };
    const reportA = await dispatched<{ rows: { key: string; offered: number; answered: number }[] }>(a, 'history.report', request);
    expect(reportA.rows.map((row) => [row.key, row.offered, row.answered])).toEqual([['630', 2, 2]]);
    expect(await dispatched(b, 'history.report', request)).toEqual(reportA);
    expect(await shared.queueReport({ ...day, dimension: 'queue', grain: 'all' })).toMatchObject({ rows: reportA.rows });
    const pageA = await dispatched<{ total: number }>(a, 'history.search', { filter: {}, page: { limit: 50 } });
    expect(pageA.total).toBe(3);
    expect(await dispatched(b, 'history.search', { filter: {}, page: { limit: 50 } })).toEqual(pageA);

    // A pull with nothing new changes nothing, and writes no new version for the others (the same report seen twice).
    const versions = async () => (await reader.query<{ txid: string }>("SELECT txid::text FROM calls WHERE pbx = 'site' ORDER BY uniqueid")).rows;
    const before = await versions();
    await push(a, cdr('s.3', 9, 20));
    await a.historySync!.syncNow();
    await expect.poll(versions, { timeout: 2_000 }).toEqual(before);
    expect(cacheRows(a, 'calls')).toEqual(cacheRows(b, 'calls'));
  });

  it('a console that was off (an empty cache) gets the whole history on its first pull, and the same report', async () => {
    const fresh = await consoleOf('fresh', { history: cluster!.databaseUrl('sync_one_pbx'), historyPbx: 'site' });
    await fresh.historySync!.syncNow();
    const request = { ...day, dimension: 'agent', grain: 'all' };
    const shared = createPgHistory(reader, { pbx: 'site' });
    expect((await dispatched<{ total: number }>(fresh, 'history.search', { filter: {}, page: { limit: 50 } })).total).toBe(3);
    expect((await dispatched<{ rows: unknown[] }>(fresh, 'history.report', request)).rows).toEqual((await shared.queueReport({ ...day, dimension: 'agent', grain: 'all' })).rows);
    expect(await dispatched(fresh, 'history.detail', { uniqueid: 's.1' })).toMatchObject({ call: { uniqueid: 's.1', source: 'cc_cdr', agent: '800' } });
  });
});

describe.skipIf(!cluster)(`a console given --history after running on its own${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('copies the calls its cache already held up once, as the cache merged them, and goes on from there after a restart', async () => {
    const url = cluster!.databaseUrl('sync_upload');
    const dir = 'upload';
    const alone = await consoleOf(dir, {});
    await push(alone, cdr('u.1', 0, 42));
    await push(alone, ccCdr('u.1', 0, '800', 40));
    await push(alone, ccCdr('u.2', 3, '801', 30));
    await until(() => cacheRows(alone, 'calls').length === 2, 'both calls in the cache');
    await alone.close();

    const joined = await consoleOf(dir, { history: url, historyPbx: 'site-u' });
    await joined.historySync!.syncNow();
    const reader = await openPgDatabase(url);
    closers.push(() => reader.end());
    const stored = (await reader.query<Record<string, unknown>>("SELECT * FROM calls WHERE pbx = 'site-u' ORDER BY uniqueid")).rows;
    const cached = cacheRows(joined, 'calls');
    expect(stored.map(({ id: _id, pbx: _pbx, txid: _txid, ...row }) => row)).toEqual(cached);
    expect(cached.find((row) => row.uniqueid === 'u.1')).toMatchObject({ agent: '800', source: 'cc_cdr', field_ranks: expect.any(String) });
    const passes = (await reader.query<{ n: number }>("SELECT count(*)::int AS n FROM queue_calls WHERE pbx = 'site-u'")).rows[0]!.n;
    expect(passes).toBe(cacheRows(joined, 'queue_calls').length);
    await joined.close();

    // The upload is done: a restart does not send the cache again (no new row versions).
    const versions = async () => (await reader.query<{ txid: string }>("SELECT txid::text FROM calls WHERE pbx = 'site-u' ORDER BY uniqueid")).rows;
    const before = await versions();
    const again = await consoleOf(dir, { history: url, historyPbx: 'site-u' });
    await again.historySync!.syncNow();
    expect(await versions()).toEqual(before);
  });
});

describe.skipIf(!cluster)(`a console of two PBXs on a shared history${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('pulls the calls others wrote under each of its PBXs, in its qualified ids', async () => {
    const url = cluster!.databaseUrl('sync_two_pbxs');
    const demos: DemoPbx[] = await Promise.all([startDemoPbx({ agents: 4, autoStart: false }), startDemoPbx({ agents: 4, autoStart: false, seed: 2 })]);
    for (const demo of demos) closers.push(() => demo.close());
    const both = await consoleOf('two', { history: url, receiver: false, ami: [amiTargetOf(demos[0]!, 'bj'), amiTargetOf(demos[1]!, 'sh')] });
    // A headless core of sh alone wrote this one.
    const reader = await openPgDatabase(url);
    closers.push(() => reader.end());
    await createPgHistory(reader, { pbx: 'sh' }).upsertCalls([{
      uniqueid: 'sh.9', source: 'cc_cdr', direction: 'inbound', callerNum: '13800138000', calledNum: '4008001234', queue: '630', agent: '800',
      startedAt: Date.UTC(2026, 10, 25, 2), answeredAt: Date.UTC(2026, 10, 25, 2, 0, 5), endedAt: Date.UTC(2026, 10, 25, 2, 1), duration: 60,
      queueSeconds: 5, ringSeconds: 0, talkSeconds: 55, holdSeconds: 0, wrapupSeconds: 0, ivrSeconds: 0, isAnswered: true, callClass: 'customer',
    } satisfies CallRecord]);
    await createPgHistory(reader, { pbx: 'sh' }).addIvrSteps([{ uniqueid: 'sh.9', ivrId: '1', ivrName: '主菜单', dtmf: '2', startAt: Date.UTC(2026, 10, 25, 2), endAt: Date.UTC(2026, 10, 25, 2, 0, 4) }]);
    await both.historySync!.syncNow();
    expect(both.db.prepare("SELECT uniqueid, queue, agent FROM calls WHERE uniqueid LIKE '%sh.9'").all()).toEqual([{ uniqueid: 'sh:sh.9', queue: 'sh:630', agent: 'sh:800' }]);
    expect(both.db.prepare('SELECT call_uniqueid, ivr_name, dtmf FROM ivr_steps').all()).toEqual([{ call_uniqueid: 'sh:sh.9', ivr_name: '主菜单', dtmf: '2' }]);
    expect(both.db.prepare('SELECT call_uniqueid, queue, agent FROM queue_calls').all()).toEqual([{ call_uniqueid: 'sh:sh.9', queue: 'sh:630', agent: 'sh:800' }]);
    const report = await dispatched<{ rows: { key: string; answered: number }[] }>(both, 'history.report', { ...day, dimension: 'pbx', grain: 'all' });
    expect(report.rows.map((row) => [row.key, row.answered])).toEqual([['sh', 1]]);
  });
});

describe.skipIf(!cluster)(`the site's settings on a shared history${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('a rule changed at one console counts at every console of the same PBXs, and their screens are told', async () => {
    const url = cluster!.databaseUrl('sync_settings');
    // A console that ran alone brings its pause reasons: the database has none yet, so they become the site's.
    const first = await consoleOf('settings-a', {});
    const reasons = [{ code: 'lunch', labels: { 'zh-CN': '午饭', en: 'Lunch' } }, { code: 'training', labels: { 'zh-CN': '培训', en: 'Training' } }];
    expect(await first.dispatch('settings.setPauseReasons', { reasons }, asSupervisor)).toMatchObject({ ok: true, result: { ok: true } });
    await first.close();
    const a = await consoleOf('settings-a', { history: url, historyPbx: 'site-s' });
    await a.historySync!.syncNow();
    const b = await consoleOf('settings-b', { history: url, historyPbx: 'site-s' });
    const told: string[] = [];
    b.model.subscribe((update) => {
      if (update.kind === 'settingsChanged') told.push(update.setting);
    });
    await b.historySync!.syncNow();
    expect((await dispatched<{ code: string }[]>(b, 'settings.pauseReasons', {})).map((reason) => reason.code)).toEqual((await dispatched<{ code: string }[]>(a, 'settings.pauseReasons', {})).map((reason) => reason.code));
    expect((await dispatched<{ code: string }[]>(b, 'settings.pauseReasons', {})).map((reason) => reason.code)).toContain('training');
    expect(told).toContain('pauseReasons');

    // A call answered after 25 s: in service at 30 s, not at the default 20 s.
    const call = { ...ccCdr('r.1', 0, '800', 30), queueTime: 25 };
    await push(a, call);
    await a.historySync!.syncNow();
    await b.historySync!.syncNow();
    const request = { ...day, dimension: 'queue', grain: 'all' };
    const serviceLevel = async (core: Core) => (await dispatched<{ rows: { serviceLevel: number | null }[] }>(core, 'history.report', request)).rows[0]?.serviceLevel;
    expect(await serviceLevel(b)).toBe(0);
    const book = { defaults: { slSeconds: 30, slFormula: 'offered', shortAbandonSeconds: 0 }, queues: {} };
    expect(await a.dispatch('settings.setStatsRules', { book }, asSupervisor)).toMatchObject({ ok: true });
    await a.historySync!.syncNow();
    await b.historySync!.syncNow();
    expect(await serviceLevel(b)).toBe(1);
    expect(await dispatched(b, 'settings.statsRules', {})).toEqual(book);
    expect(await serviceLevel(a)).toBe(1);

    // Changed at b too: the last writer wins, and a converges on it.
    expect(await b.dispatch('settings.setThresholds', { byQueue: { '630': { waitingAmber: 3, waitingRed: 6 } } }, asSupervisor)).toMatchObject({ ok: true });
    await b.historySync!.syncNow();
    await a.historySync!.syncNow();
    expect(await dispatched(a, 'settings.thresholds', {})).toEqual(await dispatched(b, 'settings.thresholds', {}));

    // A value another writer of the database put there is checked as its setter checks it: a malformed one is not applied.
    const reader = await openPgDatabase(url);
    closers.push(() => reader.end());
    await reader.query("UPDATE shared_settings SET value = $1, txid = pg_current_xact_id() WHERE scope = 'site-s' AND key = 'stats.rules'", [JSON.stringify({ defaults: { slSeconds: -5 } })]);
    await b.historySync!.syncNow();
    expect(await dispatched(b, 'settings.statsRules', {})).toEqual(book);

    // Both audit pages list the whole site's acts, newest first, each console's own unmarked and the other's marked with it.
    type Entry = { action: string; at: number; console?: string };
    const auditOf = (core: Core) => dispatched<Entry[]>(core, 'audit.list', {});
    const [atA, atB] = [await auditOf(a), await auditOf(b)];
    const acts = ['settings.setPauseReasons', 'settings.setStatsRules', 'settings.setThresholds'];
    for (const entries of [atA, atB]) expect(entries.filter((entry) => acts.includes(entry.action)).map((entry) => entry.action).reverse()).toEqual(acts);
    expect(atA.find((entry) => entry.action === 'settings.setStatsRules')?.console).toBeUndefined();
    expect(atB.find((entry) => entry.action === 'settings.setStatsRules')?.console).toMatch(/^[0-9a-f-]{36}$/);
    expect(atA.find((entry) => entry.action === 'settings.setThresholds')?.console).toMatch(/^[0-9a-f-]{36}$/);
    expect(atB.map((entry) => entry.at)).toEqual([...atB.map((entry) => entry.at)].sort((x, y) => y - x));
    // Sent once: another round adds nothing on either side.
    await a.historySync!.syncNow();
    await b.historySync!.syncNow();
    expect((await auditOf(b)).length).toBe(atB.length);
  });
});

describe.skipIf(!cluster)(`a setting changed at two consoles in one round${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('keeps what each changed, entry by entry; an entry both changed takes the later send', async () => {
    const url = cluster!.databaseUrl('sync_merge');
    const config = { history: url, historyPbx: 'site-m' };
    const a = await consoleOf('merge-a', config);
    const reasons = [{ code: 'lunch', labels: { 'zh-CN': '午饭', en: 'Lunch' } }, { code: 'break', labels: { 'zh-CN': '休息', en: 'Break' } }];
    expect(await a.dispatch('settings.setPauseReasons', { reasons }, asSupervisor)).toMatchObject({ ok: true });
    expect(await a.dispatch('settings.setThresholds', { byQueue: { '630': { waitingAmber: 3, waitingRed: 6 } } }, asSupervisor)).toMatchObject({ ok: true });
    await a.historySync!.syncNow();
    const b = await consoleOf('merge-b', config);
    await b.historySync!.syncNow();
    const codes = async (core: Core) => (await dispatched<{ code: string }[]>(core, 'settings.pauseReasons', {})).map((reason) => reason.code);
    expect(await codes(b)).toEqual(await codes(a));

    // Between two rounds: a adds a reason and a queue's thresholds and a blacklist note; b drops
    // 'break', adds its own reason, changes 630's thresholds and notes another number.
    const training = { code: 'training', labels: { 'zh-CN': '培训', en: 'Training' } };
    const meeting = { code: 'meeting', labels: { 'zh-CN': '开会', en: 'Meeting' } };
    expect(await a.dispatch('settings.setPauseReasons', { reasons: [...reasons, training] }, asSupervisor)).toMatchObject({ ok: true });
    expect(await b.dispatch('settings.setPauseReasons', { reasons: [reasons[0], meeting] }, asSupervisor)).toMatchObject({ ok: true });
    expect(await a.dispatch('settings.setThresholds', { byQueue: { '630': { waitingAmber: 3, waitingRed: 6 }, '631': { waitingAmber: 1, waitingRed: 2 } } }, asSupervisor)).toMatchObject({ ok: true });
    expect(await b.dispatch('settings.setThresholds', { byQueue: { '630': { waitingAmber: 5, waitingRed: 9 } } }, asSupervisor)).toMatchObject({ ok: true });
    createSettingsBlacklistNotes(a.db).set('13800000001', { note: '骚扰', addedBy: 'a' });
    createSettingsBlacklistNotes(b.db).set('13800000002', { note: '推销', addedBy: 'b' });
    for (const core of [a, b, a]) await core.historySync!.syncNow();

    for (const core of [a, b]) {
      expect((await codes(core)).filter((code) => code !== 'wrap-up').sort()).toEqual(['lunch', 'meeting', 'training']);
      expect(await dispatched(core, 'settings.thresholds', {})).toEqual({ '630': { waitingAmber: 5, waitingRed: 9 }, '631': { waitingAmber: 1, waitingRed: 2 } });
      expect(Object.keys(getSetting<Record<string, unknown>>(core.db, settingKeys.blacklistNotes, {})).sort()).toEqual(['13800000001', '13800000002']);
    }
    // Settled: another round changes nothing anywhere.
    const before = getSetting(a.db, settingKeys.pauseReasons, []);
    for (const core of [b, a]) await core.historySync!.syncNow();
    expect(getSetting(a.db, settingKeys.pauseReasons, [])).toEqual(before);
    expect(getSetting(b.db, settingKeys.pauseReasons, [])).toEqual(before);
  });
});

describe.skipIf(!cluster)(`call-backs on a shared history${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('a number one supervisor dismissed leaves every console\'s list', async () => {
    const url = cluster!.databaseUrl('sync_callbacks');
    const [a, b] = [await consoleOf('callbacks-a', { history: url, historyPbx: 'site-k' }), await consoleOf('callbacks-b', { history: url, historyPbx: 'site-k' })];
    // Both watch the PBX: each sees the caller give up in queue 630 (a pass of its own, live).
    const missedAt = Date.now() - 60_000;
    for (const core of [a, b]) {
      const { store } = historyStores(core.db);
      core.db.transaction(() => store.queueCalls.upsertAttempts([{
        callId: 'k.1', seq: 0, queue: '630', enteredAt: missedAt, endedAt: missedAt + 30_000, waitSeconds: 30, callerNum: '13900001111',
        outcome: 'abandoned', holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'ami',
      }]))();
    }
    const listed = async (core: Core) => (await dispatched<{ entries: { number: string }[] }>(core, 'live.callbacks', {})).entries.map((entry) => entry.number);
    expect(await listed(b)).toEqual(['13900001111']);
    expect(await a.dispatch('callbacks.dismiss', { number: '13900001111' }, asSupervisor)).toMatchObject({ ok: true });
    expect(await listed(a)).toEqual([]);
    for (const core of [a, b]) await core.historySync!.syncNow();
    expect(await listed(b)).toEqual([]);
  });
});

describe.skipIf(!cluster)(`agent state intervals on a shared history${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('a pause two consoles saw counts once, one only one saw counts too; open intervals stay home', async () => {
    const url = cluster!.databaseUrl('sync_intervals');
    const [a, b] = [await consoleOf('intervals-a', { history: url, historyPbx: 'site-i' }), await consoleOf('intervals-b', { history: url, historyPbx: 'site-i' })];
    const t = Date.UTC(2026, 10, 25, 2);
    const minute = 60_000;
    // The same lunch pause, seen by each console at its own moments.
    const storeA = historyStores(a.db).store;
    const storeB = historyStores(b.db).store;
    storeA.openInterval({ agent: '800', queue: '630', kind: 'pause', reason: 'lunch', startAt: t });
    storeA.closeInterval({ agent: '800', queue: '630', kind: 'pause', endAt: t + 10 * minute });
    storeB.openInterval({ agent: '800', queue: '630', kind: 'pause', reason: 'lunch', startAt: t + 2_000 });
    storeB.closeInterval({ agent: '800', queue: '630', kind: 'pause', endAt: t + 10 * minute + 3_000 });
    // A two-hour login only b saw (a was off), and a login still open at a.
    storeB.openInterval({ agent: '801', queue: '630', kind: 'login', startAt: t - 60 * minute });
    storeB.closeInterval({ agent: '801', queue: '630', kind: 'login', endAt: t + 60 * minute });
    storeA.openInterval({ agent: '802', queue: '630', kind: 'login', startAt: t });

    for (const core of [a, b, a]) await core.historySync!.syncNow();
    const request = { from: t - 2 * 60 * minute, to: t + 2 * 60 * minute };
    type Row = { agent: string; kind: string; reason?: string; seconds: number; intervals: number };
    const statesOf = async (core: Core) => (await dispatched<Row[]>(core, 'history.agentStates', request)).filter((row) => row.agent !== '802');
    const atA = await statesOf(a);
    expect(atA).toEqual(await statesOf(b));
    expect(atA).toEqual([
      { agent: '800', kind: 'pause', reason: 'lunch', seconds: 603, intervals: 1 },
      { agent: '801', kind: 'login', seconds: 7_200, intervals: 1 },
    ]);
    // A pulled interval longer than any a saw itself widens where a's reports look for intervals that began before the range.
    const fromLater = (await dispatched<Row[]>(a, 'history.agentStates', { from: t, to: t + 2 * 60 * minute, agents: ['801'] }));
    expect(fromLater).toEqual([{ agent: '801', kind: 'login', seconds: 3_600, intervals: 1 }]);
    const reader = await openPgDatabase(url);
    closers.push(() => reader.end());
    expect((await reader.query("SELECT agent, kind FROM agent_intervals WHERE pbx = 'site-i' ORDER BY agent, console")).rows.map((row) => `${row.agent}/${row.kind}`))
      .toEqual(['800/pause', '800/pause', '801/login']);
    // Once: another round sends and stores nothing new.
    for (const core of [a, b]) await core.historySync!.syncNow();
    expect((await reader.query<{ n: number }>('SELECT count(*)::int AS n FROM agent_intervals')).rows[0]!.n).toBe(3);
    expect((a.db.prepare('SELECT count(*) AS n FROM agent_intervals').get() as { n: number }).n).toBe(4);

    // A console that was off gets the same figures.
    const fresh = await consoleOf('intervals-c', { history: url, historyPbx: 'site-i' });
    await fresh.historySync!.syncNow();
    expect(await statesOf(fresh)).toEqual(atA);
  });
});

describe.skipIf(!cluster)(`a data dir copied to a second desktop${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('writes as a new console: neither loses the other\'s audit entries or intervals, and what they shared before counts once', async () => {
    const url = cluster!.databaseUrl('sync_copied');
    const config = { history: url, historyPbx: 'site-c' };
    const t = Date.UTC(2026, 10, 25, 2);
    const pause = (core: Core, agent: string, startAt: number) => {
      const { store } = historyStores(core.db);
      store.openInterval({ agent, queue: '630', kind: 'pause', reason: 'lunch', startAt });
      store.closeInterval({ agent, queue: '630', kind: 'pause', endAt: startAt + 60_000 });
    };
    const a = await consoleOf('copied-a', config);
    expect(await a.dispatch('settings.setThresholds', { byQueue: { '630': { waitingAmber: 3, waitingRed: 6 } } }, asSupervisor)).toMatchObject({ ok: true });
    pause(a, '800', t);
    await a.historySync!.syncNow();
    cpSync(join(dataDir, 'copied-a'), join(dataDir, 'copied-b'), { recursive: true });
    // As if copied between a round's send and its pull: the copy has sent these but not read past them.
    const copy = openDatabase(join(dataDir, 'copied-b', 'callboard.db'));
    const audit = getSetting<Record<string, { sentThrough: number }>>(copy, settingKeys.sharedAuditSync, {});
    setSetting(copy, settingKeys.sharedAuditSync, Object.fromEntries(Object.entries(audit).map(([key, mark]) => [key, { ...mark, cursor: { txid: '0', id: 0 } }])));
    setSetting(copy, settingKeys.sharedIntervalsSync, {});
    copy.close();

    // Both go on from the same row ids: the next audit entry and interval of each has the same id at both.
    const b = await consoleOf('copied-b', config);
    expect(await a.dispatch('settings.setStatsRules', { book: { defaults: { slSeconds: 30, slFormula: 'offered', shortAbandonSeconds: 0 }, queues: {} } }, asSupervisor)).toMatchObject({ ok: true });
    expect(await b.dispatch('settings.setPauseReasons', { reasons: [{ code: 'lunch', labels: { 'zh-CN': '午饭', en: 'Lunch' } }] }, asSupervisor)).toMatchObject({ ok: true });
    pause(a, '801', t + 3_600_000);
    pause(b, '802', t + 7_200_000);
    for (const core of [a, b, a, b]) await core.historySync!.syncNow();

    const reader = await openPgDatabase(url);
    closers.push(() => reader.end());
    const shared = (await reader.query<{ console: string; action: string }>('SELECT console, action FROM audit_log ORDER BY at')).rows;
    // Two acts at two consoles may share a millisecond: the set, not the order, is the point.
    expect(shared.map((row) => row.action).sort()).toEqual(['settings.setPauseReasons', 'settings.setStatsRules', 'settings.setThresholds']);
    expect(new Set(shared.map((row) => row.console)).size).toBe(2);
    expect((await reader.query('SELECT agent FROM agent_intervals ORDER BY agent')).rows.map((row) => row.agent)).toEqual(['800', '801', '802']);

    type Entry = { action: string; console?: string };
    for (const core of [a, b]) {
      const actions = (await dispatched<Entry[]>(core, 'audit.list', {})).map((entry) => entry.action).filter((action) => action.startsWith('settings.'));
      expect(actions.sort()).toEqual(['settings.setPauseReasons', 'settings.setStatsRules', 'settings.setThresholds']);
      expect((core.db.prepare('SELECT agent FROM agent_intervals ORDER BY agent').all() as { agent: string }[]).map((row) => row.agent)).toEqual(['800', '801', '802']);
    }
    const statsRulesAt = (entries: readonly { action: string; console?: string }[]) => entries.find((entry) => entry.action === 'settings.setStatsRules')?.console;
    expect(statsRulesAt(await dispatched<Entry[]>(b, 'audit.list', {}))).toBe(statsRulesAt(shared));
  });
});

describe.skipIf(!cluster)(`a shared history that fails a write${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('keeps the calls it could not copy in the cache\'s outbox, across a restart, and sends them once the database answers', async () => {
    const url = cluster!.databaseUrl('sync_outbox');
    const first = await consoleOf('outbox', { history: url, historyPbx: 'site-o' });
    await first.historySync!.syncNow();
    const reader = await openPgDatabase(url);
    closers.push(() => reader.end());
    await reader.query('ALTER TABLE calls RENAME TO calls_away');
    await push(first, cdr('o.1', 0, 42));
    await push(first, ccCdr('o.1', 0, '800', 40));
    const outboxOf = (core: Core) => core.db.prepare('SELECT uniqueid FROM shared_outbox').all();
    await until(() => outboxOf(first).length === 1, 'the call noted in the outbox');
    await first.historySync!.syncNow();
    expect(outboxOf(first)).toEqual([{ uniqueid: 'o.1' }]);
    await first.close();
    await reader.query('ALTER TABLE calls_away RENAME TO calls');

    const core = await consoleOf('outbox', { history: url, historyPbx: 'site-o' });
    const outbox = () => outboxOf(core);
    expect(outbox()).toEqual([{ uniqueid: 'o.1' }]);
    await core.historySync!.syncNow();
    expect(outbox()).toEqual([]);
    const stored = (await reader.query<Record<string, unknown>>("SELECT * FROM calls WHERE pbx = 'site-o'")).rows.map(({ id: _id, pbx: _pbx, txid: _txid, ...row }) => row);
    expect(stored).toEqual(cacheRows(core, 'calls'));
    expect((await reader.query<{ n: number }>("SELECT count(*)::int AS n FROM queue_calls WHERE pbx = 'site-o'")).rows[0]!.n).toBe(cacheRows(core, 'queue_calls').length);
  });
});

describe.skipIf(!cluster)(`a setting changed while the shared history is down${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('is sent after a restart, once the database answers', async () => {
    const url = cluster!.databaseUrl('sync_settings_down');
    const first = await consoleOf('down-a', { history: url, historyPbx: 'site-d' });
    await first.historySync!.syncNow();
    const reader = await openPgDatabase(url);
    closers.push(() => reader.end());
    await reader.query('ALTER TABLE shared_settings RENAME TO shared_settings_away');
    const byQueue = { '630': { waitingAmber: 2, waitingRed: 4 } };
    expect(await first.dispatch('settings.setThresholds', { byQueue }, asSupervisor)).toMatchObject({ ok: true });
    await first.historySync!.syncNow();
    await first.close();
    await reader.query('ALTER TABLE shared_settings_away RENAME TO shared_settings');

    const again = await consoleOf('down-a', { history: url, historyPbx: 'site-d' });
    await again.historySync!.syncNow();
    const other = await consoleOf('down-b', { history: url, historyPbx: 'site-d' });
    await other.historySync!.syncNow();
    expect(await dispatched(other, 'settings.thresholds', {})).toEqual(byQueue);
  });
});
