import { describe, expect, it } from 'vitest';
import { lastDueAt, nextDueAt, periodOf } from '../../../electron/core/reports/schedule-time';
import { periodLabel, safeFileStem } from '../../../electron/core/reports/run-report';

const shanghai = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('when a scheduled report is due', () => {
  const daily = { kind: 'daily' as const, time: '07:30' };
  it('daily: the slot is 07:30 local, the period the whole day before', () => {
    // 2026-12-05 08:00 in Shanghai = 00:00Z.
    const now = at('2026-12-05T00:00:00Z');
    expect(lastDueAt(daily, now, shanghai)).toBe(at('2026-12-04T23:30:00Z'));
    expect(nextDueAt(daily, now, shanghai)).toBe(at('2026-12-05T23:30:00Z'));
    expect(periodOf(daily, at('2026-12-04T23:30:00Z'), shanghai)).toEqual({ from: at('2026-12-03T16:00:00Z'), to: at('2026-12-04T16:00:00Z') });
    // Before 07:30 local the latest slot is yesterday's.
    expect(lastDueAt(daily, at('2026-12-04T23:00:00Z'), shanghai)).toBe(at('2026-12-03T23:30:00Z'));
    // Exactly on the slot it is due.
    expect(lastDueAt(daily, at('2026-12-04T23:30:00Z'), shanghai)).toBe(at('2026-12-04T23:30:00Z'));
  });

  it('weekly: on its weekday only, reporting the seven days before', () => {
    const monday = { kind: 'weekly' as const, weekday: 1, time: '06:00' };
    // 2026-12-09 is a Wednesday: the latest Monday slot is 2026-12-07 06:00 local.
    const now = at('2026-12-09T04:00:00Z');
    const slot = lastDueAt(monday, now, shanghai);
    expect(slot).toBe(at('2026-12-06T22:00:00Z'));
    expect(nextDueAt(monday, now, shanghai)).toBe(at('2026-12-13T22:00:00Z'));
    expect(periodOf(monday, slot, shanghai)).toEqual({ from: at('2026-11-29T16:00:00Z'), to: at('2026-12-06T16:00:00Z') });
    expect(periodLabel(periodOf(monday, slot, shanghai), shanghai)).toBe('2026-11-30_2026-12-06');
    const sunday = { kind: 'weekly' as const, weekday: 7, time: '23:59' };
    expect(new Date(nextDueAt(sunday, now, shanghai)).toISOString()).toBe('2026-12-13T15:59:00.000Z');
  });

  it('follows a zone with daylight saving: 07:30 local on both sides of the change', () => {
    const berlin = 'Europe/Berlin';
    // Summer time ends 2026-10-25 03:00 → 02:00.
    expect(lastDueAt(daily, at('2026-10-24T12:00:00Z'), berlin)).toBe(at('2026-10-24T05:30:00Z'));
    expect(nextDueAt(daily, at('2026-10-24T12:00:00Z'), berlin)).toBe(at('2026-10-25T06:30:00Z'));
    // The day of the change has 25 hours.
    const period = periodOf(daily, at('2026-10-26T06:30:00Z'), berlin);
    expect(period.to - period.from).toBe(25 * 3_600_000);
    expect(periodLabel(period, berlin)).toBe('2026-10-25');
  });

  it('makes file names of schedule names, never paths', () => {
    expect(safeFileStem('日报 630')).toBe('日报 630');
    expect(safeFileStem('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileStem('a/b\\c:d*?')).toBe('a_b_c_d__');
    expect(safeFileStem('...')).toBe('report');
  });
});
