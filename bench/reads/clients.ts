import { request, type IncomingHttpHeaders } from 'node:http';
import { wallToUtc } from '../../electron/core/base/time-zone';
import { readsData } from './reads-db';

// HTTP clients of the heavy-reads bench and hardening test: history readers that
// loop on searches and totals of millions of rows, and a health poller. Each reader
// has its own loopback address (127.0.0.x), so the core sees separate clients.

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Request sent → whole answer read, in ms. */
  ms: number;
}

export function send(base: string, path: string, options: { body?: unknown; localAddress?: string } = {}): Promise<Answer> {
  const url = new URL(path, base);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname, port: url.port, path: url.pathname + url.search, method: body === undefined ? 'GET' : 'POST',
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const localDay = (day: string) => wallToUtc(Date.parse(`${day}T00:00:00Z`), readsData.timeZone);
const monthFrom = localDay('2026-06-01');
const monthTo = localDay('2026-07-01');

/**
 * Reads that scan the cache: a substring search counting up to 100 000 matches (≈ 1 s on a
 * million calls here), a month's queue totals, and the whole cache's totals (tens of seconds).
 */
export const heavyReads = {
  search: { method: 'history.search', params: { filter: { callerNum: '99999', callerMatch: 'contains' }, page: { limit: 1000, totalCap: 100_000 } } },
  totals: { method: 'history.totals', params: { filter: { from: monthFrom, to: monthTo } } },
  allTotals: { method: 'history.totals', params: { filter: {} } },
} as const;

export function invoke(base: string, read: { method: string; params: unknown }, localAddress?: string): Promise<Answer> {
  return send(base, `/api/invoke/${read.method}`, { body: read.params, ...(localAddress ? { localAddress } : {}) });
}

export interface ReaderTally {
  done: number;
  refused: number;
}

/** Loops on `read` until `isDone()`, waiting out a 429/503's Retry-After. */
export async function readInLoop(base: string, read: { method: string; params: unknown }, localAddress: string, isDone: () => boolean): Promise<ReaderTally> {
  const tally: ReaderTally = { done: 0, refused: 0 };
  while (!isDone()) {
    const answer = await invoke(base, read, localAddress);
    if (answer.status === 200) tally.done += 1;
    else if (answer.status === 429 || answer.status === 503) {
      tally.refused += 1;
      await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after'] ?? 1) * 1000));
    } else throw new Error(`${read.method} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
  return tally;
}

export interface HealthSample {
  ms: number;
  status: number;
  /** History reads running in the core when it answered. */
  running: number;
}

/** GET /healthz every `intervalMs` until `isDone()`. */
export async function pollHealth(base: string, intervalMs: number, isDone: () => boolean): Promise<HealthSample[]> {
  const samples: HealthSample[] = [];
  while (!isDone()) {
    const answer = await send(base, '/healthz');
    const body = JSON.parse(answer.body) as { reads?: { running: number } };
    samples.push({ ms: answer.ms, status: answer.status, running: body.reads?.running ?? 0 });
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return samples;
}
