import { localIdOf, qualifiedId, splitPbxId } from '../contract';
import { settingKeys } from '../base/setting-keys';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';
import type { ChangeCursor } from '../store/postgres/pg-changes';
import type { PgPool } from '../store/postgres/pg-database';
import { addIntervals, readIntervals, type SharedInterval } from '../store/postgres/pg-intervals';
import type { ConsoleIdentity } from './console-identity';

// Agent state intervals on every console of a shared history. Each console observes the
// agents itself, at its own moments, so nothing is merged: this console's intervals go up once
// closed (an open one may never close if the console stops), the others' come down beside its
// own, and the reports count the union of overlapping intervals (agent-state-report.ts): a
// pause two consoles saw counts once, a pause only one saw counts too.

/** Per database and PBX: how far the others' intervals were read. */
type IntervalMarks = Record<string, ChangeCursor>;

const BATCH = 2_000;

interface IntervalRow {
  id: number;
  agent: string;
  queue: string | null;
  kind: string;
  reason: string | null;
  call_uniqueid: string | null;
  start_at: number;
  end_at: number;
}

export function createIntervalSync(pool: PgPool, db: Db, self: ConsoleIdentity, pbxs: readonly string[], isQualified: boolean): { round(identity: string, below: string): Promise<void> } {
  const named = new Set(pbxs);
  const unsent = db.prepare(`SELECT id, agent, queue, kind, reason, call_uniqueid, start_at, end_at FROM agent_intervals
    WHERE is_shared = 0 AND end_at IS NOT NULL AND console IS NULL ORDER BY id LIMIT ${BATCH}`);
  const markSent = db.prepare('UPDATE agent_intervals SET is_shared = 1 WHERE id = ?');
  const markAllSent = db.transaction((ids: readonly number[]) => {
    for (const id of ids) markSent.run(id);
  });
  const insertPulled = db.prepare(`INSERT OR IGNORE INTO agent_intervals (agent, queue, kind, reason, call_uniqueid, start_at, end_at, console, console_entry, is_shared)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  // An interval this cache sent under a former id (console-identity.ts) is its own row already.
  const former = new Set(self.former);
  const isOwnSent = db.prepare('SELECT 1 FROM agent_intervals WHERE id = ? AND console IS NULL AND start_at = ? AND kind = ?');
  const storePulled = db.transaction((intervals: readonly SharedInterval[], key: string, cursor: ChangeCursor) => {
    let longest = getSetting(db, settingKeys.longestIntervalMs, 0);
    for (const interval of intervals) {
      if (former.has(interval.console) && isOwnSent.get(interval.entry, interval.startAt, interval.kind)) continue;
      insertPulled.run(interval.agent, interval.queue, interval.kind, interval.reason, interval.callUniqueid, interval.startAt, interval.endAt, interval.console, interval.entry);
      longest = Math.max(longest, interval.endAt - interval.startAt);
    }
    // The reports find closed intervals from `from − the longest one`: a longer one pulled must widen that.
    if (longest > getSetting(db, settingKeys.longestIntervalMs, 0)) setSetting(db, settingKeys.longestIntervalMs, longest);
    setSetting(db, settingKeys.sharedIntervalsSync, { ...getSetting<IntervalMarks>(db, settingKeys.sharedIntervalsSync, {}), [key]: cursor });
  });

  /** The PBX an interval is of, and its ids as that PBX knows them. */
  function own(row: IntervalRow): { pbx: string; interval: Omit<SharedInterval, 'console' | 'entry'> } | undefined {
    const pbx = isQualified ? splitPbxId(row.agent, named).pbx : pbxs[0];
    if (pbx === undefined) return undefined;
    const local = (id: string | null) => (id === null || !isQualified ? id : localIdOf(id, pbx));
    return {
      pbx,
      interval: { agent: local(row.agent)!, queue: local(row.queue), kind: row.kind, reason: row.reason, callUniqueid: local(row.call_uniqueid), startAt: row.start_at, endAt: row.end_at },
    };
  }

  return {
    async round(identity, below) {
      for (;;) {
        const rows = unsent.all() as IntervalRow[];
        if (rows.length === 0) break;
        const byPbx = new Map<string, SharedInterval[]>();
        for (const row of rows) {
          const mine = own(row);
          if (!mine) continue; // an agent of no PBX this console names: nothing to share it under
          const list = byPbx.get(mine.pbx) ?? [];
          list.push({ ...mine.interval, console: self.id, entry: row.id });
          byPbx.set(mine.pbx, list);
        }
        for (const [pbx, intervals] of byPbx) await addIntervals(pool, pbx, intervals);
        markAllSent(rows.map((row) => row.id));
      }
      for (const pbx of pbxs) {
        const key = `${identity}/${pbx}`;
        for (;;) {
          const cursor = getSetting<IntervalMarks>(db, settingKeys.sharedIntervalsSync, {})[key] ?? { txid: '0', id: 0 };
          const page = await readIntervals(pool, pbx, self.id, cursor, below, BATCH);
          const intervals = isQualified
            ? page.rows.map((interval) => ({
              ...interval,
              agent: qualifiedId(pbx, interval.agent),
              queue: interval.queue === null ? null : qualifiedId(pbx, interval.queue),
              callUniqueid: interval.callUniqueid === null ? null : qualifiedId(pbx, interval.callUniqueid),
            }))
            : page.rows;
          storePulled(intervals, key, page.cursor);
          if (page.isDone) break;
        }
      }
    },
  };
}
