import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumOrExit } from '../../scripts/chromium';
import type { BenchDefinition } from '../lib/bench';
import { ChildHandle } from '../lib/child';
import { figureMaker } from '../lib/figure';
import { READY, rootDir, stopProcess } from '../lib/process';
import { median } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';
import { freePort } from '../../test/support/waits';

const figure = figureMaker('soak');
const webIndex = new URL('../../out/web/index.html', import.meta.url);
const MB = 1024 * 1024;
const AGENTS = 20;
const SPEED = 480;

interface CoreSample {
  at: number;
  rss: number;
  heapUsed: number;
}

/** The core with the memory probe preloaded; resolves its URL and collects its samples. */
function startProbedCore(args: string[]) {
  const child = spawn(process.execPath, ['--expose-gc', '--import', './scripts/memory-probe.mjs', 'bin/callboard.mjs', ...args], {
    cwd: rootDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const samples: CoreSample[] = [];
  let pending = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const ready = READY.exec(line);
        if (ready) resolve(ready[1] ?? '');
        if (line.startsWith('BENCH_MEMORY ')) samples.push(JSON.parse(line.slice(13)) as CoreSample);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`core exited (${code})`)));
  });
  return { child, samples, url };
}

/** Growth between the median of the second tenth of the run (after warm-up) and of the last tenth. */
function growth(values: number[]): { start: number; end: number; growth: number } {
  const tenth = Math.max(1, Math.floor(values.length / 10));
  const start = median(values.slice(tenth, 2 * tenth));
  const end = median(values.slice(-tenth));
  return { start, end, growth: end - start };
}

export const soakBench: BenchDefinition = {
  name: 'soak',
  description: `demo PBX (${AGENTS} agents) at ${SPEED}× for a simulated 24 h: heap and RSS of the core and the renderer`,
  pending: () => (existsSync(webIndex) ? undefined : 'the renderer is not built (npm run build:web)'),
  async run({ quick, log }) {
    const virtualHours = quick ? 2 : 24;
    const realMs = (virtualHours * 3_600_000) / SPEED;
    const [amiPort, receiverPort] = [await freePort(), await freePort()];
    const temp = makeTempDir('soak');
    const core = startProbedCore([
      'serve', '--no-build', '--ami', `bench:benchsecret@127.0.0.1:${amiPort}`, '--http', '127.0.0.1:0', '--receiver', `127.0.0.1:${receiverPort}`, '--data-dir', temp.dir,
    ]);
    const browser = await chromium.launch(chromiumOrExit());
    let pbx: ChildHandle | undefined;
    try {
      const url = await core.url;
      pbx = new ChildHandle('screen/pbx-child.ts', [String(AGENTS), '0', String(SPEED), String(amiPort), `http://127.0.0.1:${receiverPort}/`]);
      await pbx.next<{ type: 'ready' }>();
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${url}#/wallboard`);
      await page.locator('[data-testid="core-link"][data-state="open"]').waitFor({ timeout: 30_000 });
      const rendererHeap: number[] = [];
      const coreStart = core.samples.length;
      const start = Date.now();
      let lastLog = start;
      while (Date.now() - start < realMs) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
        rendererHeap.push(metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
        if (Date.now() - lastLog > 30_000) {
          lastLog = Date.now();
          const last = core.samples.at(-1);
          log(`  soak: ${(((Date.now() - start) * SPEED) / 3_600_000).toFixed(1)} h simulated, core heap ${((last?.heapUsed ?? 0) / MB).toFixed(1)} MB rss ${((last?.rss ?? 0) / MB).toFixed(0)} MB, renderer heap ${((rendererHeap.at(-1) ?? 0) / MB).toFixed(1)} MB`);
        }
      }
      pbx.send({ type: 'stats' });
      const stats = await pbx.next<{ type: 'stats'; amiEvents: number }>();
      const samples = core.samples.slice(coreStart);
      const coreHeap = growth(samples.map((s) => s.heapUsed));
      const coreRss = growth(samples.map((s) => s.rss));
      const renderer = growth(rendererHeap);
      const target = { on: 'ours', op: '<=', value: 20, text: 'growth < 20 MB' } as const;
      const note = `${virtualHours} h simulated in ${(realMs / 60_000).toFixed(1)} min, ${stats.amiEvents} AMI events (+ pushes); start = median of the 2nd tenth, end = median of the last tenth`;
      return [
        figure({ id: 'soak.core.heap', label: 'core heap growth (after GC)', unit: 'MB', ours: coreHeap.growth / MB, higherIsBetter: false, target, note: `${note}; ${(coreHeap.start / MB).toFixed(1)} → ${(coreHeap.end / MB).toFixed(1)} MB` }),
        figure({ id: 'soak.core.rss', label: 'core RSS growth', unit: 'MB', ours: coreRss.growth / MB, higherIsBetter: false, target, note: `${(coreRss.start / MB).toFixed(0)} → ${(coreRss.end / MB).toFixed(0)} MB` }),
        figure({ id: 'soak.renderer.heap', label: 'renderer JS heap growth (wallboard, after GC)', unit: 'MB', ours: renderer.growth / MB, higherIsBetter: false, target, note: `${(renderer.start / MB).toFixed(1)} → ${(renderer.end / MB).toFixed(1)} MB` }),
      ];
    } finally {
      await browser.close();
      await pbx?.stop();
      await stopProcess(core.child);
      temp.remove();
    }
  },
};

