import { test, expect, type Page } from '@playwright/test';
import { startOwnStack, type OwnStack } from './support/own-stack';
import { screenshotDir } from './support/console-env';
import { defaultBoard } from '../../electron/core/contract';

// A board made on the Board layouts page is what a TV opened at #/tv?board=<name> shows:
// exactly its tiles, in its order, its queue and chart; an edit reaches the open TV (a
// read-only client, as a TV on the LAN is) without a reload.

const token = 'boards-operator';
let stack: OwnStack;
test.beforeAll(async () => {
  stack = await startOwnStack(10, { token });
  // One caller waits in 630 (its members ring and never answer while the clock stands still).
  stack.pbx.placeInboundCall({ queue: '630' });
  stack.pbx.step(3_000);
});
test.afterAll(async () => {
  await stack?.close();
});

const tileIds = (page: Page, queue: string) =>
  page.getByTestId(`queue-board-${queue}`).locator('[data-testid^="kpi-"]').evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-testid')));

async function openEditor(page: Page): Promise<void> {
  await page.goto(`${stack.baseUrl}/?token=${token}#/boards`);
  await page.getByTestId('core-link').and(page.locator('[data-state="open"]')).waitFor();
}

test('a board made in the editor is what its TV shows, and the TV follows an edit without a reload', async ({ browser }) => {
  const desk = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });
  const editor = await desk.newPage();
  await openEditor(editor);
  await expect(editor.getByTestId('boards-empty')).toBeVisible();

  await editor.getByTestId('board-new').click();
  await editor.getByTestId('board-name').fill('front-desk');
  await editor.getByTestId('board-title').fill('前台');
  await editor.getByTestId('board-queue-630').check();
  // Keep two tiles: waiting and service level, service level first.
  const keep = new Set(['waiting', 'serviceLevel']);
  const kinds = await editor.getByTestId('board-tiles').locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-testid')!.replace('board-tile-', '')));
  for (const kind of kinds.filter((k) => !keep.has(k))) await editor.getByTestId(`board-tile-remove-${kind}`).click();
  await editor.getByTestId('board-tile-up-serviceLevel').click();
  await editor.getByTestId('board-chart').selectOption('hours');
  // The preview draws the draft with the TV's own board component.
  expect(await tileIds(editor.getByTestId('board-preview') as unknown as Page, '630')).toEqual(['kpi-service-level', 'kpi-waiting']);
  await editor.getByTestId('board-save').click();
  await expect(editor.getByTestId('board-status')).toContainText('已保存');

  // The TV address is this core's, without the operator's token.
  const address = await editor.getByTestId('board-tv-address').inputValue();
  expect(address).toBe(`${stack.baseUrl}/#/tv?board=front-desk`);
  await editor.screenshot({ path: `${screenshotDir}/board-editor.zh-CN.png`, fullPage: true });

  const wall = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const tv = await wall.newPage();
  await tv.goto(address);
  await expect(tv.getByTestId('tv-view')).toHaveAttribute('data-board', 'front-desk');
  await expect(tv.getByTestId('tv-view')).toHaveAttribute('data-queue', '630');
  await expect(tv.getByTestId('tv-board-title')).toHaveText('前台');
  await expect.poll(() => tileIds(tv, '630')).toEqual(['kpi-service-level', 'kpi-waiting']);
  await expect(tv.getByTestId('queue-chart')).toHaveAttribute('data-panes', 'hours');
  await expect(tv.getByTestId('kpi-waiting').locator('.value')).toHaveText('1');
  await expect(tv.getByTestId('kpi-waiting')).toHaveAttribute('data-level', 'ok');
  await tv.screenshot({ path: `${screenshotDir}/tv-board.zh-CN.png` });

  // Edit: one more tile, no chart, and the board's own levels (amber from 0 waiting in 630).
  await editor.getByTestId('board-tile-add').selectOption('answered');
  await editor.getByTestId('board-chart').selectOption('none');
  await editor.getByTestId('board-own-thresholds').check();
  await editor.getByTestId('board-threshold-scope').selectOption('630');
  await editor.getByTestId('board-threshold-waitingAmber').fill('0');
  await editor.getByTestId('board-threshold-waitingAmber').blur();
  await editor.getByTestId('board-save').click();
  await expect(editor.getByTestId('board-status')).toContainText('已保存');

  await expect.poll(() => tileIds(tv, '630')).toEqual(['kpi-service-level', 'kpi-waiting', 'kpi-answered']);
  await expect(tv.getByTestId('queue-chart')).toHaveCount(0);
  await expect(tv.getByTestId('kpi-waiting')).toHaveAttribute('data-level', 'amber');
  // The Settings levels were not touched: the board carries its own.
  expect(await stack.core.dispatch('settings.thresholds', {}, { role: 'act', who: 'test' })).toEqual({ ok: true, result: {} });
  await tv.screenshot({ path: `${screenshotDir}/tv-board-edited.zh-CN.png` });

  // The desk's wallboard page shows the same board when picked.
  await editor.getByTestId('nav-wallboard').click();
  await editor.getByTestId('wallboard-board').selectOption('front-desk');
  await expect.poll(() => tileIds(editor, '630')).toEqual(['kpi-service-level', 'kpi-waiting', 'kpi-answered']);
  await expect(editor.getByTestId('queue-tab-630')).toHaveAttribute('aria-selected', 'true');
  await expect(editor.getByTestId('queue-tab-631')).toHaveCount(0);
  await editor.screenshot({ path: `${screenshotDir}/wallboard-board.zh-CN.png` });

  // A read-only screen sees the boards but cannot change them.
  const viewer = await wall.newPage();
  await viewer.goto(`${stack.baseUrl}/#/boards`);
  await expect(viewer.getByTestId('board-item-front-desk')).toBeVisible();
  await expect(viewer.getByTestId('board-save')).toBeDisabled();
  await expect(viewer.getByTestId('board-name')).toBeDisabled();

  await desk.close();
  await wall.close();
});

