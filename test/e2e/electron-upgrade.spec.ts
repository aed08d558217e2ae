import { test, expect, _electron as electron } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFileOf } from '../../electron/core/config/config';
import { listMigrations, openDatabase } from '../../electron/core/store/database';
import { electronBinary, isElectronBuilt } from './support/electron-binary';

const binary = electronBinary();
const isBuilt = isElectronBuilt();

test('a cache from an older version upgrades behind a notice window, then the console opens', async () => {
  test.skip(!binary.path, binary.reason ?? '');
  test.skip(!isBuilt, 'the Electron bundle is not built: run `npm run build` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'callboard-electron-upgrade-'));
  openDatabase(cacheFileOf(dataDir), { upTo: 14 }).close();
  const latest = Math.max(...listMigrations().map((migration) => migration.version));
  const app = await electron.launch({ executablePath: binary.path, args: ['out/main/index.js', '--no-sandbox', `--data-dir=${dataDir}`, '--no-receiver'] });
  const notice = await app.firstWindow();
  expect(decodeURIComponent(notice.url())).toContain(`版本 14 → ${latest}`);
  const consoleWindow = await app.waitForEvent('window');
  await expect(consoleWindow.getByTestId('agents-view')).toBeVisible();
  await expect.poll(() => app.windows().length).toBe(1);
  await app.close();
});
