import type { BenchDefinition } from '../lib/bench';
import { figureMaker } from '../lib/figure';
import { startUntilReady, stopProcess } from '../lib/process';
import { percentile } from '../lib/stats';
import { heavyReads, pollHealth, readInLoop } from './clients';
import { readsDataDir } from './reads-db';

const figure = figureMaker('reads');
const POLL_MS = 20;

/** `--rows=N` on the command line overrides the number of generated calls. */
function rowsOverride(): number | undefined {
  const arg = process.argv.find((a) => a.startsWith('--rows='));
  return arg ? Number(arg.slice('--rows='.length)) : undefined;
}

const p = (samples: { ms: number }[], q: number) => percentile(samples.map((s) => s.ms), q);

export const readsBench: BenchDefinition = {
  name: 'reads',
  description: 'GET /healthz of callboard serve while two clients loop on heavy history reads (N generated calls) vs the same endpoint idle',
  async run({ quick, log }) {
    const count = rowsOverride() ?? (quick ? 200_000 : 2_000_000);
    const seconds = quick ? 10 : 40;
    log(`reads: ${count} generated calls (cached in the OS temp dir; the first run builds it) …`);
    const data = readsDataDir(count, log);
    const serve = startUntilReady(['bin/callboard.mjs', 'serve', '--no-build', '--http', '127.0.0.1:0', '--no-receiver', '--data-dir', data.dir]);
    try {
      const { url } = await serve.result;
      // The reference: the bare endpoint, same process, nothing else to do.
      let until = performance.now() + seconds * 500;
      const idle = await pollHealth(url, POLL_MS, () => performance.now() > until);
      until = performance.now() + seconds * 1000;
      const isDone = () => performance.now() > until;
      const [busy, searches, totals] = await Promise.all([
        pollHealth(url, POLL_MS, isDone),
        readInLoop(url, heavyReads.search, '127.0.0.2', isDone),
        readInLoop(url, heavyReads.totals, '127.0.0.3', isDone),
      ]);
      const failed = busy.filter((s) => s.status !== 200).length;
      const whileReading = busy.filter((s) => s.running > 0).length;
      log(`  reads: idle p99 ${p(idle, 99).toFixed(1)} ms; busy p50 ${p(busy, 50).toFixed(1)} p99 ${p(busy, 99).toFixed(1)} max ${p(busy, 100).toFixed(0)} ms; ${searches.done} searches, ${totals.done} totals`);
      const note = `${busy.length} polls every ${POLL_MS} ms over ${seconds} s, ${whileReading} of them answered while a read ran, ${failed} not 200; ${searches.done} substring searches and ${totals.done} month totals done (${searches.refused + totals.refused} refused) on ${count} calls`;
      return [
        figure({
          id: 'reads.healthz.p99',
          label: '/healthz p99 while 2 clients loop on heavy history reads',
          unit: 'ms',
          ours: p(busy, 99),
          reference: { label: '/healthz p99, same server idle', value: p(idle, 99) },
          higherIsBetter: false,
          target: { on: 'ours', op: '<=', value: 100, text: 'p99 < 100 ms' },
          note,
        }),
        figure({
          id: 'reads.healthz.p50',
          label: '/healthz p50 while 2 clients loop on heavy history reads',
          unit: 'ms',
          ours: p(busy, 50),
          reference: { label: '/healthz p50, same server idle', value: p(idle, 50) },
          higherIsBetter: false,
        }),
      ];
    } finally {
      await stopProcess(serve.child);
      data.remove();
    }
  },
};
