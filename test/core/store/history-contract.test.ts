import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../electron/core/app/context';
import { startActionService } from '../../../electron/core/actions/start';
import { historyHandlers } from '../../../electron/core/app/handlers/history';
import { silentLogger } from '../../../electron/core/base/logger';
import { auditMethods } from '../../../electron/core/contract/methods/audit';
import { historyMethods } from '../../../electron/core/contract/methods/history';
import { LiveModel } from '../../../electron/core/live/model';
import { createCallStore } from '../../../electron/core/store/call-store';
import { generateCallRecord, generateCalls } from '../../support/generate-calls';
import { tempDatabase } from './support/temp-db';
import { storeEngineSuite } from './support/store-engine';

// The history methods as a transport would run them: params parsed by the method's
// schema, then its handler with a real CoreContext on a real database file.
const options = { count: 2_000, firstDay: '2026-11-16', days: 7, timeZone: 'Asia/Shanghai', seed: 9 };
let temp: ReturnType<typeof tempDatabase>;
let context: CoreContext;

const engine = storeEngineSuite();
beforeAll(async () => {
  temp = tempDatabase();
  const db = await engine.cacheOf(temp, (recording) => generateCalls(createCallStore(recording), options));
  const model = new LiveModel();
  const actions = startActionService({ model, db, log: silentLogger, amiBackends: [] });
  context = { model, db, log: silentLogger, caller: { role: 'act', who: 'desktop' }, actions };
});
afterAll(() => {
  context.actions.close();
  temp.cleanup();
});

async function call<M extends keyof typeof historyMethods>(name: M, params: unknown) {
  const request = historyMethods[name].request.parse(params);
  const handler = historyHandlers[name] as (request: unknown, context: CoreContext) => unknown;
  return handler(request, context);
}

describe('history contract methods', () => {
  it('rejects unknown sort keys and stray fields at the schema', () => {
    expect(historyMethods['history.search'].request.safeParse({ page: { limit: 10 }, sort: { key: 'id; DROP TABLE calls', order: 'asc' } }).success).toBe(false);
    expect(historyMethods['history.search'].request.safeParse({ page: { limit: 10 }, filter: { bogus: 1 } }).success).toBe(false);
    expect(historyMethods['history.report'].request.safeParse({ from: 0, to: 1, dimension: 'queue', grain: 'month' }).success).toBe(false);
    expect(auditMethods['audit.list'].role).toBe('act');
    // History is the operator's: the LAN wallboard sees the live model only.
    expect(historyMethods['history.search'].role).toBe('act');
  });

  it('searches, then opens the detail of a row', async () => {
    const page = (await call('history.search', { filter: { directions: ['outbound'] }, page: { limit: 20 } })) as { rows: { uniqueid: string; direction: string }[]; nextCursor?: string };
    expect(page.rows).toHaveLength(20);
    expect(page.rows.every((row) => row.direction === 'outbound')).toBe(true);
    const next = (await call('history.search', { filter: { directions: ['outbound'] }, page: { limit: 20, cursor: page.nextCursor } })) as typeof page;
    expect(next.rows[0]!.uniqueid).not.toBe(page.rows[0]!.uniqueid);
    const detail = (await call('history.detail', { uniqueid: page.rows[0]!.uniqueid })) as { call: { uniqueid: string }; timeline: { kind: string }[] };
    expect(detail.call.uniqueid).toBe(page.rows[0]!.uniqueid);
    expect(detail.timeline[0]!.kind).toBe('start');
    expect(await call('history.detail', { uniqueid: 'missing' })).toBeNull();
  });

  it('reports and draws the heat map over the same calls', async () => {
    const range = { from: Date.parse('2026-11-15T16:00:00Z'), to: Date.parse('2026-11-22T16:00:00Z') };
    const queueCalls = Array.from({ length: options.count }, (_, index) => generateCallRecord(options, index)).filter((record) => record.queue);
    const report = (await call('history.report', { ...range, dimension: 'total', grain: 'all' })) as { rows: { offered: number }[] };
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]!.offered).toBe(queueCalls.length);
    const heatmap = (await call('history.heatmap', range)) as { cells: { offered: number }[] };
    // The heat map counts what the report counts: queue calls.
    expect(heatmap.cells.reduce((sum, cell) => sum + cell.offered, 0)).toBe(queueCalls.length);
    expect(await call('history.agentStates', range)).toEqual([]);
  });
});
