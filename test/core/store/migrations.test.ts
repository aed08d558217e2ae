import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { callColumnList, callToParams } from '../../../electron/core/store/call-row';
import { createCallStore } from '../../../electron/core/store/call-store';
import { listMigrations, pendingUpgrade, schemaVersion, type Db } from '../../../electron/core/store/database';
import { upgradeNoticeHtml } from '../../../electron/core/app/upgrade-notice';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCallRecord } from '../../support/generate-calls';
import { localHourOf } from '../../../electron/core/base/time-zone';
import { tempDatabase } from './support/temp-db';

const versions = listMigrations().map((migration) => migration.version);
const latest = Math.max(...versions);
const options = { count: 40, firstDay: '2026-11-01', days: 2, timeZone: 'Asia/Shanghai' };
const records = Array.from({ length: options.count }, (_, index) => generateCallRecord(options, index));

let temp: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  temp = tempDatabase();
});
afterEach(() => temp.cleanup());

function tableNames(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
}

describe('migrations', () => {
  it('numbers the store migrations 003 and 004, in order', () => {
    expect(versions).toContain(3);
    expect(versions).toContain(4);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('creates every table on a fresh file, with foreign keys on', () => {
    const upgrades: number[] = [];
    const db = temp.open(temp.file, { onUpgrade: ({ version }) => upgrades.push(version) });
    expect(upgrades).toEqual([]); // a new file is no upgrade
    expect(schemaVersion(db)).toBe(latest);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['agent_intervals', 'audit_log', 'calls', 'ivr_steps', 'queue_calls', 'queue_rollup_agent_day', 'queue_rollup_agent_hour', 'queue_rollup_hour', 'raw_events', 'settings']));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  for (const from of versions.filter((version) => version < latest)) {
    it(`upgrades a cache written at version ${from} to ${latest} with its data intact`, () => {
      const old = temp.open(temp.file, { upTo: from });
      expect(schemaVersion(old)).toBe(from);
      old.prepare("INSERT INTO raw_events (received_at, source, event_type, body) VALUES (1764000000000, 'push', 'cdr', '{\"a\":1}')").run();
      if (from >= 6) {
        // From the queue ledger on, calls are written with their queue passes and rollups, as the
        // store does: by today's store into a scratch file, then copied into the columns and
        // tables that version had.
        const scratch = temp.open(`${temp.dir}/scratch.db`);
        createCallStore(scratch).upsertCalls(records.slice(0, 20));
        old.exec(`ATTACH '${temp.dir}/scratch.db' AS scratch`);
        for (const table of ['calls', 'queue_calls', 'queue_rollup_hour', 'queue_rollup_agent_day', 'queue_rollup_agent_hour']) {
          if (!tableNames(old).includes(table)) continue;
          const columns = (old.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[]).map((column) => column.name);
          old.exec(`INSERT INTO main.${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM scratch.${table}`);
        }
        old.exec('DETACH scratch');
      } else if (from >= 3) {
        // Written the way versions 3–5 stored calls (no ledger; version 3 had no settings table, so no CallStore).
        const existing = new Set((old.prepare('PRAGMA table_info(calls)').all() as { name: string }[]).map((column) => column.name));
        const columns = callColumnList.filter((column) => existing.has(column));
        const insert = old.prepare(`INSERT INTO calls (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
        for (const record of records.slice(0, 20)) {
          const params = callToParams(record, localHourOf(record.startedAt, 'Asia/Shanghai'));
          insert.run(Object.fromEntries(columns.map((column) => [column, params[column]])));
        }
      }
      old.close();

      const upgrades: number[] = [];
      const db = temp.open(temp.file, { onUpgrade: ({ version }) => upgrades.push(version) });
      expect(schemaVersion(db)).toBe(latest);
      expect(upgrades).toEqual(versions.filter((version) => version > from));
      expect(db.prepare('SELECT received_at, event_type, body FROM raw_events').all()).toEqual([{ received_at: 1764000000000, event_type: 'cdr', body: '{"a":1}' }]);
      const store = createCallStore(db);
      if (from >= 3) for (const record of records.slice(0, 20)) expect(store.getCall(record.uniqueid)).toEqual(record);
      store.upsertCalls(records.slice(20));
      expect(db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: from >= 3 ? 40 : 20 });
      store.openInterval({ agent: '801', kind: 'login', startAt: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM agent_intervals').get()).toEqual({ n: 1 });
      const report = queueReport(db, { from: Date.parse('2026-10-31T16:00:00Z'), to: Date.parse('2026-11-02T16:00:00Z'), dimension: 'total', grain: 'all', slSeconds: 25 });
      expect(report.rows[0]!.offered).toBe(records.slice(from >= 3 ? 0 : 20).filter((record) => record.queue).length);
      // The agent hour rollup (015) holds the calls written before it: its follow-up filled it from the ledger.
      const byHour = queueReport(db, { from: Date.parse('2026-10-31T16:00:00Z'), to: Date.parse('2026-11-02T16:00:00Z'), dimension: 'agent', grain: 'hour' });
      const answeredByAgent = records.slice(from >= 3 ? 0 : 20).filter((record) => record.queue && record.agent && record.isAnswered);
      expect(byHour.rows.reduce((sum, row) => sum + row.answered, 0)).toBe(answeredByAgent.length);
      expect(answeredByAgent.length).toBeGreaterThan(10);
    });
  }

  it('tells ahead which versions opening a file will upgrade it from and to, without writing it', () => {
    expect(pendingUpgrade(join(temp.dir, 'none.db'))).toBeUndefined();
    writeFileSync(join(temp.dir, 'junk.db'), 'not a database');
    expect(pendingUpgrade(join(temp.dir, 'junk.db'))).toBeUndefined();
    temp.open(temp.file, { upTo: 14 }).close();
    expect(pendingUpgrade(temp.file)).toEqual({ from: 14, to: latest });
    expect(pendingUpgrade(temp.file)).toEqual({ from: 14, to: latest });
    temp.open(temp.file).close();
    expect(pendingUpgrade(temp.file)).toBeUndefined();
  });

  it('says so on a static page in both languages while it runs', () => {
    const html = upgradeNoticeHtml({ from: 14, to: 16 }, 'C:\\Users\\<li>\\callboard.db');
    expect(html).toContain('正在升级本地通话缓存（版本 14 → 16）');
    expect(html).toContain('Upgrading the local call cache (version 14 → 16)');
    expect(html).toContain('&#60;li&#62;');
    expect(html).not.toMatch(/<script|<li>/i);
    expect(html).toContain("default-src 'none'");
  });
});
