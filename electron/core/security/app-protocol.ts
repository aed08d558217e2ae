/**
 * The desktop renderer's own origin, app://callboard (Electron's security
 * checklist #18: a custom protocol instead of file://). Its pages, downloads,
 * uploads and recordings are answered in-process by the core's HTTP routes
 * (server/in-process-fetch.ts); nothing else on the machine can reach them.
 */
export const appScheme = 'app';
export const appHost = 'callboard';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Privileges for protocol.registerSchemesAsPrivileged: a standard, secure
 * origin (relative URLs, 'self' in the CSP, localStorage), fetch() for the
 * import upload, and streamed responses so <audio> can seek a recording.
 * No CORS, no service workers, no bypassing the CSP.
 */
export const appSchemePrivileges = { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } as const;

/** The app:// URL of a hash route of the bundled renderer. */
export function appPageUrl(route: string): string {
  return `${appOrigin}/index.html#${route}`;
}

/** Whether a URL is on our origin (Node's URL gives custom schemes a 'null' origin: compare scheme and host). */
export function isAppUrl(url: URL): boolean {
  return url.protocol === `${appScheme}:` && url.host === appHost && url.username === '' && url.password === '';
}
