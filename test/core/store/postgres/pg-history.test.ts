import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, CallSearchFilter, CallSort, ReportRequest } from '../../../../electron/core/contract/history';
import type { QueueAttempt } from '../../../../electron/core/contract';
import { attemptOfCallRecord } from '../../../../electron/core/stats/attempt-of-record';
import { createCallStore, type CallStore } from '../../../../electron/core/store/call-store';
import { searchCalls } from '../../../../electron/core/store/call-search';
import { queueReport } from '../../../../electron/core/store/queue-reports';
import { statsRulesBook } from '../../../../electron/core/store/settings';
import { rowToCall } from '../../../../electron/core/store/call-row';
import { rowToAttempt } from '../../../../electron/core/store/queue-call-row';
import { listMigrations, type Db } from '../../../../electron/core/store/database';
import { ivrStepsOf } from '../../../../electron/core/store/call-detail';
import { openPgDatabase, pgMigrationsDir, pgSchemaVersion, type PgPool } from '../../../../electron/core/store/postgres/pg-database';
import { createPgHistory, type PgHistory } from '../../../../electron/core/store/postgres/pg-history';
import { generateCallRecord, type GenerateOptions } from '../../../support/generate-calls';
import { postgresForFile } from '../../../support/postgres-suite';
import { tempDatabase } from '../support/temp-db';

// The same records written to the SQLite cache and to PostgreSQL must read back as the
// same pages and the same figures; two writers on PostgreSQL must leave what one SQLite
// writer leaves. Against a real server this file starts (test/support/postgres.ts).

const { cluster, skipReason } = await postgresForFile('PostgreSQL history tests');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const options: GenerateOptions = {
  count: 4_000, firstDay: '2026-03-02', days: 4, timeZone: 'Asia/Shanghai', seed: 11,
  agents: Array.from({ length: 24 }, (_, i) => String(800 + i)), queues: ['600', '610', '620'],
};
const firstDayUtc = Date.parse('2026-03-02T00:00:00Z') - 8 * HOUR;
const generated = Array.from({ length: options.count }, (_, index) => generateCallRecord(options, index));

/** A later cdr report of a queue call: other numbers for some fields, none for the queue phases. */
function cdrReport(call: CallRecord): CallRecord {
  return { ...call, source: 'cdr', queueSeconds: 0, ringSeconds: 0, disposition: call.isAnswered ? 'ANSWERED' : 'NO ANSWER', hangupCause: 'CDR_CAUSE', duration: call.duration + 1 };
}

/** What AMI saw live: its queue pass is stored from the queue events, so it states the outcome. */
function amiReport(call: CallRecord): CallRecord {
  return { ...call, source: 'ami', queueOutcome: call.isAnswered ? 'answered' : 'abandoned', recordingFile: `ami/${call.uniqueid}.wav`, talkSeconds: call.talkSeconds + 2 };
}

function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

