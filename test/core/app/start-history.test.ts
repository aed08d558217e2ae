import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Lifetime } from '../../../electron/core/base/lifetime';
import { silentLogger } from '../../../electron/core/base/logger';
import { startHistory } from '../../../electron/core/app/start-history';
import type { CallRecord } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import type { Db } from '../../../electron/core/store/database';
import { until } from '../../support/waits';
import { tempDatabase } from '../store/support/temp-db';

// A full disk stops the history writers; the supervisor must see that on screen
// (a notice in the live model) and see it go once writes succeed again.

const t0 = Date.parse('2026-11-24T02:00:00Z');
function call(index: number): CallRecord {
  return {
    uniqueid: `1764.${index}`, source: 'ami', direction: 'inbound', callClass: 'customer', callerNum: '13800000001', calledNum: '4008812345',
    startedAt: t0 + index * 1000, endedAt: t0 + index * 1000 + 60_000, duration: 60, queueSeconds: 0, ringSeconds: 0,
    talkSeconds: 0, holdSeconds: 0, wrapupSeconds: 0, ivrSeconds: 0, isAnswered: false, hangupCause: 'x'.repeat(3_000),
  };
}

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let lifetime: Lifetime;
beforeEach(() => {
  temp = tempDatabase('callboard-history-notice-');
  db = temp.open();
  lifetime = new Lifetime();
});
afterEach(async () => {
  await lifetime.close().catch(() => {});
  temp.cleanup();
});

describe('history writers and notices', () => {
  it('a full disk raises db_disk_full; the next write that succeeds takes it down', async () => {
    const model = new LiveModel();
    const seen: string[] = [];
    model.subscribe((update) => (update.kind === 'notice' || update.kind === 'noticeRemoved') && seen.push(update.kind));
    const history = startHistory(db, model, 'Asia/Shanghai', silentLogger, lifetime);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);

    for (let i = 0; i < 40; i++) history.recordCall(call(i));
    await until(() => model.notices.size > 0, 'the disk-full notice');
    expect(model.snapshot().notices).toEqual([
      expect.objectContaining({ id: 'db_write', level: 'error', code: 'db_disk_full', params: { file: temp.file } }),
    ]);
    expect(model.snapshot().notices[0]!.message).toMatch(/is full/);

    db.pragma(`max_page_count = ${pages + 10_000}`);
    history.recordCall(call(100));
    await until(() => model.notices.size === 0, 'the notice taken down');
    expect(seen).toContain('notice');
    expect(seen.at(-1)).toBe('noticeRemoved');
  });

  it('writes that succeed raise nothing', async () => {
    const model = new LiveModel();
    const history = startHistory(db, model, 'Asia/Shanghai', silentLogger, lifetime);
    const updates: string[] = [];
    model.subscribe((update) => updates.push(update.kind));
    history.recordCall(call(1));
    await until(() => (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n === 1, 'the call stored');
    expect(model.snapshot().notices).toEqual([]);
    expect(updates.filter((kind) => kind.startsWith('notice'))).toEqual([]);
  });
});
