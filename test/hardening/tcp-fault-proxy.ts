import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy between Callboard and an AMI peer that can misbehave like a real
 * network: 'pass' forwards, 'freeze' stops forwarding both ways without closing
 * anything (a half-open connection: a dead switch, a suspended VM — no FIN ever
 * arrives), 'dribble' forwards the peer's bytes one by one on separate ticks.
 */
export class TcpFaultProxy {
  mode: 'pass' | 'freeze' | 'dribble' = 'pass';
  /** Bytes forwarded from the peer, for the dribble test. */
  bytesFromPeer = 0;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();

  private constructor(
    private readonly server: Server,
    readonly targetPort: () => number,
  ) {}

  static async start(targetPort: () => number): Promise<TcpFaultProxy> {
    const server = createServer();
    const proxy = new TcpFaultProxy(server, targetPort);
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get openConnections(): number {
    return this.pairs.size;
  }

  private accept(client: Socket): void {
    const upstream = connect(this.targetPort(), '127.0.0.1');
    const pair = { client, upstream };
    this.pairs.add(pair);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (chunk) => {
      if (this.mode !== 'freeze') upstream.write(chunk);
    });
    let queue = Promise.resolve();
    upstream.on('data', (chunk) => {
      if (this.mode === 'freeze') return;
      if (this.mode === 'pass') {
        this.bytesFromPeer += chunk.length;
        client.write(chunk);
        return;
      }
      queue = queue.then(async () => {
        for (const byte of chunk) {
          if (client.destroyed) return;
          client.write(Buffer.of(byte));
          this.bytesFromPeer += 1;
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
    });
  }

  /** Close every proxied connection at once (the peer restarting, seen from our side). */
  dropAll(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
