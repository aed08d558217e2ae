import { describe, expect, it } from 'vitest';
import { defaultStatsRulesBook, type QueueAttempt, type StatsRulesBook } from '../../../electron/core/contract';
import { DayLedger } from '../../../electron/core/live/day-ledger';
import { LiveModel } from '../../../electron/core/live/model';
import { localHourOf } from '../../../electron/core/base/time-zone';

const zone = 'Asia/Shanghai';
// 2026-12-05 23:50 in Shanghai.
const lateEvening = Date.parse('2026-12-05T15:50:00Z');

function setup(rules: StatsRulesBook = defaultStatsRulesBook) {
  const clock = { now: lateEvening };
  const model = new LiveModel(() => clock.now);
  let book = rules;
  const ledger = new DayLedger({ model, timeZone: zone, rules: () => book });
  const change = (attempt: QueueAttempt, before?: QueueAttempt) => {
    ledger.apply([{ ...(before ? { before: { attempt: before, localHour: localHourOf(before.enteredAt, zone) } } : {}), after: { attempt, localHour: localHourOf(attempt.enteredAt, zone) } }]);
  };
  return { clock, model, ledger, change, setRules: (next: StatsRulesBook) => (book = next) };
}

const pass = (callId: string, enteredAt: number, extra: Partial<QueueAttempt> = {}): QueueAttempt => ({
  callId, seq: 0, queue: '630', enteredAt, callerNum: '0611', outcome: 'waiting', holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'ami', ...extra,
});

describe('the day ledger', () => {
  it('counts a pass once as it moves from waiting to answered, and answered never exceeds offered', () => {
    const { model, change } = setup();
    const waiting = pass('a', lateEvening - 5_000);
    change(waiting);
    expect(model.days.get('630')?.figures).toMatchObject({ offered: 1, waiting: 1, answered: 0 });
    const connected = { ...waiting, outcome: 'connected' as const, waitSeconds: 5, agent: '800' };
    change(connected, waiting);
    expect(model.days.get('630')?.figures).toMatchObject({ offered: 1, waiting: 0, answered: 1, completed: 0, asaSeconds: 5 });
    change({ ...connected, outcome: 'answered', talkSeconds: 60 }, connected);
    expect(model.days.get('630')?.figures).toMatchObject({ offered: 1, answered: 1, completed: 1, ahtSeconds: 60, serviceLevel: 1 });
    expect(model.days.get('630')?.hours).toHaveLength(1);
  });

  it('counts a caller waiting past the service level against it before they give up', () => {
    const { clock, model, ledger, change } = setup();
    change(pass('b', lateEvening - 5_000));
    change(pass('c', lateEvening - 5_000, { outcome: 'answered', waitSeconds: 3, talkSeconds: 10 }));
    expect(model.days.get('630')?.figures).toMatchObject({ slBase: 1, answeredWithinSl: 1, serviceLevel: 1 });
    clock.now += 16_000; // b has now waited 21 s > 20 s
    ledger.tick(clock.now);
    expect(model.days.get('630')?.figures).toMatchObject({ slBase: 2, answeredWithinSl: 1, serviceLevel: 0.5 });
  });

  it('starts a new day at local midnight, with the calls of the new day only', () => {
    const { clock, model, ledger, change } = setup();
    change(pass('d', lateEvening, { outcome: 'abandoned', waitSeconds: 30 }));
    expect(model.days.get('630')).toMatchObject({ day: '2026-12-05', figures: { offered: 1, abandoned: 1 } });
    clock.now = lateEvening + 11 * 60_000; // 00:01 on the 6th
    ledger.tick(clock.now);
    expect(model.days.get('630')).toMatchObject({ day: '2026-12-06', figures: { offered: 0, abandoned: 0 } });
    // A pass that entered yesterday and ends today stays yesterday's.
    change(pass('d', lateEvening, { outcome: 'abandoned', waitSeconds: 30, missCause: 'NO_ASSIGN' }), pass('d', lateEvening, { outcome: 'abandoned', waitSeconds: 30 }));
    expect(model.days.get('630')?.figures.offered).toBe(0);
  });

  it('recounts every queue when the rules change (tallies do not depend on them)', () => {
    const { model, ledger, change, setRules } = setup();
    change(pass('e', lateEvening, { outcome: 'answered', waitSeconds: 25, talkSeconds: 10 }));
    change(pass('f', lateEvening, { outcome: 'abandoned', waitSeconds: 4 }));
    expect(model.days.get('630')?.figures).toMatchObject({ offered: 2, abandoned: 1, serviceLevel: 0 });
    setRules({ defaults: { slSeconds: 30, slFormula: 'answered', shortAbandonSeconds: 5 }, queues: {} });
    ledger.rulesChanged();
    expect(model.days.get('630')?.figures).toMatchObject({ offered: 1, abandoned: 0, shortAbandoned: 1, serviceLevel: 1 });
    expect(model.days.get('630')?.rules).toEqual({ slSeconds: 30, slFormula: 'answered', shortAbandonSeconds: 5 });
  });
});
