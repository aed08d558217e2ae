// Child process: the load generator. `sockets` keep-alive HTTP/1.1
// connections, each POSTing one event and waiting for its whole answer before
// the next (as the vendor box does), `requests` in all after a warm-up. A
// minimal client on raw sockets (pre-built request bytes, Content-Length
// framing of the answers) so the client is not what limits the figure:
// node:http's own client tops out near the server's rate on 2 cores.
import { connect, type Socket } from 'node:net';
import { childMain, reply } from '../lib/child';
import { nowMs, percentile } from '../lib/stats';
import { pushBody } from './push-bodies';

function requestBytes(body: string): Buffer {
  const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return Buffer.from(head + body);
}

/** One keep-alive connection answering `send(bytes) → status` one request at a time. */
async function openConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let buffered: Buffer = Buffer.alloc(0);
  let waiting: ((status: number) => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const headEnd = buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = buffered.toString('latin1', 0, headEnd);
    const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (buffered.length < headEnd + 4 + length) return;
    buffered = buffered.subarray(headEnd + 4 + length);
    const status = Number(head.slice(9, 12));
    const done = waiting;
    waiting = undefined;
    done?.(status);
  });
  socket.on('error', (error) => failed?.(error));
  socket.on('close', () => failed?.(new Error('server closed the connection')));
  return {
    send: (bytes: Buffer) =>
      new Promise<number>((resolve, reject) => {
        waiting = resolve;
        failed = reject;
        socket.write(bytes);
      }),
    close: () => {
      failed = undefined;
      socket.destroy();
    },
  };
}

type Connection = Awaited<ReturnType<typeof openConnection>>;

async function drive(connections: Connection[], total: number, offset: number, latencies?: Float64Array) {
  let next = 0;
  let failures = 0;
  const worker = async (connection: Connection) => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const bytes = requestBytes(pushBody(offset + i));
      const start = nowMs();
      const status = await connection.send(bytes);
      if (latencies) latencies[i] = nowMs() - start;
      if (status !== 200) failures++;
    }
  };
  await Promise.all(connections.map(worker));
  return failures;
}

childMain(async () => {
  const [portText, requestsText, socketsText, warmupText] = process.argv.slice(2);
  const port = Number(portText);
  const total = Number(requestsText);
  const connections = await Promise.all(Array.from({ length: Number(socketsText ?? 16) }, () => openConnection(port)));
  await drive(connections, Number(warmupText ?? 2000), 1_000_000);
  const latencies = new Float64Array(total);
  const start = nowMs();
  const failures = await drive(connections, total, 0, latencies);
  const seconds = (nowMs() - start) / 1000;
  for (const connection of connections) connection.close();
  reply({ type: 'result', requests: total, seconds, failures, p50: percentile(latencies, 50), p99: percentile(latencies, 99) });
});
