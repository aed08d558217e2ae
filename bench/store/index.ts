import { existsSync } from 'node:fs';
import type { BenchDefinition } from '../lib/bench';
import { runChild } from '../lib/child';
import { figureMaker, type Figure } from '../lib/figure';
import { median } from '../lib/stats';

const figure = figureMaker('store');

interface InsertRun {
  type: 'result';
  rows: number;
  seconds: number;
  transactions: number;
}

type Mode = 'ceiling' | 'per-row' | 'burst' | 'producers';

async function insertRuns(rows: Record<Mode, number>, rounds: number, log: (m: string) => void) {
  const runs: Record<Mode, InsertRun[]> = { ceiling: [], 'per-row': [], burst: [], producers: [] };
  for (let round = 0; round < rounds; round++) {
    for (const mode of Object.keys(runs) as Mode[]) {
      const run = await runChild<InsertRun>('store/insert-worker.ts', [mode, String(rows[mode])]);
      log(`  store insert ${mode}: ${(run.rows / run.seconds).toFixed(0)} rows/s in ${run.transactions} transactions`);
      runs[mode].push(run);
    }
  }
  const rate = (mode: Mode) => median(runs[mode].map((r) => r.rows / r.seconds));
  const transactions = (mode: Mode) => runs[mode][0]?.transactions ?? 0;
  return { rate, transactions };
}

interface CallsRun {
  type: 'result';
  count: number;
  days: number;
  bytesPerRow: number;
  jsonBytesPerRow: number;
  generateRate?: number;
  latency: Record<string, { p50: number; p99: number; samples: number }>;
}

const storeFiles = ['../../test/support/generate-calls.ts', ...['call-search.ts', 'queue-reports.ts', 'call-store.ts'].map((f) => `../../electron/core/store/${f}`)].map((f) => new URL(f, import.meta.url));

/** `--rows=N` (`--pg-rows=N` for PostgreSQL) on the command line overrides the number of generated calls. */
function rowsOverride(flag = '--rows='): number | undefined {
  const arg = process.argv.find((a) => a.startsWith(flag));
  return arg ? Number(arg.slice(flag.length)) : undefined;
}

interface PgCallsRun {
  type: 'result';
  count: number;
  days: number;
  loadRate: number;
  bytesPerRow: number;
  latency: Record<string, { p50: number; p99: number }>;
  /** The first calls pulled into an empty cache, as a console joining the site pulls them. */
  pull: { calls: number; rate: number };
}

/** The same searches and reports on PostgreSQL, each beside its SQLite figure of this run. */
function pgFigures(pg: PgCallsRun, sqlite: CallsRun): Figure[] {
  const sameData = pg.count === sqlite.count && pg.days === sqlite.days;
  const data = `${pg.count} calls over ${pg.days} days${sameData ? ', the same calls as SQLite' : ` (SQLite: ${sqlite.count} over ${sqlite.days} days)`}`;
  const timed = (name: string, label: string) => {
    const ours = pg.latency[name];
    const reference = sqlite.latency[name];
    if (!ours || !reference) throw new Error(`no timing for ${name}`);
    return figure({
      id: `store.pg.${name}`,
      label: `PostgreSQL ${label}`,
      unit: 'ms',
      ours: ours.p50,
      reference: { label: `SQLite, same query`, value: reference.p50 },
      higherIsBetter: false,
      note: `p99 ${ours.p99.toFixed(1)} ms; ${data}; local throwaway cluster, fsync off`,
    });
  };
  return [
    timed('page.recent', 'search page: last 30 days, newest 50'),
    timed('page.filtered', 'search page: 30 days, queue 630, unanswered, ≥ 30 s'),
    timed('page.caller', 'search page: 30 days, caller prefix 139'),
    timed('page.agent', 'search page: whole range, agent 8042, ≥ 200 s'),
    timed('kpi.day', 'day KPIs per queue (sum of the day\'s ledger)'),
    timed('kpi.day.scan', 'day KPIs per agent and hour (sum of the day\'s ledger)'),
    timed('kpi.month', '30 days KPIs by day (sum of 30 days of ledger)'),
    figure({
      id: 'store.pg.load',
      label: 'PostgreSQL load: upsertCalls in batches of 10k (secondary indexes rebuilt after)',
      unit: 'rows/s',
      ours: pg.loadRate,
      reference: sqlite.generateRate === undefined ? undefined : { label: 'SQLite generate + upsertCalls', value: sqlite.generateRate },
      note: `${data}; built each run (the cluster is thrown away)`,
    }),
    figure({
      id: 'store.pg.pull',
      label: 'A console joining: calls pulled from PostgreSQL into an empty SQLite cache (pages of 2,000, one transaction each)',
      unit: 'rows/s',
      ours: pg.pull.rate,
      reference: sqlite.generateRate === undefined ? undefined : { label: 'SQLite generate + upsertCalls', value: sqlite.generateRate },
      note: `the first ${pg.pull.calls} calls of ${data}, with their queue passes`,
    }),
    figure({
      id: 'store.pg.bytesPerRow',
      label: 'PostgreSQL bytes per call (calls + queue_calls + indexes)',
      unit: 'B/row',
      ours: pg.bytesPerRow,
      reference: { label: 'SQLite file bytes per call', value: sqlite.bytesPerRow },
      higherIsBetter: false,
      note: data,
    }),
  ];
}

