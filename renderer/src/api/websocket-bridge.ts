import {
  httpPaths,
  type Bridge,
  type ClientFrame,
  type InvokeReply,
  type LiveUpdate,
  type MethodName,
  type RequestOf,
  type ServerFrame,
} from '@contract';
import { CoreLinkSignal } from './link-status';

/** Reconnect delays: quick first retry, then back off to a ceiling a TV can live with. */
const backoffMs = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

interface PendingInvoke {
  resolve: (reply: InvokeReply) => void;
  frame: ClientFrame;
}

/**
 * The contract over the headless server's WebSocket (transport.ts `ClientFrame`
 * / `ServerFrame`). Same `Bridge` interface as the preload bridge. Invokes are
 * matched to replies by numeric id; live batches fan out to subscribers; the
 * server sends a `reset` batch first on every (re)connect, so a reconnect
 * needs no extra bookkeeping here.
 */
export class WebSocketBridge implements Bridge {
  readonly link = new CoreLinkSignal({ state: 'connecting', since: Date.now(), role: 'read' });
  private socket?: WebSocket;
  private nextId = 1;
  private attempt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private isClosed = false;
  private readonly pending = new Map<number, PendingInvoke>();
  private readonly listeners = new Set<(updates: LiveUpdate[]) => void>();

  constructor(private readonly url: string) {
    this.connect();
  }

  invoke<M extends MethodName>(method: M, params: RequestOf<M>): Promise<InvokeReply<M>> {
    const frame: ClientFrame = { t: 'invoke', id: this.nextId++, method, params };
    return new Promise<InvokeReply<M>>((resolve) => {
      this.pending.set(frame.id, { resolve: resolve as (reply: InvokeReply) => void, frame });
      // While connecting the frame waits in `pending` and is sent on open.
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
    });
  }

  subscribe(listener: (updates: LiveUpdate[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stop for good: no more reconnects; invokes in flight are answered as disconnected (window teardown, tests). */
  close(): void {
    this.isClosed = true;
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
    this.failPending();
    this.link.set({ state: 'closed', retryAt: undefined });
  }

  /** Drop the socket now and retry at once (the "reconnect" button, tests). */
  reconnectNow(): void {
    clearTimeout(this.retryTimer);
    this.socket?.close();
    this.connect();
  }

  private connect(): void {
    this.link.set({ state: 'connecting', retryAt: undefined });
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.link.set({ state: 'open' });
      for (const { frame } of this.pending.values()) socket.send(JSON.stringify(frame));
    };
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.failPending();
      this.scheduleRetry();
    };
  }

  private receive(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return; // A frame we cannot read is dropped; the next reset repairs the model.
    }
    if (frame.t === 'live') {
      for (const listener of this.listeners) listener(frame.updates);
    } else if (frame.t === 'reply') {
      const waiting = this.pending.get(frame.id);
      this.pending.delete(frame.id);
      waiting?.resolve(frame.reply);
    } else if (frame.t === 'hello') {
      this.link.set({ role: frame.role });
    }
  }

  /** Requests in flight when the link drops are answered, not left hanging. */
  private failPending(): void {
    for (const { resolve } of this.pending.values()) {
      resolve({ ok: false, error: { code: 'internal', message: 'disconnected from Callboard core' } });
    }
    this.pending.clear();
  }

  private scheduleRetry(): void {
    if (this.isClosed) return;
    const delay = backoffMs[Math.min(this.attempt, backoffMs.length - 1)] ?? 15_000;
    this.attempt += 1;
    this.link.set({ state: 'closed', retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}

/** ws:// or wss:// to the page's own origin, so the same build works behind TLS. */
export function socketUrlFor(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${httpPaths.socket}`;
}
