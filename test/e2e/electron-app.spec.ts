import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The Electron binary's path, or why there is none (CI sets ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
function electronBinary(): { path?: string; reason?: string } {
  try {
    const path = require('electron') as unknown as string;
    return existsSync(path) ? { path } : { reason: `Electron binary missing at ${path}` };
  } catch (error) {
    return { reason: `Electron binary not installed (${(error as Error).message.split('\n')[0]}); it is skipped on machines that set ELECTRON_SKIP_BINARY_DOWNLOAD=1` };
  }
}

const binary = electronBinary();
const isBuilt = existsSync('out/main/index.js');

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
