import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApp } from 'vue';
import type { Alert, Extension, Job, LiveUpdate, Notice, QueueMember, QueueSample, Snapshot } from '../../../electron/core/contract';
import { provideCoreClient, type CoreClient } from '../../../renderer/src/api';
import { useJobsStore } from '../../../renderer/src/stores/jobs';
import { useLiveStore } from '../../../renderer/src/stores/live';
import { useNoticesStore } from '../../../renderer/src/stores/notices';

const extension = (id: string, state: Extension['state'] = 'idle'): Extension => ({ id, state, statusCode: 0, stateSince: 1 });
const notice: Notice = { id: 'db_recovered', level: 'warning', code: 'db_recovered', params: {}, message: 'moved', at: 1 };
const snapshot = (parts: Partial<Snapshot>): Snapshot => ({ at: 5, extensions: [], calls: [], queues: [], connections: [], notices: [], days: [], alerts: [], ...parts });
const sample = (at: number) => ({ at, waiting: 1 }) as unknown as QueueSample;

/** The store's one way to the core: past samples on request, and nothing pushed (the test hands it batches). */
const pastSamples = { '*': [sample(1)] };
const client = { call: () => Promise.resolve(pastSamples), bridge: { subscribe: () => () => undefined } } as unknown as CoreClient;

beforeEach(() => {
  vi.useFakeTimers();
  // The flush waits for paint only in a visible tab; a hidden one flushes on the timer.
  vi.stubGlobal('document', { visibilityState: 'hidden' });
  const app = createApp({});
  provideCoreClient(app, client);
  const pinia = createPinia();
  app.use(pinia);
  setActivePinia(pinia);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('live store', () => {
  test('applies batches with the contract reducer and tells views in one flush', async () => {
    const live = useLiveStore();
    live.applyBatch([{ kind: 'reset', snapshot: snapshot({ at: 7, extensions: [extension('800')], notices: [notice] }) }]);
    await vi.runAllTimersAsync();
    expect(live.hasSnapshot).toBe(true);
    expect(live.snapshotAt).toBe(7);
    expect(live.extensionList.map((e) => e.id)).toEqual(['800']);
    expect(useNoticesStore().all.map((n) => n.id)).toEqual(['db_recovered']);
    expect(live.samples.get('*')).toEqual(pastSamples['*']);

    live.applyBatch([{ kind: 'extension', extension: extension('800', 'inuse') }, { kind: 'extension', extension: extension('801') }, { kind: 'noticeRemoved', id: 'db_recovered' }]);
    await vi.runAllTimersAsync();
    expect(live.extensionList.map((e) => `${e.id}:${e.state}`)).toEqual(['800:inuse', '801:idle']);
    expect(useNoticesStore().all).toEqual([]);
    expect(live.updatesApplied).toBe(4);
  });

  test('a queue member update (the WebSocket sends them in place of whole queues) reaches the queue list', async () => {
    const live = useLiveStore();
    const member = (state: QueueMember['state']): QueueMember => ({ interface: 'SIP/800', extension: '800', name: 'Ann', penalty: 0, isPaused: false, state, isInCall: false, callsTaken: 0, membership: 'static' });
    live.applyBatch([{ kind: 'reset', snapshot: snapshot({ queues: [{ name: '700', members: [member('idle')], callers: [] }] }) }]);
    await vi.runAllTimersAsync();
    live.applyBatch([{ kind: 'queueMember', queue: '700', member: member('inuse') }]);
    await vi.runAllTimersAsync();
    expect(live.queueList[0]?.members.map((m) => m.state)).toEqual(['inuse']);
  });

  test('jobs, sample rounds and settings changes reach their own places', async () => {
    const live = useLiveStore();
    const job: Job = { id: 'j1', kind: 'export', label: 'calls.csv', state: 'running', done: 1, unit: 'rows', startedAt: 1 };
    const updates: LiveUpdate[] = [
      { kind: 'job', job },
      { kind: 'queueSamples', samples: { '700': sample(2) } },
      { kind: 'settingsChanged', setting: 'pauseReasons' },
      { kind: 'settingsChanged', setting: 'boards' },
    ];
    live.applyBatch(updates);
    await vi.runAllTimersAsync();
    expect(useJobsStore().jobs.j1).toEqual(job);
    expect(live.samples.get('700')).toEqual([sample(2)]);
    expect(live.settingsRevision).toEqual({ thresholds: 0, pauseReasons: 1, boards: 1 });
    expect(live.hasSnapshot).toBe(false);
  });

  test('alerts arrive whole, in the core\'s order, and a reset brings its own', async () => {
    const live = useLiveStore();
    const alert = (id: string, acknowledgedAt?: number): Alert => ({ id, kind: 'waiting', queue: '630', value: 3, threshold: 3, raisedAt: 1, ...(acknowledgedAt ? { acknowledgedAt } : {}) });
    live.applyBatch([{ kind: 'reset', snapshot: snapshot({ alerts: [alert('a')] }) }]);
    await vi.runAllTimersAsync();
    expect(live.alertList.map((a) => a.id)).toEqual(['a']);
    live.applyBatch([{ kind: 'alerts', alerts: [alert('b'), alert('a', 9)] }]);
    await vi.runAllTimersAsync();
    expect(live.alertList.map((a) => [a.id, a.acknowledgedAt])).toEqual([['b', undefined], ['a', 9]]);
  });
});
