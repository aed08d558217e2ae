import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenBucketLimiter } from '../base/token-bucket';

/** IPv4-mapped IPv6 (`::ffff:10.0.0.5`) and plain IPv4 count as one client. */
export function clientKey(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Wrap a Node request handler: over-rate requests get 429 with Retry-After and
 * their body is drained unread; the rest go to `handler`. Used in front of the
 * HTTP API and the push receiver (the vendor box retries a refused push).
 */
export function rateLimited(
  limiter: TokenBucketLimiter,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const key = clientKey(req);
    if (limiter.take(key)) {
      handler(req, res);
      return;
    }
    req.resume();
    const text = JSON.stringify({ status: 'error', ok: false, error: { code: 'rate_limited', message: 'too many requests' }, message: 'too many requests' });
    res.writeHead(429, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'retry-after': String(Math.max(1, limiter.retryAfterSeconds(key))),
    });
    res.end(text);
  };
}
