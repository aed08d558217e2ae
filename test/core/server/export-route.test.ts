import ExcelJS from 'exceljs';
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyStores } from '../../../electron/core/app/handlers/history';
import type { CallRecord, CallSearchFilter, ReportRequest } from '../../../electron/core/contract/history';
import { queueReport } from '../../../electron/core/store/queue-reports';
import { createCallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { generateCallRecord, generateCalls } from '../../support/generate-calls';
import { parseCsvRecord } from '../../../electron/core/store/import';
import { contentDisposition, serveExport } from '../../../electron/core/server/export-route';
import { createReads } from '../../../electron/core/store/reads';
import type { TokenBucketOptions } from '../../../electron/core/base/token-bucket';
import { tempDatabase } from '../store/support/temp-db';
import type { Job } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';

const timeZone = 'Asia/Shanghai';
const options = { count: 2_000, firstDay: '2026-11-02', days: 2, timeZone, seed: 11 };
const filter: CallSearchFilter = { queues: ['600', '610'], isAnswered: true };
const report: ReportRequest = { from: Date.parse('2026-11-01T16:00:00Z'), to: Date.parse('2026-11-03T16:00:00Z'), dimension: 'queue', grain: 'day' };

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let server: Server;
let base: string;
let expected: CallRecord[];
const model = new LiveModel();
/** Every `job` update the exports put out, in order. */
const jobs: Job[] = [];
model.subscribe((update) => {
  if (update.kind === 'job') jobs.push(update.job);
});

beforeAll(async () => {
  temp = tempDatabase('callboard-export-route-');
  db = temp.open();
  generateCalls(createCallStore(db), options);
  expected = Array.from({ length: options.count }, (_, index) => generateCallRecord(options, index))
    .filter((call) => ['600', '610'].includes(call.queue ?? '') && call.isAnswered);
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    void serveExport(req, res, path, { role: 'act', who: 'test' }, { db, timeZone, model, ...historyStores(db) }).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/export/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  temp.cleanup();
});

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const exportDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('callboard-export-') && !name.startsWith('callboard-export-route-'));

/** The UTF-8 file name of an RFC 5987 `filename*`. */
function fileNameOf(disposition: string | null): string {
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '');
  return match ? decodeURIComponent(match[1]!) : '';
}

