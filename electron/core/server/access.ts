import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Caller } from '../app/dispatcher';

export interface AccessPolicy {
  /** Operator token for the web UI; requests carrying it may act. Without one, loopback clients act and LAN clients read. */
  token?: string;
  /**
   * Every request is this caller: the desktop's own windows over the app://
   * protocol, which no other page can reach (there is no socket to connect to).
   */
  fixedCaller?: Caller;
}

/**
 * Who is calling over HTTP/WebSocket. A matching `Authorization: Bearer <token>`
 * (or `?token=` for WebSockets, which browsers cannot give headers) grants `act`;
 * with no token configured, a loopback client is the supervisor at the desk and
 * may act. Everyone else — the TV on the LAN — is read-only.
 */
export function callerOf(req: IncomingMessage, policy: AccessPolicy): Caller {
  if (policy.fixedCaller) return policy.fixedCaller;
  const remote = req.socket.remoteAddress ?? 'unknown';
  const presented = bearer(req) ?? new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? undefined;
  if (policy.token && presented && sameSecret(presented, policy.token)) return { role: 'act', who: `web:${remote}` };
  if (!policy.token && isLoopback(remote)) return { role: 'act', who: `web:${remote}` };
  return { role: 'read', who: `web:${remote}` };
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
