import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, CallSearchFilter } from '../../../electron/core/contract/history';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { createCallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { exportCalls, exportReport } from '../../../electron/core/store/export';
import { generateCallRecord, generateCalls } from '../../../electron/core/store/generate';
import { parseCsvRecord } from '../../../electron/core/store/import';
import { tempDatabase } from './support/temp-db';

const options = { count: 3_000, firstDay: '2026-11-02', days: 2, timeZone: 'Asia/Shanghai', seed: 5 };
const filter: CallSearchFilter = { queues: ['600', '610'], isAnswered: true };
const headers = { uniqueid: '唯一标识', startedAt: '开始时间', callerNum: '主叫号码, "caller"', queue: '队列', talkSeconds: '通话时长' };

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let expected: CallRecord[];
beforeAll(() => {
  temp = tempDatabase();
  db = temp.open();
  generateCalls(createCallStore(db), options);
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
});
