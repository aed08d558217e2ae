import { describe, expect, test } from 'vitest';
import { observe, type WatchInput } from '../../../electron/core/alerts/observe';
import {
  alertRulesBookSchema, defaultAlertRulesBook, defaultPauseReasons, figuresOf, emptyTally, defaultStatsRules,
  type AlertRulesBook, type Queue, type QueueCaller, type QueueDay, type QueueMember,
} from '../../../electron/core/contract';

const now = Date.parse('2026-12-06T03:00:00Z');
const min = 60_000;

const member = (extension: string, over: Partial<QueueMember> = {}): QueueMember => ({
  interface: `SIP/${extension}`, extension, name: `Agent ${extension}`, penalty: 0, isPaused: false, state: 'idle', isInCall: false,
  callsTaken: 0, membership: 'static', ...over,
});
const caller = (joinedAgoMs: number, i = 0): QueueCaller => ({ callId: `c${i}`, channel: `SIP/t-${i}`, callerNum: '0611', position: i + 1, joinedAt: now - joinedAgoMs });
const queue = (name: string, members: QueueMember[], callers: QueueCaller[]): Queue => ({ name, members, callers });
const day = (name: string): QueueDay => ({ queue: name, day: '2026-12-06', timeZone: 'Asia/Shanghai', rules: defaultStatsRules, figures: figuresOf(emptyTally(), defaultStatsRules), hours: [] });

const quiet: AlertRulesBook = {
  defaults: { waitingAtLeast: null, longestWaitSeconds: null, serviceLevel: null, noAgent: false },
  queues: {},
  watchdog: { idleMinutes: null, pauseLimitMinutes: {} },
};

function input(queues: Queue[], book: Partial<AlertRulesBook> & { rules?: Partial<AlertRulesBook['defaults']> }, sl?: { within: number; base: number }): WatchInput {
  const { rules, ...rest } = book;
  return {
    now,
    queues,
    extensions: new Map(),
    days: new Map(queues.map((q) => [q.name, day(q.name)])),
    book: { ...quiet, ...rest, defaults: { ...quiet.defaults, ...rules } },
    pauseReasons: defaultPauseReasons,
    serviceLevel: () => (sl ? { answeredWithinSl: sl.within, slBase: sl.base, serviceLevel: sl.base > 0 ? sl.within / sl.base : null } : undefined),
  };
}

const kinds = (watch: WatchInput) => observe(watch).map((o) => `${o.key}=${o.value}/${o.threshold}`);

describe('observe: each rule kind holds exactly at its threshold', () => {
  const ringing = [member('800', { state: 'ringing' })];
  test.each([
    ['waiting: 3 callers, N = 3', queue('630', ringing, [caller(1000, 0), caller(1000, 1), caller(1000, 2)]), { rules: { waitingAtLeast: 3 } }, ['waiting:630=3/3']],
    ['waiting: 2 callers, N = 3', queue('630', ringing, [caller(1000, 0), caller(1000, 1)]), { rules: { waitingAtLeast: 3 } }, []],
    ['longest wait: 61 s ≥ 60 s', queue('630', ringing, [caller(61_000, 0), caller(5_000, 1)]), { rules: { longestWaitSeconds: 60 } }, ['longestWait:630=61/60']],
    ['longest wait: 59 s', queue('630', ringing, [caller(59_000)]), { rules: { longestWaitSeconds: 60 } }, []],
    ['longest wait: nobody waits', queue('630', ringing, []), { rules: { longestWaitSeconds: 5 } }, []],
    ['no agent: all paused, staffed', queue('630', [member('800', { isPaused: true })], []), { rules: { noAgent: true } }, ['noAgent:630=0/0']],
    ['no agent: all logged out, a caller waits', queue('630', [member('800', { state: 'unavailable' })], [caller(1000)]), { rules: { noAgent: true } }, ['noAgent:630=1/0']],
    ['no agent: nobody and no caller (closed queue)', queue('630', [member('800', { state: 'unavailable' })], []), { rules: { noAgent: true } }, []],
    ['no agent: one on a call counts as ready', queue('630', [member('800', { state: 'inuse' }), member('801', { isPaused: true })], [caller(1000)]), { rules: { noAgent: true } }, []],
  ] as const)('%s', (_name, q, book, expected) => {
    expect(kinds(input([q], book as Partial<AlertRulesBook>))).toEqual(expected);
  });

  test('service level: below X % over the window once min calls are counted', () => {
    const rules = { serviceLevel: { belowPercent: 80, minutes: 30, minCalls: 10 } };
    const q = queue('630', [member('800')], []);
    expect(kinds(input([q], { rules }, { within: 7, base: 10 }))).toEqual(['serviceLevel:630=70/80']);
    expect(kinds(input([q], { rules }, { within: 8, base: 10 }))).toEqual([]);
    // Too few calls to judge.
    expect(kinds(input([q], { rules }, { within: 1, base: 9 }))).toEqual([]);
    expect(kinds(input([q], { rules }, { within: 0, base: 0 }))).toEqual([]);
  });

  test('a queue listed overrides the defaults whole', () => {
    const q = queue('631', [member('800', { state: 'ringing' })], [caller(1000)]);
    expect(kinds(input([q], { rules: { waitingAtLeast: 1 }, queues: { 631: { ...quiet.defaults } } }))).toEqual([]);
  });
});

