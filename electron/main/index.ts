import { app, BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { startCore, type Core } from '../core/app/core';
import { consoleLogger } from '../core/app/logger';
import { loadConfig, serveFlags } from '../core/config/load';
import { registerIpc } from './ipc';
import { createMainWindow, isTrustedUrl } from './windows';

// Electron glue only: settings, the core, windows. Everything testable lives in electron/core.
const log = consoleLogger('main');
let core: Core | undefined;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:') || url.startsWith('http:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
});

app.whenReady().then(async () => {
  // Chromium's own switches (--no-sandbox, …) share argv with ours: keep only Callboard's flags.
  const argv = process.argv.filter((arg) => arg.slice(2).split('=')[0]! in serveFlags);
  const config = loadConfig(argv, process.env, app.getPath('userData'));
  core = await startCore(config, { log, serveHttp: false });
  registerIpc(core, isTrustedUrl);
  createMainWindow(join(import.meta.dirname, '../preload/index.cjs'));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(join(import.meta.dirname, '../preload/index.cjs'));
  });
});

app.on('window-all-closed', () => {
  void core?.close().finally(() => app.quit());
});
