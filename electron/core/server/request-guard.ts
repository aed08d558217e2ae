import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { appOrigin } from '../security/app-protocol';

/**
 * Which requests the console's own pages could have sent. Another site's page in
 * the supervisor's browser can post forms and `no-cors` fetches to 127.0.0.1, open
 * WebSockets to it, or rebind its own name to 127.0.0.1 and read answers as "same
 * origin". The checks here refuse each of those:
 *
 * - Host must be a name this server answers to. DNS rebinding needs the attacker's
 *   own host name, so loopback names, IP literals (a page can only have an IP origin
 *   by being served from that address, i.e. from us), the bind address and the
 *   configured public names pass; any other name is refused, for every request.
 * - Origin, when a browser sends one (always on POST and WebSocket upgrades), must
 *   be the console's own (`http(s)://<Host>`) or the desktop shell's app://callboard.
 * - Sec-Fetch-Site `cross-site`/`same-site` on /api is refused: another site (or
 *   another port of this host) embedding an export, a recording or the snapshot.
 * - A state-changing request without Origin must show it is not a simple cross-site
 *   request: JSON (application/json needs a CORS preflight, which is never granted)
 *   or an Authorization header. Scripts and curl with the token pass; forms do not.
 */
export interface RequestGuardOptions {
  /** The address the server binds to (a specific one is also a served name). */
  bindHost?: string;
  /** Names the console is reached by besides loopback and IP literals (`--public-host`). */
  publicHosts?: readonly string[];
  /**
   * The desktop's in-process app:// channel: no socket, only our own windows reach it,
   * so a state-changing request without Origin is not suspicious there.
   */
  isInProcess?: boolean;
}

export type GuardRefusal = { status: number; message: string };

/** Origins besides the request's own that may drive the core. */
const extraOrigins = new Set([appOrigin]);

export function hostnameOf(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1]!;
  // An unbracketed IPv6 literal has several colons; host:port has one.
  const name = host.split(':').length > 2 ? host : host.replace(/:\d+$/, '');
  return name.replace(/\.$/, '');
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

export function createRequestGuard(options: RequestGuardOptions = {}) {
  const names = new Set((options.publicHosts ?? []).map((name) => hostnameOf(name)));
  if (options.bindHost && !isWildcard(options.bindHost)) names.add(hostnameOf(options.bindHost));

  function isServedHost(hostHeader: string | undefined): boolean {
    if (!hostHeader) return false;
    const hostname = hostnameOf(hostHeader);
    return isIP(hostname) !== 0 || isLoopbackName(hostname) || names.has(hostname);
  }

  function isOwnOrigin(origin: string, hostHeader: string): boolean {
    const value = origin.trim().toLowerCase();
    if (extraOrigins.has(value)) return true;
    const host = hostHeader.trim().toLowerCase();
    return value === `http://${host}` || value === `https://${host}`;
  }

  /** Every request: the Host is ours, and /api is not fetched from another site. */
  function checkRequest(req: IncomingMessage, path: string): GuardRefusal | undefined {
    const host = req.headers.host;
    if (!isServedHost(host)) return { status: 421, message: `Host ${host ?? '(none)'} is not served here (add it with --public-host)` };
    const site = req.headers['sec-fetch-site'];
    if (path.startsWith('/api/') && (site === 'cross-site' || site === 'same-site')) {
      return { status: 403, message: 'requests from other sites are refused' };
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, host!)) return { status: 403, message: `Origin ${origin} may not use this console` };
    return undefined;
  }

  /** A request that changes state: also proof that it did not come from a simple cross-site request. */
  function checkStateChange(req: IncomingMessage, { requireJson }: { requireJson: boolean }): GuardRefusal | undefined {
    const isJson = contentTypeOf(req) === 'application/json';
    if (requireJson && !isJson) return { status: 415, message: 'send the body as Content-Type: application/json' };
    if (req.headers.origin !== undefined || options.isInProcess || isJson || req.headers.authorization) return undefined;
    return { status: 403, message: 'a state-changing request needs an Origin or an Authorization header' };
  }

  /** The WebSocket upgrade: Host and Origin as for any request (it can act). */
  function checkUpgrade(req: IncomingMessage): GuardRefusal | undefined {
    return checkRequest(req, '/api/ws');
  }

  return { checkRequest, checkStateChange, checkUpgrade, isServedHost };
}

export type RequestGuard = ReturnType<typeof createRequestGuard>;

function contentTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}