describe('GET /api/export/calls.*', () => {
  it('downloads the filtered calls as CSV with zh-CN headers, oldest first when asked, and removes its temp file', async () => {
    const before = exportDirs();
    const response = await fetch(`${base}calls.csv?q=${q({ filter, sort: { key: 'startedAt', order: 'asc' } })}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(fileNameOf(response.headers.get('content-disposition'))).toMatch(/^通话记录-\d{8}-\d{4}\.csv$/);
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '').map(parseCsvRecord);
    expect(lines[0]!.slice(0, 6)).toEqual(['通话 ID', '开始时间', '接听时间', '结束时间', '方向', '主叫号码']);
    expect(lines.slice(1).map((row) => row[0])).toEqual(expected.map((call) => call.uniqueid));
    expect(response.headers.get('x-export-rows')).toBe(String(expected.length));
    // Coded values read as the page shows them; the raw codes follow as their own columns.
    const header = lines[0]!;
    const column = (label: string) => header.indexOf(label);
    for (const [label, codeLabel, field] of [['方向', '方向（代码）', 'direction'], ['处理结果', '处理结果（代码）', 'disposition'], ['结束位置', '结束位置（代码）', 'cdrState'], ['来源', '来源（代码）', 'source']] as const) {
      expect(column(codeLabel)).toBeGreaterThan(column(label));
      expect(lines.slice(1).map((row) => row[column(codeLabel)])).toEqual(expected.map((call) => call[field] ?? ''));
    }
    const first = lines[1]!;
    expect(['呼入', '呼出', '内部']).toContain(first[column('方向')]);
    expect(first[column('方向')]).not.toBe(first[column('方向（代码）')]);
    const worded = lines.slice(1).flatMap((row) => [row[column('处理结果')], row[column('结束位置')], row[column('来源')], row[column('已接听')]]);
    for (const raw of ['ANSWERED', 'NO ANSWER', 'bridged', 'cc_cdr', 'internal', 'inbound']) expect(worded).not.toContain(raw);
    const causes = lines.slice(1).map((row) => [row[column('挂断原因')], row[column('挂断原因（代码）')]]).filter(([, code]) => code === 'NORMAL_CLEARING');
    expect(causes.length).toBeGreaterThan(0);
    for (const [words] of causes) expect(words).toBe('正常挂断');
    // Its progress went out as one export job: counted up front, running, then done with every row.
    const ofThisExport = jobs.filter((job) => job.label === fileNameOf(response.headers.get('content-disposition')));
    expect(ofThisExport[0]).toMatchObject({ kind: 'export', state: 'running', unit: 'rows', total: expected.length, done: 0 });
    expect(ofThisExport.at(-1)).toMatchObject({ state: 'done', done: expected.length, rows: expected.length });
    expect(new Set(ofThisExport.map((job) => job.id)).size).toBe(1);
    // The temp folder goes once the stream has ended, just after the last byte reached us.
    await expect.poll(exportDirs).toEqual(before);
  });

  it('downloads the same calls as XLSX with English headers when lang=en', async () => {
    const response = await fetch(`${base}calls.xlsx?lang=en&q=${q({ filter })}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fileNameOf(response.headers.get('content-disposition'))).toMatch(/^calls-\d{8}-\d{4}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(expected.length + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Call ID', 'Started', 'Answered']);
    expect(sheet.name).toBe('calls');
    const newestFirst = [...expected].reverse();
    const headers = sheet.getRow(1).values as unknown[];
    expect(['Inbound', 'Outbound', 'Internal']).toContain(sheet.getRow(2).getCell(headers.indexOf('Direction')).value);
    expect(sheet.getRow(2).getCell(headers.indexOf('Direction (code)')).value).toBe(newestFirst[0]!.direction);
    expect(sheet.getRow(2).getCell(1).value).toBe(newestFirst[0]!.uniqueid);
    expect(sheet.getRow(expected.length + 1).getCell(1).value).toBe(newestFirst.at(-1)!.uniqueid);
  });

  it('answers 400 for a filter the history schema refuses, and 404 for an unknown export', async () => {
    const bad = await fetch(`${base}calls.csv?q=${q({ filter: { queues: 'not-a-list' } })}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/queues/);
    expect((await fetch(`${base}calls.csv?q=%7Bnot-json`)).status).toBe(400);
    expect((await fetch(`${base}calls.pdf`)).status).toBe(404);
  });
});

describe('GET /api/export/report.*', () => {
  it('downloads the report as CSV and XLSX, one row per bucket and queue', async () => {
    const expectedRows = queueReport(db, report).rows;
    expect(expectedRows.length).toBeGreaterThan(1);
    const csv = await fetch(`${base}report.csv?q=${q(report)}`);
    expect(fileNameOf(csv.headers.get('content-disposition'))).toMatch(/^话务报表-/);
    const rows = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n').map(parseCsvRecord);
    expect(rows[0]!.slice(0, 5)).toEqual(['时段', '队列/坐席', '呼入量', '接听量', '放弃量']);
    expect(rows.slice(1).map((row) => [row[0], row[1], Number(row[2])])).toEqual(expectedRows.map((row) => [row.bucketLabel, row.key, row.offered]));

    const xlsx = await fetch(`${base}report.xlsx?q=${q(report)}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('话务报表')!;
    expect(sheet.rowCount).toBe(expectedRows.length + 1);
    expect(sheet.getRow(2).getCell(3).value).toBe(expectedRows[0]!.offered);
    expect(sheet.getRow(2).getCell(4).value).toBe(expectedRows[0]!.answered);
  });

  it('refuses a report without its range', async () => {
    expect((await fetch(`${base}report.csv?q=${q({ dimension: 'queue', grain: 'day' })}`)).status).toBe(400);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('通话记录-20261125-1300.csv')).toBe(
      `attachment; filename="____-20261125-1300.csv"; filename*=UTF-8''${encodeURIComponent('通话记录-20261125-1300.csv')}`,
    );
  });
});

describe('exports are history reads', () => {
  /** An export server whose reads have the client allowance `perClient`; `use` gets the report export's URL. */
  async function withAllowance(perClient: TokenBucketOptions, use: (url: string) => Promise<void>): Promise<void> {
    const reads = createReads(db, { perClient });
    const limited = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      void serveExport(req, res, path, { role: 'act', who: 'web:10.0.0.9' }, { db, timeZone, model, reads, ...historyStores(db) }).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    try {
      await use(`http://127.0.0.1:${(limited.address() as AddressInfo).port}/api/export/report.csv?q=${q(report)}`);
    } finally {
      await new Promise((resolve) => limited.close(resolve));
      await reads.close();
    }
  }

  it('spend the client\'s read allowance: over it, 429 with Retry-After and no file', async () => {
    // One read a client, never refilled (a fixed clock): the report export spends it, the next is refused.
    await withAllowance({ ratePerSecond: 0.01, burst: 1, clock: () => 0 }, async (url) => {
      expect((await fetch(url)).status).toBe(200);
      const refused = await fetch(url);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('100');
      expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    });
  });

  it('wait out a refusal of a second or so: the browser gets the file a little later, never the refusal saved as one', async () => {
    // Two reads at once, then two a second: the third of three downloads at once is refused for 1 s.
    await withAllowance({ ratePerSecond: 2, burst: 2 }, async (url) => {
      const answers = await Promise.all([fetch(url), fetch(url), fetch(url)]);
      expect(answers.map((answer) => [answer.status, answer.headers.get('content-type')?.split(';')[0]])).toEqual(Array.from({ length: 3 }, () => [200, 'text/csv']));
      const files = await Promise.all(answers.map((answer) => answer.text()));
      expect(new Set(files).size).toBe(1);
    });
  });
});
