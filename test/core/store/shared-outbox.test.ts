import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../electron/core/contract/history';
import { forgetUnsent, noteOwnWrites, readUnsent, shareWrites } from '../../../electron/core/store/shared-outbox';
import { createCallStore } from '../../../electron/core/store/call-store';
import { generateCallRecord } from '../../support/generate-calls';
import { tempDatabase } from './support/temp-db';

// The cache's outbox for a shared history: what is noted, what is read, and what a send forgets.

const temp = tempDatabase('callboard-outbox-');
afterEach(() => temp.cleanup());
const call = (index: number): CallRecord => generateCallRecord({ count: 10, firstDay: '2026-03-02', days: 1, timeZone: 'Asia/Shanghai' }, index);

describe('the shared outbox', () => {
  it('notes nothing without a shared history, and empties itself when there is none', () => {
    const db = temp.open();
    noteOwnWrites(db, { calls: [call(0)] });
    expect(readUnsent(db, 10).noted).toEqual([]);
    shareWrites(db, true);
    noteOwnWrites(db, { calls: [call(0)] });
    expect(readUnsent(db, 10).noted.map((entry) => entry.uniqueid)).toEqual([call(0).uniqueid]);
    shareWrites(db, false);
    expect(readUnsent(db, 10).noted).toEqual([]);
  });

  it('reads each call as the cache holds it, and keeps one noted again while it was being sent', () => {
    const db = temp.open();
    shareWrites(db, true);
    const store = createCallStore(db);
    store.upsertCalls([call(1)]);
    noteOwnWrites(db, { calls: [call(1)], steps: [{ uniqueid: call(2).uniqueid, ivrId: '1', startAt: call(2).startedAt }] });
    const read = readUnsent(db, 10);
    expect(read.calls.map((shared) => shared.record.uniqueid)).toEqual([call(1).uniqueid]);
    expect(read.noted.map((entry) => entry.uniqueid).sort()).toEqual([call(1).uniqueid, call(2).uniqueid].sort());
    // Stored anew before the send of `read` committed.
    noteOwnWrites(db, { calls: [call(1)] });
    forgetUnsent(db, read.noted);
    expect(readUnsent(db, 10).noted.map((entry) => entry.uniqueid)).toEqual([call(1).uniqueid]);
  });
});
