import { describe, expect, it } from 'vitest';
import { localHourOf } from '../../../../electron/core/base/time-zone';
import { attemptOfCallRecord } from '../../../../electron/core/stats/attempt-of-record';
import { openPgDatabase } from '../../../../electron/core/store/postgres/pg-database';
import { createPgHistory } from '../../../../electron/core/store/postgres/pg-history';
import { useTimeZone } from '../../../../electron/core/store/postgres/pg-time-zone';
import { generateCallRecord } from '../../../support/generate-calls';
import { postgresForFile } from '../../../support/postgres-suite';

// A core started with another --time-zone regroups its PBX's rows in the shared history,
// as the SQLite cache regroups its own: every local hour as base/time-zone.ts counts it.

const { cluster, skipReason } = await postgresForFile('PostgreSQL time zone tests');

// Days across New York's spring-forward (2026-03-08), so the offset changes inside the range.
const options = { count: 600, firstDay: '2026-03-06', days: 4, timeZone: 'UTC', seed: 5, agents: ['800', '801', '802'], queues: ['600', '610'] };
const calls = Array.from({ length: options.count }, (_, index) => generateCallRecord(options, index));
const attempts = calls.flatMap((call) => attemptOfCallRecord(call) ?? []);

describe.skipIf(!cluster)(`useTimeZone${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('records the zone once, then regroups only that PBX\'s calls and passes into the new one, as a fresh write in that zone would hold them', async () => {
    const pool = await openPgDatabase(cluster!.databaseUrl('zones'));
    try {
      const inUtc = createPgHistory(pool, { pbx: 'moved', timeZone: 'UTC' });
      await inUtc.upsertCalls(calls, attempts);
      await createPgHistory(pool, { pbx: 'other', timeZone: 'UTC' }).upsertCalls(calls, attempts);
      await createPgHistory(pool, { pbx: 'fresh', timeZone: 'America/New_York' }).upsertCalls(calls, attempts);
      expect(await useTimeZone(pool, 'moved', 'UTC')).toBeUndefined();
      expect(await useTimeZone(pool, 'other', 'UTC')).toBeUndefined();

      expect(await useTimeZone(pool, 'moved', 'America/New_York')).toEqual({ from: 'UTC' });
      expect(await useTimeZone(pool, 'moved', 'America/New_York')).toBeUndefined();
      const hours = async (table: string, at: string, pbx: string) =>
        (await pool.query<{ at: number; local_hour: number }>(`SELECT ${at} AS at, local_hour FROM ${table} WHERE pbx = $1 ORDER BY id`, [pbx])).rows;
      for (const [table, at] of [['calls', 'started_at'], ['queue_calls', 'entered_at']] as const) {
        const moved = await hours(table, at, 'moved');
        expect(moved.length).toBeGreaterThan(0);
        expect(moved.filter((row) => row.local_hour !== localHourOf(row.at, 'America/New_York'))).toEqual([]);
        expect((await hours(table, at, 'other')).filter((row) => row.local_hour !== localHourOf(row.at, 'UTC'))).toEqual([]);
      }
      const request = { from: Date.UTC(2026, 2, 6), to: Date.UTC(2026, 2, 11), dimension: 'queue' as const, grain: 'day' as const };
      const regrouped = await createPgHistory(pool, { pbx: 'moved', timeZone: 'America/New_York' }).queueReport(request);
      const written = await createPgHistory(pool, { pbx: 'fresh', timeZone: 'America/New_York' }).queueReport(request);
      expect(regrouped.rows).toEqual(written.rows);
      expect(regrouped.rows.length).toBeGreaterThan(4);
    } finally {
      await pool.end();
    }
  });
});
