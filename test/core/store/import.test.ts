import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callDetail } from '../../../electron/core/store/call-detail';
import { createCallStore, type CallStore } from '../../../electron/core/store/call-store';
import { importHistory, type ImportProgress } from '../../../electron/core/store/import';
import { storeEngineSuite } from './support/store-engine';
import { tempDatabase } from './support/temp-db';

// The cc_cdr sample of the vendor document (seed 通话日志2), with its mixed string/number
// fields and the stripped time form, and the cdr sample (通话日志1).
const ccCdrSample = {
  event: 'cc_cdr', uuid: '1541415929.807', caller: '85322361', called: '100', queueCode: '630', agentCode: '100', callType: 'incoming',
  cdrState: 'queue', hangupSide: 'caller', hangupCause: 'ANALOGANALOG_EVENT_ONHOOK', startTime: '2018-11-0519:05:31', endTime: '2018-11-0519:05:39',
  duration: '8', queueTime: '7', feedbackTime: '0', ivrTime: '', ringTime: '7', holdTime: 0, pauseTime: 0, talkingTime: '0', voicemailState: '0',
  ivrId: '', ivrName: '', ivrDtmf: '0', fwType: '', score: '0', trunkNumber: '', forwardNumber: '', filePath: '', missCause: 'MEMBER_CANCEL', mac: '68:69:2e:03:8b:3e',
};
const shanghai = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}+08:00`);

let temp: ReturnType<typeof tempDatabase>;
let store: CallStore;
beforeEach(() => {
  temp = tempDatabase();
  store = createCallStore(temp.open());
});
afterEach(() => temp.cleanup());

// What the import stored, read where the engine puts it (support/store-engine.ts).
const engine = storeEngineSuite();
const readStore = async () => createCallStore(await engine.readBack(temp, store.db));

describe('history import', () => {
  it('loads JSON lines of cc_cdr, cdr and ivr rows, merging by uniqueid and collecting bad lines', async () => {
    const file = join(temp.dir, 'history.jsonl');
    const answered = { ...ccCdrSample, uuid: '1541643689.15', cdrState: 'feedback', missCause: '', talkingTime: 95, queueTime: 4, ivrTime: '3', score: '5', filePath: '2018/11/08/a.wav', startTime: '2018-11-08 10:21:29', endTime: '2018-11-08 10:23:10', duration: 101 };
    const lines = [
      JSON.stringify(ccCdrSample),
      '{"event":"cc_cdr", "uuid": broken',
      JSON.stringify(answered),
      JSON.stringify({ event: 'cdr', callerid: '"808" <808>', source: '85322361', destination: '100', starttime: '2018-11-08 10:21:29', answertime: '2018-11-08 10:21:36', endtime: '2018-11-08 10:23:10', disposition: 'ANSWERED', duration: '101', billableseconds: '94', calltype: 'inbound', recordfile: 'b.wav', uniqueid: '1541643689.15' }),
      JSON.stringify({ event: 'ivr', uuid: '1541643689.15', caller: '810', called: '', callType: 'IN', queueCode: '630', startTime: '2018-11-0810:21:29', endTime: '2018-11-0810:21:32', duration: '3', ivrId: '610', ivrName: 'workingtime', ivrDtmf: '0', trunkNumber: '123456' }),
      JSON.stringify({ ...ccCdrSample, uuid: '1.2', startTime: '2018-13-45 99:00:00' }),
      JSON.stringify({ hello: 'world' }),
      '',
      '[1, 2]',
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const progress: ImportProgress[] = [];
    const result = await importHistory(store, file, { onProgress: (step) => progress.push(step), batchSize: 2 });
    expect(result).toMatchObject({ rowsDone: 8, rowsImported: 4, errorCount: 4 });
    expect(result.errors.map((error) => error.line)).toEqual([2, 6, 7, 9]);
    expect(result.errors[1]!.message).toMatch(/startTime: not a time/);
    expect(progress.at(-1)).toEqual({ rowsDone: 8, bytesDone: progress.at(-1)!.totalBytes, totalBytes: Buffer.byteLength(`${lines.join('\n')}\n`) });
    expect(progress.length).toBeGreaterThan(1);

    const stored = await readStore();
    expect(stored.getCall('1541415929.807')).toEqual({
      uniqueid: '1541415929.807', source: 'cc_cdr', direction: 'inbound', callClass: 'customer', callerNum: '85322361', calledNum: '', queue: '630', agent: '100',
      startedAt: shanghai('2018-11-05 19:05:31'), endedAt: shanghai('2018-11-05 19:05:39'), duration: 8, queueSeconds: 7, ringSeconds: 7,
      talkSeconds: 0, holdSeconds: 0, wrapupSeconds: 0, ivrSeconds: 0, isAnswered: false, cdrState: 'queue', missCause: 'MEMBER_CANCEL',
      hangupSide: 'caller', hangupCause: 'ANALOGANALOG_EVENT_ONHOOK', ivrDtmf: '0',
    });
    // cc_cdr wins; the cdr fills what cc_cdr lacks (disposition, its real answer time).
    expect(stored.getCall('1541643689.15')).toMatchObject({
      source: 'cc_cdr', talkSeconds: 95, score: 5, recordingFile: '2018/11/08/a.wav', disposition: 'ANSWERED', answeredAt: shanghai('2018-11-08 10:21:36'), isAnswered: true,
    });
    expect(callDetail(stored.db, '1541643689.15')!.ivrSteps).toEqual([
      { uniqueid: '1541643689.15', ivrId: '610', ivrName: 'workingtime', dtmf: '0', startAt: shanghai('2018-11-08 10:21:29'), endAt: shanghai('2018-11-08 10:21:32') },
    ]);
  });

  it('takes no talk time from a cdr leg nobody answered: Asterisk bills it from the IVR answer (fixtures s03)', async () => {
    const file = join(temp.dir, 'abandoned.jsonl');
    // The abandoned sample's agent leg as cdr_manager writes it: NO ANSWER, AnswerTime = start, BillableSeconds = duration.
    const noAnswer = {
      event: 'cdr', callerid: '"85322361" <85322361>', source: '85322361', destination: '630', starttime: '2018-11-05 19:05:32', answertime: '2018-11-05 19:05:32',
      endtime: '2018-11-05 19:05:39', disposition: 'NO ANSWER', duration: '7', billableseconds: '7', calltype: 'inbound', recordfile: '', uniqueid: ccCdrSample.uuid,
    };
    writeFileSync(file, `${[JSON.stringify(noAnswer), JSON.stringify(ccCdrSample)].join('\n')}\n`);
    expect(await importHistory(store, file)).toMatchObject({ rowsImported: 2, errorCount: 0 });
    const call = (await readStore()).getCall(ccCdrSample.uuid)!;
    expect(call).toMatchObject({ isAnswered: false, talkSeconds: 0, disposition: 'NO ANSWER' });
    expect(call.answeredAt).toBeUndefined();
  });

  it('loads CSV with a header of vendor names, quoted fields and line breaks, skipping a short row', async () => {
    const file = join(temp.dir, 'cc_cdr.csv');
    const header = Object.keys(ccCdrSample);
    const row = (values: Record<string, unknown>) => header.map((key) => {
      const text = String(values[key] ?? '');
      return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    }).join(',');
    const csv = [
      header.join(','),
      row({ ...ccCdrSample, uuid: 'c.1', hangupCause: 'line one\nline "two", three' }),
      'c.2,too,short',
      row({ ...ccCdrSample, uuid: 'c.3', queueCode: '640', event: '' }),
    ].join('\r\n');
    writeFileSync(file, `\uFEFF${csv}\r\n`);
    const result = await importHistory(store, file);
    expect(result).toMatchObject({ rowsDone: 3, rowsImported: 2, errorCount: 1 });
    expect(result.errors).toEqual([{ line: 4, message: `expected ${header.length} fields, found 3` }]);
    const stored = await readStore();
    expect(stored.getCall('c.1')!.hangupCause).toBe('line one\nline "two", three');
    expect(stored.getCall('c.3')).toMatchObject({ queue: '640', source: 'cc_cdr', missCause: 'MEMBER_CANCEL' });
  });
});
