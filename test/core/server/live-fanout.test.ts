import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Extension, LiveUpdate } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import { LiveFanout, type FanoutSubscriber } from '../../../electron/core/server/live-fanout';
import { member, queue as liveQueue } from '../../support/live-model';

const extension = (id: string, state: Extension['state'] = 'idle'): Extension => ({ id, state, statusCode: 0, stateSince: 1 });
const everything = (update: LiveUpdate): LiveUpdate | undefined => update;
const noJobs = (update: LiveUpdate): LiveUpdate | undefined => (update.kind === 'job' ? undefined : update);

/** A subscriber that records what it is sent, shared bytes decoded back to updates. */
function recorder(canSend: () => boolean = () => true) {
  const shared: Buffer[] = [];
  const own: LiveUpdate[][] = [];
  const subscriber: FanoutSubscriber = { sendShared: (bytes) => shared.push(bytes), send: (updates) => own.push(updates), canSend };
  const decoded = () => shared.map((bytes) => JSON.parse(bytes.toString()) as LiveUpdate[]);
  return { subscriber, shared, own, decoded };
}

describe('LiveFanout', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('each subscriber gets its own reset, then every subscriber of a view the same bytes, encoded once per batch', () => {
    const model = new LiveModel(() => 1_000);
    model.putExtension(extension('800'));
    const encode = vi.fn((updates: LiveUpdate[]) => Buffer.from(JSON.stringify(updates)));
    const fanout = new LiveFanout(model, encode);
    const [a, b] = [recorder(), recorder()];
    fanout.stream('read', everything, a.subscriber);
    fanout.stream('read', everything, b.subscriber);
    expect(a.own).toEqual([[{ kind: 'reset', snapshot: model.snapshot() }]]);
    expect(b.own).toEqual(a.own);
    model.putExtension(extension('800', 'ringing'));
    model.putExtension(extension('800', 'inuse'));
    model.putExtension(extension('801'));
    vi.runOnlyPendingTimers();
    expect(encode).toHaveBeenCalledTimes(1);
    expect(a.shared[0]).toBe(b.shared[0]);
    expect(a.decoded()).toEqual([
      [
        { kind: 'extension', extension: extension('800', 'inuse') },
        { kind: 'extension', extension: extension('801') },
      ],
    ]);
  });

  test('views are kept apart: each has its own batches', () => {
    const model = new LiveModel(() => 1_000);
    const fanout = new LiveFanout(model, (updates) => Buffer.from(JSON.stringify(updates)));
    const [reader, operator] = [recorder(), recorder()];
    fanout.stream('read', noJobs, reader.subscriber);
    fanout.stream('act', everything, operator.subscriber);
    model.putJob({ id: 'j1', kind: 'export', label: 'calls.csv', state: 'running', done: 0, unit: 'rows', startedAt: 1 });
    model.putExtension(extension('800'));
    vi.runOnlyPendingTimers();
    expect(reader.decoded()).toEqual([[{ kind: 'extension', extension: extension('800') }]]);
    expect(operator.decoded()[0]?.map((u) => u.kind)).toEqual(['job', 'extension']);
  });

  test('a subscriber that cannot take more misses the shared batches, gets what it missed coalesced in one of its own, then rejoins', () => {
    const model = new LiveModel(() => 1_000);
    const fanout = new LiveFanout(model, (updates) => Buffer.from(JSON.stringify(updates)));
    let ready = true;
    const [slow, fast] = [recorder(() => ready), recorder()];
    fanout.stream('read', everything, slow.subscriber);
    fanout.stream('read', everything, fast.subscriber);
    ready = false;
    model.putExtension(extension('800', 'ringing'));
    vi.runOnlyPendingTimers();
    model.putExtension(extension('800', 'inuse'));
    model.putExtension(extension('801'));
    vi.runOnlyPendingTimers();
    expect(fast.shared).toHaveLength(2);
    expect(slow.shared).toHaveLength(0);
    expect(slow.own).toHaveLength(1);
    ready = true;
    vi.runOnlyPendingTimers();
    expect(slow.own[1]).toEqual([
      { kind: 'extension', extension: extension('800', 'inuse') },
      { kind: 'extension', extension: extension('801') },
    ]);
    model.putExtension(extension('802'));
    vi.runOnlyPendingTimers();
    expect(slow.decoded()).toEqual([[{ kind: 'extension', extension: extension('802') }]]);
    expect(slow.shared[0]).toBe(fast.shared[2]);
  });

  test('a queue goes as the members that changed, and whole again in the batch after a subscriber joins', () => {
    const model = new LiveModel(() => 1_000);
    const fanout = new LiveFanout(model, (updates) => Buffer.from(JSON.stringify(updates)));
    const first = recorder();
    fanout.stream('read', everything, first.subscriber);
    const members = [member('800'), member('801')];
    const queue = liveQueue('700', members);
    model.putQueue(queue);
    vi.runOnlyPendingTimers();
    queue.members = [members[0]!, { ...members[1]!, state: 'inuse' }];
    model.putQueue(queue);
    vi.runOnlyPendingTimers();
    expect(first.decoded()[1]).toEqual([{ kind: 'queueMember', queue: '700', member: queue.members[1] }]);
    const second = recorder();
    fanout.stream('read', everything, second.subscriber);
    queue.members = [{ ...members[0]!, state: 'ringing' }, queue.members[1]!];
    model.putQueue(queue);
    vi.runOnlyPendingTimers();
    expect(second.decoded()).toEqual([[{ kind: 'queue', queue }]]);
    expect(first.decoded()[2]).toEqual([{ kind: 'queue', queue }]);
  });

  test('the last subscriber of a view to stop unsubscribes it from the model', () => {
    const model = new LiveModel(() => 1_000);
    const fanout = new LiveFanout(model, (updates) => Buffer.from(JSON.stringify(updates)));
    const view = vi.fn(everything);
    const stops = [recorder(), recorder()].map((r) => fanout.stream('read', view, r.subscriber));
    stops[0]?.();
    model.putExtension(extension('800'));
    const seen = view.mock.calls.length;
    stops[1]?.();
    model.putExtension(extension('801'));
    expect(view).toHaveBeenCalledTimes(seen);
  });
});
