import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumOrExit } from './scripts/chromium';

// The console specs run against `callboard demo`: the demo PBX and the headless
// core serving the built renderer, exactly what `npm run demo` gives a newcomer.
const httpPort = Number(process.env.CALLBOARD_E2E_HTTP_PORT ?? 18080);
const receiverPort = Number(process.env.CALLBOARD_E2E_RECEIVER_PORT ?? 18090);
process.env.CALLBOARD_RECEIVER_URL ??= `http://127.0.0.1:${receiverPort}/`;
process.env.CALLBOARD_WEBKEY ??= 'callboard-demo';
process.env.CALLBOARD_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'callboard-e2e-'));

// End-to-end tests drive CHROMIUM_PATH, a system Chromium/Chrome or Playwright's own (scripts/chromium.ts).
const browser = chromiumOrExit();

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  webServer: {
    command: `node bin/callboard.mjs demo --agents 40 --speed 4 --seed 3 --peak --http 127.0.0.1:${httpPort} --receiver 127.0.0.1:${receiverPort} --data-dir ${process.env.CALLBOARD_E2E_DATA_DIR}`,
    url: `http://127.0.0.1:${httpPort}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: `http://127.0.0.1:${httpPort}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: browser.executablePath,
      args: [...browser.args, '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    viewport: { width: 1440, height: 900 },
    trace: 'off',
  },
});
