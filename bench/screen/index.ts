import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumOrExit } from '../../scripts/chromium';
import type { BenchDefinition } from '../lib/bench';
import { ChildHandle } from '../lib/child';
import { figureMaker, type Figure } from '../lib/figure';
import { startUntilReady, stopProcess } from '../lib/process';
import { percentile } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';
import { freePort } from '../../test/support/waits';
import { STATUS_OBSERVER_SCRIPT, probeStatus } from './probe';

const figure = figureMaker('screen');
const webIndex = new URL('../../out/web/index.html', import.meta.url);
const demoFile = new URL('../../electron/core/demo/index.ts', import.meta.url);

/**
 * The demo PBX in a child and the headless core (`callboard serve`) wired to it
 * both ways the product supports: AMI (`--ami`) and vendor pushes to the core's
 * receiver. Whichever path the core uses carries the events to the page.
 */
export async function startDemoAndCore(agents: number, load: number, speed = 1) {
  const [amiPort, receiverPort] = [await freePort(), await freePort()];
  const temp = makeTempDir('screen');
  const core = startUntilReady([
    'bin/callboard.mjs', 'serve', '--no-build', '--ami', `bench:benchsecret@127.0.0.1:${amiPort}`, '--http', '127.0.0.1:0',
    '--receiver', `127.0.0.1:${receiverPort}`, '--data-dir', temp.dir,
  ]);
  const { url } = await core.result;
  const pbx = new ChildHandle('screen/pbx-child.ts', [String(agents), String(load), String(speed), String(amiPort), `http://127.0.0.1:${receiverPort}/`]);
  await pbx.next<{ type: 'ready' }>();
  return {
    pbx,
    core: core.child,
    url,
    async stop() {
      await pbx.stop();
      await stopProcess(core.child);
      temp.remove();
    },
  };
}

/** Open a console page and wait until its core link is open (test/e2e/support/console-env.ts does the same). */
export async function openConsole(browser: Browser, url: string, route: string, initScript?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  if (initScript) await page.addInitScript(initScript);
  await page.goto(`${url}#/${route}`);
  await page.locator('[data-testid="core-link"][data-state="open"]').waitFor({ timeout: 30_000 });
  return page;
}

/**
 * The agents page with the status observer, filtered down to the probe
 * extension's card (and 1800's, if any); resolves the page and that card's id.
 */
export async function openProbeCard(browser: Browser, url: string, exten: string): Promise<{ page: Page; cardId: string }> {
  const page = await openConsole(browser, url, 'agents', STATUS_OBSERVER_SCRIPT);
  await page.getByTestId('agent-search').fill(exten);
  const cards = page.locator('[data-testid^="agent-card-"]');
  await cards.first().waitFor({ timeout: 60_000 });
  const ids = (await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).map((id) => (id ?? '').slice('agent-card-'.length));
  const cardId = ids.find((id) => id === exten || id.endsWith(`/${exten}`));
  if (!cardId) throw new Error(`no agent card for extension ${exten} (cards: ${ids.join(', ')})`);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return { page, cardId };
}

/** The bare ws server's page (bare-ws.ts) with the same observer; its card is `probe`. */
export async function openBarePage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(STATUS_OBSERVER_SCRIPT);
  await page.goto(url);
  await new Promise((resolve) => setTimeout(resolve, 500));
  return page;
}

type StatusChange = [id: string, status: string, at: number];

