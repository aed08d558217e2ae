/**
 * The renderer's Content-Security-Policy. Everything the app runs comes from
 * its own bundle ('self'): no remote scripts, no eval, no plugins, no framing,
 * no form posts. Styles allow 'unsafe-inline' because Vue's scoped styles and
 * ECharts set style attributes; that admits CSS, never script. Media (call
 * recordings) may stream over http(s) from the recordings route or the PBX.
 * In development the Vite dev server and its HMR WebSocket are added.
 */
export function contentSecurityPolicy(options: { devServerUrl?: string } = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : undefined;
  const devOrigin = dev ? dev.origin : '';
  const devSocket = dev ? `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}` : '';
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'", devOrigin],
    'style-src': ["'self'", "'unsafe-inline'", devOrigin],
    'img-src': ["'self'", 'data:', devOrigin],
    'font-src': ["'self'", 'data:', devOrigin],
    'connect-src': ["'self'", devOrigin, devSocket],
    'media-src': ["'self'", 'blob:', 'http:', 'https:'],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.filter(Boolean).join(' ')}`)
    .join('; ');
}

/** Permissions the renderer may get; every other request (camera, geolocation, notifications, …) is denied. */
const allowedPermissions = new Set(['fullscreen', 'clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return allowedPermissions.has(permission);
}
