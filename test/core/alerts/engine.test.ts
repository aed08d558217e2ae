import { describe, expect, test } from 'vitest';
import { AlertEngine } from '../../../electron/core/alerts/engine';
import { noteEveryMs } from '../../../electron/core/alerts/sl-window';
import {
  defaultPauseReasons, defaultStatsRules, emptyTally, figuresOf,
  type AlertRulesBook, type QueueDay, type QueueFigures,
} from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import { createAuditLog } from '../../../electron/core/store/audit-log';
import { openDatabase } from '../../../electron/core/store/database';
import { applyQueueInfo } from '../../../electron/core/vendor-api/poll-to-model';

// The ticking driver on a model whose clock the test moves: the service level of the
// last minutes is the day ledger's own numerator and denominator, differenced.

const t0 = Date.parse('2026-12-06T03:00:00Z');
const book: AlertRulesBook = {
  defaults: { waitingAtLeast: null, longestWaitSeconds: null, serviceLevel: { belowPercent: 80, minutes: 10, minCalls: 4 }, noAgent: false },
  queues: {},
  watchdog: { idleMinutes: null, pauseLimitMinutes: {} },
};

function setup() {
  let now = t0;
  const model = new LiveModel(() => now);
  const db = openDatabase(':memory:');
  const engine = new AlertEngine({ model, db, audit: createAuditLog(db), pauseReasons: () => defaultPauseReasons });
  engine.setRules(book, 'test');
  model.putQueue({ name: '630', members: [], callers: [] });
  const day = (answeredWithinSl: number, slBase: number, rules = defaultStatsRules): QueueDay => {
    const figures: QueueFigures = { ...figuresOf(emptyTally(), rules), answeredWithinSl, slBase };
    return { queue: '630', day: '2026-12-06', timeZone: 'Asia/Shanghai', rules, figures, hours: [] };
  };
  /** Moves the clock in 15 s ticks for `minutes`, with the day's sums at the end. */
  const advance = (minutes: number, within: number, base: number) => {
    for (let ms = 0; ms < minutes * 60_000; ms += noteEveryMs) {
      now += noteEveryMs;
      engine.tick();
    }
    model.putDay(day(within, base));
    engine.tick();
  };
  return { model, engine, advance, put: (d: QueueDay) => model.putDay(d), day, tick: () => engine.tick() };
}

describe('the alert engine over a moving clock', () => {
  test('service level of the last 10 minutes, not of the day', () => {
    const { model, advance, put, day, tick } = setup();
    // A good morning: 100 of 100 within T.
    put(day(100, 100));
    tick();
    // Ten minutes later: 2 of the last 10 within T — the day is still 92 %.
    advance(10, 102, 110);
    expect([...model.alerts.values()]).toMatchObject([{ kind: 'serviceLevel', queue: '630', value: 20, threshold: 80, windowMinutes: 10 }]);
    // The next 10 minutes all within T: the window recovers though the day barely moved.
    advance(10, 122, 130);
    advance(1, 122, 130);
    expect(model.alerts.size).toBe(0);
  });

  test('too few calls in the window raise nothing; new counting rules start the window over', () => {
    const { model, advance, put, day, tick } = setup();
    put(day(50, 50));
    tick();
    advance(10, 50, 53);
    expect(model.alerts.size).toBe(0);
    // The rules changed: sums under the old rules are not subtracted from the new ones.
    put(day(10, 60, { ...defaultStatsRules, slSeconds: 10 }));
    tick();
    expect(model.alerts.size).toBe(0);
  });
});

describe('on the vendor API backend', () => {
  test('a pause seen by queue-info (which carries no reason) is held to the limit of any other reason', () => {
    let now = t0;
    const model = new LiveModel(() => now);
    const db = openDatabase(':memory:');
    const engine = new AlertEngine({ model, db, audit: createAuditLog(db), pauseReasons: () => defaultPauseReasons });
    engine.setRules({ ...book, defaults: { ...book.defaults, serviceLevel: null }, watchdog: { idleMinutes: 5, pauseLimitMinutes: { break: 15, '*': 20 } } }, 'test');
    applyQueueInfo(model, { 630: [{ interface: 'sip/800', extension: '800', isPaused: true, penalty: 0 }] });
    now += 19 * 60_000;
    engine.tick();
    expect(model.alerts.size).toBe(0);
    now += 60_000;
    engine.tick();
    expect([...model.alerts.values()]).toMatchObject([{ kind: 'pausedTooLong', agent: '800', value: 20, threshold: 20 }]);
    expect(engine.list({})).toMatchObject([{ event: 'raised', kind: 'pausedTooLong', agent: '800' }]);
  });
});
