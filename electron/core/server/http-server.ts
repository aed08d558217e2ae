import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TokenBucketLimiter } from '../base/token-bucket';
import { httpPaths, type ClientFrame, type Dispatch, type LiveUpdate, type ServerFrame } from '../contract';
import type { LiveModel } from '../live/model';
import type { Logger } from '../base/logger';
import { callerOf, type AccessPolicy } from './access';
import { LiveFanout } from './live-fanout';
import { readBody, retryAfter, sendJson, statusOf } from './http-util';
import { serveStatic } from './static-files';
import { clientKey, rateLimited } from '../security/rate-limit';
import { serveRecording, type OpenRecording } from './recording-route';
import { serveExport } from './export-route';
import { serveImport, type ImportRouteOptions } from './import-route';
import { createRequestGuard, type GuardRefusal, type RequestGuard, type RequestGuardOptions } from './request-guard';
import { snapshotFor, updateFor } from './public-view';
import { attachSocketSender, defaultSocketLimits, type SocketLimits } from './socket-sender';
import { MAX_JSON_DEPTH, nestingDepthExceeds } from '../security/json-depth';
import type { Reads } from '../store/reads';

const HEARTBEAT_MS = 15_000;

export interface HttpServerOptions {
  model: LiveModel;
  dispatch: Dispatch;
  log: Logger;
  access: AccessPolicy;
  /** Built renderer (out/web); absent → API only. */
  webRoot?: string;
  isReady: () => boolean;
  maxBodyBytes?: number;
  /** Requests (and WebSocket invokes) per remote IP; absent = no limit. */
  rateLimit?: TokenBucketLimiter;
  /** Streams a recording for GET /api/recordings/<file>. */
  recordings?: OpenRecording;
  /** The cache behind both GET /api/export/(calls|report).(csv|xlsx) and POST /api/import; absent = neither is served. */
  exportImport?: Pick<ImportRouteOptions, 'db' | 'timeZone' | 'store' | 'audit' | 'pbxs'>;
  /** The history read pool: exports run in it, and /healthz tells how busy it is. */
  reads?: Reads;
  /** Which Host and Origin headers are this console's own (request-guard.ts). */
  guard?: RequestGuardOptions;
  /** Backpressure of WebSocket clients (socket-sender.ts). */
  socketLimits?: Partial<SocketLimits>;
}

/** Framing the console (clickjacking an action button) is refused by every browser. */
const securityHeaders = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

function refuse(res: ServerResponse, refusal: GuardRefusal): void {
  sendJson(res, refusal.status, { ok: false, error: { code: refusal.status === 415 ? 'bad_request' : 'forbidden', message: refusal.message } });
}

export interface RunningHttpServer {
  server: Server;
  /** The WebSocket clients (diagnostics and tests). */
  sockets: WebSocketServer;
  port: number;
  close(): Promise<void>;
}

/**
 * The HTTP routes without a socket of their own: `startHttpServer` listens with
 * them, and the desktop serves its app:// protocol with them in-process
 * (server/in-process-fetch.ts), so downloads, imports and recordings take one path.
 */
