import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumOrExit } from '../../scripts/chromium';
import type { BenchDefinition } from '../lib/bench';
import { ChildHandle } from '../lib/child';
import { figureMaker, type Figure } from '../lib/figure';
import { cpuSecondsOf, rssOf } from '../lib/process';
import { MB, median, nowMs, percentile } from '../lib/stats';
import { openBarePage, openProbeCard, probeLatencies, startDemoAndCore } from '../screen';

const figure = figureMaker('fanout');
const webIndex = new URL('../../out/web/index.html', import.meta.url);
const demoFile = new URL('../../electron/core/demo/index.ts', import.meta.url);

const AGENTS = 200;
const CHANGES_PER_SECOND = 200;
const PROBE_EXTEN = '800';
/** Clients per load process: more than one process, so decoding 500 clients' frames is not one event loop's queue. */
const CLIENTS_PER_LOADER = 250;

interface ClientStats {
  frames: number;
  bytes: number;
  updates: number;
  open: number;
  closed: number;
  undecodable: number;
  seconds: number;
}

/** CPU (% of one core) and mean RSS of `pid` while `during` runs. */
async function usageWhile<T>(pid: number | undefined, during: () => Promise<T>): Promise<{ cpuPercent: number; rss: number; result: T }> {
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssOf(pid)), 250);
  const [cpu0, t0] = [cpuSecondsOf(pid), nowMs()];
  try {
    const result = await during();
    const cpuPercent = ((cpuSecondsOf(pid) - cpu0) / ((nowMs() - t0) / 1000)) * 100;
    return { cpuPercent, rss: median(rss), result };
  } finally {
    clearInterval(sampler);
  }
}

/** A server under test: its process, where clients connect, and the page and probe source of the Chromium client among them. */
interface Party {
  pid: number | undefined;
  socketUrl: string;
  page: Page;
  cardId: string;
  probes: ChildHandle;
}