test('an unknown board name says so on the TV and lists the boards there are (en)', async ({ browser }) => {
  // Made by the first test; when that one failed, this worker's stack is new: made here (a second save is refused as existing).
  await stack.core.dispatch('boards.save', { board: { ...defaultBoard, name: 'front-desk', queues: ['630'], tiles: ['waiting'] } }, { role: 'act', who: 'test' });
  const context = await browser.newContext({ locale: 'en', viewport: { width: 1920, height: 1080 } });
  const tv = await context.newPage();
  await tv.goto(`${stack.baseUrl}/#/tv?board=lobby`);
  await expect(tv.getByTestId('tv-unknown-board')).toContainText('There is no board named “lobby”. Boards: front-desk.');
  // Meanwhile the TV does what it does without a board: all queues, then each queue.
  await expect(tv.getByTestId('tv-view')).toHaveAttribute('data-queue', '*');

  const editor = await context.newPage();
  await openEditor(editor);
  await editor.getByTestId('board-item-front-desk').click();
  await editor.getByTestId('board-duplicate').click();
  await expect(editor.getByTestId('board-name')).toHaveValue('front-desk-2');
  await editor.getByTestId('board-name').fill('lobby');
  await editor.getByTestId('board-save').click();
  await expect(editor.getByTestId('board-status')).toContainText('Saved');
  // The TV that asked for it finds it as soon as it exists.
  await expect(tv.getByTestId('tv-unknown-board')).toHaveCount(0);
  await expect(tv.getByTestId('tv-view')).toHaveAttribute('data-board', 'lobby');
  await editor.screenshot({ path: `${screenshotDir}/board-editor.en.png`, fullPage: true });

  // A board naming a queue the PBX does not have says which, and where to fix it.
  await stack.core.dispatch('boards.save', { board: { ...defaultBoard, name: 'ghost', queues: ['999'] } }, { role: 'act', who: 'test' });
  const ghost = await context.newPage();
  await ghost.goto(`${stack.baseUrl}/#/tv?board=ghost`);
  await expect(ghost.getByTestId('tv-unknown-queue')).toContainText('Board ghost names queue 999, which the PBX does not have');

  // Removing it (asked first) sends the TV back to the message.
  await editor.getByTestId('board-remove').click();
  await editor.getByTestId('board-remove-confirm').getByRole('button', { name: 'Delete' }).click();
  await expect(tv.getByTestId('tv-unknown-board')).toContainText('Boards: front-desk, ghost.');
  await context.close();
});
