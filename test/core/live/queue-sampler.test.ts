import { describe, expect, it } from 'vitest';
import type { LiveUpdate, QueueMember } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import { sampleWindowMs, startQueueSampler } from '../../../electron/core/live/queue-sampler';
import { createQueueSampleStore, sampleRetentionMs } from '../../../electron/core/store/queue-samples';
import { tempDatabase } from '../store/support/temp-db';

const member = (extension: string, fields: Partial<QueueMember> = {}): QueueMember => ({
  interface: `SIP/${extension}`, extension, name: extension, penalty: 0, isPaused: false, state: 'idle', isInCall: false, callsTaken: 0, membership: 'static', ...fields,
});

describe('the queue sampler', () => {
  it('samples every queue and all together, keeps them in the cache and tells every screen', () => {
    const temp = tempDatabase();
    try {
      const clock = { now: Date.parse('2026-12-05T08:00:00Z') };
      const model = new LiveModel(() => clock.now);
      model.putQueue({ name: '630', members: [member('800'), member('801', { isPaused: true })], callers: [{ callId: 'c', channel: 'SIP/t-1', callerNum: '1', position: 1, joinedAt: clock.now }] });
      model.putQueue({ name: '631', members: [member('800'), member('802', { state: 'inuse' })], callers: [] });
      const told: LiveUpdate[] = [];
      model.subscribe((update) => update.kind === 'queueSamples' && told.push(update));
      const store = createQueueSampleStore(temp.open());
      const sampler = startQueueSampler(model, store, 60_000);
      sampler.sampleNow();
      clock.now += 15_000;
      sampler.sampleNow();
      sampler.stop();
      expect(told).toHaveLength(2);
      const past = store.since(clock.now - sampleWindowMs);
      expect(past['*']).toEqual([
        { at: clock.now - 15_000, waiting: 1, available: 1, onCall: 1, ringing: 0, paused: 1 },
        { at: clock.now, waiting: 1, available: 1, onCall: 1, ringing: 0, paused: 1 },
      ]);
      expect(past['631']?.[0]).toMatchObject({ waiting: 0, available: 1, onCall: 1 });
      expect(store.prune(clock.now + sampleRetentionMs + 1)).toBe(6);
    } finally {
      temp.cleanup();
    }
  });

  it('samples each PBX\'s queues together too in a console of several, under bj:*', () => {
    const temp = tempDatabase();
    try {
      const model = new LiveModel(() => Date.parse('2026-12-05T08:00:00Z'));
      model.putQueue({ pbx: 'bj', name: 'bj:630', members: [member('bj:800'), member('bj:801', { isPaused: true })], callers: [] });
      model.putQueue({ pbx: 'sh', name: 'sh:630', members: [member('sh:800', { state: 'inuse' })], callers: [{ callId: 'sh:c', channel: 'SIP/t-1', callerNum: '1', position: 1, joinedAt: 0 }] });
      const told: Record<string, unknown>[] = [];
      model.subscribe((update) => update.kind === 'queueSamples' && told.push(update.samples));
      const sampler = startQueueSampler(model, createQueueSampleStore(temp.open()), 60_000);
      sampler.sampleNow();
      sampler.stop();
      expect(Object.keys(told[0]!).sort()).toEqual(['*', 'bj:*', 'bj:630', 'sh:*', 'sh:630']);
      expect(told[0]).toMatchObject({
        'bj:*': { waiting: 0, available: 1, paused: 1, onCall: 0 },
        'sh:*': { waiting: 1, available: 0, paused: 0, onCall: 1 },
        '*': { waiting: 1, available: 1, paused: 1, onCall: 1 },
      });
    } finally {
      temp.cleanup();
    }
  });
});
