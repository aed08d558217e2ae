import { describe, expect, test } from 'vitest';
import { LiveBatcher } from '../../../electron/core/server/live-batcher';
import { member, queue } from '../../support/live-model';
import {
  applyLiveUpdate,
  createLiveState,
  liveUpdateKey,
  snapshotOf,
  type Alert,
  type Call,
  type Connection,
  type Extension,
  type Job,
  type LiveEvents,
  type LiveUpdate,
  type Notice,
  type QueueDay,
  type QueueSample,
  type SharedSetting,
  type Snapshot,
} from '../../../electron/core/contract';

const extension = (id: string, state: Extension['state'] = 'idle'): Extension => ({ id, state, statusCode: 0, stateSince: 1 });
const call = (id: string): Call => ({ id, direction: 'inbound', callClass: 'customer', state: 'talking', callerNum: '0611', calledNum: '700', startedAt: 1, holdSeconds: 0, channels: [] });
const connection = (id: string, state: Connection['state'] = 'connected'): Connection => ({ id, kind: 'ami', target: 'pbx:5038', state, since: 1 });
const notice = (id: string): Notice => ({ id, level: 'warning', code: 'db_recovered', params: {}, message: id, at: 1 });
const day = (name: string, answered: number) => ({ queue: name, day: '2026-12-06', answered }) as unknown as QueueDay;
const snapshot = (parts: Partial<Snapshot>): Snapshot => ({ at: 5, extensions: [], calls: [], queues: [], connections: [], notices: [], days: [], alerts: [], ...parts });

function recorder() {
  const told: { job: Job[]; samples: Record<string, QueueSample>[]; settingsChanged: SharedSetting[] } = { job: [], samples: [], settingsChanged: [] };
  const events: LiveEvents = {
    job: (job) => told.job.push(job),
    samples: (samples) => told.samples.push(samples),
    settingsChanged: (setting) => told.settingsChanged.push(setting),
  };
  return { told, events };
}

