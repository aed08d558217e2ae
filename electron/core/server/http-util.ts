import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export type BodyResult = { ok: true; text: string } | { ok: false; status: number; message: string };

/** Read a request body up to `limit` bytes; larger bodies are refused with 413 without buffering them. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve({ ok: false, status: 413, message: `Body larger than ${limit} bytes` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let isTooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) isTooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(isTooLarge ? { ok: false, status: 413, message: `Body larger than ${limit} bytes` } : { ok: true, text: Buffer.concat(chunks).toString('utf8') }),
    );
    req.on('error', (error) => resolve({ ok: false, status: 400, message: error.message }));
  });
}
