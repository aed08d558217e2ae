import { pathToFileURL } from 'node:url';

/**
 * Decides which URLs are "our own pages": files inside the bundled renderer
 * folder, or — in development only — the Vite dev server's origin. Used for
 * navigation locks, the IPC sender check and window.open. Compares whole path
 * segments and exact origins, so `…/renderer-evil/` or `localhost:51730` do
 * not pass for `…/renderer` or `localhost:5173`.
 */
export function trustedUrlMatcher(rendererDir: string, devServerUrl?: string): (url: string) => boolean {
  const base = pathToFileURL(rendererDir).href.replace(/\/?$/, '/');
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin && parsed.origin === devOrigin) return true;
    if (parsed.protocol !== 'file:') return false;
    // Normalised by URL: "/a/../b" is already resolved, %2e%2e stays encoded (not a segment).
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.startsWith(base);
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
