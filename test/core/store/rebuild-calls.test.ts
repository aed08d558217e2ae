import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallStore, type CallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { createEventLog } from '../../../electron/core/store/event-log';
import { rebuildCallsFromRawEvents } from '../../../electron/core/store/rebuild-calls';
import { ccCdrToCallRecord } from '../../../electron/core/vendor-api/call-records';
import { validatePush, type CcCdrPush } from '../../../electron/core/vendor-api/push-schemas';
import { tempDatabase } from './support/temp-db';

const zone = 'Asia/Shanghai';
let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let store: CallStore;
beforeEach(() => {
  temp = tempDatabase();
  db = temp.open();
  store = createCallStore(db);
});
afterEach(() => temp.cleanup());

const ccCdr = (uuid: string, extra: Record<string, unknown> = {}) => ({
  event: 'cc_cdr', uuid, caller: '13800138000', called: '4008001234', queueCode: '630', agentCode: '800', callType: 'in', cdrState: 'bridged',
  startTime: '2026-11-25 10:00:00', endTime: '2026-11-25 10:01:00', duration: 60, queueTime: 5, talkingTime: 50, ...extra,
});
const cdr = (uniqueid: string) => ({
  event: 'cdr', uniqueid, source: '13800138000', destination: '800', disposition: 'ANSWERED', recordfile: 'q630-800.wav',
  starttime: '2026-11-25 10:00:00', answertime: '2026-11-25 10:00:05', endtime: '2026-11-25 10:01:00', duration: 60, billableseconds: 55,
});

/** As the receiver stores an acknowledged push: the decoded body, normalised JSON. */
async function acknowledge(fields: Record<string, unknown>): Promise<void> {
  const log = createEventLog(db);
  await log.append({ source: 'push', eventType: String(fields.event), isKnown: true, body: JSON.stringify(fields) });
  await log.close();
}

describe('calls rebuilt from acknowledged raw events at start', () => {
  it('writes the calls that have no row, as the live mapping would, and leaves the others', async () => {
    await acknowledge(ccCdr('lost.1'));
    await acknowledge(ccCdr('kept.1', { agentCode: '801' }));
    store.upsertCalls([ccCdrToCallRecord((validatePush('cc_cdr', ccCdr('kept.1', { agentCode: '801' }), zone) as { fields: CcCdrPush }).fields)]);
    const before = store.getCall('kept.1');

    expect(rebuildCallsFromRawEvents(store, zone)).toEqual({ rebuilt: 1, unmappable: 0 });
    const live = ccCdrToCallRecord((validatePush('cc_cdr', ccCdr('lost.1'), zone) as { fields: CcCdrPush }).fields);
    expect(store.getCall('lost.1')).toEqual(live);
    expect(store.getCall('kept.1')).toEqual(before);
  });

  it('merges the cc_cdr and the cdr of one lost call, and checks each raw event once', async () => {
    await acknowledge(ccCdr('lost.2'));
    await acknowledge(cdr('lost.2'));
    expect(rebuildCallsFromRawEvents(store, zone).rebuilt).toBe(1);
    // cc_cdr wins its fields, the cdr fills the recording it alone carries.
    expect(store.getCall('lost.2')).toMatchObject({ source: 'cc_cdr', agent: '800', recordingFile: 'q630-800.wav' });

    db.prepare("DELETE FROM calls WHERE uniqueid = 'lost.2'").run();
    // Already checked at an earlier start: not scanned again (a start stays quick on a big cache).
    expect(rebuildCallsFromRawEvents(store, zone)).toEqual({ rebuilt: 0, unmappable: 0 });
    await acknowledge(ccCdr('lost.3'));
    expect(rebuildCallsFromRawEvents(store, zone).rebuilt).toBe(1);
    expect(store.getCall('lost.3')).toBeDefined();
  });
});
