import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import type Manager from 'asterisk-manager';
import { AmiError } from './errors';
import { AmiFrameBound } from './frame-bound';

type AsteriskManager = ReturnType<typeof Manager>;

/**
 * Node publishes every client socket that `net.connect` creates on this
 * channel, synchronously, before `connect` returns (lib/net.js). It is the
 * public way to reach the socket `asterisk-manager` creates and keeps to itself
 * (its `context.connection`), without forking or patching the package.
 */
const CLIENT_SOCKET_CHANNEL = 'net.client.socket';

/**
 * `manager.connect(...)` with a byte bound on every frame the socket delivers
 * (AmiFrameBound). Past the bound the socket is destroyed — not ended: a
 * half-closed socket keeps reading, and asterisk-manager keeps buffering — and
 * `onOversize` gets an AmiError('frame_too_large'). Returns the socket, or
 * undefined if none was published (asterisk-manager reused an open one, or a
 * later version stopped using net.connect): the caller must then refuse to go
 * on unbounded.
 */
export function connectBounded(
  manager: AsteriskManager,
  target: { port: number; host: string },
  maxFrameBytes: number,
  onOversize: (error: AmiError) => void,
  callback: (error: Error | null) => void,
): Socket | undefined {
  let socket: Socket | undefined;
  const capture = (message: unknown): void => {
    socket ??= (message as { socket: Socket }).socket;
  };
  subscribe(CLIENT_SOCKET_CHANNEL, capture);
  try {
    // Synchronous: only the socket this call creates can be published meanwhile.
    manager.connect(target.port, target.host, callback);
  } finally {
    unsubscribe(CLIENT_SOCKET_CHANNEL, capture);
  }
  if (!socket) return undefined;
  const bounded = socket;
  const bound = new AmiFrameBound(maxFrameBytes);
  // Prepended: each read is counted before asterisk-manager buffers it (the
  // read that passes the bound still reaches it; the emit is under way).
  // asterisk-manager has set utf-8 decoding, as its own reader expects.
  bounded.prependListener('data', (chunk: string | Buffer) => {
    if (bounded.destroyed) return;
    const frameBytes = bound.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    if (frameBytes === 0) return;
    bounded.destroy();
    onOversize(
      new AmiError(
        'frame_too_large',
        `AMI peer sent a frame over the ${maxFrameBytes}-byte bound (${frameBytes} bytes since the last frame end); connection dropped`,
      ),
    );
  });
  return bounded;
}
