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

  it('clears the talk seconds and answer time of unanswered calls, and makes answered calls ANSWERED (017)', () => {
    const old = temp.open(temp.file, { upTo: 16 });
    const insert = old.prepare(`INSERT INTO calls (uniqueid, source, source_rank, field_ranks, direction, caller_num, called_num, started_at, local_hour, answered_at, ended_at, talk_seconds, is_answered, disposition)
      VALUES (@uniqueid, @source, @rank, @ranks, 'inbound', '0611', '0201', 1000, 0, @answered, 9000, @talk, @isAnswered, @disposition)`);
    // As earlier versions merged them: an abandoned call filled by its cdr rows (the 9th and 14th
    // rank are answered_at's and talk_seconds'), a cdr-only lost call, and an answered call whose
    // last cdr row was an agent rung in vain.
    insert.run({ uniqueid: 'abandoned', source: 'cc_cdr', rank: 3, ranks: '333333-32333-2--3323333333-3331-----', answered: 8000, talk: 26, isAnswered: 0, disposition: 'ANSWERED' });
    insert.run({ uniqueid: 'cdr-only', source: 'cdr', rank: 2, ranks: null, answered: 1000, talk: 8, isAnswered: 0, disposition: 'BUSY' });
    insert.run({ uniqueid: 'answered', source: 'cc_cdr', rank: 3, ranks: '333333-32333-3--3323333333-3331-----', answered: 3000, talk: 6, isAnswered: 1, disposition: 'NO ANSWER' });
    insert.run({ uniqueid: 'lost', source: 'cc_cdr', rank: 3, ranks: null, answered: null, talk: 0, isAnswered: 0, disposition: null });
    old.close();
    const db = temp.open(temp.file);
    expect(db.prepare('SELECT uniqueid, answered_at, talk_seconds, field_ranks, disposition FROM calls ORDER BY uniqueid').all()).toEqual([
      { uniqueid: 'abandoned', answered_at: null, talk_seconds: 0, field_ranks: '333333-3-333----3323333333-3331-----', disposition: 'ANSWERED' },
      { uniqueid: 'answered', answered_at: 3000, talk_seconds: 6, field_ranks: '333333-32333-3--3323333333-3331-----', disposition: 'ANSWERED' },
      { uniqueid: 'cdr-only', answered_at: null, talk_seconds: 0, field_ranks: null, disposition: 'BUSY' },
      { uniqueid: 'lost', answered_at: null, talk_seconds: 0, field_ranks: null, disposition: null },
    ]);
  });

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
