import { describe, expect, test } from 'vitest';
import type { Alert } from '../../../electron/core/contract';
import { alertMessage, newlyLoud, shouldBeep } from '../../../renderer/src/domain/alert-cues';
import { fromForm, toForm, watchdogFromForm, watchdogToForm, withScope } from '../../../renderer/src/domain/alert-rules-form';
import { defaultAlertRulesBook } from '../../../electron/core/contract';
import { messages } from '../../../renderer/src/i18n';

const { 'zh-CN': zh, en } = messages;

const alert = (id: string, over: Partial<Alert> = {}): Alert => ({ id, kind: 'waiting', queue: '630', value: 4, threshold: 3, raisedAt: 1, ...over });

describe('alert cues', () => {
  test('each kind has its sentence in both languages, with the values it names', () => {
    for (const kind of Object.keys(en.alerts.kind)) expect(Object.keys(zh.alerts.kind)).toContain(kind);
    const paused = alertMessage(alert('p', { kind: 'pausedTooLong', queue: undefined, agent: '800', agentName: 'Amy', pauseReason: 'break', value: 16, threshold: 15 }), (code) => `<${code}>`);
    expect(paused).toEqual({ key: 'alerts.kind.pausedTooLong', params: { queue: '', agent: 'Amy (800)', value: 16, threshold: 15, minutes: 0, reason: '<break>' } });
    expect(alertMessage(alert('s', { kind: 'serviceLevel', windowMinutes: 30 }), String).params.minutes).toBe(30);
  });

  test('a new loud alert is cued once; an acknowledged one never; a cleared id is forgotten', () => {
    const cued = new Set<string>();
    expect(newlyLoud([alert('a'), alert('b', { acknowledgedAt: 5 })], cued).map((a) => a.id)).toEqual(['a']);
    expect(newlyLoud([alert('a'), alert('c')], cued).map((a) => a.id)).toEqual(['c']);
    expect(newlyLoud([alert('c')], cued)).toEqual([]);
    expect([...cued]).toEqual(['c']);
  });

  test('the beep repeats while an unacknowledged alert stands, unless muted', () => {
    expect(shouldBeep([alert('a')], false, 0, 30_000)).toBe(true);
    expect(shouldBeep([alert('a')], false, 10_000, 30_000)).toBe(false);
    expect(shouldBeep([alert('a')], true, 0, 30_000)).toBe(false);
    expect(shouldBeep([alert('a', { acknowledgedAt: 2 })], false, 0, 30_000)).toBe(false);
  });
});

describe('the alert rules form', () => {
  test('round-trips the rules; a rule turned off keeps its numbers in the form but is null for the core', () => {
    const form = toForm(defaultAlertRulesBook.defaults);
    expect(fromForm(form)).toEqual({ rules: defaultAlertRulesBook.defaults });
    form.waiting.on = false;
    expect(fromForm(form)).toMatchObject({ rules: { waitingAtLeast: null } });
    expect(form.waiting.n).toBe(defaultAlertRulesBook.defaults.waitingAtLeast);
  });

  test('names every field out of bounds, only for rules that are on', () => {
    const form = toForm(defaultAlertRulesBook.defaults);
    form.waiting.n = 0;
    form.serviceLevel.belowPercent = 101;
    form.serviceLevel.minutes = 2.5;
    expect(fromForm(form)).toEqual({ problems: [
      { field: 'waitingAtLeast', min: 1, max: 1000 },
      { field: 'belowPercent', min: 1, max: 100 },
      { field: 'minutes', min: 5, max: 240 },
    ] });
    form.waiting.on = false;
    form.serviceLevel.on = false;
    expect('rules' in fromForm(form)).toBe(true);
  });

  test('the watchdog: empty pause limits mean none; each reason is listed', () => {
    const form = watchdogToForm({ idleMinutes: null, pauseLimitMinutes: { break: 15 } }, ['lunch', 'break']);
    expect(form).toEqual({ idle: { on: false, minutes: 10 }, pauseLimits: { lunch: '', break: 15, '*': '' } });
    form.pauseLimits.lunch = 60;
    expect(watchdogFromForm(form)).toEqual({ watchdog: { idleMinutes: null, pauseLimitMinutes: { lunch: 60, break: 15 } } });
    form.pauseLimits.break = 0;
    expect(watchdogFromForm(form)).toEqual({ problems: [{ field: 'pauseLimitMinutes', min: 1, max: 600, reason: 'break' }] });
  });

  test('a queue set back to the defaults has no rules of its own', () => {
    const own = { ...defaultAlertRulesBook.defaults, waitingAtLeast: 2 };
    const book = withScope(defaultAlertRulesBook, '630', own);
    expect(book.queues).toEqual({ 630: own });
    expect(withScope(book, '630', defaultAlertRulesBook.defaults).queues).toEqual({});
    expect(withScope(book, '*', own).defaults).toEqual(own);
  });
});
