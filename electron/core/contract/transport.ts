import type { Role } from './method';
import type { LiveUpdate } from './model';
import type { MethodName, ReplyOf, RequestOf } from './methods';

/** IPC channel names, shared by main and preload. */
export const ipcChannels = {
  invoke: 'callboard:invoke',
  live: 'callboard:live',
  // Asks main to send this window a reset snapshot, then live batches.
  subscribe: 'callboard:subscribe',
} as const;

/** Paths of the headless server, shared by the server and the renderer. */
export const httpPaths = {
  health: '/healthz',
  snapshot: '/api/snapshot',
  invoke: '/api/invoke/',
  socket: '/api/ws',
  /** GET <export><calls|report>.<csv|xlsx>?q=…&lang=… (server/export-route.ts). */
  export: '/api/export/',
  /** POST, the file as the body (server/import-route.ts). */
  import: '/api/import',
  /** GET <recordings><file>, with Range (server/recording-route.ts); the desktop maps it to app://. */
  recordings: '/api/recordings/',
} as const;

/** Where a recording named by cc_cdr `filePath` / cdr `recordfile` streams from. */
export function recordingUrl(file: string): string {
  return `${httpPaths.recordings}${encodeURIComponent(file)}`;
}

/** A failed call, as carried over either transport. */
export interface ContractError {
  /** rate_limited: this client asked too often (HTTP 429); busy: too many reads wait already (503). */
  code: 'bad_request' | 'unknown_method' | 'forbidden' | 'internal' | 'rate_limited' | 'busy';
  message: string;
  /** With rate_limited and busy: when to ask again (HTTP Retry-After). */
  retryAfterSeconds?: number;
}

/**
 * A read turned away for a short while (rate_limited / busy) is asked again after its Retry-After,
 * this many times, when the wait is at most this long: by the renderer's calls (api/read-retry.ts)
 * and, for a browser download that would save the refusal as a file, by the export route.
 */
export const readRetry = { times: 3, longestWaitSeconds: 5 } as const;

export type InvokeReply<M extends MethodName = MethodName> =
  | { ok: true; result: ReplyOf<M> }
  | { ok: false; error: ContractError };

/** Who asked, whichever transport carried the call. */
export interface Caller {
  /** What the transport's user may do: the desktop and token holders `act`, the LAN wallboard `read`. */
  role: Role;
  /** Who, for the audit log (e.g. "desktop", "web:192.168.1.20"). */
  who: string;
}

/** The one entry for every contract call (app/dispatcher.ts); errors come back as values. */
export type Dispatch = (name: string, params: unknown, caller: Caller) => Promise<InvokeReply>;

/** Messages on the WebSocket, both directions. */
export type ClientFrame = { t: 'invoke'; id: number; method: MethodName; params: unknown };
export type ServerFrame =
  | { t: 'reply'; id: number; reply: InvokeReply }
  | { t: 'live'; updates: LiveUpdate[] }
  | { t: 'hello'; role: 'read' | 'act' };

/** What the renderer gets from either transport (`window.callboard` on the desktop). */
export interface Bridge {
  invoke<M extends MethodName>(method: M, params: RequestOf<M>): Promise<InvokeReply<M>>;
  /** Live updates; returns an unsubscribe function. The first batch after subscribing is a reset. */
  subscribe(listener: (updates: LiveUpdate[]) => void): () => void;
}