interface Measured {
  idle: { cpuPercent: number; rss: number };
  loaded: { cpuPercent: number; rss: number };
  latencies: number[];
  missing: number;
  clients: ClientStats;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The same steps for ours and the reference: the process's CPU and RSS with
 * only the Chromium page attached, then with `clients` more read-only clients
 * while the page's probe card is changed `probeCount` times. The 0-client
 * figures are the mean of a window before the clients come and one after
 * they left: the PBX's own work drifts more than 50 clients cost.
 */
async function measure(party: Party, clients: number, probeCount: number, idleMs: number, log: (m: string) => void): Promise<Measured> {
  const before = await usageWhile(party.pid, () => pause(idleMs / 2));
  const withClients = await measureClients(party, clients, probeCount);
  await pause(2_000);
  const after = await usageWhile(party.pid, () => pause(idleMs / 2));
  const idle = { cpuPercent: (before.cpuPercent + after.cpuPercent) / 2, rss: (before.rss + after.rss) / 2 };
  log(
    `    ${clients} clients: cpu ${before.cpuPercent.toFixed(1)}% / ${after.cpuPercent.toFixed(1)}% without → ${withClients.loaded.cpuPercent.toFixed(1)}% with, ` +
      `rss ${(before.rss / MB).toFixed(1)} / ${(after.rss / MB).toFixed(1)} → ${(withClients.loaded.rss / MB).toFixed(1)} MB, ` +
      `${(withClients.clients.frames / withClients.clients.seconds / clients).toFixed(1)} frames/s per client, ${withClients.clients.open} open; p99 ${percentile(withClients.latencies, 99)} ms`,
  );
  return { idle, ...withClients };
}

async function measureClients(party: Party, clients: number, probeCount: number): Promise<Omit<Measured, 'idle'>> {
  const loaders: ChildHandle[] = [];
  try {
    for (let left = clients; left > 0; left -= CLIENTS_PER_LOADER) loaders.push(new ChildHandle('fanout/clients.ts', [party.socketUrl, String(Math.min(left, CLIENTS_PER_LOADER))]));
    await Promise.all(loaders.map((loader) => loader.next<{ type: 'ready' }>(120_000)));
    // Every new client got the full snapshot; let that burst pass before measuring the steady state.
    await pause(3_000);
    for (const loader of loaders) loader.send({ type: 'reset' });
    const loaded = await usageWhile(party.pid, () => probeLatencies(party.probes, party.page, party.cardId, PROBE_EXTEN, probeCount));
    const stats = await Promise.all(
      loaders.map((loader) => {
        loader.send({ type: 'stats' });
        return loader.next<ClientStats & { type: 'stats' }>();
      }),
    );
    const total: ClientStats = { frames: 0, bytes: 0, updates: 0, open: 0, closed: 0, undecodable: 0, seconds: 0 };
    for (const s of stats) {
      for (const key of ['frames', 'bytes', 'updates', 'open', 'closed', 'undecodable'] as const) total[key] += s[key];
      total.seconds = Math.max(total.seconds, s.seconds);
    }
    return { loaded: { cpuPercent: loaded.cpuPercent, rss: loaded.rss }, latencies: loaded.result.latencies, missing: loaded.result.missing, clients: total };
  } finally {
    await Promise.all(loaders.map((loader) => loader.stop()));
  }
}

async function measureOurs(browser: Browser, clients: number, probes: number, idleMs: number, log: (m: string) => void): Promise<Measured> {
  const setup = await startDemoAndCore(AGENTS, 0);
  try {
    setup.pbx.send({ type: 'churn', perSecond: CHANGES_PER_SECOND, except: PROBE_EXTEN });
    const { page, cardId } = await openProbeCard(browser, setup.url, PROBE_EXTEN);
    log('  fanout: callboard serve');
    const measured = await measure({ pid: setup.core.pid, socketUrl: `${setup.url.replace(/^http/, 'ws')}api/ws`, page, cardId, probes: setup.pbx }, clients, probes, idleMs, log);
    await page.close();
    return measured;
  } finally {
    await setup.stop();
  }
}

async function measureBare(browser: Browser, clients: number, probes: number, idleMs: number, like: ClientStats, log: (m: string) => void): Promise<Measured> {
  const bare = new ChildHandle('screen/bare-ws.ts');
  try {
    const { url } = await bare.next<{ type: 'ready'; url: string }>();
    const perSecond = like.frames / like.seconds / clients;
    const bytes = like.bytes / like.frames;
    if (!(perSecond > 0)) throw new Error('the clients got no frames from the core: no rate to give the reference');
    bare.send({ type: 'broadcast', perSecond, bytes });
    const page = await openBarePage(browser, url);
    log(`  fanout: bare ws, ${perSecond.toFixed(1)} frames/s of ${bytes.toFixed(0)} B`);
    const measured = await measure({ pid: bare.process.pid, socketUrl: `${url.replace(/^http/, 'ws')}ws`, page, cardId: 'probe', probes: bare }, clients, probes, idleMs, log);
    await page.close();
    return measured;
  } finally {
    await bare.stop();
  }
}

const cpuPerClient = (m: Measured, clients: number) => (m.loaded.cpuPercent - m.idle.cpuPercent) / clients;
const kbPerClient = (m: Measured, clients: number) => (m.loaded.rss - m.idle.rss) / 1024 / clients;

function figures(ours: Measured, bare: Measured, clients: number, probes: number): Figure[] {
  const delivered = (m: Measured) =>
    `${(m.clients.frames / m.clients.seconds / clients).toFixed(1)} frames/s and ${(m.clients.updates / m.clients.seconds / clients).toFixed(0)} updates/s per client, ` +
    `${(m.clients.bytes / m.clients.frames).toFixed(0)} B/frame, ${m.clients.open}/${clients} open at the end, ${m.clients.undecodable} undecodable`;
  const common = `${clients} read-only WebSocket clients in ${Math.ceil(clients / CLIENTS_PER_LOADER)} load process(es) + 1 Chromium page; demo PBX (${AGENTS} agents) making ${CHANGES_PER_SECOND} extension state changes/s`;
  return [
    figure({
      id: 'fanout.latency.p50',
      label: `event → DOM among ${clients} clients, p50`,
      unit: 'ms',
      ours: percentile(ours.latencies, 50),
      reference: { label: 'bare ws broadcast → data-status p50', value: percentile(bare.latencies, 50) },
      higherIsBetter: false,
      note: `${common}; ${probes} probes 150 ms apart, ${ours.missing} not matched (bare ${bare.missing}). Ours: ${delivered(ours)}. Bare: ${delivered(bare)}`,
    }),
    figure({
      id: 'fanout.latency.p99',
      label: `event → DOM among ${clients} clients, p99`,
      unit: 'ms',
      ours: percentile(ours.latencies, 99),
      reference: { label: 'bare ws broadcast → data-status p99', value: percentile(bare.latencies, 99) },
      higherIsBetter: false,
      target: { on: 'ours', op: '<=', value: 150, text: 'p99 ≤ 150 ms' },
    }),
    figure({
      id: 'fanout.core.cpu',
      label: `core CPU with ${clients} clients`,
      unit: '% core',
      ours: ours.loaded.cpuPercent,
      reference: { label: 'bare ws broadcast process', value: bare.loaded.cpuPercent },
      higherIsBetter: false,
      note: `with only the Chromium page (mean of a window before the clients and one after): ours ${ours.idle.cpuPercent.toFixed(1)}%, bare ${bare.idle.cpuPercent.toFixed(1)}% (/proc/<pid>/stat over each window)`,
    }),
    figure({
      id: 'fanout.core.cpuPerClient',
      label: 'core CPU per client (N clients − 0 clients) / N',
      unit: '% core',
      ours: cpuPerClient(ours, clients),
      reference: { label: 'bare ws broadcast per client', value: cpuPerClient(bare, clients) },
      higherIsBetter: false,
    }),
    figure({
      id: 'fanout.core.rssPerClient',
      label: 'core RSS per client (N clients − 0 clients) / N',
      unit: 'KB',
      ours: kbPerClient(ours, clients),
      reference: { label: 'bare ws broadcast per client', value: kbPerClient(bare, clients) },
      higherIsBetter: false,
      note: `RSS (median of 250 ms samples) ours ${(ours.idle.rss / MB).toFixed(1)} → ${(ours.loaded.rss / MB).toFixed(1)} MB, bare ${(bare.idle.rss / MB).toFixed(1)} → ${(bare.loaded.rss / MB).toFixed(1)} MB`,
    }),
  ];
}

function clientCount(quick: boolean): number {
  const flag = process.argv.find((a) => a.startsWith('--clients='));
  return flag ? Number(flag.slice('--clients='.length)) : quick ? 50 : 500;
}

export const fanoutBench: BenchDefinition = {
  name: 'fanout',
  description: 'one `callboard serve` feeding N read-only WebSocket clients (500; --quick 50; --clients=N) at 200 changes/s: a Chromium page event → DOM among them, core CPU and RSS per client, vs a bare ws broadcast',
  pending: () => (!existsSync(webIndex) ? 'the renderer is not built (npm run build:web)' : !existsSync(demoFile) ? 'no demo PBX yet' : undefined),
  async run({ quick, log }) {
    const clients = clientCount(quick);
    const probes = quick ? 40 : 120;
    const idleMs = quick ? 5_000 : 10_000;
    const browser = await chromium.launch(chromiumOrExit());
    try {
      const ours = await measureOurs(browser, clients, probes, idleMs, log);
      const bare = await measureBare(browser, clients, probes, idleMs, ours.clients, log);
      return figures(ours, bare, clients, probes);
    } finally {
      await browser.close();
    }
  },
};
