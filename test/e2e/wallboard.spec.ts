import { test, expect } from '@playwright/test';
import { openConsole, screenshotDir } from './support/console-env';

test.use({ locale: 'zh-CN' });

interface SnapshotQueue {
  name: string;
  callers: unknown[];
  today: { offered: number };
}

test('the wallboard shows every queue and the totals of all queues', async ({ page, request }) => {
  const { queues } = (await (await request.get('/api/snapshot')).json()) as { queues: SnapshotQueue[] };
  await openConsole(page, 'wallboard');
  await expect(page.getByTestId('queue-board-*')).toBeVisible();
  for (const queue of queues) await expect(page.getByTestId(`queue-row-${queue.name}`)).toBeVisible();
  await expect(page.getByTestId('kpi-waiting')).toContainText(/\d+/);
  await expect(page.getByTestId('kpi-service-level')).toContainText(/%|—/);
  await expect(page.getByTestId('queue-chart')).toBeVisible();
  await page.screenshot({ path: `${screenshotDir}/wallboard-desktop.png` });
});

test('a queue tab narrows the wallboard to that queue and keeps it in the address', async ({ page, request }) => {
  const { queues } = (await (await request.get('/api/snapshot')).json()) as { queues: SnapshotQueue[] };
  test.skip(queues.length === 0, 'the demo PBX reported no queues');
  const name = queues[0]?.name as string;
  await openConsole(page, 'wallboard');
  await page.getByTestId(`queue-tab-${name}`).click();
  await expect(page.getByTestId(`queue-board-${name}`)).toBeVisible();
  expect(page.url()).toContain(`queue=${name}`);
});

test.describe('TV', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('TV mode fills the screen in the dark theme and rotates between queues', async ({ page, request }) => {
    const { queues } = (await (await request.get('/api/snapshot')).json()) as { queues: SnapshotQueue[] };
    await page.goto('/#/tv?rotate=3');
    const tv = page.getByTestId('tv-view');
    await expect(tv).toBeVisible();
    await expect(tv).toHaveClass(/theme-dark/);
    await expect(page.getByTestId('side-nav')).toHaveCount(0);
    await expect(page.locator('[data-testid^="queue-board-"]')).toBeVisible();
    await page.waitForTimeout(1500); // let the chart and counters settle before the picture
    await page.screenshot({ path: `${screenshotDir}/wallboard-tv.png` });
    // The playlist is "all queues" then each queue: with none there is nothing to rotate to.
    if (queues.length === 0) {
      test.info().annotations.push({ type: 'note', description: 'no queues in the model: rotation not checked' });
      return;
    }
    const first = await tv.getAttribute('data-queue');
    await expect(tv).not.toHaveAttribute('data-queue', first ?? '', { timeout: 10_000 });
  });

  test('TV mode pinned to one queue stays on it', async ({ page, request }) => {
    const { queues } = (await (await request.get('/api/snapshot')).json()) as { queues: SnapshotQueue[] };
    test.skip(queues.length === 0, 'the demo PBX reported no queues');
    const name = queues[0]?.name as string;
    await page.goto(`/#/tv?queue=${name}&rotate=3`);
    await expect(page.getByTestId(`queue-board-${name}`)).toBeVisible();
    await page.waitForTimeout(4000);
    await expect(page.getByTestId('tv-view')).toHaveAttribute('data-queue', name);
  });
});
