import { app, BrowserWindow, dialog, protocol, screen, shell } from 'electron';
import { join } from 'node:path';
import { startCore, type Core } from '../core/app/core';
import { consoleLogger, redactingLogger, rotatingFileLogger, type Logger } from '../core/base/logger';
import { parseDesktopFlags, pickDisplay, type DesktopFlags } from '../core/config/desktop-flags';
import { loadConfig } from '../core/config/load';
import { cacheFileOf, redactConfig, type CoreConfig } from '../core/config/config';
import { applyStoredSecrets, secretValuesOf } from '../core/security/config-secrets';
import { startDemoPbxFor } from '../core/demo';
import { registerIpc } from './ipc';
import { desktopSecretStore } from './secret-cipher';
import type { SecretStore } from '../core/security/secret-store';
import { hardenApp } from './security';
import { isExternalLinkAllowed } from '../core/security/navigation';
import { createMainWindow, createWallboardWindow, devServerUrl, isTrustedUrl, rendererDir, showUpgradeNotice } from './windows';
import { pendingUpgrade } from '../core/store/database';
import { upgradeNoticeHtml } from '../core/app/upgrade-notice';
import { appScheme, appSchemePrivileges, isAppUrl } from '../core/security/app-protocol';
import { contentSecurityPolicy } from '../core/security/csp';
import { saveDownloadsWithDialog } from './downloads';

// Electron glue only: flags, logs, secrets, the core, windows. Everything testable lives in electron/core.
const preload = join(import.meta.dirname, '../preload/index.cjs');
let secrets: string[] = [];
/** The one secret store of this process (withSecrets builds it; Settings stores AMI secrets in it). */
let secretStore: SecretStore | undefined;
const fileLog = rotatingFileLogger('main', { dir: join(app.getPath('userData'), 'logs'), echo: consoleLogger('main') });
const log: Logger = redactingLogger(fileLog, () => secrets);
let core: Core | undefined;
let stopDemo: (() => Promise<void>) | undefined;

// Before ready, or Chromium treats app:// as an opaque, non-secure scheme.
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0];
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  hardenApp(isTrustedUrl, devServerUrl, log, openTvWindow);
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  const flags = parseDesktopFlags(process.argv.slice(1));
  let config = withSecrets(loadConfig(flags.coreArgv, process.env, app.getPath('userData')));
  if (flags.isDemo) {
    // Demo mode: a simulated call center, its cache apart from the real one.
    const demo = await startDemoPbxFor({ ...config, dataDir: join(config.dataDir, 'demo') });
    config = demo.config;
    stopDemo = () => demo.pbx.close();
  }
  log.info(`starting (${flags.mode}); logs in ${fileLog.file}; configuration ${JSON.stringify(redactConfig(config))}`);
  if (flags.mode === 'headless') {
    core = await startCore(config, { log, serveHttp: true, webRoot: join(app.getAppPath(), 'out', 'web'), secrets: secretStore });
    secrets = secretValuesOf(core.config);
    log.info(`headless: open http://${config.http.host}:${core.http?.port}/`);
    app.dock?.hide();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void quit());
    return;
  }
  // An upgrade of a large cache takes a minute or more before any window could open: say so meanwhile.
  const upgrade = pendingUpgrade(cacheFileOf(config.dataDir));
  const notice = upgrade ? await showUpgradeNotice(upgradeNoticeHtml(upgrade, cacheFileOf(config.dataDir))) : undefined;
  core = await startCore(config, {
    log,
    serveHttp: false,
    secrets: secretStore,
    appProtocol: { webRoot: rendererDir, responseHeaders: { 'Content-Security-Policy': contentSecurityPolicy({ devServerUrl }) } },
  });
  // Connections stored in Settings bring their own AMI secrets: keep them out of the logs too.
  secrets = secretValuesOf(core.config);
  registerIpc(core, isTrustedUrl);
  const appFetch = core.appFetch!;
  protocol.handle(appScheme, (request) => (isAppUrl(new URL(request.url)) ? appFetch(request) : Promise.resolve(new Response(null, { status: 404 }))));
  saveDownloadsWithDialog(log);
  // Screen pop (api.conf pop_url): the CRM page for a ringing agent's caller, in the system browser.
  core.actions.onScreenPop((pop) => {
    if (isExternalLinkAllowed(pop.url)) void shell.openExternal(pop.url);
  });
  openWindow(flags);
  // Closed once the console's window exists: the last window closing would quit the app.
  notice?.destroy();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(flags);
  });
  app.on('window-all-closed', () => void quit());
}

function openWindow(flags: DesktopFlags): void {
  if (flags.mode !== 'wallboard') {
    createMainWindow(preload, flags.route, log);
    return;
  }
  const { display, warning } = pickDisplay(screen.getAllDisplays(), flags.wallboard?.display);
  if (warning) log.warn(warning);
  createWallboardWindow(preload, flags.route, display?.bounds, log);
}

/** The TV wallboard asked for from the console: fullscreen on another display than the console's, if there is one. */
function openTvWindow(url: string): void {
  const route = new URL(url).hash.slice(1) || '/tv';
  const consoleWindow = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const consoleDisplay = consoleWindow ? screen.getDisplayMatching(consoleWindow.getBounds()) : screen.getPrimaryDisplay();
  const other = screen.getAllDisplays().find((display) => display.id !== consoleDisplay.id);
  createWallboardWindow(preload, route, (other ?? consoleDisplay).bounds, log);
}

/** Secrets from the OS-protected store fill what flags and files leave empty; explicit ones are remembered. */
function withSecrets(config: CoreConfig): CoreConfig {
  try {
    secretStore = desktopSecretStore(config.dataDir, log);
    const filled = applyStoredSecrets(config, secretStore, { remember: true });
    secrets = secretValuesOf(filled);
    return filled;
  } catch (error) {
    log.error('secret store unreadable; continuing with the configured secrets only', error);
    secrets = secretValuesOf(config);
    return config;
  }
}

async function quit(): Promise<void> {
  try {
    await core?.close();
    await stopDemo?.();
  } finally {
    core = undefined;
    app.quit();
  }
}

function fail(error: unknown): void {
  log.error('start failed', error);
  dialog.showErrorBox('电话监控台 Callboard', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
