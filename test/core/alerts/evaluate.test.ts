import { describe, expect, test } from 'vitest';
import { acknowledge, clearAfterMs, createAlertState, snooze, standing, step } from '../../../electron/core/alerts/evaluate';
import type { Observation } from '../../../electron/core/alerts/observe';

const t0 = Date.parse('2026-12-06T03:00:00Z');
const waiting = (value = 5): Observation => ({ key: 'waiting:630', kind: 'waiting', queue: '630', value, threshold: 5 });
const paused: Observation = { key: 'pausedTooLong:800', kind: 'pausedTooLong', agent: '800', pauseReason: 'break', value: 16, threshold: 15 };

/** Runs one tick a second over `pattern` ('1' = the condition holds that second) and lists what happened. */
function run(pattern: string): string[] {
  const state = createAlertState();
  const told: string[] = [];
  [...pattern].forEach((bit, second) => {
    for (const change of step(state, bit === '1' ? [waiting()] : [], t0 + second * 1000)) told.push(`${second}:${change.event}`);
  });
  return told;
}

describe('step: raise at once, clear only after the condition stayed away', () => {
  const hold = clearAfterMs / 1000;
  test.each([
    ['holds, then goes for good', `111${'0'.repeat(hold + 1)}`, ['0:raised', `${3 + hold}:cleared`]],
    ['flaps around the threshold: one alert', `1010101101${'1'.repeat(5)}`, ['0:raised']],
    ['away just under the hold time, back: still one', `1${'0'.repeat(hold - 1)}1`, ['0:raised']],
    ['away the hold time, then back: a second alert', `1${'0'.repeat(hold + 1)}1`, ['0:raised', `${hold + 1}:cleared`, `${hold + 2}:raised`]],
    ['never holds', '0000', []],
  ])('%s', (_name, pattern, expected) => {
    expect(run(pattern)).toEqual(expected);
  });

  test('with no hold (the rules changed) what no longer holds clears at once', () => {
    const state = createAlertState();
    step(state, [waiting(), paused], t0);
    expect(step(state, [paused], t0 + 1000, 0).map((c) => `${c.event}:${c.alert.kind}`)).toEqual(['cleared:waiting']);
  });

  test('an alert keeps the value it was raised with and an id per raise', () => {
    const state = createAlertState();
    const [raised] = step(state, [waiting(7)], t0);
    step(state, [waiting(9)], t0 + 1000);
    expect(standing(state)).toEqual([{ id: `waiting:630:${t0}`, kind: 'waiting', queue: '630', value: 7, threshold: 5, raisedAt: t0 }]);
    expect(raised?.alert.id).toBe(`waiting:630:${t0}`);
  });
});

describe('acknowledge and snooze', () => {
  test('acknowledge quiets an alert, which stays standing (after the loud ones) until it clears', () => {
    const state = createAlertState();
    step(state, [waiting()], t0);
    step(state, [waiting(), paused], t0 + 1000);
    const id = `waiting:630:${t0}`;
    const change = acknowledge(state, id, 'operator:amy@127.0.0.1', t0 + 2000);
    expect(change).toMatchObject({ event: 'acknowledged', who: 'operator:amy@127.0.0.1', alert: { id, acknowledgedAt: t0 + 2000 } });
    expect(standing(state).map((a) => [a.kind, a.acknowledgedAt !== undefined])).toEqual([['pausedTooLong', false], ['waiting', true]]);
    // Twice, or an unknown id: nothing.
    expect(acknowledge(state, id, 'x', t0 + 3000)).toBeUndefined();
    expect(acknowledge(state, 'waiting:631:1', 'x', t0 + 3000)).toBeUndefined();
    // Still holding: no new raise, no clear.
    expect(step(state, [waiting(), paused], t0 + 4000)).toEqual([]);
  });

  test('snooze takes the alert away, keeps its rule and subject quiet for K minutes, then raises it again if it still holds', () => {
    const state = createAlertState();
    step(state, [waiting(), paused], t0);
    const change = snooze(state, `waiting:630:${t0}`, 5, 'amy', t0 + 1000);
    expect(change).toMatchObject({ event: 'snoozed', until: t0 + 1000 + 5 * 60_000 });
    expect(standing(state).map((a) => a.kind)).toEqual(['pausedTooLong']);
    // Quiet while snoozed, however long it holds; the other subject is not.
    for (let s = 2; s < 300; s += 10) expect(step(state, [waiting(), paused], t0 + s * 1000)).toEqual([]);
    // The snooze ends: it is raised afresh.
    const after = t0 + 1000 + 5 * 60_000;
    expect(step(state, [waiting(), paused], after).map((c) => `${c.event}:${c.alert.id}`)).toEqual([`raised:waiting:630:${after}`]);
    expect(snooze(state, 'nope', 5, 'amy', after)).toBeUndefined();
  });

  test('a snoozed condition that went away meanwhile is not raised when the snooze ends', () => {
    const state = createAlertState();
    step(state, [waiting()], t0);
    snooze(state, `waiting:630:${t0}`, 1, 'amy', t0);
    expect(step(state, [], t0 + 61_000)).toEqual([]);
    expect(state.snoozes.size).toBe(0);
  });
});
