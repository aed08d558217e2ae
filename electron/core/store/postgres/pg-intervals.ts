import type { PgPool } from './pg-database';
import { versionsAfter, type ChangeCursor, type VersionPage } from './pg-changes';

// Closed agent state intervals on the shared history (007_agent_intervals.sql): each console adds
// its own (idempotent by console + entry id) and reads the others' of a PBX by transaction id.

export interface SharedInterval {
  console: string;
  /** The interval's id at its console. */
  entry: number;
  agent: string;
  queue: string | null;
  kind: string;
  reason: string | null;
  callUniqueid: string | null;
  startAt: number;
  endAt: number;
}

export async function addIntervals(pool: PgPool, pbx: string, intervals: readonly SharedInterval[]): Promise<void> {
  if (intervals.length === 0) return;
  const column = <Value>(value: (interval: SharedInterval) => Value) => intervals.map(value);
  await pool.query(
    `INSERT INTO agent_intervals (pbx, console, entry, agent, queue, kind, reason, call_uniqueid, start_at, end_at)
     SELECT $1, console, entry, agent, queue, kind, reason, call_uniqueid, start_at, end_at
     FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[])
       WITH ORDINALITY AS u(console, entry, agent, queue, kind, reason, call_uniqueid, start_at, end_at, n)
     ORDER BY n ON CONFLICT (console, entry) DO NOTHING`,
    [pbx, column((i) => i.console), column((i) => i.entry), column((i) => i.agent), column((i) => i.queue), column((i) => i.kind),
      column((i) => i.reason), column((i) => i.callUniqueid), column((i) => i.startAt), column((i) => i.endAt)],
  );
}

/** Up to `limit` intervals of `pbx` from consoles other than `self`, after `cursor` and below `below` (pg-changes.ts finishedBelow). */
export async function readIntervals(pool: PgPool, pbx: string, self: string, cursor: ChangeCursor, below: string, limit: number): Promise<VersionPage<SharedInterval>> {
  type Row = { console: string; entry: number; agent: string; queue: string | null; kind: string; reason: string | null; call_uniqueid: string | null; start_at: number; end_at: number };
  const page = await versionsAfter<Row>(pool, 'agent_intervals', 'pbx = $5', [pbx], cursor, below, limit);
  return {
    ...page,
    rows: page.rows.filter((row) => row.console !== self).map((row) => ({
      console: row.console, entry: row.entry, agent: row.agent, queue: row.queue, kind: row.kind, reason: row.reason,
      callUniqueid: row.call_uniqueid, startAt: row.start_at, endAt: row.end_at,
    })),
  };
}
