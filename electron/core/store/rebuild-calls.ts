import type { CallRecord } from '../contract/history';
import { vendorRowToRecord } from '../vendor-api/call-records';
import type { CallStore } from './call-store';
import { qualifyCallRecord } from '../live/pbx-qualify';
import { getSetting, setSetting } from './settings';
import { settingKeys } from '../base/setting-keys';
import { noteOwnWrites } from './shared-outbox';

// A push is acknowledged once its raw event is committed (event-log.ts); the call it
// describes is written a moment later by the call writer. A crash between the two
// leaves an acknowledged cc_cdr/cdr without its row in `calls`. At start, before
// anything new arrives, those raw events become calls through the same mapping as a
// live push or an import (vendor-api/call-records.ts).

/** Raw events up to this id have been checked at an earlier start. */
const BATCH = 1_000;

export interface RebuildResult {
  /** Acknowledged call records that had no row and now have one. */
  rebuilt: number;
  /** Raw events that did not map to a call (their error was answered 400 when pushed: none expected). */
  unmappable: number;
}

/** `pbxOf`: a console of several PBXs, whose pushes are known by their sender (app/push-attribution.ts). */
export function rebuildCallsFromRawEvents(store: CallStore, timeZone: string, pbxOf?: (remote: string) => string | undefined): RebuildResult {
  const { db } = store;
  const from = getSetting(db, settingKeys.callsRebuiltThroughRawId, 0);
  // The SQL only narrows the scan (the uniqueid is compared as text); getCall decides.
  const candidates = db.prepare(`
    SELECT r.id, r.event_type, r.body, r.remote FROM raw_events r
    WHERE r.id > ? AND r.source = 'push' AND r.event_type IN ('cc_cdr', 'cdr')
      AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.uniqueid = json_extract(r.body, CASE r.event_type WHEN 'cc_cdr' THEN '$.uuid' ELSE '$.uniqueid' END))
    ORDER BY r.id LIMIT ?`);
  const lastId = (db.prepare('SELECT max(id) AS id FROM raw_events').get() as { id: number | null }).id ?? 0;
  const result: RebuildResult = { rebuilt: 0, unmappable: 0 };
  // Every record of a missing call is collected before any is written, so a cc_cdr and a
  // cdr of one call merge as they would have live (call-store.ts upsertCalls).
  const records: CallRecord[] = [];
  let after = from;
  for (;;) {
    const rows = candidates.all(after, BATCH) as { id: number; event_type: 'cc_cdr' | 'cdr'; body: string; remote: string | null }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const mapped = vendorRowToRecord(JSON.parse(row.body) as Record<string, unknown>, timeZone, row.event_type);
      const pbx = pbxOf?.(row.remote ?? '');
      if ('error' in mapped || mapped.kind !== 'call' || (pbxOf && pbx === undefined)) result.unmappable += 1;
      else {
        const record = pbx === undefined ? mapped.record : qualifyCallRecord(pbx, mapped.record);
        if (!store.getCall(record.uniqueid)) records.push(record);
      }
    }
    after = rows.at(-1)!.id;
  }
  const write = db.transaction((batch: CallRecord[]) => {
    store.upsertCalls(batch);
    noteOwnWrites(db, { calls: batch });
  });
  for (let at = 0; at < records.length; at += BATCH) write(records.slice(at, at + BATCH));
  result.rebuilt = new Set(records.map((record) => record.uniqueid)).size;
  setSetting(db, settingKeys.callsRebuiltThroughRawId, Math.max(from, lastId));
  return result;
}
