import { test, expect, _electron as electron } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, isElectronBuilt } from './support/electron-binary';

const binary = electronBinary();
const isBuilt = isElectronBuilt();

test('the desktop app opens the agent grid through the preload bridge', async () => {
  test.skip(!binary.path, binary.reason ?? '');
  test.skip(!isBuilt, 'the Electron bundle is not built: run `npm run build` first');
  const app = await electron.launch({
    executablePath: binary.path,
    args: ['out/main/index.js', '--no-sandbox', `--data-dir=${mkdtempSync(join(tmpdir(), 'callboard-electron-'))}`, '--no-receiver'],
  });
  const window = await app.firstWindow();
  await expect(window.getByTestId('agents-view')).toBeVisible();
  const hasBridge = await window.evaluate(() => typeof (window as unknown as { callboard?: unknown }).callboard === 'object');
  expect(hasBridge).toBe(true);
  await app.close();
});
