import { afterEach, describe, expect, it } from 'vitest';
import type { Queue, QueueMember } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import { recordAgentIntervals } from '../../../electron/core/store/agent-interval-recorder';
import { createCallStore } from '../../../electron/core/store/call-store';
import type { Db } from '../../../electron/core/store/database';
import { storeEngineSuite } from './support/store-engine';
import { tempDatabase } from './support/temp-db';

const temp = tempDatabase('callboard-intervals-');
afterEach(() => temp.cleanup());

// Recorded into the cache, read where the engine puts them (support/store-engine.ts).
const engine = storeEngineSuite();

interface IntervalRow {
  agent: string;
  queue: string | null;
  kind: string;
  reason: string | null;
  startAt: number;
  endAt: number | null;
}

/** What another console of a shared history reads: the closed intervals (an open one stays with its writer until it ends). */
const readable = (rows: IntervalRow[]) => (engine.name === 'postgres' ? rows.filter((row) => row.endAt !== null) : rows);

async function intervalsOf(db: Db): Promise<IntervalRow[]> {
  const cache = await engine.readBack(temp, db);
  return cache.prepare('SELECT agent, queue, kind, reason, start_at AS startAt, end_at AS endAt FROM agent_intervals ORDER BY id').all() as IntervalRow[];
}

function setup() {
  let now = 1_000_000;
  const model = new LiveModel(() => now);
  const db = temp.open();
  const stop = recordAgentIntervals(model, createCallStore(db));
  return { model, rows: () => intervalsOf(db), stop, at: (t: number) => (now = t) };
}

const member = (extension: string, overrides: Partial<QueueMember> = {}): QueueMember => ({
  interface: `SIP/${extension}`,
  extension,
  name: `Agent ${extension}`,
  penalty: 0,
  isPaused: false,
  state: 'idle',
  isInCall: false,
  callsTaken: 0,
  membership: 'static',
  ...overrides,
});

const queue = (members: QueueMember[]): Queue => ({
  name: '630',
  members,
  callers: [],
});

describe('recordAgentIntervals', () => {
  it('writes ring then talk intervals from extension states, and nothing for repeats', async () => {
    const { model, rows, at } = setup();
    at(2_000_000);
    model.putExtension({ id: '800', state: 'idle', statusCode: 0, stateSince: 2_000_000 });
    model.putExtension({ id: '800', state: 'ringing', statusCode: 8, stateSince: 2_001_000 });
    at(2_005_000);
    model.putExtension({ id: '800', state: 'inuse', statusCode: 1, stateSince: 2_005_000 });
    model.putExtension({ id: '800', state: 'onhold', statusCode: 16, stateSince: 2_006_000 });
    at(2_065_000);
    model.putExtension({ id: '800', state: 'idle', statusCode: 0, stateSince: 2_065_000 });
    expect(await rows()).toEqual([
      { agent: '800', queue: null, kind: 'ring', reason: null, startAt: 2_001_000, endAt: 2_005_000 },
      { agent: '800', queue: null, kind: 'talk', reason: null, startAt: 2_005_000, endAt: 2_065_000 },
    ]);
  });

  it('writes login per queue and pauses with their reason, closing both on removal', async () => {
    const { model, rows, at } = setup();
    at(3_000_000);
    model.putQueue(queue([member('801')]));
    at(3_010_000);
    model.putQueue(queue([member('801', { isPaused: true, pauseReason: 'lunch', pausedSince: 3_010_000 })]));
    at(3_020_000);
    model.putQueue(queue([member('801', { isPaused: true, pauseReason: 'training', pausedSince: 3_020_000 })]));
    at(3_030_000);
    model.putQueue(queue([]));
    expect(await rows()).toEqual([
      { agent: '801', queue: '630', kind: 'login', reason: null, startAt: 3_000_000, endAt: 3_030_000 },
      { agent: '801', queue: '630', kind: 'pause', reason: 'lunch', startAt: 3_010_000, endAt: 3_020_000 },
      { agent: '801', queue: '630', kind: 'pause', reason: 'training', startAt: 3_020_000, endAt: 3_030_000 },
    ]);
  });

  it('diffs a reset (resync) like any other update', async () => {
    const { model, rows, at } = setup();
    at(4_000_000);
    model.putExtension({ id: '802', state: 'inuse', statusCode: 1, stateSince: 4_000_000 });
    at(4_050_000);
    model.reset({ extensions: [{ id: '802', state: 'idle', statusCode: 0, stateSince: 4_050_000 }], calls: [], queues: [] });
    expect(await rows()).toEqual([{ agent: '802', queue: null, kind: 'talk', reason: null, startAt: 4_000_000, endAt: 4_050_000 }]);
  });

  it('stops writing when unsubscribed', async () => {
    const { model, rows, stop } = setup();
    stop();
    model.putExtension({ id: '803', state: 'ringing', statusCode: 8, stateSince: 1 });
    expect(await rows()).toEqual([]);
  });

  it('after a restart, closes what the stopped run left open at the last moment it was seen alive; what the PBX still shows goes on', async () => {
    const first = setup();
    first.at(2_000_000);
    first.model.putQueue(queue([member('800', { isPaused: true, pauseReason: 'lunch', pausedSince: 2_000_000 }), member('801')]));
    first.model.putExtension({ id: '801', state: 'inuse', statusCode: 1, stateSince: 2_000_000 });
    // The sampler's last sample before the process stopped, ten minutes later.
    const db = temp.open();
    db.prepare("INSERT INTO queue_samples (queue, at, waiting, available, on_call, ringing, paused) VALUES ('630', 2_600_000, 0, 0, 1, 0, 1)").run();
    first.stop();

    // An hour later a new run starts (its model empty until the PBX answers), then the PBX shows 800 still at lunch, 801 gone.
    let now = 5_600_000;
    const model = new LiveModel(() => now);
    const stop = recordAgentIntervals(model, createCallStore(db));
    const left = await first.rows();
    expect(left.filter((row) => row.endAt === null)).toEqual([]);
    expect(left).toEqual([
      { agent: '800', queue: '630', kind: 'login', reason: null, startAt: 2_000_000, endAt: 2_600_000 },
      { agent: '800', queue: '630', kind: 'pause', reason: 'lunch', startAt: 2_000_000, endAt: 2_600_000 },
      { agent: '801', queue: '630', kind: 'login', reason: null, startAt: 2_000_000, endAt: 2_600_000 },
      { agent: '801', queue: null, kind: 'talk', reason: null, startAt: 2_000_000, endAt: 2_600_000 },
    ]);
    now = 5_700_000;
    model.putQueue(queue([member('800', { isPaused: true, pauseReason: 'lunch', pausedSince: 2_000_000 })]));
    // Asterisk's own pause start: the pause goes on from there (the reports count overlapping intervals once).
    expect((await first.rows()).slice(4)).toEqual(readable([
      { agent: '800', queue: '630', kind: 'login', reason: null, startAt: 5_700_000, endAt: null },
      { agent: '800', queue: '630', kind: 'pause', reason: 'lunch', startAt: 2_000_000, endAt: null },
    ]));
    stop();
  });
});
