import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Listening {
  server: Server;
  port: number;
  /** Stops accepting and drops keep-alive connections, so tests and restarts do not wait for idle sockets. */
  close(): Promise<void>;
}

/**
 * Bounds for a listener that strangers can reach. Slow connections (slowloris:
 * headers a byte at a time, a body that never ends, sockets opened and left) each
 * hold a file descriptor, and descriptors are shared with the UI server and SQLite:
 * this listener holds at most `maxConnections`, `maxConnectionsPerIp` of them from
 * one address, and closes a request whose headers or body do not arrive in time.
 */
export interface ConnectionLimits {
  maxConnections: number;
  maxConnectionsPerIp: number;
  /** Whole request headers within this, from the connection's first byte or the previous request. */
  headersTimeoutMs: number;
  /** The whole request, body included, within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often Node looks for requests past their timeouts. */
  checkIntervalMs: number;
  /**
   * Addresses the listener is for (allowIps). Others share a few connections, enough
   * to be told 403 and why, never enough to crowd the allowed ones out.
   */
  isAllowed?: (address: string) => boolean;
}

/** Connections shared by every address outside `isAllowed`. */
const OUTSIDE_CONNECTIONS = 16;

export interface ConnectionStats {
  /** Connections turned away at the total or per-address cap. */
  dropped: number;
}

/** An HTTP server for `handler` on host:port (0 = ephemeral), resolved once it listens. */
export function listenHttp(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  host: string,
  port: number,
  limits?: ConnectionLimits,
  stats?: ConnectionStats,
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = limits
      ? createServer({ headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs }, handler)
      : createServer(handler);
    if (limits) applyLimits(server, limits, stats);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.5`) is the IPv4 address. */
export function normaliseIp(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function applyLimits(server: Server, limits: ConnectionLimits, stats: ConnectionStats = { dropped: 0 }): void {
  // Past the total Node closes new sockets at once (the 'drop' event), before any parsing.
  server.maxConnections = limits.maxConnections;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // A socket that sends nothing at all is not a request yet: no headers timer runs for it.
  server.timeout = limits.headersTimeoutMs;
  server.on('drop', () => (stats.dropped += 1));
  const perIp = new Map<string, number>();
  let outside = 0;
  server.on('connection', (socket: Socket) => {
    const ip = socket.remoteAddress ?? '';
    const open = (perIp.get(ip) ?? 0) + 1;
    const isOutside = limits.isAllowed !== undefined && !limits.isAllowed(normaliseIp(ip));
    if (open > limits.maxConnectionsPerIp || (isOutside && outside >= OUTSIDE_CONNECTIONS)) {
      stats.dropped += 1;
      socket.destroy();
      return;
    }
    perIp.set(ip, open);
    if (isOutside) outside += 1;
    socket.once('close', () => {
      if (isOutside) outside -= 1;
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left <= 0) perIp.delete(ip);
      else perIp.set(ip, left);
    });
  });
}
