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

const webPreferences = (preload: string) => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
});

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
