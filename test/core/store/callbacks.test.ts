import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord, QueueAttempt } from '../../../electron/core/contract';
import { createAuditLog } from '../../../electron/core/store/audit-log';
import { createCallStore, type CallStore } from '../../../electron/core/store/call-store';
import { dismissCallback, openCallbacks } from '../../../electron/core/store/callbacks';
import type { Db } from '../../../electron/core/store/database';
import { storeEngineSuite } from './support/store-engine';
import { tempDatabase } from './support/temp-db';

const HOUR = 3_600_000;
const t0 = Date.parse('2026-06-01T00:00:00Z');
const now = t0 + 12 * HOUR;

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let store: CallStore;

function pass(callId: string, callerNum: string, enteredAt: number, outcome: QueueAttempt['outcome'], fields: Partial<QueueAttempt> = {}): QueueAttempt {
  const ended = outcome !== 'waiting' && outcome !== 'connected';
  return {
    callId, seq: 0, queue: '630', enteredAt, callerNum, outcome, holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'queue_log',
    ...(ended ? { endedAt: enteredAt + 30_000, waitSeconds: 30 } : {}), ...fields,
  };
}

function outbound(uniqueid: string, calledNum: string, startedAt: number, isAnswered: boolean): CallRecord {
  return {
    uniqueid, source: 'cdr', direction: 'outbound', callClass: 'customer', callerNum: '801', calledNum, startedAt,
    endedAt: startedAt + 60_000, duration: 60, queueSeconds: 0, ringSeconds: 5, talkSeconds: isAnswered ? 55 : 0, holdSeconds: 0,
    wrapupSeconds: 0, ivrSeconds: 0, isAnswered,
  };
}

function write(attempts: QueueAttempt[], into = db): void {
  const writer = into === db ? store : createCallStore(into);
  into.transaction(() => writer.queueCalls.upsertAttempts(attempts))();
}

// Written here, read where the engine puts them (support/store-engine.ts).
const engine = storeEngineSuite();
const read = (observe?: (cache: Db) => void) => engine.readBack(temp, db, observe);
const numbers = async (observe?: (cache: Db) => void) => openCallbacks(await read(observe), now).entries.map((entry) => entry.number);

beforeEach(() => {
  temp = tempDatabase();
  db = temp.open();
  store = createCallStore(db);
  store.setTimeZone('UTC');
});
afterEach(() => temp.cleanup());

