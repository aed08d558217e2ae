import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const rendererDir = join(import.meta.dirname, '../renderer');
const devUrl = process.env.ELECTRON_RENDERER_URL;

/** Our own pages only: the dev server in development, the bundled files otherwise. */
export function isTrustedUrl(url: string): boolean {
  if (devUrl && url.startsWith(devUrl)) return true;
  return url.startsWith(pathToFileURL(rendererDir).href);
}

export function createMainWindow(preload: string, hash = '/agents'): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: '电话监控台 Callboard',
    backgroundColor: '#0f172a',
    webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
  });
  if (devUrl) void window.loadURL(`${devUrl}#${hash}`);
  else void window.loadFile(join(rendererDir, 'index.html'), { hash });
  return window;
}
