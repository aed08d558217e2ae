// 100,000 hostile push bodies through the receiver's pipeline (decode → event type →
// schema → live model), without HTTP so it stays fast: nothing throws, and the
// model holds no more calls than the bodies that were valid dialbegins could create.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveModel } from '../../electron/core/live/model';
import { decodePushBody } from '../../electron/core/vendor-api/push-body';
import { canonicalEventType, validatePush, type KnownEventType, type KnownPushedEvent } from '../../electron/core/vendor-api/push-schemas';
import { createPushTranslator } from '../../electron/core/vendor-api/push-to-model';
import { resolveEventType } from '../../electron/core/vendor-api/receiver';
import { vendorPushSamples } from '../core/vendor-api/vendor-samples';

const SEED = 20261125;
const samples = Object.values(vendorPushSamples);
const eventNames = ['dialbegein', 'dialbegin', 'dialend', 'hangup', 'extensionstatus', 'ivr', 'cdr', 'cc_cdr', 'DialBegin', 'unknown_x'];
const fieldNames = ['event', 'uniqueid', 'destuniqueid', 'channel', 'destchannel', 'calleridnum', 'destcalleridnum', 'exten', 'status', 'timestamp', 'starttime', 'endtime', 'billsec', 'duration', 'disposition', 'ivrid', 'dtmf', 'queue', 'agent'];
const hostileValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, '', '-1', '1e309', '__proto__', 'constructor', '0000-00-00 00:00:00', '2026-13-45 25:61:61', '1534993059.785012'),
  fc.jsonValue({ maxDepth: 2 }),
);
const body = fc.oneof(
  fc.tuple(fc.constantFrom(...eventNames), fc.dictionary(fc.constantFrom(...fieldNames), hostileValue, { maxKeys: 12 })).map(([event, fields]) => JSON.stringify({ ...fields, event })),
  fc.tuple(fc.constantFrom(...samples), fc.nat(), fc.nat({ max: 30 }), fc.string({ maxLength: 12 })).map(([sample, at, cut, insert]) => {
    const i = at % (sample.length + 1);
    return sample.slice(0, i) + insert + sample.slice(i + cut);
  }),
  fc.dictionary(fc.constantFrom(...fieldNames), fc.string({ maxLength: 12 }), { maxKeys: 10 }).map((fields) => new URLSearchParams(fields).toString()),
  fc.string({ maxLength: 120 }),
  fc.constantFrom('{"__proto__":{"polluted":1},"event":"hangup"}', '{"constructor":{"prototype":{"polluted":1}},"event":"cdr"}', '{', '[]', 'null', '{"event":{}}'),
);
const contentType = fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded', 'text/plain');

describe('100,000 hostile push bodies', () => {
  it('never throw anywhere in the pipeline, and never pollute Object.prototype', () => {
    const inputs = fc.sample(fc.tuple(body, contentType), { numRuns: 100_000, seed: SEED });
    const model = new LiveModel(() => 1_700_000_000_000);
    const translator = createPushTranslator({ model, onCallRecord: () => {}, onIvrStep: () => {} });
    const url = new URL('http://receiver/');
    const outcome = { undecodable: 0, untyped: 0, unknown: 0, invalid: 0, applied: 0 };
    for (const [text, type] of inputs) {
      const decoded = decodePushBody(text, type);
      if (!decoded.ok) {
        outcome.undecodable++;
        continue;
      }
      const raw = resolveEventType(decoded.fields, url);
      if (raw === undefined) {
        outcome.untyped++;
        continue;
      }
      const { eventType, isKnown } = canonicalEventType(raw);
      if (!isKnown) {
        outcome.unknown++;
        continue;
      }
      const valid = validatePush(eventType as KnownEventType, decoded.fields, 'Asia/Shanghai');
      if (!valid.ok) {
        expect(valid.reason).toMatch(new RegExp(`^invalid ${eventType}: `));
        outcome.invalid++;
        continue;
      }
      translator.apply({ id: 1, receivedAt: 1_700_000_000_000, type: eventType, fields: valid.fields } as KnownPushedEvent);
      outcome.applied++;
    }
    // Every path was taken many times: the generator is not just producing one kind of garbage.
    for (const [path, count] of Object.entries(outcome)) expect(count, path).toBeGreaterThan(100);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
