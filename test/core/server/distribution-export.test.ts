import ExcelJS from 'exceljs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveExport } from '../../../electron/core/server/export-route';
import { createAuditLog } from '../../../electron/core/store/audit-log';
import { createCallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { bandRowsOf } from '../../../electron/core/store/distribution-export';
import { queueBreakdown, waitDistributions } from '../../../electron/core/store/distribution-reports';
import { parseCsvRecord } from '../../../electron/core/store/import';
import { transfersReport } from '../../../electron/core/store/transfer-report';
import { generateCalls } from '../../support/generate-calls';
import { tempDatabase } from '../store/support/temp-db';

// The Reports page's distribution tables leave the cache as files: the same rows as the
// contract's replies, headers in the asked language, bad requests refused.

const timeZone = 'Asia/Shanghai';
const options = { count: 1_500, firstDay: '2026-11-02', days: 2, timeZone, seed: 17 };
const period = { from: Date.parse('2026-11-01T16:00:00Z'), to: Date.parse('2026-11-03T16:00:00Z') };

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let server: Server;
let base: string;

beforeAll(async () => {
  temp = tempDatabase('callboard-distribution-export-');
  db = temp.open();
  generateCalls(createCallStore(db), options);
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    void serveExport(req, res, path, { role: 'act', who: 'test' }, { db, timeZone, audit: createAuditLog(db) }).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/export/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  temp.cleanup();
});

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const csvRows = async (response: Response) => (await response.text()).replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '').map(parseCsvRecord);

describe('GET /api/export/(waits|breakdown|transfers).*', () => {
  it('writes every band of the total and of each queue, as the contract returns them', async () => {
    const response = await fetch(`${base}waits.csv?q=${q(period)}&lang=en`);
    expect(response.status).toBe(200);
    const [header, ...rows] = await csvRows(response);
    expect(header).toEqual(['Queue (empty = all)', 'Queue wait up to (s)', 'Answered', 'Answered within', 'Share answered within', 'Abandoned', 'Abandoned within', 'Share abandoned within']);
    const expected = bandRowsOf(waitDistributions(db, period));
    expect(expected.length).toBeGreaterThan(6);
    expect(rows.map((row) => [row[0], row[1], Number(row[2]), Number(row[5])])).toEqual(expected.map((band) => [band.queue, String(band.upTo ?? '>'), band.answered, band.abandoned]));
  });

  it('writes the breakdown per called number as XLSX, largest first', async () => {
    const response = await fetch(`${base}breakdown.xlsx?q=${q({ ...period, by: 'did' })}`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('被叫号码/中继');
    const expected = queueBreakdown(db, { ...period, by: 'did' });
    expect(expected.rows.length).toBeGreaterThan(0);
    const keys: unknown[] = [];
    const offered: unknown[] = [];
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      keys.push(row.getCell(1).value);
      offered.push(row.getCell(3).value);
    });
    expect(keys).toEqual(expected.rows.map((row) => row.key));
    expect(offered).toEqual(expected.rows.map((row) => row.offered));
  });

  it('writes the transfers report, and refuses a request its method would refuse', async () => {
    const response = await fetch(`${base}transfers.csv?q=${q(period)}`);
    expect(response.status).toBe(200);
    const [header, ...rows] = await csvRows(response);
    expect(header).toEqual(['转出坐席', '转入坐席', '方式', '转接次数', '有转接时刻', '转接后通话（秒）']);
    expect(rows).toHaveLength(transfersReport(db, period).rows.length);
    expect((await fetch(`${base}breakdown.csv?q=${q({ ...period, by: 'queue' })}`)).status).toBe(400);
    expect((await fetch(`${base}waits.csv?q=${q({ ...period, extra: 1 })}`)).status).toBe(400);
  });
});
