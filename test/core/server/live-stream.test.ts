import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Extension, LiveUpdate } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import { streamLive } from '../../../electron/core/server/live-stream';

const extension = (id: string, state: Extension['state'] = 'idle'): Extension => ({ id, state, statusCode: 0, stateSince: 1 });

describe('streamLive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('a reset with the current snapshot at once, then the changes batched, each entity once', () => {
    const model = new LiveModel(() => 1_000);
    model.putExtension(extension('800'));
    const batches: LiveUpdate[][] = [];
    const stop = streamLive(model, { send: (updates) => batches.push(updates) });
    expect(batches).toEqual([[{ kind: 'reset', snapshot: model.snapshot() }]]);
    model.putExtension(extension('800', 'ringing'));
    model.putExtension(extension('800', 'inuse'));
    model.putExtension(extension('801'));
    expect(batches).toHaveLength(1);
    vi.runOnlyPendingTimers();
    expect(batches[1]).toEqual([
      { kind: 'extension', extension: extension('800', 'inuse') },
      { kind: 'extension', extension: extension('801') },
    ]);
    stop();
    model.putExtension(extension('802'));
    vi.runOnlyPendingTimers();
    expect(batches).toHaveLength(2);
  });

  test('the view decides what this subscriber sees, the first reset included', () => {
    const model = new LiveModel(() => 1_000);
    model.putConnection({ id: 'ami', kind: 'ami', target: 'pbx:5038', state: 'connected', since: 1 });
    const batches: LiveUpdate[][] = [];
    const hideTargets = (update: LiveUpdate): LiveUpdate | undefined => {
      if (update.kind === 'job') return undefined;
      if (update.kind === 'reset') return { kind: 'reset', snapshot: { ...update.snapshot, connections: update.snapshot.connections.map((c) => ({ ...c, target: '' })) } };
      return update;
    };
    streamLive(model, { send: (updates) => batches.push(updates), view: hideTargets });
    expect(batches[0]?.[0]).toMatchObject({ kind: 'reset', snapshot: { connections: [{ id: 'ami', target: '' }] } });
    model.putJob({ id: 'j1', kind: 'export', label: 'calls.csv', state: 'running', done: 0, unit: 'rows', startedAt: 1 });
    model.putExtension(extension('800'));
    vi.runOnlyPendingTimers();
    expect(batches[1]).toEqual([{ kind: 'extension', extension: extension('800') }]);
  });

  test('while the subscriber cannot take more, batches wait and coalesce', () => {
    const model = new LiveModel(() => 1_000);
    let ready = false;
    const batches: LiveUpdate[][] = [];
    streamLive(model, { send: (updates) => batches.push(updates), canSend: () => ready });
    expect(batches).toHaveLength(0);
    model.putExtension(extension('800', 'ringing'));
    model.putExtension(extension('800', 'inuse'));
    vi.runOnlyPendingTimers();
    expect(batches).toHaveLength(0);
    ready = true;
    vi.runOnlyPendingTimers();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((u) => u.kind)).toEqual(['reset', 'extension']);
    expect(batches[0]?.[1]).toEqual({ kind: 'extension', extension: extension('800', 'inuse') });
  });
});
