// What anyone who reaches the push receiver can send, over real HTTP into a real
// SQLite file: refused pushes by the thousand, bodies nested 10,000 deep, numbers
// that would poison every report. Each gets a clear 4xx and none grows the cache.
import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { rejectedCounts, rejectedSampleLimits } from '../../electron/core/store/rejected-samples';
import { webkeyToken } from '../../electron/core/vendor-api/webkey';
import { post, startReceiver, type RunningReceiver } from '../core/vendor-api/receiver-harness';
import { postKeepAlive } from './serve-process';

let running: RunningReceiver | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const fileBytes = (r: RunningReceiver) => {
  const pages = r.reader.pragma('page_count', { simple: true }) as number;
  return pages * (r.reader.pragma('page_size', { simple: true }) as number);
};

describe('refused pushes are counted and sampled, not stored whole', () => {
  it('5,000 unauthenticated 64 KB posts leave the cache within a few hundred KB', async () => {
    running = await startReceiver({ webkey: 'the-webkey' });
    const r = running;
    const port = Number(new URL(r.url).port);
    const before = fileBytes(r);
    const body = JSON.stringify({ event: 'cc_cdr', uuid: 'x', padding: '好'.repeat(21_000) });
    expect(Buffer.byteLength(body)).toBeLessThan(64 * 1024);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    let sent = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (sent < 5_000) {
        sent += 1;
        const { status } = await postKeepAlive(agent, port, body);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    agent.destroy();
    expect(statuses).toEqual(new Map([[401, 5_000]]));
    expect(rejectedCounts(r.reader)).toEqual({ unauthorized: 5_000 });
    const samples = r.reader.prepare('SELECT length(CAST(body AS BLOB)) AS kept, body_bytes AS sent FROM rejected_events').all() as { kept: number; sent: number }[];
    // At most one minute's budget, twice if the run straddled a minute.
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.length).toBeLessThanOrEqual(2 * rejectedSampleLimits.perMinute);
    for (const sample of samples) expect(sample).toEqual({ kept: expect.any(Number), sent: Buffer.byteLength(body) });
    expect(Math.max(...samples.map((sample) => sample.kept))).toBeLessThanOrEqual(rejectedSampleLimits.bodyBytes);
    // 320 MB were sent; before sampling the file grew by 330 MB.
    expect(fileBytes(r) - before).toBeLessThan(512 * 1024);
    // The box with the right key is still served.
    const ok = await post(r.url, JSON.stringify({ event: 'extensionstatus', exten: '800', status: 0 }), { authorization: webkeyToken('the-webkey', Date.now()) });
    expect(ok.status).toBe(200);
  });
});

describe('hostile numbers and nesting get a clear 400, never a 503 the sender would retry', () => {
  it('a body nested 10,000 levels deep is refused as such and nothing is stored', async () => {
    running = await startReceiver();
    const r = running;
    const deep = `{"event":"cdr","uniqueid":"deep.1","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const answer = await post(r.url, deep, { 'content-type': 'application/json' });
    expect(answer).toEqual({ status: 400, json: { status: 'error', message: 'body nested deeper than 32 levels' } });
    expect(r.count('raw_events')).toBe(0);
    expect(r.records).toEqual([]);
  });

  it('durations outside 0 to 1 day, times outside 2000–2099 and absurd codes are refused with the field named', async () => {
    running = await startReceiver();
    const r = running;
    const base = { event: 'cc_cdr', uuid: 'n.1', startTime: '2026-11-25 10:00:00', endTime: '2026-11-25 10:01:00' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, talkingTime: 1e308 }, /talkingTime: 1e\+308 seconds is out of range/],
      [{ ...base, duration: '86400' }, /duration: 86400 seconds is out of range/],
      [{ ...base, holdTime: -1 }, /holdTime: not a number of seconds/],
      [{ ...base, startTime: '2200-01-01 00:00:00' }, /startTime: time 2200-01-01 00:00:00 is out of range/],
      [{ ...base, endTime: '1970-01-02 00:00:00' }, /endTime: time .* is out of range/],
      [{ ...base, score: '1e308' }, /score: score is out of range/],
      [{ event: 'extensionstatus', exten: '800', status: 99_999 }, /status: not an extension status code/],
    ];
    for (const [fields, reason] of cases) {
      const answer = await post(r.url, JSON.stringify(fields), { 'content-type': 'application/json' });
      expect(answer.status, JSON.stringify(fields)).toBe(400);
      expect(String(answer.json.message), JSON.stringify(fields)).toMatch(reason);
    }
    expect(r.count('raw_events')).toBe(0);
    expect(r.records).toEqual([]);
    // The edges themselves are fine.
    const edge = await post(r.url, JSON.stringify({ ...base, uuid: 'n.2', talkingTime: 86_399, score: '5' }), { 'content-type': 'application/json' });
    expect(edge.status).toBe(200);
  });

  it('allowIps takes addresses and CIDR ranges', async () => {
    for (const [allowIps, expected] of [[['10.0.0.0/8'], 403], [['127.0.0.0/8'], 200], [['10.1.2.3', '127.0.0.1'], 200], [['::1'], 403]] as const) {
      running = await startReceiver({ allowIps: [...allowIps] });
      const answer = await post(running.url, JSON.stringify({ event: 'extensionstatus', exten: '800', status: 0 }));
      expect(answer.status, allowIps.join(',')).toBe(expected);
      await running.stop();
      running = undefined;
    }
  });
});