describe('applyLiveUpdate', () => {
  test('extensions are put, replaced and removed by id', () => {
    const state = createLiveState();
    expect(applyLiveUpdate(state, { kind: 'extension', extension: extension('800') })).toBe('extensions');
    applyLiveUpdate(state, { kind: 'extension', extension: extension('800', 'inuse') });
    applyLiveUpdate(state, { kind: 'extension', extension: extension('801') });
    expect(state.extensions.get('800')?.state).toBe('inuse');
    expect(applyLiveUpdate(state, { kind: 'extensionRemoved', id: '800' })).toBe('extensions');
    expect([...state.extensions.keys()]).toEqual(['801']);
  });

  test('a call is kept until it ends', () => {
    const state = createLiveState();
    expect(applyLiveUpdate(state, { kind: 'call', call: call('1.1') })).toBe('calls');
    expect(state.calls.has('1.1')).toBe(true);
    expect(applyLiveUpdate(state, { kind: 'callEnded', call: { ...call('1.1'), state: 'ended', endedAt: 9 } })).toBe('calls');
    expect(state.calls.size).toBe(0);
  });

  test('queues are keyed by name; their days too', () => {
    const state = createLiveState();
    expect(applyLiveUpdate(state, { kind: 'queue', queue: queue('700') })).toBe('queues');
    expect(applyLiveUpdate(state, { kind: 'queueDay', day: day('700', 3) })).toBe('days');
    applyLiveUpdate(state, { kind: 'queueDay', day: day('700', 4) });
    expect(state.days.get('700')).toMatchObject({ answered: 4 });
    expect(applyLiveUpdate(state, { kind: 'queueRemoved', name: '700' })).toBe('queues');
    expect(state.queues.size).toBe(0);
    expect(state.days.size).toBe(1);
  });

  test('a queue member update replaces that member in a new queue object; one for a queue or member not held is ignored', () => {
    const state = createLiveState();
    applyLiveUpdate(state, { kind: 'queue', queue: queue('700', [member('800'), member('801')]) });
    const before = state.queues.get('700');
    expect(applyLiveUpdate(state, { kind: 'queueMember', queue: '700', member: member('801', { state: 'inuse' }) })).toBe('queues');
    expect(state.queues.get('700')).not.toBe(before);
    expect(state.queues.get('700')?.members).toEqual([member('800'), member('801', { state: 'inuse' })]);
    expect(before?.members[1]).toEqual(member('801'));
    expect(applyLiveUpdate(state, { kind: 'queueMember', queue: '701', member: member('801') })).toBeUndefined();
    expect(applyLiveUpdate(state, { kind: 'queueMember', queue: '700', member: member('900') })).toBeUndefined();
    expect(state.queues.get('700')?.members).toHaveLength(2);
  });

  test('connections and notices are kept by id; a notice can be withdrawn', () => {
    const state = createLiveState();
    expect(applyLiveUpdate(state, { kind: 'connection', connection: connection('ami', 'connecting') })).toBe('connections');
    applyLiveUpdate(state, { kind: 'connection', connection: connection('ami') });
    expect(state.connections.get('ami')?.state).toBe('connected');
    expect(applyLiveUpdate(state, { kind: 'notice', notice: notice('db') })).toBe('notices');
    expect(state.notices.has('db')).toBe(true);
    expect(applyLiveUpdate(state, { kind: 'noticeRemoved', id: 'db' })).toBe('notices');
    expect(state.notices.size).toBe(0);
  });

  test('jobs, sample rounds and settings changes are handed on, not kept', () => {
    const state = createLiveState();
    const before = snapshotOf(state, 0);
    const { told, events } = recorder();
    const job: Job = { id: 'j1', kind: 'export', label: 'calls.csv', state: 'running', done: 1, unit: 'rows', startedAt: 1 };
    const samples = { '*': { at: 1, waiting: 2 } as unknown as QueueSample };
    expect(applyLiveUpdate(state, { kind: 'job', job }, events)).toBeUndefined();
    expect(applyLiveUpdate(state, { kind: 'queueSamples', samples }, events)).toBeUndefined();
    expect(applyLiveUpdate(state, { kind: 'settingsChanged', setting: 'thresholds' }, events)).toBeUndefined();
    expect(told).toEqual({ job: [job], samples: [samples], settingsChanged: ['thresholds'] });
    expect(snapshotOf(state, 0)).toEqual(before);
    // Without handlers (the core's model) they are only skipped.
    expect(applyLiveUpdate(state, { kind: 'job', job })).toBeUndefined();
  });

  test('a reset replaces the PBX part and the notices, and changes the Maps in place', () => {
    const state = createLiveState(snapshot({ extensions: [extension('800')], calls: [call('1.1')], queues: [queue('700')], notices: [notice('db')] }));
    const maps = [state.extensions, state.calls, state.queues, state.notices];
    expect(applyLiveUpdate(state, { kind: 'reset', snapshot: snapshot({ at: 9, extensions: [extension('801')] }) })).toBe('all');
    expect([...state.extensions.keys()]).toEqual(['801']);
    expect(state.calls.size + state.queues.size + state.notices.size).toBe(0);
    expect(state.at).toBe(9);
    [state.extensions, state.calls, state.queues, state.notices].forEach((map, i) => expect(map).toBe(maps[i]));
  });

  test('a reset without connections or days keeps the ones held; with some, replaces them', () => {
    const state = createLiveState(snapshot({ connections: [connection('ami')], days: [day('700', 1)] }));
    applyLiveUpdate(state, { kind: 'reset', snapshot: snapshot({}) });
    expect([...state.connections.keys()]).toEqual(['ami']);
    expect([...state.days.keys()]).toEqual(['700']);
    applyLiveUpdate(state, { kind: 'reset', snapshot: snapshot({ connections: [connection('receiver')], days: [day('701', 1)] }) });
    expect([...state.connections.keys()]).toEqual(['receiver']);
    expect([...state.days.keys()]).toEqual(['701']);
  });

  test('alerts come whole: each update replaces the list, and a reset carries its own', () => {
    const alert = (id: string): Alert => ({ id, kind: 'waiting', queue: '700', value: 5, threshold: 5, raisedAt: 1 });
    const state = createLiveState(snapshot({ alerts: [alert('a')] }));
    const held = state.alerts;
    expect(applyLiveUpdate(state, { kind: 'alerts', alerts: [alert('b'), alert('c')] })).toBe('alerts');
    expect([...state.alerts.keys()]).toEqual(['b', 'c']);
    expect(state.alerts).toBe(held);
    applyLiveUpdate(state, { kind: 'reset', snapshot: snapshot({}) });
    expect(state.alerts.size).toBe(0);
    // A snapshot from a core without alerts.
    const { alerts: _none, ...older } = snapshot({ alerts: [alert('d')] });
    applyLiveUpdate(state, { kind: 'reset', snapshot: older as Snapshot });
    expect(state.alerts.size).toBe(0);
  });

  test('a kind from a newer core is skipped, not fatal', () => {
    const state = createLiveState();
    expect(applyLiveUpdate(state, { kind: 'somethingNew' } as unknown as LiveUpdate)).toBeUndefined();
  });

  test('snapshotOf lists what the state holds, stamped with the given time', () => {
    const held = snapshot({ at: 3, extensions: [extension('800')], calls: [call('1.1')], queues: [queue('700')], connections: [connection('ami')], notices: [notice('db')], days: [day('700', 2)] });
    expect(snapshotOf(createLiveState(held), 3)).toEqual(held);
  });
});

