import { describe, expect, test } from 'vitest';
import { addTally, defaultStatsRules, emptyTally, figuresOf, type Call, type Queue, type QueueDay, type QueueMember, type QueueTally } from '../../../electron/core/contract';
import { boardFigures, hoursOf } from '../../../renderer/src/domain/board-figures';

const member = (extension: string, fields: Partial<QueueMember> = {}): QueueMember => ({
  interface: `SIP/${extension}`, extension, name: extension, penalty: 0, isPaused: false, state: 'idle', isInCall: false, callsTaken: 0, membership: 'static', ...fields,
});
const queue = (name: string, members: QueueMember[], waitingSince: number[] = []): Queue => ({
  name, members, callers: waitingSince.map((joinedAt, i) => ({ callId: `${name}.${i}`, channel: `SIP/t-${i}`, callerNum: '1', position: i + 1, joinedAt })),
});
const day = (name: string, tally: Partial<QueueTally>, hourAt = 0): QueueDay => {
  const figures = figuresOf(addTally(emptyTally(), { ...emptyTally(), ...tally }), defaultStatsRules);
  return {
    queue: name, day: '2026-12-05', timeZone: 'Asia/Shanghai', rules: defaultStatsRules, figures,
    hours: [{ at: hourAt, offered: figures.offered, answered: figures.answered, abandoned: figures.abandoned, answeredWithinSl: figures.answeredWithinSl, slBase: figures.slBase }],
  };
};

describe('boardFigures', () => {
  test('counts an agent of two queues once, on a call beating paused beating available', () => {
    const q1 = queue('630', [member('800', { isPaused: true }), member('801'), member('802', { state: 'unavailable' })], [5_000, 1_000]);
    const q2 = queue('631', [member('800', { isInCall: true, state: 'idle' }), member('803', { state: 'ringing' })]);
    const calls = [{ callClass: 'customer', queue: '630' }, { callClass: 'supervisor', queue: '630' }] as Call[];
    const f = boardFigures('*', [q1, q2], new Map(), calls);
    expect(f).toMatchObject({ waiting: 2, oldestJoinedAt: 1_000, available: 1, onCall: 1, ringing: 1, paused: 0, loggedOut: 1, staffed: 3, activeCalls: 1 });
    expect(f.day.offered).toBe(0);
  });

  test('takes the day from the core and combines queues as sums, one rule set shown when they agree', () => {
    const within20 = (n: number) => [0, 0, 0, n, n, n, n, n, n, n, n, n];
    const days = new Map([
      ['630', day('630', { offered: 10, answered: 8, abandoned: 2, answeredWithin: within20(6), waitAnsweredSum: 80 }, 0)],
      ['631', day('631', { offered: 10, answered: 2, abandoned: 8, answeredWithin: within20(2), waitAnsweredSum: 20 }, 3_600_000)],
    ]);
    const f = boardFigures('*', [queue('630', []), queue('631', [])], days, []);
    expect(f.day).toMatchObject({ offered: 20, answered: 10, abandoned: 10, answeredWithinSl: 8, serviceLevel: 0.4, asaSeconds: 10 });
    expect(f.rules).toEqual(defaultStatsRules);
    expect(hoursOf([...days.values()]).map((h) => [h.at, h.offered])).toEqual([[0, 10], [3_600_000, 10]]);
  });
});
