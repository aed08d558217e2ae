import { describe, expect, test } from 'vitest';
import type { Queue, QueueMember } from '../../../electron/core/contract';
import { QueueDeltas } from '../../../electron/core/server/queue-deltas';
import { member, queue as liveQueue } from '../../support/live-model';

const queue = (members: QueueMember[], callers: Queue['callers'] = []): Queue => liveQueue('700', members, callers);

describe('QueueDeltas', () => {
  test('a queue goes whole the first time, then as the members that changed; nothing when none did', () => {
    const deltas = new QueueDeltas();
    const first = queue([member('800'), member('801')]);
    expect(deltas.reduce([{ kind: 'queue', queue: first }])).toEqual([{ kind: 'queue', queue: first }]);
    const changed = queue([member('800'), member('801', { state: 'inuse' })]);
    expect(deltas.reduce([{ kind: 'queue', queue: changed }, { kind: 'extensionRemoved', id: '9' }])).toEqual([
      { kind: 'queueMember', queue: '700', member: member('801', { state: 'inuse' }) },
      { kind: 'extensionRemoved', id: '9' },
    ]);
    expect(deltas.reduce([{ kind: 'queue', queue: queue([member('800'), member('801', { state: 'inuse' })]) }])).toEqual([]);
  });

  test('a member added or removed, a caller or the strategy changed: the queue goes whole', () => {
    const deltas = new QueueDeltas();
    deltas.reduce([{ kind: 'queue', queue: queue([member('800')]) }]);
    const grown = queue([member('800'), member('801')]);
    expect(deltas.reduce([{ kind: 'queue', queue: grown }])).toEqual([{ kind: 'queue', queue: grown }]);
    const waiting = queue(grown.members, [{ callId: 'c1', channel: 'SIP/trunk-1', callerNum: '0611', position: 1, joinedAt: 1 }]);
    expect(deltas.reduce([{ kind: 'queue', queue: waiting }])).toEqual([{ kind: 'queue', queue: waiting }]);
    const restrategized = { ...waiting, strategy: 'leastrecent' };
    expect(deltas.reduce([{ kind: 'queue', queue: restrategized }])).toEqual([{ kind: 'queue', queue: restrategized }]);
  });

  test('after forget, a removal or a reset, the next update of a queue is whole', () => {
    const deltas = new QueueDeltas();
    const q = queue([member('800')]);
    for (const between of [() => deltas.forget(), () => deltas.reduce([{ kind: 'queueRemoved', name: '700' }]), () => deltas.reduce([{ kind: 'reset', snapshot: { at: 1, extensions: [], calls: [], queues: [], connections: [], notices: [], days: [], alerts: [] } }])]) {
      deltas.reduce([{ kind: 'queue', queue: q }]);
      between();
      expect(deltas.reduce([{ kind: 'queue', queue: q }])).toEqual([{ kind: 'queue', queue: q }]);
    }
  });
});
