import { BrowserWindow, type Rectangle } from 'electron';
import { join } from 'node:path';
import type { Logger } from '../core/base/logger';
import { appPageUrl } from '../core/security/app-protocol';
import { trustedUrlMatcher } from '../core/security/navigation';
import { ReloadGuard } from '../core/security/reload-guard';

/** The bundled renderer, served as app://callboard by main's protocol handler. */
export const rendererDir = join(import.meta.dirname, '../renderer');
export const devServerUrl = process.env.ELECTRON_RENDERER_URL;

/** Our own pages only: the dev server in development, app://callboard otherwise (core/security/navigation.ts). */
export const isTrustedUrl = trustedUrlMatcher(devServerUrl);

const isolated = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
};
const webPreferences = (preload: string) => ({ ...isolated, preload });

/** The supervisor console. `route` is the hash route, e.g. `/agents`. */
export function createMainWindow(preload: string, route: string, log: Logger): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: '电话监控台 Callboard',
    backgroundColor: '#0f172a',
    webPreferences: webPreferences(preload),
  });
  load(window, route);
  reloadOnCrash(window, route, log);
  return window;
}

/** A kiosk wallboard filling one display (`--wallboard[=queue] --display=N`). */
export function createWallboardWindow(preload: string, route: string, bounds: Rectangle | undefined, log: Logger): BrowserWindow {
  const window = new BrowserWindow({
    ...(bounds ?? {}),
    title: '电话监控台 Callboard — wallboard',
    backgroundColor: '#0f172a',
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    webPreferences: webPreferences(preload),
  });
  load(window, route);
  reloadOnCrash(window, route, log);
  return window;
}

/**
 * A small window saying the cache is upgrading (core/app/upgrade-notice.ts), shown and painted before
 * the upgrade starts: the migration runs on this process's thread, so nothing is drawn meanwhile
 * but what the page's own CSS animates. No preload, no script.
 */
export async function showUpgradeNotice(html: string): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    width: 560,
    height: 220,
    title: '电话监控台 Callboard',
    backgroundColor: '#0f172a',
    frame: false,
    resizable: false,
    show: false,
    webPreferences: { ...isolated, javascript: false },
  });
  const shown = new Promise<void>((resolve) => window.once('ready-to-show', () => resolve()));
  await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  await shown;
  window.show();
  // One frame or two on screen before the thread is taken.
  await new Promise((resolve) => setTimeout(resolve, 150));
  return window;
}

function load(window: BrowserWindow, route: string): void {
  if (devServerUrl) void window.loadURL(`${devServerUrl}#${route}`);
  else void window.loadURL(appPageUrl(route));
}

/** A dead renderer (crash, OOM, killed) is reloaded, unless it keeps dying (ReloadGuard). */
function reloadOnCrash(window: BrowserWindow, route: string, log: Logger): void {
  const guard = new ReloadGuard();
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    if (guard.shouldReload()) load(window, route);
    else log.error('renderer keeps crashing: not reloading again (see the log above)');
  });
  window.webContents.on('unresponsive', () => log.warn('renderer unresponsive'));
}
