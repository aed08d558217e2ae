import type { WebSocket } from 'ws';
import type { ServerFrame } from '../contract';

/**
 * Backpressure for one WebSocket client. A client that does not read (a frozen
 * tab, a TV whose Wi-Fi stalled, a hostile script) would otherwise make every
 * `ws.send` queue more bytes in the core for ever.
 */
export interface SocketLimits {
  /** Above this many bytes queued for the client, live batches wait (and keep coalescing). */
  lowWaterBytes: number;
  /** A client with this many bytes queued is dropped at once. */
  maxBufferedBytes: number;
  /** A client that has not drained below `lowWaterBytes` for this long is dropped. */
  maxStallMs: number;
}

export const defaultSocketLimits: SocketLimits = { lowWaterBytes: 256 * 1024, maxBufferedBytes: 8 * 1024 * 1024, maxStallMs: 30_000 };

export interface SocketSender {
  /** Sends unless the client is too far behind, in which case it is dropped. */
  send(frame: ServerFrame): void;
  /** The same for a frame already encoded as UTF-8 JSON (one live batch shared by many clients). */
  sendEncoded(frame: Buffer): void;
  /** Whether live batches may go now; false while the client's queue is above low water. */
  isReady(): boolean;
}

export function attachSocketSender(ws: WebSocket, limits: SocketLimits, onDrop: (reason: string) => void, clock: () => number = Date.now): SocketSender {
  let stalledSince: number | undefined;
  const drop = (reason: string) => {
    if (ws.readyState === ws.CLOSED) return;
    onDrop(reason);
    ws.terminate();
  };
  const write = (data: string | Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    // A text frame either way: the page reads JSON text, whether encoded here or once for everyone.
    ws.send(data, { binary: false });
    if (ws.bufferedAmount > limits.maxBufferedBytes) drop(`${ws.bufferedAmount} bytes queued (limit ${limits.maxBufferedBytes})`);
  };
  return {
    send: (frame) => write(JSON.stringify(frame)),
    sendEncoded: write,
    isReady() {
      if (ws.readyState !== ws.OPEN) return false;
      if (ws.bufferedAmount <= limits.lowWaterBytes) {
        stalledSince = undefined;
        return true;
      }
      const now = clock();
      stalledSince ??= now;
      if (now - stalledSince > limits.maxStallMs) drop(`not reading for ${now - stalledSince} ms`);
      return false;
    },
  };
}
