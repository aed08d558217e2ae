import type { IncomingMessage } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Caller } from '../contract';
import type { OperatorToken } from '../config/config';

export interface AccessPolicy {
  /** Unnamed operator token for the web UI; requests carrying it may act. Without any token, loopback clients act and LAN clients read. */
  token?: string;
  /** Named operator tokens: requests carrying one act as that operator. */
  tokens?: readonly OperatorToken[];
  /**
   * Every request is this caller: the desktop's own windows over the app://
   * protocol, which no other page can reach (there is no socket to connect to).
   */
  fixedCaller?: Caller;
}

/**
 * Who is calling over HTTP/WebSocket. A matching `Authorization: Bearer <token>`
 * (or `?token=` for WebSockets, which browsers cannot give headers) grants `act`:
 * a named operator's token is audited as `operator:<name>@<address>`, the
 * unnamed one as `web:<address>`. With no token configured, a loopback client
 * is the supervisor at the desk and may act. Everyone else — the TV on the
 * LAN, a wrong token — is read-only.
 */
export function callerOf(req: IncomingMessage, policy: AccessPolicy): Caller {
  if (policy.fixedCaller) return policy.fixedCaller;
  const remote = req.socket.remoteAddress ?? 'unknown';
  const presented = bearer(req) ?? new URL(req.url ?? '/', 'http://x').searchParams.get('token') ?? undefined;
  const named = policy.tokens ?? [];
  const hasTokens = !!policy.token || named.length > 0;
  if (presented && hasTokens) {
    const operator = matchingOperator(presented, policy.token || undefined, named);
    if (operator !== undefined) return { role: 'act', who: operator === '' ? `web:${remote}` : `operator:${operator}@${remote}` };
  }
  if (!hasTokens && isLoopback(remote)) return { role: 'act', who: `web:${remote}` };
  return { role: 'read', who: `web:${remote}` };
}

/**
 * The name of the operator whose token was presented ('' for the unnamed one),
 * undefined for none. Every token is compared, as digests of equal length, so
 * neither the time taken nor an early exit tells which one (or how long one) is close.
 */
function matchingOperator(presented: string, unnamed: string | undefined, named: readonly OperatorToken[]): string | undefined {
  const digest = digestOf(presented);
  let match: string | undefined;
  for (const { name, token } of named) if (timingSafeEqual(digest, digestOf(token)) && match === undefined) match = name;
  if (unnamed !== undefined && timingSafeEqual(digest, digestOf(unnamed)) && match === undefined) match = '';
  return match;
}

function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
