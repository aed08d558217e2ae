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

export const storeBench: BenchDefinition = {
  name: 'store',
  description: 'event-log group commit vs one raw transaction (ceiling) and one commit per row',
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
    return figures;
  },
};
