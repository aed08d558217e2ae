import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContractError } from '../contract';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
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

/** The HTTP status of a contract error. */
export function statusOf(code: ContractError['code']): number {
  if (code === 'forbidden') return 403;
  if (code === 'unknown_method') return 404;
  if (code === 'internal') return 500;
  if (code === 'rate_limited') return 429;
  if (code === 'busy') return 503;
  return 400;
}

/** A refused read's Retry-After header (rate_limited, busy). */
export function retryAfter(error: ContractError): Record<string, string> {
  return error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
}
