import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, formatLocal, formatLocalDate, hourOfDay, localHourOf, localHourStart, parseLocalTime, weekdayOfDay, weekOfDay } from '../../../electron/core/base/time-zone';

const HOUR = 3_600_000;

describe('local time buckets', () => {
  it('buckets Shanghai (UTC+8, no DST) by local hour', () => {
    const at = Date.parse('2026-11-24T16:30:00Z'); // 00:30 on the 25th in Shanghai
    expect(localHourOf(at, 'Asia/Shanghai')).toBe(Date.parse('2026-11-25T00:00:00Z') / HOUR);
    expect(formatLocal(at, 'Asia/Shanghai')).toBe('2026-11-25 00:30:00');
  });

  it('follows DST in New York: the spring-forward day has 23 local hours, fall-back 25 instants', () => {
    const zone = 'America/New_York';
    // 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
    const springDayStart = localHourStart(Date.parse('2026-03-08T00:00:00Z') / HOUR, zone);
    const springNextDay = localHourStart(Date.parse('2026-03-09T00:00:00Z') / HOUR, zone);
    expect((springNextDay - springDayStart) / HOUR).toBe(23);
    expect(springDayStart).toBe(Date.parse('2026-03-08T05:00:00Z'));
    const fallDayStart = localHourStart(Date.parse('2026-11-01T00:00:00Z') / HOUR, zone);
    const fallNextDay = localHourStart(Date.parse('2026-11-02T00:00:00Z') / HOUR, zone);
    expect((fallNextDay - fallDayStart) / HOUR).toBe(25);
    // Both 01:30s of the fall-back night are local hour 1 of that day.
    const first = Date.parse('2026-11-01T05:30:00Z');
    const second = Date.parse('2026-11-01T06:30:00Z');
    expect(localHourOf(first, zone)).toBe(localHourOf(second, zone));
    expect(localHourOf(first, zone) % 24).toBe(1);
  });

  it('handles half-hour zones (India, UTC+5:30)', () => {
    expect(localHourOf(Date.parse('2026-11-24T18:29:59Z'), 'Asia/Kolkata') % 24).toBe(23);
    expect(localHourOf(Date.parse('2026-11-24T18:30:00Z'), 'Asia/Kolkata') % 24).toBe(0);
  });

  it('numbers weekdays from Monday and weeks from Monday', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / (24 * HOUR);
    expect(weekdayOfDay(day('2026-11-23'))).toBe(0); // Monday
    expect(weekdayOfDay(day('2026-11-29'))).toBe(6); // Sunday
    expect(weekOfDay(day('2026-11-23'))).toBe(weekOfDay(day('2026-11-29')));
    expect(weekOfDay(day('2026-11-30'))).toBe(weekOfDay(day('2026-11-29')) + 1);
  });

  it('parses PBX local times, stripped or spaced, and Unix seconds', () => {
    expect(parseLocalTime('2018-11-0810:21:29', 'Asia/Shanghai')).toBe(Date.parse('2018-11-08T10:21:29+08:00'));
    expect(parseLocalTime('2018-11-08 10:21:29', 'Asia/Shanghai')).toBe(Date.parse('2018-11-08T10:21:29+08:00'));
    expect(parseLocalTime('1534993059.785012', 'Asia/Shanghai')).toBe(1534993059785);
    expect(parseLocalTime('2018-02-31 10:00:00', 'Asia/Shanghai')).toBeUndefined();
    expect(parseLocalTime('yesterday', 'Asia/Shanghai')).toBeUndefined();
  });
});

describe('PBX local times', () => {
  it('formats the PBX calendar date and hour of the day', () => {
    const at = Date.UTC(2018, 10, 8, 16, 21, 29);
    expect(formatLocalDate(at, DEFAULT_TIME_ZONE)).toBe('2018-11-09');
    expect(hourOfDay(at, DEFAULT_TIME_ZONE)).toBe(0);
    expect(hourOfDay(at, 'UTC')).toBe(16);
  });

  it('parses the spaced and the stripped form in the PBX zone (default Asia/Shanghai, UTC+8)', () => {
    const expected = Date.UTC(2018, 10, 8, 2, 21, 29);
    expect(parseLocalTime('2018-11-08 10:21:29', DEFAULT_TIME_ZONE)).toBe(expected);
    expect(parseLocalTime('2018-11-0810:21:29', DEFAULT_TIME_ZONE)).toBe(expected);
    expect(parseLocalTime('2018-11-08T10:21:29', DEFAULT_TIME_ZONE)).toBe(expected);
    expect(parseLocalTime('2018-11-08 10:21:29', 'UTC')).toBe(Date.UTC(2018, 10, 8, 10, 21, 29));
  });

  it('follows DST in a zone that has it', () => {
    expect(parseLocalTime('2024-07-01 12:00:00', 'Europe/Berlin')).toBe(Date.UTC(2024, 6, 1, 10));
    expect(parseLocalTime('2024-01-01 12:00:00', 'Europe/Berlin')).toBe(Date.UTC(2024, 0, 1, 11));
  });

  it('takes Unix seconds with a suffix as absolute, and refuses what is not a time', () => {
    expect(parseLocalTime('1534993059.785012', DEFAULT_TIME_ZONE)).toBe(1534993059785);
    for (const bad of ['', 'yesterday', '2018-13-01 00:00:00', '2018-02-31 10:00:00', '2018-11-08 24:00:00', '12']) {
      expect(parseLocalTime(bad, DEFAULT_TIME_ZONE), bad).toBeUndefined();
    }
  });
});