/** Send `count` probes 150 ms apart through `source`, then match each to the DOM change it caused. */
export async function probeLatencies(source: ChildHandle, page: Page, cardId: string, exten: string, count: number) {
  const sent: { n: number; at: number }[] = [];
  for (let n = 1; n <= count; n++) {
    source.send({ type: 'probe', n, exten });
    const { at } = await source.next<{ type: 'probed'; at: number }>();
    sent.push({ n, at });
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const changes = (await page.evaluate('window.__statusChanges')) as StatusChange[];
  const latencies: number[] = [];
  for (const { n, at } of sent) {
    const change = changes.find(([id, status, t]) => id === cardId && status === probeStatus(n) && t >= at - 1);
    if (change) latencies.push(change[2] - at);
  }
  return { latencies, missing: count - latencies.length };
}

/**
 * Frames per second over `ms`, counted with requestAnimationFrame in the page.
 * A string, not a function: tsx names functions with a helper (__name) that
 * does not exist in the page.
 */
async function framesPerSecond(page: Page, ms: number): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    function frame(now) {
      frames++;
      if (now - start < ${ms}) requestAnimationFrame(frame);
      else resolve((frames * 1000) / (now - start));
    }
    requestAnimationFrame(frame);
  })`);
}

async function latencyFigures(browser: Browser, quick: boolean, log: (m: string) => void): Promise<Figure[]> {
  const probes = quick ? 40 : 200;
  const exten = '800';
  const setup = await startDemoAndCore(200, 1_000);
  let ours: Awaited<ReturnType<typeof probeLatencies>>;
  try {
    const { page, cardId } = await openProbeCard(browser, setup.url, exten);
    ours = await probeLatencies(setup.pbx, page, cardId, exten, probes);
    await page.close();
  } finally {
    await setup.stop();
  }
  const bare = new ChildHandle('screen/bare-ws.ts');
  let ref: Awaited<ReturnType<typeof probeLatencies>>;
  try {
    const { url } = await bare.next<{ type: 'ready'; url: string }>();
    const page = await openBarePage(browser, url);
    ref = await probeLatencies(bare, page, 'probe', exten, probes);
    await page.close();
  } finally {
    await bare.stop();
  }
  log(`  screen latency: ours p50 ${percentile(ours.latencies, 50)} p99 ${percentile(ours.latencies, 99)} ms (${ours.missing} missing), bare p50 ${percentile(ref.latencies, 50)} p99 ${percentile(ref.latencies, 99)} ms`);
  const note = `${probes} extension state changes 150 ms apart in the demo PBX (200 agents, 1k AMI events/s background) → AMI/push → core → WebSocket → agent card data-status; ${ours.missing} not matched`;
  return [
    figure({
      id: 'screen.latency.p50',
      label: 'event → DOM, p50',
      unit: 'ms',
      ours: percentile(ours.latencies, 50),
      reference: { label: 'bare ws → data-status p50', value: percentile(ref.latencies, 50) },
      higherIsBetter: false,
      note,
    }),
    figure({
      id: 'screen.latency.p99',
      label: 'event → DOM, p99',
      unit: 'ms',
      ours: percentile(ours.latencies, 99),
      reference: { label: 'bare ws → data-status p99', value: percentile(ref.latencies, 99) },
      higherIsBetter: false,
      target: { on: 'ours', op: '<=', value: 100, text: 'p99 ≤ 100 ms' },
    }),
  ];
}

async function fpsFigures(browser: Browser, quick: boolean, log: (m: string) => void): Promise<Figure[]> {
  const ms = quick ? 3_000 : 10_000;
  const setup = await startDemoAndCore(2_000, 0);
  try {
    const page = await openConsole(browser, setup.url, 'agents');
    await page.locator('[data-testid^="agent-card-"]').first().waitFor({ timeout: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idle = await framesPerSecond(page, ms);
    setup.pbx.send({ type: 'churn', perSecond: 200 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const busy = await framesPerSecond(page, ms);
    setup.pbx.send({ type: 'stats' });
    const stats = await setup.pbx.next<{ type: 'stats'; churned: number; amiEvents: number }>();
    await page.close();
    log(`  screen fps: ${busy.toFixed(1)} with churn, ${idle.toFixed(1)} idle; ${stats.churned} state changes`);
    return [
      figure({
        id: 'screen.agents.fps',
        label: 'agent grid frames/s, 2,000 agents, 200 changes/s',
        unit: 'fps',
        ours: busy,
        reference: { label: 'same page, no forced changes', value: idle },
        target: { on: 'ours', op: '>=', value: 50, text: '≥ 50 fps' },
        note: `${(ms / 1000).toFixed(0)} s each, 1600×1000 viewport, ${stats.churned} extension state changes sent by the demo PBX`,
      }),
    ];
  } finally {
    await setup.stop();
  }
}

export const screenBench: BenchDefinition = {
  name: 'screen',
  description: 'Chromium: demo PBX event → DOM latency vs a bare WebSocket page; agent grid fps with 2,000 agents at 200 changes/s',
  pending: () => (!existsSync(webIndex) ? 'the renderer is not built (npm run build:web)' : !existsSync(demoFile) ? 'no demo PBX yet' : undefined),
  async run({ quick, log }) {
    const browser = await chromium.launch(chromiumOrExit());
    try {
      return [...(await latencyFigures(browser, quick, log)), ...(await fpsFigures(browser, quick, log))];
    } finally {
      await browser.close();
    }
  },
};
