import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { httpPaths, type ClientFrame, type ServerFrame } from '../contract';
import type { Dispatch } from '../app/dispatcher';
import type { LiveModel } from '../live/model';
import type { Logger } from '../app/logger';
import { callerOf, type AccessPolicy } from './access';
import { LiveBatcher } from './live-batcher';
import { readBody, sendJson } from './http-util';
import { serveStatic } from './static-files';
import { clientKey, rateLimited, type TokenBucketLimiter } from '../security/rate-limit';
import { serveRecording, type OpenRecording } from './recording-route';
import { recordingsPath } from '../contract';
import type { Db } from '../store/database';
import { exportPathPrefix, serveExport } from './export-route';
import { importPath, serveImport } from './import-route';

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
  /** Serves GET /api/export/(calls|report).(csv|xlsx) from this cache, and POST /api/import into it. */
  exports?: { db: Db; timeZone: string };
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * The HTTP routes without a socket of their own: `startHttpServer` listens with
 * them, and the desktop serves its app:// protocol with them in-process
 * (server/in-process-fetch.ts), so downloads, imports and recordings take one path.
 */
export function createRequestListener(options: HttpServerOptions): RequestListener {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    route(req, res, options).catch((error: unknown) => {
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
  const server = createServer(createRequestListener(options));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxBodyBytes ?? 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== httpPaths.socket) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, req, options));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
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

async function route(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === httpPaths.health) {
    const ready = options.isReady();
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'starting' });
    return;
  }
  if (path === httpPaths.snapshot && req.method === 'GET') {
    sendJson(res, 200, options.model.snapshot());
    return;
  }
  if (path.startsWith(httpPaths.invoke)) {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'bad_request', message: 'Use POST' } });
      return;
    }
    const body = await readBody(req, options.maxBodyBytes ?? 1 << 20);
    if (!body.ok) {
      sendJson(res, body.status, { ok: false, error: { code: 'bad_request', message: body.message } });
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
    sendJson(res, reply.ok ? 200 : statusOf(reply.error.code), reply);
    return;
  }
  if (path.startsWith(recordingsPath) && options.recordings && (req.method === 'GET' || req.method === 'HEAD')) {
    await serveRecording(req, res, decodeURIComponent(path.slice(recordingsPath.length)), callerOf(req, options.access), options.recordings);
    return;
  }
  if (path.startsWith(exportPathPrefix) && options.exports) {
    await serveExport(req, res, path, callerOf(req, options.access), { ...options.exports, model: options.model });
    return;
  }
  if (path === importPath && options.exports) {
    await serveImport(req, res, callerOf(req, options.access), { ...options.exports, model: options.model });
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

function statusOf(code: string): number {
  if (code === 'forbidden') return 403;
  if (code === 'unknown_method') return 404;
  if (code === 'internal') return 500;
  return 400;
}

function attachSocket(ws: WebSocket, req: IncomingMessage, options: HttpServerOptions): void {
  const caller = callerOf(req, options.access);
  const remote = clientKey(req);
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  send({ t: 'hello', role: caller.role });
  const batcher = new LiveBatcher((updates) => send({ t: 'live', updates }));
  batcher.push({ kind: 'reset', snapshot: options.model.snapshot() });
  batcher.flush();
  const unsubscribe = options.model.subscribe((update) => batcher.push(update));
  // An empty batch now and then lets a quiet TV tell "nothing happens" from a half-open socket.
  const heartbeat = setInterval(() => send({ t: 'live', updates: [] }), HEARTBEAT_MS);
  ws.on('message', (data) => {
    let frame: ClientFrame;
    try {
      frame = JSON.parse(String(data)) as ClientFrame;
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
    unsubscribe();
    batcher.stop();
  });
}
