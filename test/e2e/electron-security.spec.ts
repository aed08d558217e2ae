import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary, isElectronBuilt } from './support/electron-binary';

// Skips exactly like electron-app.spec.ts when the Electron binary or the bundle is absent.

const binary = electronBinary();
const isBuilt = isElectronBuilt();

async function launch(extra: string[] = []): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary.path,
    args: ['out/main/index.js', '--no-sandbox', `--data-dir=${mkdtempSync(join(tmpdir(), 'callboard-electron-'))}`, '--no-receiver', ...extra],
  });
}

test.describe('desktop hardening', () => {
  test.skip(!binary.path, binary.reason ?? '');
  test.skip(!isBuilt, 'the Electron bundle is not built: run `npm run build` first');

  test('the renderer has no Node, and cannot navigate away or open windows', async () => {
    const app = await launch();
    const page = await app.firstWindow();
    await expect(page.getByTestId('agents-view')).toBeVisible();
    const globals = await page.evaluate(() => ({ require: typeof (globalThis as { require?: unknown }).require, process: typeof (globalThis as { process?: unknown }).process }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined' });
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    const opened = await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    // The CSP refuses inline script even if something managed to inject it.
    const inlineRan = await page.evaluate(() => {
      type Doc = { createElement(tag: string): { textContent: string }; head: { append(node: unknown): void } };
      const doc = (globalThis as unknown as { document: Doc }).document;
      const script = doc.createElement('script');
      script.textContent = 'globalThis.__inline = 1';
      doc.head.append(script);
      return (globalThis as unknown as { __inline?: number }).__inline === 1;
    });
    expect(inlineRan).toBe(false);
    await app.close();
  });

  test('the page is served from app://callboard, and its downloads and uploads reach the core there', async () => {
    const app = await launch();
    const page = await app.firstWindow();
    await expect(page.getByTestId('agents-view')).toBeVisible();
    expect(new URL(page.url()).origin).toBe('app://callboard');
    const exchange = await page.evaluate(async () => {
      const exported = await fetch('/api/export/report.csv?q=' + encodeURIComponent(JSON.stringify({ from: 0, to: Date.now(), dimension: 'total', grain: 'all' })));
      const body = '{"event":"cdr","uniqueid":"e2e.1","source":"801","destination":"802","starttime":"2026-11-20 10:00:00","endtime":"2026-11-20 10:01:00","disposition":"ANSWERED","duration":60,"billableseconds":50}\n';
      const imported = await fetch('/api/import?format=jsonl&name=e2e.jsonl', { method: 'POST', body: new File([body], 'e2e.jsonl') });
      return { exportStatus: exported.status, disposition: exported.headers.get('content-disposition'), importStatus: imported.status };
    });
    expect(exchange.exportStatus).toBe(200);
    expect(exchange.disposition).toMatch(/^attachment;/);
    expect(exchange.importStatus).toBe(202);
    await app.close();
  });

  test('a crashed renderer is reloaded', async () => {
    const app = await launch();
    const page = await app.firstWindow();
    await expect(page.getByTestId('agents-view')).toBeVisible();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
    await expect.poll(async () => app.evaluate(({ BrowserWindow }) => !BrowserWindow.getAllWindows()[0]!.webContents.isCrashed()), { timeout: 15_000 }).toBe(true);
    await expect((await app.firstWindow()).getByTestId('agents-view')).toBeVisible();
    await app.close();
  });

  test('--wallboard=630 opens a kiosk on the wallboard route', async () => {
    const app = await launch(['--wallboard=630']);
    const page = await app.firstWindow();
    expect(page.url()).toContain('#/wallboard?queue=630');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isKiosk())).toBe(true);
    await app.close();
  });
});
