import { isAppUrl } from './app-protocol';

/**
 * Decides which URLs are "our own pages": the app://callboard origin the
 * bundled renderer is served from, or — in development only — the Vite dev
 * server's origin. Used for navigation locks, the IPC sender check and
 * window.open. Exact scheme, host and port: `app://callboard.evil` or
 * `localhost:51730` do not pass, and file:// never does.
 */
export function trustedUrlMatcher(devServerUrl?: string): (url: string) => boolean {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin && parsed.origin === devOrigin) return true;
    return isAppUrl(parsed);
  };
}

/** Links a user may open in the system browser (never file:, javascript:, or custom schemes). */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
