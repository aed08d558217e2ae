import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startReceiver, type RunningReceiver } from './receiver-harness';
import { vendorPushSamples } from './vendor-samples';
import { rejectedCounts, rejectedSampleLimits } from '../../../electron/core/store/rejected-samples';

const eventNames = ['dialbegein', 'dialbegin', 'dialend', 'hangup', 'extensionstatus', 'ivr', 'cdr', 'cc_cdr', 'other'];
const samples = Object.values(vendorPushSamples);

/** Garbage of several shapes: random text, random JSON, event-shaped objects with random fields, damaged vendor samples, bytes. */
const garbageBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? ''),
  fc
    .tuple(fc.constantFrom(...eventNames), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }))
    .map(([event, fields]) => JSON.stringify({ ...fields, event })),
  fc
    .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 20 }))
    .map(([sample, at, cut, insert]) => {
      const i = at % (sample.length + 1);
      return sample.slice(0, i) + insert + sample.slice(i + cut);
    }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 })).map((fields) => new URLSearchParams(fields).toString()),
);
const contentType = fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x');

describe('push receiver under 10,000 garbage bodies', () => {
  let r: RunningReceiver;
  beforeAll(async () => {
    r = await startReceiver();
  });
  afterAll(async () => {
    await r.stop();
  });

  it('never crashes, answers each with 200 or a 4xx JSON error, and never loses a stored event', async () => {
    const first = await post(r.url, vendorPushSamples.cc_cdr!);
    expect(first.status).toBe(200);
    const firstId = first.json.id as number;
    const firstRow = r.rawRow(firstId);

    const inputs = fc.sample(fc.tuple(garbageBody, contentType), { numRuns: 10_000, seed: 20240611 });
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < inputs.length) {
        const [body, type] = inputs[next++]!;
        const answer = await post(r.url, body, type ? { 'content-type': type } : {});
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.json.status, JSON.stringify({ body, type, answer })).toBe(answer.status === 200 ? 'success' : 'error');
        if (answer.status !== 200) expect(typeof answer.json.message).toBe('string');
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    expect([...statuses.keys()].every((status) => status === 200 || status === 400)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(0);
    const accepted = statuses.get(200) ?? 0;
    // The event stored before the storm is still there, unchanged; every 200 has its row, every 400 its rejected row.
    expect(r.rawRow(firstId)).toEqual(firstRow);
    expect(r.count('raw_events')).toBe(1 + accepted);
    // Every 400 is counted; only a sample of them keeps its body (rejected-samples.ts).
    expect(Object.values(rejectedCounts(r.reader)).reduce((sum, n) => sum + n, 0)).toBe(statuses.get(400) ?? 0);
    expect(r.count('rejected_events')).toBeGreaterThan(0);
    expect(r.count('rejected_events')).toBeLessThanOrEqual(rejectedSampleLimits.maxRows);
    expect(r.receiver.stats.requests).toBe(10_001);
    // And it still takes real events.
    expect((await post(r.url, vendorPushSamples.extensionstatus!)).status).toBe(200);
  });
});