describe('observe: the watchdog, one per agent', () => {
  test('idle: available with no call for N minutes while callers wait in their queue', () => {
    const idle = member('800', { lastCallAt: now - 12 * min });
    const watchdog = { idleMinutes: 10, pauseLimitMinutes: {} };
    const waiting = [queue('630', [idle], [caller(1000)]), queue('631', [idle], [caller(1000)])];
    expect(kinds(input(waiting, { watchdog }))).toEqual(['agentIdle:800=12/10']);
    // No caller waiting: idle is fine.
    expect(kinds(input([queue('630', [idle], [])], { watchdog }))).toEqual([]);
    // Came back from a pause 2 minutes ago: idle for 2, not 12.
    expect(kinds(input([queue('630', [{ ...idle, unpausedAt: now - 2 * min }], [caller(1000)])], { watchdog }))).toEqual([]);
  });

  test('paused longer than the reason allows; a label the PBX sent counts as its code', () => {
    const watchdog = { idleMinutes: null, pauseLimitMinutes: { break: 15 } };
    const onBreak = (minutes: number, reason = 'break') => [queue('630', [member('800', { isPaused: true, pauseReason: reason, pausedSince: now - minutes * min })], [])];
    expect(kinds(input(onBreak(16), { watchdog }))).toEqual(['pausedTooLong:800=16/15']);
    expect(kinds(input(onBreak(16, 'Break'), { watchdog }))).toEqual(['pausedTooLong:800=16/15']);
    expect(kinds(input(onBreak(14), { watchdog }))).toEqual([]);
    // A reason with no limit.
    expect(kinds(input(onBreak(300, 'lunch'), { watchdog }))).toEqual([]);
    // "Any other reason" covers it, and a pause with no reason at all (the vendor API reports none).
    const anyOther = { idleMinutes: null, pauseLimitMinutes: { break: 15, '*': 30 } };
    expect(kinds(input(onBreak(31, 'lunch'), { watchdog: anyOther }))).toEqual(['pausedTooLong:800=31/30']);
    expect(kinds(input([queue('630', [member('800', { isPaused: true, pausedSince: now - 31 * min })], [])], { watchdog: anyOther }))).toEqual(['pausedTooLong:800=31/30']);
    expect(kinds(input(onBreak(16), { watchdog: anyOther }))).toEqual(['pausedTooLong:800=16/15']);
  });

  test('the default rules pass the contract schema; out-of-bounds rules do not', () => {
    expect(alertRulesBookSchema.safeParse(defaultAlertRulesBook).success).toBe(true);
    const bad = (defaults: object) => alertRulesBookSchema.safeParse({ ...defaultAlertRulesBook, defaults: { ...defaultAlertRulesBook.defaults, ...defaults } }).success;
    expect(bad({ waitingAtLeast: 0 })).toBe(false);
    expect(bad({ longestWaitSeconds: 1e6 })).toBe(false);
    expect(bad({ serviceLevel: { belowPercent: 101, minutes: 30, minCalls: 1 } })).toBe(false);
    expect(bad({ serviceLevel: { belowPercent: 80, minutes: 1, minCalls: 1 } })).toBe(false);
    expect(alertRulesBookSchema.safeParse({ ...defaultAlertRulesBook, queues: { '*': defaultAlertRulesBook.defaults } }).success).toBe(false);
  });
});
