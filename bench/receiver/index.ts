import type { BenchDefinition } from '../lib/bench';
import { ChildHandle, runChild } from '../lib/child';
import { figureMaker } from '../lib/figure';
import { median } from '../lib/stats';

const figure = figureMaker('receiver');
const SOCKETS = 16;

interface LoadResult {
  type: 'result';
  requests: number;
  seconds: number;
  failures: number;
  p50: number;
  p99: number;
}

interface ServerStats {
  type: 'stats';
  stats: { committedRows?: number; transactions?: number; accepted?: number; requests?: number };
}

/** One server child, one load child; the server's own counters confirm what was stored. */
async function loadRun(mode: 'receiver' | 'bare', requests: number, warmup: number) {
  const server = new ChildHandle('receiver/server.ts', [mode]);
  try {
    const { port } = await server.next<{ type: 'ready'; port: number }>();
    const load = await runChild<LoadResult>('receiver/load.ts', [String(port), String(requests), String(SOCKETS), String(warmup)]);
    server.send({ type: 'stats' });
    const { stats } = await server.next<ServerStats>();
    return { ...load, rate: load.requests / load.seconds, stats };
  } finally {
    await server.stop();
  }
}

export const receiverBench: BenchDefinition = {
  name: 'receiver',
  description: 'push receiver over HTTP keep-alive (16 sockets, loopback) with durable SQLite ack vs a bare node:http server',
  async run({ quick, log }) {
    const requests = quick ? 5_000 : 60_000;
    const warmup = quick ? 500 : 3_000;
    const rounds = quick ? 1 : 3;
    const runs: Record<'receiver' | 'bare', Awaited<ReturnType<typeof loadRun>>[]> = { receiver: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      for (const mode of ['bare', 'receiver'] as const) {
        const run = await loadRun(mode, requests, warmup);
        log(`  receiver ${mode}: ${run.rate.toFixed(0)} req/s, p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, ${run.failures} failures, ${JSON.stringify(run.stats)}`);
        runs[mode].push(run);
      }
    }
    const pick = (mode: 'receiver' | 'bare', key: 'rate' | 'p50' | 'p99') => median(runs[mode].map((r) => r[key]));
    const ours = runs.receiver.at(-1);
    const note = `${requests} POSTs after ${warmup} warm-up, ${SOCKETS} keep-alive sockets, median of ${rounds}; last run: ${ours?.failures ?? '?'} non-200, ${ours?.stats.committedRows ?? '?'} rows committed in ${ours?.stats.transactions ?? '?'} transactions`;
    return [
      figure({
        id: 'receiver.push.rate',
        label: 'pushed events acked after SQLite commit',
        unit: 'events/s',
        ours: pick('receiver', 'rate'),
        reference: { label: 'bare node:http (reads body, answers 200)', value: pick('bare', 'rate') },
        target: { on: 'ours', op: '>=', value: 5_000, text: '≥ 5k events/s' },
        limitsDoc: 'bare node:http ≈ 25k req/s',
        note,
      }),
      figure({
        id: 'receiver.push.p50',
        label: 'ack latency p50',
        unit: 'ms',
        ours: pick('receiver', 'p50'),
        reference: { label: 'bare node:http p50', value: pick('bare', 'p50') },
        higherIsBetter: false,
      }),
      figure({
        id: 'receiver.push.p99',
        label: 'ack latency p99',
        unit: 'ms',
        ours: pick('receiver', 'p99'),
        reference: { label: 'bare node:http p99', value: pick('bare', 'p99') },
        higherIsBetter: false,
      }),
    ];
  },
};
