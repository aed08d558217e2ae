import { assertTimeZone } from '../../base/time-zone';
import { inTransaction, type PgPool } from './pg-database';

/**
 * The local hour number of a UTC ms column in `zone` ($2), as base/time-zone.ts localHourOf
 * counts it: hours since 1970-01-01 00:00 wall-clock time in that zone.
 */
const localHourSql = (column: string) => `floor(extract(epoch FROM (to_timestamp(${column} / 1000.0) AT TIME ZONE $2)) / 3600)::integer`;

/**
 * Makes `pbx`'s rows count their local hours in `timeZone`: the first time, the zone is
 * recorded; when a core starts with another zone, that PBX's calls and queue passes are
 * regrouped in one transaction, under a lock on the PBX's row so two cores starting
 * together do it once. Returns the zone the rows were in before, when they moved.
 */
export async function useTimeZone(pool: PgPool, pbx: string, timeZone: string): Promise<{ from: string } | undefined> {
  assertTimeZone(timeZone);
  return inTransaction(pool, async (client) => {
    await client.query('INSERT INTO pbx_zones (pbx, time_zone) VALUES ($1, $2) ON CONFLICT (pbx) DO NOTHING', [pbx, timeZone]);
    const { rows } = await client.query<{ time_zone: string }>('SELECT time_zone FROM pbx_zones WHERE pbx = $1 FOR UPDATE', [pbx]);
    const from = rows[0]?.time_zone;
    if (from === undefined || from === timeZone) return undefined;
    await client.query(`UPDATE calls SET local_hour = ${localHourSql('started_at')} WHERE pbx = $1`, [pbx, timeZone]);
    await client.query(`UPDATE queue_calls SET local_hour = ${localHourSql('entered_at')} WHERE pbx = $1`, [pbx, timeZone]);
    await client.query('UPDATE pbx_zones SET time_zone = $2 WHERE pbx = $1', [pbx, timeZone]);
    return { from };
  });
}
