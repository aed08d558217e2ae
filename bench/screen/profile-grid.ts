// Where the agents page spends its main thread under churn: a CPU profile of
// the bench's fps scenario (2,000 agents, 200 changes/s), self time by function.
// npx tsx bench/screen/profile-grid.ts [seconds]
import { chromium } from 'playwright-core';
import { chromiumOrExit } from '../../scripts/chromium';
import { openConsole, startDemoAndCore } from './index';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }

const seconds = Number(process.argv[2] ?? 8);
const setup = await startDemoAndCore(2_000, 0);
const browser = await chromium.launch(chromiumOrExit());
try {
  const page = await openConsole(browser, setup.url, 'agents');
  await page.locator('[data-testid^="agent-card-"]').first().waitFor({ timeout: 60_000 });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  setup.pbx.send({ type: 'churn', perSecond: 200 });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber}`;
    byName.set(key, (byName.get(key) ?? 0) + us);
  }
  const idle = byName.get('(idle) :-1') ?? 0;
  console.log(`busy ${((total - idle) / 1000 / seconds).toFixed(0)} ms per s of ${seconds} s`);
  for (const [key, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(us / 1000 / seconds).toFixed(1).padStart(7)} ms/s  ${key}`);
  await page.close();
} finally {
  await browser.close();
  await setup.stop();
}
