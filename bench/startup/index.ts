import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { chromiumOrExit } from '../../scripts/chromium';
import type { BenchDefinition } from '../lib/bench';
import { figureMaker, type Figure } from '../lib/figure';
import { startUntilReady, stopProcess } from '../lib/process';
import { median } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';

const figure = figureMaker('startup');
const webIndex = new URL('../../out/web/index.html', import.meta.url);
/** The reference: the smallest Node process that serves a page, printing the same ready line. */
const BARE =
  "require('node:http').createServer((q,s)=>s.end('<!doctype html><p>Callboard</p>')).listen(0,'127.0.0.1',function(){console.log('ready: open http://127.0.0.1:'+this.address().port+'/')})";

/** First contentful paint of `url` in a fresh page, ms after navigation start (Paint Timing API). */
async function firstPaint(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    // Polled: paint entries appear shortly after the first frame, and `load` may come first.
    return await page.evaluate(async () => {
      for (let tries = 0; tries < 250; tries++) {
        const entry = performance.getEntriesByName('first-contentful-paint')[0];
        if (entry) return entry.startTime;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return -1;
    });
  } finally {
    await page.close();
  }
}

export const startupBench: BenchDefinition = {
  name: 'startup',
  description: 'headless core ready (callboard serve) vs a bare node:http process; renderer first contentful paint vs a one-line page',
  pending: () => (existsSync(webIndex) ? undefined : 'the renderer is not built (npm run build:web)'),
  async run({ quick, log }) {
    const rounds = quick ? 1 : 5;
    const core: number[] = [];
    const bare: number[] = [];
    const fcpOurs: number[] = [];
    const fcpBare: number[] = [];
    const browser = await chromium.launch(chromiumOrExit());
    try {
      for (let round = 0; round < rounds; round++) {
        const temp = makeTempDir('startup');
        const ours = startUntilReady(['bin/callboard.mjs', 'serve', '--no-build', '--http', '127.0.0.1:0', '--no-receiver', '--data-dir', temp.dir]);
        const base = startUntilReady(['-e', BARE]);
        try {
          const o = await ours.result;
          const b = await base.result;
          core.push(o.ms);
          bare.push(b.ms);
          fcpOurs.push(await firstPaint(browser, o.url));
          fcpBare.push(await firstPaint(browser, b.url));
          log(`  startup: core ready ${o.ms.toFixed(0)} ms (bare ${b.ms.toFixed(0)} ms), FCP ${fcpOurs.at(-1)?.toFixed(0)} ms (bare ${fcpBare.at(-1)?.toFixed(0)} ms)`);
        } finally {
          await stopProcess(ours.child);
          await stopProcess(base.child);
          temp.remove();
        }
      }
    } finally {
      await browser.close();
    }
    const figures: Figure[] = [
      figure({
        id: 'startup.core.ready',
        label: 'callboard serve: spawn → "ready" line (tsx, migrations, HTTP up)',
        unit: 'ms',
        ours: median(core),
        reference: { label: 'bare node:http process, spawn → listening', value: median(bare) },
        higherIsBetter: false,
        note: `median of ${rounds}, both processes started side by side`,
      }),
      figure({
        id: 'startup.renderer.fcp',
        label: 'renderer first contentful paint (Chromium, out/web)',
        unit: 'ms',
        ours: median(fcpOurs),
        reference: { label: 'one-line HTML page, same browser', value: median(fcpBare) },
        higherIsBetter: false,
        note: `median of ${rounds}; serves out/web as last built by npm run build:web`,
      }),
    ];
    return figures;
  },
};
