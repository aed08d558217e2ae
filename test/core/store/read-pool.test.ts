import ExcelJS from 'exceljs';
// The read pool's workers run the store's own functions on their own read-only
// connection: for the same database file they answer exactly what the functions
// answer in this thread, exports included, byte for byte.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReads, ReadRefused } from '../../../electron/core/store/reads';
import { defaultPauseReasons } from '../../../electron/core/contract/pause-reasons';
import type { ReportRequest } from '../../../electron/core/contract/history';
import { wallToUtc } from '../../../electron/core/base/time-zone';
import { agentStateBreakdown } from '../../../electron/core/store/agent-state-report';
import { searchCalls } from '../../../electron/core/store/call-search';
import { createCallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { openDatabase } from '../../../electron/core/store/database';
import { exportCalls, exportReport } from '../../../electron/core/store/export';
import { generateCalls } from '../../support/generate-calls';
import { historyTotals, queueHeatmap, queueReport } from '../../../electron/core/store/queue-reports';
import { ReadPool, ReadQueueFull } from '../../../electron/core/store/read-pool';
import { tempDatabase } from './support/temp-db';

const options = { count: 20_000, firstDay: '2026-11-01', days: 14, timeZone: 'Asia/Shanghai', seed: 5 };
const from = wallToUtc(Date.parse('2026-11-01T00:00:00Z'), options.timeZone);
const to = wallToUtc(Date.parse('2026-11-15T00:00:00Z'), options.timeZone);
let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let pool: ReadPool;

beforeAll(() => {
  temp = tempDatabase('callboard-reads-');
  db = temp.open();
  generateCalls(createCallStore(db), options);
  db.prepare("INSERT INTO agent_intervals (agent, kind, reason, start_at, end_at) VALUES ('8001', 'pause', 'break', ?, ?), ('8001', 'login', NULL, ?, ?)").run(from + 60_000, from + 600_000, from, from + 3_600_000);
  pool = new ReadPool({ db, workers: 2 });
});
afterAll(async () => {
  await pool.close();
  temp.cleanup();
});

async function xlsxCells(file: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push(row.values as unknown[]));
  return rows;
}

describe('reads in worker threads', () => {
  it('run in a worker on a file database', async () => {
    await pool.run('history.search', { filter: {}, page: { limit: 1 } });
    expect(pool.stats()).toMatchObject({ isThreaded: true, workers: 1, running: 0, queued: 0 });
  });

  it('search pages, cursors and capped totals are those of searchCalls', async () => {
    const filters = [{}, { queues: ['610'], isAnswered: false }, { callerNum: '139' }, { callerNum: '77', callerMatch: 'contains' as const }, { from, to: from + 86_400_000, minDuration: 60 }];
    for (const filter of filters) {
      const first = await pool.run('history.search', { filter, page: { limit: 50, totalCap: 5_000 }, sort: { key: 'duration', order: 'desc' } });
      expect(first).toStrictEqual(searchCalls(db, filter, { limit: 50, totalCap: 5_000 }, { key: 'duration', order: 'desc' }));
      const page = { limit: 100, ...(first.nextCursor ? { cursor: first.nextCursor } : {}) };
      expect(await pool.run('history.search', { filter, page })).toStrictEqual(searchCalls(db, filter, page));
    }
  });

  it('reports, heat map, totals and agent states are those of the store functions', async () => {
    const requests: ReportRequest[] = [
      { from, to, dimension: 'queue', grain: 'day' },
      { from, to, dimension: 'agent', grain: 'week', queues: ['620'] },
      { from, to: from + 7_200_000, dimension: 'total', grain: 'hour', slSeconds: 30 },
    ];
    for (const request of requests) {
      // Reports count callers still waiting against `now`; the generated calls have none, so the clock does not matter.
      expect(await pool.run('history.report', request)).toStrictEqual(queueReport(db, request));
    }
    expect(await pool.run('history.heatmap', { from, to, queues: ['600', '630'] })).toStrictEqual(queueHeatmap(db, { from, to, queues: ['600', '630'] }));
    expect(await pool.run('history.totals', { filter: { from, to } })).toStrictEqual(historyTotals(db, { from, to }));
    const request = { from, to: from + 3_600_000 };
    const states = await pool.run('history.agentStates', { request, reasons: defaultPauseReasons });
    expect(states.length).toBeGreaterThan(0);
    expect(states).toStrictEqual(agentStateBreakdown(db, request, defaultPauseReasons));
  });

  it('exports write the same rows and report their progress', async () => {
    const filter = { queues: ['640'] };
    const progress: number[] = [];
    for (const format of ['csv', 'xlsx'] as const) {
      const viaWorker = join(temp.dir, `worker.${format}`);
      const here = join(temp.dir, `here.${format}`);
      const worker = await pool.run('export.calls', { timeZone: options.timeZone, filter, options: { file: viaWorker, format } }, (done) => progress.push(done));
      const local = await exportCalls(db, options.timeZone, filter, undefined, { file: here, format });
      expect(worker.rows).toBe(local.rows);
      // CSV byte for byte; an XLSX zip carries the time it was written, so its cells are compared.
      if (format === 'csv') expect(readFileSync(viaWorker, 'utf8')).toBe(readFileSync(here, 'utf8'));
      else expect(await xlsxCells(viaWorker)).toStrictEqual(await xlsxCells(here));
    }
    expect(progress.at(-1)).toBe(searchCalls(db, filter, { limit: 1, totalCap: 100_000 }).total);
    const request = { from, to, dimension: 'queue' as const, grain: 'day' as const };
    const report = await pool.run('export.report', { request, options: { file: join(temp.dir, 'report-worker.csv'), format: 'csv' } });
    await exportReport(queueReport(db, request), { file: join(temp.dir, 'report-here.csv'), format: 'csv' });
    expect(report.rows).toBeGreaterThan(0);
    expect(readFileSync(join(temp.dir, 'report-worker.csv'), 'utf8')).toBe(readFileSync(join(temp.dir, 'report-here.csv'), 'utf8'));
  });

  it('a failing read rejects with the store error and the worker goes on', async () => {
    await expect(pool.run('history.search', { filter: {}, page: { limit: 10, cursor: 'not-a-cursor' } })).rejects.toThrow();
    expect((await pool.run('history.search', { filter: {}, page: { limit: 3 } })).rows).toHaveLength(3);
  });
});

