import { createServer, request as httpRequest, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { duplexPair, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** A fetch-style handler: what Electron's `protocol.handle` wants. */
export type FetchHandler = (request: Request) => Promise<Response>;

export interface InProcessFetchOptions {
  /** Set on every response (the desktop's Content-Security-Policy). */
  responseHeaders?: Record<string, string>;
}

/**
 * Serves web `Request`s with the core's Node HTTP routes, through a real
 * `http.Server` fed an in-memory socket pair instead of a port: the desktop's
 * app:// pages get the same downloads, uploads (streamed both ways) and Range
 * replies as the headless server's clients, and nothing listens on the machine.
 */
export function inProcessFetch(listener: RequestListener, options: InProcessFetchOptions = {}): FetchHandler {
  const server = createServer(listener);
  return (request) =>
    new Promise<Response>((resolve, reject) => {
      const [clientEnd, serverEnd] = duplexPair();
      server.emit('connection', serverEnd);
      const url = new URL(request.url);
      const outgoing = httpRequest({
        createConnection: () => clientEnd,
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers: { ...Object.fromEntries(request.headers), host: url.host, connection: 'close' },
      });
      outgoing.once('error', reject);
      outgoing.once('response', (incoming) => {
        const hasBody = request.method !== 'HEAD' && incoming.statusCode !== 204 && incoming.statusCode !== 304;
        if (!hasBody) incoming.resume();
        const headers = headersOf(incoming.headers);
        for (const [name, value] of Object.entries(options.responseHeaders ?? {})) headers.set(name, value);
        const body = hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : null;
        resolve(new Response(body, { status: incoming.statusCode ?? 502, statusText: incoming.statusMessage, headers }));
      });
      if (!request.body) {
        outgoing.end();
        return;
      }
      // A body the route refuses early (413, connection closed) stops the upload; its answer is already on its way.
      pipeline(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), outgoing).catch(() => undefined);
    });
}

function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'connection' || name === 'transfer-encoding' || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
