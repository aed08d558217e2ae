import { describe, expect, it } from 'vitest';
import { formatSiteTime } from '../../../renderer/src/domain/site-time';

// 2026-12-05 23:30:15 in Shanghai is 15:30:15 UTC, still the 5th in New York (10:30:15).
const at = Date.UTC(2026, 11, 5, 15, 30, 15);

describe('times in the site\'s zone', () => {
  it('shows the site\'s wall time whatever zone the browser runs in', () => {
    expect(formatSiteTime(at, 'zh-CN', 'Asia/Shanghai', 'time')).toBe('23:30:15');
    expect(formatSiteTime(at, 'zh-CN', 'America/New_York', 'time')).toBe('10:30:15');
    expect(formatSiteTime(at, 'zh-CN', 'Asia/Shanghai', 'dateTime')).toBe('2026/12/5 23:30:15');
    expect(formatSiteTime(at, 'en', 'Asia/Shanghai', 'monthDayTime')).toBe('12/05, 23:30:15');
    expect(formatSiteTime(at, 'zh-CN', 'Asia/Shanghai', 'hourMinute')).toBe('23:30');
  });

  it('counts hours 00–23, midnight included', () => {
    expect(formatSiteTime(Date.UTC(2026, 11, 5, 16, 5), 'en-US', 'Asia/Shanghai', 'hourMinute')).toBe('00:05');
  });
});