function callFigures(run: CallsRun): Figure[] {
  const at = (name: string) => {
    const value = run.latency[name];
    if (!value) throw new Error(`no timing for ${name}`);
    return value;
  };
  const page = (name: string, label: string) =>
    figure({
      id: `store.calls.${name}`,
      label,
      unit: 'ms',
      ours: at(name).p50,
      reference: { label: 'raw SQL: date range, newest 50', value: at('raw.page').p50 },
      higherIsBetter: false,
      target: { on: 'ours', op: '<=', value: 50, text: 'p50 ≤ 50 ms' },
      note: `p99 ${at(name).p99.toFixed(1)} ms over ${at(name).samples} runs`,
    });
  const kpi = (name: string, label: string, target?: boolean) =>
    figure({
      id: `store.calls.${name}`,
      label,
      unit: 'ms',
      ours: at(name).p50,
      reference: { label: 'raw SQL: one day GROUP BY queue', value: at('raw.day').p50 },
      higherIsBetter: false,
      target: target ? { on: 'ours', op: '<=', value: 200, text: 'p50 ≤ 200 ms' } : undefined,
      note: `p99 ${at(name).p99.toFixed(1)} ms over ${at(name).samples} runs`,
    });
  const figures = [
    page('page.recent', 'search page: last 30 days, newest 50'),
    page('page.filtered', 'search page: 30 days, queue 630, unanswered, ≥ 30 s'),
    page('page.caller', 'search page: 30 days, caller prefix 139'),
    page('page.agent', 'search page: whole range, agent 8042, ≥ 200 s'),
    kpi('kpi.day', 'day KPIs per queue (rollups)', true),
    kpi('kpi.day.scan', 'day KPIs per queue (forceScan of calls)', true),
    kpi('kpi.month', '30 days KPIs by day (rollups)'),
    figure({
      id: 'store.calls.bytesPerRow',
      label: 'database bytes per call (calls + indexes + rollups)',
      unit: 'B/row',
      ours: run.bytesPerRow,
      reference: { label: 'JSON.stringify(CallRecord)', value: run.jsonBytesPerRow },
      higherIsBetter: false,
      note: `${run.count} generated calls over ${run.days} days`,
    }),
  ];
  if (run.generateRate !== undefined)
    figures.push(
      figure({
        id: 'store.calls.generate',
        label: 'generate + upsertCalls (secondary indexes rebuilt after)',
        unit: 'rows/s',
        ours: run.generateRate,
        note: 'only measured when the cached database had to be built',
      }),
    );
  return figures;
}

export const storeBench: BenchDefinition = {
  name: 'store',
  description: 'event-log group commit vs one transaction and one commit per row; call search and KPIs on N generated calls',
  async run({ quick, log }) {
    const rows: Record<Mode, number> = quick
      ? { ceiling: 50_000, 'per-row': 20_000, burst: 50_000, producers: 20_000 }
      : { ceiling: 500_000, 'per-row': 100_000, burst: 500_000, producers: 200_000 };
    const rounds = quick ? 1 : 3;
    const r = await insertRuns(rows, rounds, log);
    const figures: Figure[] = [
      figure({
        id: 'store.eventlog.burst',
        label: 'event log, all appends at once',
        unit: 'rows/s',
        ours: r.rate('burst'),
        reference: { label: 'raw prepared INSERT, one transaction', value: r.rate('ceiling') },
        limitsDoc: 'one transaction ≈ 528k rows/s',
        note: `${rows.burst} rows in ${r.transactions('burst')} transactions (ceiling ${rows.ceiling} rows), median of ${rounds}`,
      }),
      figure({
        id: 'store.eventlog.16producers',
        label: 'event log, 16 producers awaiting each ack',
        unit: 'rows/s',
        ours: r.rate('producers'),
        reference: { label: 'one commit per row (synchronous=NORMAL)', value: r.rate('per-row') },
        limitsDoc: 'commit per row ≈ 75k/s (NORMAL)',
        note: `${rows.producers} rows in ${r.transactions('producers')} transactions (per-row ${rows['per-row']} rows), median of ${rounds}`,
      }),
    ];
    if (storeFiles.some((f) => !existsSync(f))) {
      log('store: call queries skipped, the store generator/queries are not there yet');
      return figures;
    }
    const count = rowsOverride() ?? (quick ? 200_000 : 10_000_000);
    const days = quick ? 60 : 365;
    log(`store: ${count} generated calls over ${days} days (cached in the OS temp dir; the first run builds it) …`);
    const timeMs = String(quick ? 300 : 1500);
    const calls = await runChild<CallsRun>('store/calls-worker.ts', [String(count), String(days), timeMs], 3_600_000);
    figures.push(...callFigures(calls));
    // The same calls as SQLite's, loaded afresh each run (10 M take about a quarter of an hour here); `--pg-rows` narrows it.
    const pgCount = rowsOverride('--pg-rows=') ?? count;
    log(`store: the same queries on PostgreSQL, ${pgCount} generated calls over ${days} days (loaded each run) …`);
    const pg = await runChild<PgCallsRun | { type: 'skipped'; reason: string }>('store/pg-calls-worker.ts', [String(pgCount), String(days), timeMs], 3_600_000);
    if (pg.type === 'skipped') log(`store: PostgreSQL figures skipped: ${pg.reason}`);
    else figures.push(...pgFigures(pg, calls));
    return figures;
  },
};