describe('liveUpdateKey', () => {
  test('an update and its removal are about one entity; different entities differ', () => {
    expect(liveUpdateKey({ kind: 'call', call: call('1.1') })).toBe(liveUpdateKey({ kind: 'callEnded', call: call('1.1') }));
    expect(liveUpdateKey({ kind: 'extension', extension: extension('800') })).toBe(liveUpdateKey({ kind: 'extensionRemoved', id: '800' }));
    expect(liveUpdateKey({ kind: 'queue', queue: queue('700') })).toBe(liveUpdateKey({ kind: 'queueRemoved', name: '700' }));
    expect(liveUpdateKey({ kind: 'notice', notice: notice('db') })).toBe(liveUpdateKey({ kind: 'noticeRemoved', id: 'db' }));
    expect(liveUpdateKey({ kind: 'queue', queue: queue('700') })).not.toBe(liveUpdateKey({ kind: 'queueDay', day: day('700', 1) }));
    expect(liveUpdateKey({ kind: 'extension', extension: extension('800') })).not.toBe(liveUpdateKey({ kind: 'extension', extension: extension('801') }));
  });

  test('a batch keeps the last update per entity, in the order entities last changed; a reset drops what came before', () => {
    const batches: LiveUpdate[][] = [];
    const batcher = new LiveBatcher((updates) => batches.push(updates), 60_000);
    batcher.push({ kind: 'call', call: call('1.1') });
    batcher.push({ kind: 'extension', extension: extension('800', 'inuse') });
    batcher.push({ kind: 'callEnded', call: call('1.1') });
    batcher.flush();
    expect(batches[0]!.map((u) => u.kind)).toEqual(['extension', 'callEnded']);
    batcher.push({ kind: 'extension', extension: extension('801') });
    batcher.push({ kind: 'reset', snapshot: snapshot({}) });
    batcher.push({ kind: 'queue', queue: queue('700') });
    batcher.flush();
    expect(batches[1]!.map((u) => u.kind)).toEqual(['reset', 'queue']);
    batcher.stop();
  });

  test('a kind from a newer core still gets a key of its own', () => {
    expect(liveUpdateKey({ kind: 'somethingNew' } as unknown as LiveUpdate)).toBe('?:somethingNew');
  });
});
