import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../../electron/core/contract/history';
import type { PgHistory } from '../../../../electron/core/store/postgres/pg-history';
import { createPgMirror, MIRROR_BACKLOG, unsentCount } from '../../../../electron/core/store/postgres/pg-mirror';
import { attemptOfCallRecord } from '../../../../electron/core/stats/attempt-of-record';
import { generateCallRecord } from '../../../support/generate-calls';

// The mirror's queueing alone, against a stand-in for PgHistory (pg-history.test.ts and
// core-history-postgres.test.ts cover the real database).

const options = { count: 10, firstDay: '2026-03-02', days: 1, timeZone: 'Asia/Shanghai' };
const call = (index: number): CallRecord => generateCallRecord(options, index);

function standIn(upsert: PgHistory['upsertCalls'], addIvrSteps: PgHistory['addIvrSteps'] = async () => {}): PgHistory {
  const unused = () => Promise.reject(new Error('not used here'));
  return { pbx: 'p', timeZone: 'Asia/Shanghai', upsertCalls: upsert, upsertSharedCalls: unused, addIvrSteps, ivrStepsOf: unused, getCall: unused, searchCalls: unused, queueReport: unused };
}

describe('createPgMirror', () => {
  it('sends one batch at a time, the records written meanwhile as the next, in order', async () => {
    const batches: string[][] = [];
    const mirror = createPgMirror(standIn(async (records) => void batches.push(records.map((record) => record.uniqueid))), () => {});
    mirror.write(call(0));
    mirror.write(call(1));
    mirror.write(call(2));
    await mirror.flush();
    expect(batches).toEqual([[call(0).uniqueid], [call(1).uniqueid, call(2).uniqueid]]);
  });

  it('sends queue passes with the calls that came meanwhile, in one batch', async () => {
    const batches: [number, number][] = [];
    const mirror = createPgMirror(standIn(async (records, attempts = []) => void batches.push([records.length, attempts.length])), () => {});
    const pass = Array.from({ length: 10 }, (_, index) => attemptOfCallRecord(call(index))).find((attempt) => attempt !== undefined)!;
    mirror.writeAttempt(pass);
    mirror.write(call(1));
    mirror.writeAttempt({ ...pass, seq: 1 });
    await mirror.flush();
    expect(batches).toEqual([[0, 1], [1, 1]]);
  });

  it('sends IVR steps after the calls of their batch', async () => {
    const sent: string[] = [];
    const mirror = createPgMirror(standIn(
      async (records) => void sent.push(`calls ${records.length}`),
      async (steps) => void sent.push(`steps ${steps.length}`),
    ), () => {});
    mirror.writeIvrStep({ uniqueid: call(0).uniqueid, ivrId: '610', startAt: call(0).startedAt });
    mirror.write(call(0));
    await mirror.flush();
    expect(sent).toEqual(['calls 0', 'steps 1', 'calls 1', 'steps 0']);
  });

  it('reports a failed batch with its size and goes on with the next', async () => {
    const failures: number[] = [];
    let sent = 0;
    let isDown = true;
    const mirror = createPgMirror(standIn(async (records) => {
      if (isDown) throw new Error('connection refused');
      sent += records.length;
    }), (_error, unsent) => failures.push(unsentCount(unsent)));
    mirror.write(call(0));
    mirror.write(call(1));
    await mirror.flush();
    expect(failures).toEqual([1, 1]);
    isDown = false;
    mirror.write(call(2));
    await mirror.flush();
    expect(sent).toBe(1);
  });

  it('keeps at most MIRROR_BACKLOG records waiting, dropping the oldest and saying how many', async () => {
    const dropped: number[] = [];
    let release = () => {};
    const mirror = createPgMirror(standIn(() => new Promise<void>((resolve) => (release = resolve))), (_error, unsent) => dropped.push(unsentCount(unsent)));
    for (let index = 0; index <= MIRROR_BACKLOG + 1; index += 1) mirror.write(call(index % 10));
    expect(dropped).toEqual([1]);
    release();
  });
});
