import { app, session, shell, type WebContents } from 'electron';
import type { Logger } from '../core/base/logger';
import { contentSecurityPolicy, isPermissionAllowed } from '../core/security/csp';
import { isExternalLinkAllowed } from '../core/security/navigation';

/**
 * Electron's security checklist, the parts that are per session and per
 * WebContents (SECURITY.md lists every point and where it is done):
 * CSP header on every response, permissions denied by default, no <webview>,
 * navigation only within our bundle, new windows never (links go to the
 * system browser, http(s) only).
 */
export function hardenApp(
  isTrustedUrl: (url: string) => boolean,
  devServerUrl: string | undefined,
  log: Logger,
  /** window.open of one of our own pages (the TV wallboard): main decides where it goes. */
  openOwnWindow?: (url: string) => void,
): void {
  const policy = contentSecurityPolicy({ devServerUrl });
  const defaultSession = session.defaultSession;
  // The dev server's pages; app:// responses carry the policy from the core (CoreOptions.appProtocol), and index.html a <meta> copy.
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    const isAllowed = isPermissionAllowed(permission);
    if (!isAllowed) log.warn(`denied permission request: ${permission}`);
    callback(isAllowed);
  });
  defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isTrustedUrl, log, openOwnWindow));
}

function hardenContents(contents: WebContents, isTrustedUrl: (url: string) => boolean, log: Logger, openOwnWindow?: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (openOwnWindow && isTrustedUrl(url)) {
      openOwnWindow(url);
      return { action: 'deny' };
    }
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    else log.warn(`blocked window.open(${url})`);
    return { action: 'deny' };
  });
  const lock = (event: { preventDefault(): void }, url: string) => {
    if (isTrustedUrl(url)) return;
    event.preventDefault();
    log.warn(`blocked navigation to ${url}`);
  };
  contents.on('will-navigate', lock);
  contents.on('will-redirect', lock);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview>');
  });
}