describe('bounds', () => {
  it('refuses a job once maxPending jobs wait or run', async () => {
    const small = new ReadPool({ db, workers: 1, maxPending: 2 });
    try {
      const running = [small.run('history.totals', { filter: {} }), small.run('history.totals', { filter: {} })];
      expect(small.stats()).toMatchObject({ running: 1, queued: 1 });
      await expect(small.run('history.totals', { filter: {} })).rejects.toBeInstanceOf(ReadQueueFull);
      await Promise.all(running);
      expect(small.stats()).toMatchObject({ running: 0, queued: 0 });
      await expect(small.run('history.totals', { filter: {} })).resolves.toBeDefined();
    } finally {
      await small.close();
    }
  });

  it('a worker that dies takes only its job with it: the job is refused, the next one gets a new worker', async () => {
    const dying = new URL(`data:text/javascript,${encodeURIComponent("import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));")}`);
    const broken = new ReadPool({ db, workers: 1, workerUrl: dying });
    try {
      await expect(broken.run('history.totals', { filter: {} })).rejects.toThrow(/exit code 3/);
      expect(broken.stats()).toMatchObject({ running: 0, workers: 0 });
      await expect(broken.run('history.totals', { filter: {} })).rejects.toThrow(/exit code 3/);
    } finally {
      await broken.close();
    }
  });

  it('limits reads per client and says when to come back', async () => {
    const reads = createReads(db, { perClient: { ratePerSecond: 0.01, burst: 2, clock: () => 0 } });
    try {
      const alice = { role: 'act' as const, who: 'web:10.0.0.1' };
      await reads.run(alice, 'history.search', { filter: {}, page: { limit: 1 } });
      await reads.run(alice, 'history.search', { filter: {}, page: { limit: 1 } });
      const refused = await reads.run(alice, 'history.search', { filter: {}, page: { limit: 1 } }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ReadRefused);
      expect(refused).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 100 });
      // Another client is not held back by the first.
      expect((await reads.run({ role: 'act', who: 'web:10.0.0.2' }, 'history.search', { filter: {}, page: { limit: 1 } })).rows).toHaveLength(1);
    } finally {
      await reads.close();
    }
  });

  it('a full pool is a busy refusal with a retry hint', async () => {
    const reads = createReads(db, { workers: 1, maxPending: 1 });
    try {
      const caller = { role: 'act' as const, who: 'desktop' };
      const first = reads.run(caller, 'history.totals', { filter: {} });
      await expect(reads.run(caller, 'history.totals', { filter: {} })).rejects.toMatchObject({ code: 'busy', retryAfterSeconds: 1 });
      await first;
    } finally {
      await reads.close();
    }
  });

  it('an in-memory database is read in this thread, through the same jobs', async () => {
    const memory = openDatabase(':memory:');
    generateCalls(createCallStore(memory), { ...options, count: 500 });
    const here = new ReadPool({ db: memory });
    try {
      expect(await here.run('history.search', { filter: {}, page: { limit: 20 } })).toStrictEqual(searchCalls(memory, {}, { limit: 20 }));
      expect(here.stats()).toMatchObject({ isThreaded: false, workers: 0 });
    } finally {
      await here.close();
      memory.close();
    }
  });
});