export function createRequestListener(options: HttpServerOptions): RequestListener {
  const guard = createRequestGuard(options.guard);
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    route(req, res, options, guard).catch((error: unknown) => {
      // A malformed URL (bad %-escape) or a failing handler answers 400/500; it never takes the server down.
      const isBadUrl = error instanceof URIError;
      if (!isBadUrl) options.log.error(`HTTP ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) sendJson(res, isBadUrl ? 400 : 500, { ok: false, error: { code: isBadUrl ? 'bad_request' : 'internal', message: isBadUrl ? 'Malformed URL' : 'Internal error' } });
      else res.destroy();
    });
  };
  return options.rateLimit ? rateLimited(options.rateLimit, handle) : handle;
}

/**
 * The contract over the network for headless mode and the LAN wallboard:
 * GET /healthz, GET /api/snapshot, POST /api/invoke/<method>, WebSocket
 * /api/ws (hello, live batches, invoke/reply), and the built renderer.
 */
export async function startHttpServer(host: string, port: number, options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer(createRequestListener({ ...options, guard: { bindHost: host, ...options.guard } }));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxBodyBytes ?? 1 << 20 });
  const guard = createRequestGuard({ bindHost: host, ...options.guard });
  const fanout = new LiveFanout(options.model, encodeLive);
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== httpPaths.socket) {
      socket.destroy();
      return;
    }
    // Browsers send Origin on every WebSocket: another site's page is turned away here.
    const refusal = guard.checkUpgrade(req);
    if (refusal) {
      options.log.warn(`WebSocket from ${req.socket.remoteAddress ?? '?'} refused: ${refusal.message}`);
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.status === 421 ? 'Misdirected Request' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, req, options, fanout));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    sockets,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions, guard: RequestGuard): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const refusal = guard.checkRequest(req, path);
  if (refusal) {
    req.resume();
    return refuse(res, refusal);
  }
  if (path === httpPaths.health) {
    const ready = options.isReady();
    // How many history reads run and wait: a health check can see the pool working while this answers.
    const reads = options.reads?.stats();
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'starting', ...(reads ? { reads: { running: reads.running, queued: reads.queued } } : {}) });
    return;
  }
  if (path === httpPaths.snapshot && req.method === 'GET') {
    sendJson(res, 200, snapshotFor(options.model.snapshot(), callerOf(req, options.access).role));
    return;
  }
  if (path.startsWith(httpPaths.invoke)) {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'bad_request', message: 'Use POST' } });
      return;
    }
    const stateRefusal = guard.checkStateChange(req, { requireJson: true });
    if (stateRefusal) {
      req.resume();
      return refuse(res, stateRefusal);
    }
    const body = await readBody(req, options.maxBodyBytes ?? 1 << 20);
    if (!body.ok) {
      sendJson(res, body.status, { ok: false, error: { code: 'bad_request', message: body.message } });
      return;
    }
    if (nestingDepthExceeds(body.text, MAX_JSON_DEPTH)) {
      sendJson(res, 400, { ok: false, error: { code: 'bad_request', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` } });
      return;
    }
    let params: unknown;
    try {
      params = body.text.length ? JSON.parse(body.text) : {};
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'bad_request', message: 'Body is not JSON' } });
      return;
    }
    const reply = await options.dispatch(path.slice(httpPaths.invoke.length), params, callerOf(req, options.access));
    sendJson(res, reply.ok ? 200 : statusOf(reply.error.code), reply, reply.ok ? {} : retryAfter(reply.error));
    return;
  }
  if (path.startsWith(httpPaths.recordings) && options.recordings && (req.method === 'GET' || req.method === 'HEAD')) {
    await serveRecording(req, res, decodeURIComponent(path.slice(httpPaths.recordings.length)), callerOf(req, options.access), options.recordings);
    return;
  }
  if (path.startsWith(httpPaths.export) && options.exportImport) {
    await serveExport(req, res, path, callerOf(req, options.access), { ...options.exportImport, model: options.model, ...(options.reads ? { reads: options.reads } : {}) });
    return;
  }
  if (path === httpPaths.import && options.exportImport) {
    // An upload keeps its own content type, but still has to show where it comes from.
    const importRefusal = req.method === 'POST' ? guard.checkStateChange(req, { requireJson: false }) : undefined;
    if (importRefusal) {
      req.resume();
      return refuse(res, importRefusal);
    }
    await serveImport(req, res, callerOf(req, options.access), { ...options.exportImport, model: options.model });
    return;
  }
  if (path.startsWith('/api/')) {
    sendJson(res, 404, { ok: false, error: { code: 'unknown_method', message: `No route ${path}` } });
    return;
  }
  if (options.webRoot && (req.method === 'GET' || req.method === 'HEAD')) {
    serveStatic(options.webRoot, req, res);
    return;
  }
  sendJson(res, 404, { error: 'not found' });
}

function encodeLive(updates: LiveUpdate[]): Buffer {
  const frame: ServerFrame = { t: 'live', updates };
  return Buffer.from(JSON.stringify(frame));
}

function attachSocket(ws: WebSocket, req: IncomingMessage, options: HttpServerOptions, fanout: LiveFanout): void {
  const caller = callerOf(req, options.access);
  const remote = clientKey(req);
  const limits = { ...defaultSocketLimits, ...options.socketLimits };
  const sender = attachSocketSender(ws, limits, (reason) => options.log.warn(`WebSocket from ${caller.who} dropped: it fell behind (${reason})`));
  const { send } = sender;
  send({ t: 'hello', role: caller.role });
  const stopLive = fanout.stream(caller.role, (update) => updateFor(update, caller.role), {
    sendShared: sender.sendEncoded,
    send: (updates) => send({ t: 'live', updates }),
    canSend: sender.isReady,
  });
  // An empty batch now and then lets a quiet TV tell "nothing happens" from a half-open socket.
  const heartbeat = setInterval(() => sender.isReady() && send({ t: 'live', updates: [] }), HEARTBEAT_MS);
  ws.on('message', (data) => {
    const text = String(data);
    if (nestingDepthExceeds(text, MAX_JSON_DEPTH)) {
      options.log.warn(`ignored a WebSocket frame nested deeper than ${MAX_JSON_DEPTH} levels from ${caller.who}`);
      return;
    }
    let frame: ClientFrame;
    try {
      frame = JSON.parse(text) as ClientFrame;
    } catch {
      options.log.warn(`ignored a non-JSON WebSocket frame from ${caller.who}`);
      return;
    }
    if (frame?.t !== 'invoke' || typeof frame.id !== 'number') return;
    if (options.rateLimit && !options.rateLimit.take(remote)) {
      send({ t: 'reply', id: frame.id, reply: { ok: false, error: { code: 'bad_request', message: 'too many requests, slow down' } } });
      return;
    }
    void options.dispatch(String(frame.method), frame.params, caller).then((reply) => send({ t: 'reply', id: frame.id, reply }));
  });
  // ws closes the socket itself (e.g. 1009 for an oversized frame); without a listener the error would kill the process.
  ws.on('error', (error) => options.log.warn(`WebSocket from ${caller.who} dropped: ${error.message}`));
  ws.on('close', () => {
    clearInterval(heartbeat);
    stopLive();
  });
}