describe('callbacks', () => {
  it('lists an abandoned caller with queue, wait, time and tries', async () => {
    write([pass('a', '0611', t0 + 9 * HOUR, 'abandoned', { queue: '631', waitSeconds: 42 })]);
    expect(openCallbacks(await read(), now)).toEqual({
      day: '2026-06-01', timeZone: 'UTC', total: 1, limit: 500,
      entries: [{ number: '0611', queue: '631', waitSeconds: 42, lastAt: t0 + 9 * HOUR + 30_000, outcome: 'abandoned', tries: 1 }],
    });
  });

  it('lists one PBX\'s callers when a console of several asks for one (by the queue of the last miss)', async () => {
    write([
      pass('bj:a', '0611', t0 + 9 * HOUR, 'abandoned', { queue: 'bj:630' }),
      pass('sh:b', '0612', t0 + 10 * HOUR, 'abandoned', { queue: 'sh:630' }),
    ]);
    const cache = await read();
    expect(openCallbacks(cache, now, undefined, 'sh')).toMatchObject({ total: 1, entries: [{ number: '0612', queue: 'sh:630' }] });
    expect(openCallbacks(cache, now, 0, 'bj')).toMatchObject({ total: 1, entries: [] });
    expect(openCallbacks(cache, now).total).toBe(2);
  });

  it('counts every missed pass today as a try and shows the last one', async () => {
    write([
      pass('y', '0613', t0 - 2 * HOUR, 'abandoned'),
      pass('a', ' 0613 ', t0 + 9 * HOUR, 'abandoned'),
      pass('b', '0613', t0 + 10 * HOUR, 'exitwithtimeout', { queue: '631', waitSeconds: 300 }),
    ]);
    const [entry] = openCallbacks(await read(), now).entries;
    expect(entry).toMatchObject({ number: '0613', queue: '631', waitSeconds: 300, outcome: 'exitwithtimeout', tries: 2 });
  });

  it('clears a caller whose later pass was answered or who is in a queue now', async () => {
    write([
      pass('a', '0612', t0 + 9 * HOUR, 'abandoned'),
      pass('b', '0612', t0 + 10 * HOUR, 'answered', { agent: '801' }),
      pass('c', '0618', t0 + 9 * HOUR, 'abandoned'),
      pass('e', '0619', t0 + 9 * HOUR, 'abandoned'),
      pass('g', '0620', t0 + 9 * HOUR, 'exitempty'),
      pass('h', '0620', t0 + 10 * HOUR, 'transferred', { agent: '801' }),
      // Ended while the link was down: nobody knows it was served, so the miss stays open.
      pass('i', '0621', t0 + 8 * HOUR, 'abandoned'),
      pass('j', '0621', t0 + 10 * HOUR, 'unknown'),
    ]);
    // In a queue now: every console of the PBX sees it live (an open pass stays with its writer).
    const inQueue = (cache: Db) => write([pass('d', '0618', t0 + 11 * HOUR, 'waiting')], cache);
    expect(await numbers(inQueue)).toEqual(['0619', '0621']);
    // A miss after the answer opens it again.
    write([pass('f', '0612', t0 + 11 * HOUR, 'abandoned')]);
    expect(await numbers(inQueue)).toEqual(['0612', '0619', '0621']);
  });

  it('clears a caller an agent called back (answered outbound call after the miss), not an unanswered or earlier one', async () => {
    write([
      pass('a', '0614', t0 + 9 * HOUR, 'abandoned'),
      pass('b', '0615', t0 + 9 * HOUR, 'abandoned'),
      pass('c', '0616', t0 + 10 * HOUR, 'abandoned'),
      pass('d', '138-0013-8000', t0 + 9 * HOUR, 'abandoned'),
    ]);
    store.upsertCalls([
      // Spelled differently, dialled the same: one number.
      outbound('o4', '138 0013 8000', t0 + 10 * HOUR, true),
      outbound('o1', '0614', t0 + 10 * HOUR, true),
      outbound('o2', '0615', t0 + 10 * HOUR, false),
      outbound('o3', '0616', t0 + 9 * HOUR, true),
    ]);
    expect(await numbers()).toEqual(['0616', '0615']);
  });

  it('clears a caller picked up out of the queue to an agent: the pass is abandoned, the call answered', async () => {
    write([pass('a', '0617', t0 + 8 * HOUR, 'abandoned'), pass('b', '0617', t0 + 9 * HOUR, 'abandoned'), pass('c', '0618', t0 + 9 * HOUR, 'abandoned')]);
    store.upsertCalls([
      { ...outbound('b', '0', t0 + 9 * HOUR, true), direction: 'inbound', callerNum: '0617', calledNum: '0201234560', queue: '630', agent: '809', queueOutcome: 'abandoned' },
      { ...outbound('c', '0', t0 + 9 * HOUR, false), direction: 'inbound', callerNum: '0618', calledNum: '0201234560', queue: '630', queueOutcome: 'abandoned' },
    ]);
    expect(await numbers()).toEqual(['0618']);
  });

  it('leaves out numbers nobody can dial and yesterday\'s misses', async () => {
    write([
      pass('a', 'anonymous', t0 + 9 * HOUR, 'abandoned'),
      pass('b', '', t0 + 9 * HOUR, 'abandoned'),
      pass('c', '0617', t0 - HOUR, 'abandoned'),
    ]);
    expect(openCallbacks(await read(), now).total).toBe(0);
  });

  it('rebuilds the same list from the file after a restart', async () => {
    write([pass('a', '0611', t0 + 9 * HOUR, 'abandoned'), pass('b', '0612', t0 + 10 * HOUR, 'exitempty')]);
    const cache = await read();
    const before = openCallbacks(cache, now);
    expect(before.total).toBe(2);
    cache.close();
    expect(openCallbacks(temp.open(cache.name), now)).toEqual(before);
  });

  it('dismiss hides a number until it misses again, and is audited', async () => {
    write([pass('a', '0611', t0 + 9 * HOUR, 'abandoned'), pass('b', '0612', t0 + 9 * HOUR, 'abandoned')]);
    const audit = createAuditLog(db);
    dismissCallback(db, audit, '0611', 'operator:li@10.0.0.5', now - HOUR);
    expect(await numbers()).toEqual(['0612']);
    expect(createAuditLog(await read()).list({ action: 'callbacks.dismiss' })).toMatchObject([
      { who: 'operator:li@10.0.0.5', action: 'callbacks.dismiss', target: '0611', params: { number: '0611' }, result: 'ok', at: now - HOUR },
    ]);
    write([pass('c', '0611', now - HOUR / 2, 'abandoned')]);
    expect(openCallbacks(await read(), now).entries.find((entry) => entry.number === '0611')).toMatchObject({ tries: 2 });
  });

  it('hides a number another console of the shared history dismissed (its audit entry), not one it failed to', async () => {
    write([pass('a', '0611', t0 + 9 * HOUR, 'abandoned'), pass('b', '0612', t0 + 9 * HOUR, 'abandoned')]);
    // Entries pulled into the cache read, as a shared history's sync stores them (shared-audit-sync.ts).
    const pulledInto = (cache: Db) => {
      const pulled = cache.prepare(`INSERT INTO audit_log (at, who, action, target, params, result, message, console, console_entry)
        VALUES (?, 'operator:wang@10.0.0.6', 'callbacks.dismiss', ?, ?, ?, NULL, 'console-b', ?)`);
      pulled.run(now - HOUR, '0611', JSON.stringify({ number: '0611' }), 'ok', 1);
      pulled.run(now - HOUR, '0612', JSON.stringify({ number: '0612' }), 'error', 2);
    };
    expect(await numbers(pulledInto)).toEqual(['0612']);
  });

  it('caps the list at the limit, newest first, and still counts them all', async () => {
    write(Array.from({ length: 5 }, (_, i) => pass(`c${i}`, `061${i}`, t0 + (6 + i) * HOUR, 'abandoned')));
    const reply = openCallbacks(await read(), now, 2);
    expect(reply.total).toBe(5);
    expect(reply.entries.map((entry) => entry.number)).toEqual(['0614', '0613']);
  });
});