describe.skipIf(!cluster)(`PostgreSQL history${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  describe('the same records as SQLite', () => {
    let temp: ReturnType<typeof tempDatabase>;
    let db: Db;
    let pool: PgPool;
    let pg: PgHistory;
    // What AMI saw of every third call first (no queue, 3 s of it: the cc_cdr's 0 s is "unknown" and keeps them),
    // then every call, then a cdr report of every fifth one (merged on both engines).
    const amiViews = generated.filter((_, index) => index % 3 === 0)
      .map((record): CallRecord => ({ ...record, source: 'ami', queue: undefined, isAnswered: false, missCause: undefined, queueSeconds: 3 }));
    const writes = [...amiViews, ...generated, ...generated.filter((_, index) => index % 5 === 0).map(cdrReport)];

    beforeAll(async () => {
      temp = tempDatabase();
      db = temp.open();
      const store = createCallStore(db);
      pool = await openPgDatabase(cluster!.databaseUrl('parity'));
      pg = createPgHistory(pool, { pbx: 'pbx-a', timeZone: options.timeZone });
      for (const batch of inBatches(writes, 700)) {
        store.upsertCalls(batch);
        await pg.upsertCalls(batch);
      }
    }, 120_000);
    afterAll(async () => {
      await pool?.end();
      temp?.cleanup();
    });

    async function allPages(filter: CallSearchFilter, sort: CallSort, limit: number) {
      const pages = { sqlite: [] as CallRecord[][], pg: [] as CallRecord[][], totals: [] as [number, number][] };
      let sqliteCursor: string | undefined;
      let pgCursor: string | undefined;
      for (let guard = 0; guard < 1_000; guard += 1) {
        const left = searchCalls(db, filter, { limit, cursor: sqliteCursor }, sort);
        const right = await pg.searchCalls(filter, { limit, cursor: pgCursor }, sort);
        pages.sqlite.push(left.rows);
        pages.pg.push(right.rows);
        expect([right.total, right.isTotalCapped]).toEqual([left.total, left.isTotalCapped]);
        expect(Boolean(right.nextCursor)).toBe(Boolean(left.nextCursor));
        sqliteCursor = left.nextCursor;
        pgCursor = right.nextCursor;
        if (!sqliteCursor) break;
      }
      return pages;
    }

    const dayTwo = { from: firstDayUtc + DAY, to: firstDayUtc + 2 * DAY };
    const searches: [string, CallSearchFilter, CallSort][] = [
      ['a day, newest first', dayTwo, { key: 'startedAt', order: 'desc' }],
      ['no filter, by caller number', {}, { key: 'callerNum', order: 'asc' }],
      ['a queue, unanswered, ≥ 30 s, by queue wait', { queues: ['610'], isAnswered: false, minDuration: 30 }, { key: 'queueSeconds', order: 'desc' }],
      ['two agents with a recording, by agent', { agents: ['801', '804'], hasRecording: true }, { key: 'agent', order: 'asc' }],
      ['a caller prefix, by score', { callerNum: '135' }, { key: 'score', order: 'desc' }],
      ['a number contained, by talk time', { callerNum: '77', callerMatch: 'contains' }, { key: 'talkSeconds', order: 'asc' }],
      ['scored 4+, miss causes, classes', { minScore: 4, callClasses: ['customer'] }, { key: 'duration', order: 'desc' }],
      ['miss causes by queue', { missCauses: ['NO_AGENT_ANSWER', 'MEMBER_CANCEL'], directions: ['inbound'] }, { key: 'queue', order: 'desc' }],
    ];
    it.each(searches)('searches %s into the same pages', async (_name, filter, sort) => {
      const pages = await allPages(filter, sort, 137);
      expect(pages.pg).toEqual(pages.sqlite);
      expect(pages.sqlite.flat().length).toBeGreaterThan(0);
    });

    it('answers offset pages and capped totals the same', async () => {
      for (const page of [{ limit: 50, offset: 400 }, { limit: 20, totalCap: 100 }, { limit: 1_000, totalCap: 100_000 }]) {
        const left = searchCalls(db, dayTwo, page);
        const right = await pg.searchCalls(dayTwo, page);
        expect({ ...right, nextCursor: undefined }).toEqual({ ...left, nextCursor: undefined });
      }
    });

    it('gives the day KPIs of every queue, field by field, as the SQLite report does', async () => {
      const book = statsRulesBook(db);
      const now = firstDayUtc + 10 * DAY;
      for (let day = 0; day < options.days; day += 1) {
        for (const dimension of ['queue', 'total', 'agent'] as const) {
          const request: ReportRequest = { from: firstDayUtc + day * DAY, to: firstDayUtc + (day + 1) * DAY, dimension, grain: 'day' };
          const { servedFrom: _sqliteSource, ...left } = queueReport(db, request, now);
          const { servedFrom: _pgSource, ...right } = await pg.queueReport(request, book, now);
          expect(right).toEqual(left);
          expect(left.rows.length).toBeGreaterThan(0);
        }
      }
      const hourly: ReportRequest = { ...dayTwo, dimension: 'queue', grain: 'hour', queues: ['600'], slSeconds: 30 };
      expect((await pg.queueReport(hourly, book, now)).rows).toEqual(queueReport(db, hourly, now).rows);
      // SQLite answers these from its agent hour rollup, PostgreSQL sums the ledger's passes.
      for (const request of [
        { ...dayTwo, dimension: 'agent', grain: 'hour' },
        { from: dayTwo.from + 6 * HOUR, to: dayTwo.to + 3 * HOUR, dimension: 'agent', grain: 'day' },
      ] satisfies ReportRequest[]) {
        const sqliteRows = queueReport(db, request, now).rows;
        expect((await pg.queueReport(request, book, now)).rows).toEqual(sqliteRows);
        expect(sqliteRows.length).toBeGreaterThan(10);
      }
    });

    it('stores IVR steps once each and lists a call\'s steps as SQLite does', async () => {
      const steps = generated.filter((call) => call.ivrId).slice(0, 300).flatMap((call) => [
        { uniqueid: call.uniqueid, ivrId: 'welcome', ivrName: '欢迎', startAt: call.startedAt, endAt: call.startedAt + 2_000 },
        { uniqueid: call.uniqueid, ivrId: call.ivrId!, dtmf: call.ivrDtmf, startAt: call.startedAt + 2_000 },
      ]);
      const store = createCallStore(db);
      for (const batch of [steps, steps.slice(100, 200)]) {
        store.addIvrSteps(batch);
        await pg.addIvrSteps(batch);
      }
      for (const call of generated.filter((each) => each.ivrId).slice(0, 300)) expect(await pg.ivrStepsOf(call.uniqueid)).toEqual(ivrStepsOf(db, call.uniqueid));
      expect((await pool.query<{ n: number }>('SELECT count(*) AS n FROM ivr_steps')).rows[0]?.n).toBe(steps.length);
    });

    it('keeps another PBX\'s call of the same uniqueid apart', async () => {
      const other = createPgHistory(pool, { pbx: 'pbx-b', timeZone: options.timeZone });
      const call = generated[0]!;
      await other.upsertCalls([{ ...call, agent: 'someone-else' }]);
      expect((await other.getCall(call.uniqueid))?.agent).toBe('someone-else');
      expect(await pg.getCall(call.uniqueid)).toEqual(createCallStore(db).getCall(call.uniqueid));
      expect((await other.searchCalls({}, { limit: 10 })).total).toBe(1);
    });
  });

  describe('queue passes as AMI reports them', () => {
    let temp: ReturnType<typeof tempDatabase> | undefined;
    let pool: PgPool | undefined;
    afterAll(async () => {
      await pool?.end();
      temp?.cleanup();
    });

    it('give the same ledger and day KPIs, callers still waiting included', async () => {
      temp = tempDatabase();
      const store = createCallStore(temp.open());
      pool = await openPgDatabase(cluster!.databaseUrl('passes'));
      const pg = createPgHistory(pool, { pbx: 'pbx-a', timeZone: options.timeZone });
      const calls = generated.slice(0, 2_000);
      // Each queue call's pass seen live: joined (waiting), then ended; every 50th caller is still waiting.
      const passes = calls.flatMap((call, index): QueueAttempt[] => {
        const ended = attemptOfCallRecord(call);
        if (!ended) return [];
        const joined: QueueAttempt = { ...ended, source: 'ami', outcome: 'waiting', agent: undefined, talkSeconds: undefined, endedAt: undefined };
        return index % 50 === 0 ? [joined] : [joined, { ...ended, source: 'ami' }];
      });
      const finished = calls.filter((_, index) => index % 50 !== 0).map(amiReport);
      for (const batch of inBatches(passes, 400)) {
        store.db.transaction(() => store.queueCalls.upsertAttempts(batch))();
        await pg.upsertCalls([], batch);
      }
      store.upsertCalls(finished);
      await pg.upsertCalls(finished);

      const pgPasses = await pool.query<Record<string, unknown>>("SELECT * FROM queue_calls WHERE pbx = 'pbx-a' ORDER BY call_uniqueid, seq");
      const sqlitePasses = store.db.prepare('SELECT * FROM queue_calls ORDER BY call_uniqueid, seq').all() as Record<string, unknown>[];
      expect(pgPasses.rows.map(rowToAttempt)).toEqual(sqlitePasses.map(rowToAttempt));
      expect(sqlitePasses.some((row) => row.outcome === 'waiting')).toBe(true);
      const book = statsRulesBook(store.db);
      const now = firstDayUtc + 10 * DAY;
      for (const dimension of ['queue', 'agent'] as const) {
        const request: ReportRequest = { from: firstDayUtc, to: firstDayUtc + 2 * DAY, dimension, grain: 'hour' };
        const { servedFrom: _sqliteSource, ...left } = queueReport(store.db, request, now);
        const { servedFrom: _pgSource, ...right } = await pg.queueReport(request, book, now);
        expect(right).toEqual(left);
      }
    });
  });

  describe('two writers', () => {
    const temp = { value: undefined as ReturnType<typeof tempDatabase> | undefined };
    const pools: PgPool[] = [];
    afterAll(async () => {
      await Promise.all(pools.map((pool) => pool.end()));
      temp.value?.cleanup();
    });

    it('upserting overlapping calls at once leave one row per call, merged as SQLite merges them', async () => {
      const url = cluster!.databaseUrl('writers');
      pools.push(await openPgDatabase(url), await openPgDatabase(url));
      const [first, second] = pools.map((pool) => createPgHistory(pool, { pbx: 'pbx-a', timeZone: options.timeZone })) as [PgHistory, PgHistory];
      const calls = generated.slice(0, 1_500);
      // Each call is reported by up to three sources, split between the writers in opposite orders. A cdr report
      // only of cc_cdr calls: two reports of one rank are merged newest first, which two writers cannot agree on.
      const cdrOf = (index: number) => calls[index]!.source === 'cc_cdr';
      const firstWrites = [...calls, ...calls.filter((_, index) => index % 2 === 0 && cdrOf(index)).map(cdrReport)];
      const secondWrites = [
        ...calls.filter((_, index) => index % 3 !== 0).map(amiReport),
        ...calls.filter((_, index) => index % 2 === 1 && cdrOf(index)).map(cdrReport),
        ...calls.slice(0, 500),
      ].reverse();
      const write = async (history: PgHistory, records: CallRecord[]) => {
        for (const batch of inBatches(records, 150)) await history.upsertCalls(batch);
      };
      await Promise.all([write(first, firstWrites), write(second, secondWrites)]);

      temp.value = tempDatabase();
      const store: CallStore = createCallStore(temp.value.open());
      for (const batch of inBatches([...firstWrites, ...secondWrites], 500)) store.upsertCalls(batch);

      const pgCalls = await pools[0]!.query<Record<string, unknown>>("SELECT * FROM calls WHERE pbx = 'pbx-a' ORDER BY uniqueid");
      const sqliteCalls = store.db.prepare('SELECT * FROM calls ORDER BY uniqueid').all() as Record<string, unknown>[];
      expect(pgCalls.rows.length).toBe(calls.length);
      expect(pgCalls.rows.map(rowToCall)).toEqual(sqliteCalls.map(rowToCall));
      expect(pgCalls.rows.map((row) => row.field_ranks)).toEqual(sqliteCalls.map((row) => row.field_ranks));

      const pgPasses = await pools[0]!.query<Record<string, unknown>>("SELECT * FROM queue_calls WHERE pbx = 'pbx-a' ORDER BY call_uniqueid, seq");
      const sqlitePasses = store.db.prepare('SELECT * FROM queue_calls ORDER BY call_uniqueid, seq').all() as Record<string, unknown>[];
      expect(pgPasses.rows.map(rowToAttempt)).toEqual(sqlitePasses.map(rowToAttempt));
    }, 120_000);
  });

  describe('migrations', () => {
    it('apply once: reopening, or two consoles opening at once, changes nothing and keeps the rows', async () => {
      const url = cluster!.databaseUrl('migrations');
      const latest = Math.max(...listMigrations(pgMigrationsDir).map((m) => m.version));
      const pool = await openPgDatabase(url);
      await createPgHistory(pool, { pbx: 'p' }).upsertCalls(generated.slice(0, 10));
      expect(await pgSchemaVersion(pool)).toBe(latest);
      await pool.end();
      const reopened = await Promise.all([openPgDatabase(url), openPgDatabase(url)]);
      for (const again of reopened) expect(await pgSchemaVersion(again)).toBe(latest);
      const applied = await reopened[0].query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
      expect(applied.rows[0]?.n).toBe(latest);
      expect((await createPgHistory(reopened[0], { pbx: 'p' }).searchCalls({}, { limit: 50 })).total).toBe(10);
      await Promise.all(reopened.map((again) => again.end()));
    });

    it('clears the talk seconds and answer time of unanswered calls, as new versions the consoles pull (008)', async () => {
      const url = cluster!.databaseUrl('migration_008');
      const old = await openPgDatabase(url, { upTo: 7 });
      const insert = `INSERT INTO calls (pbx, uniqueid, source, source_rank, field_ranks, direction, caller_num, called_num, started_at, local_hour, answered_at, ended_at, talk_seconds, is_answered, disposition)
        VALUES ('p', $1, $2, $3, $4, 'inbound', '0611', '0201', 1000, 0, $5, 9000, $6, $7, $8)`;
      await old.query(insert, ['abandoned', 'cc_cdr', 3, '333333-32333-2--3323333333-3331-----', 8000, 26, 0, 'ANSWERED']);
      await old.query(insert, ['answered', 'cc_cdr', 3, '333333-32333-2--3323333333-3331-----', 3000, 6, 1, 'ANSWERED']);
      const txidsBefore = "SELECT uniqueid, txid::text AS txid FROM calls ORDER BY uniqueid";
      const before = new Map((await old.query<{ uniqueid: string; txid: string }>(txidsBefore)).rows.map((row) => [row.uniqueid, row.txid]));
      await old.end();
      const pool = await openPgDatabase(url);
      try {
        const rows = await pool.query<Record<string, unknown>>('SELECT uniqueid, answered_at, talk_seconds, field_ranks FROM calls ORDER BY uniqueid');
        expect(rows.rows).toEqual([
          { uniqueid: 'abandoned', answered_at: null, talk_seconds: 0, field_ranks: '333333-3-333----3323333333-3331-----' },
          { uniqueid: 'answered', answered_at: 3000, talk_seconds: 6, field_ranks: '333333-32333-2--3323333333-3331-----' },
        ]);
        const after = (await pool.query<{ uniqueid: string; txid: string }>(txidsBefore)).rows;
        expect(after.map((row) => [row.uniqueid, row.txid !== before.get(row.uniqueid)])).toEqual([['abandoned', true], ['answered', false]]);
      } finally {
        await pool.end();
      }
    });
  });
});
