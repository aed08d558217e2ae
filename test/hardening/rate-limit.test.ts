import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from '../../electron/core/base/token-bucket';
import { silentLogger } from '../../electron/core/base/logger';
import { LiveModel } from '../../electron/core/live/model';
import { rateLimited } from '../../electron/core/security/rate-limit';
import { openDatabase } from '../../electron/core/store/database';
import { createEventLog } from '../../electron/core/store/event-log';
import { createReceiver } from '../../electron/core/vendor-api/receiver';

describe('TokenBucketLimiter', () => {
  it('allows a burst, then the sustained rate, per key', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ ratePerSecond: 2, burst: 3, clock: () => now });
    expect([1, 2, 3, 4].map(() => limiter.take('10.0.0.1'))).toEqual([true, true, true, false]);
    expect(limiter.take('10.0.0.2')).toBe(true);
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(1);
    now = 499;
    expect(limiter.take('10.0.0.1')).toBe(false);
    now = 1000;
    expect(limiter.take('10.0.0.1')).toBe(true);
    now = 60_000;
    // A long pause refills the bucket to its size, not beyond.
    expect([1, 2, 3, 4].map(() => limiter.take('10.0.0.1'))).toEqual([true, true, true, false]);
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, maxKeys: 100, clock: () => 0 });
    for (let i = 0; i < 10_000; i++) limiter.take(`10.1.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBe(100);
    // The most recent key still has its (spent) bucket; an evicted one starts full again.
    expect(limiter.take('10.1.39.15')).toBe(false);
    expect(limiter.take('10.1.0.0')).toBe(true);
  });

  it('refuses nonsense settings', () => {
    expect(() => new TokenBucketLimiter({ ratePerSecond: 0, burst: 1 })).toThrow(/ratePerSecond/);
  });
});

describe('rateLimited in front of the push receiver (real HTTP)', () => {
  let server: Server | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('answers 429 with Retry-After past the burst, stores nothing for refused pushes, and serves the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-ratelimit-'));
    const db = openDatabase(join(dir, 'cache.db'));
    const eventLog = createEventLog(db);
    const receiver = createReceiver({ eventLog, model: new LiveModel(), log: silentLogger });
    cleanups.push(async () => {
      await eventLog.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    let now = 0;
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 5, clock: () => now });
    server = createServer(rateLimited(limiter, receiver.handler));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const push = (i: number) => fetch(url, { method: 'POST', body: JSON.stringify({ event: 'extensionstatus', exten: '801', status: 0, seq: i }) });

    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await push(i)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const refused = await push(8);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ status: 'error', error: { code: 'rate_limited' } });
    const count = (db.prepare('SELECT count(*) AS n FROM raw_events').get() as { n: number }).n;
    expect(count).toBe(5);
    now = 1_000;
    expect((await push(9)).status).toBe(200);
  });
});
