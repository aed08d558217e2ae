import { describe, expect, test } from 'vitest';
import type { BlacklistEntry, PauseReason } from '../../../electron/core/contract';
import { pauseReasonLabel } from '../../../renderer/src/domain/pause-reasons';
import { blacklistNumberPattern, matchesQuery, sortBlacklist } from '../../../renderer/src/domain/blacklist-entries';
import { auditRequest, localInputToMs, type AuditForm } from '../../../renderer/src/domain/audit-request';

const reasons: PauseReason[] = [
  { code: 'lunch', labels: { 'zh-CN': '午餐', en: 'Lunch' } },
  { code: 'wrap-up', labels: { 'zh-CN': '话后整理', en: 'Wrap-up' }, isSystem: true },
];

describe('pauseReasonLabel', () => {
  test('the label of the locale', () => {
    expect(pauseReasonLabel(reasons, 'lunch', 'zh-CN')).toBe('午餐');
    expect(pauseReasonLabel(reasons, 'wrap-up', 'en')).toBe('Wrap-up');
  });
  test('a reason set on the PBX itself (no configured or built-in reason) shows as written; none shows nothing', () => {
    expect(pauseReasonLabel(reasons, 'Smoke Break', 'zh-CN')).toBe('Smoke Break');
    expect(pauseReasonLabel(reasons, undefined, 'zh-CN')).toBe('');
  });
  test('a built-in reason no longer in Settings keeps its label', () => {
    expect(pauseReasonLabel(reasons, 'After-call work', 'zh-CN')).toBe('话后处理');
    expect(pauseReasonLabel([], 'lunch', 'en')).toBe('Lunch');
  });
  test('the PBX\'s own spelling of a configured reason shows its label, whatever its case and spacing', () => {
    expect(pauseReasonLabel(reasons, 'Lunch', 'zh-CN')).toBe('午餐');
    expect(pauseReasonLabel(reasons, ' LUNCH ', 'zh-CN')).toBe('午餐');
    expect(pauseReasonLabel(reasons, 'Wrap Up', 'zh-CN')).toBe('话后整理');
  });
});

describe('blacklist list', () => {
  const entries: BlacklistEntry[] = [
    { number: '0612000666', note: 'spam caller' },
    { number: '0612000100', note: '骚扰', addedBy: 'web:127.0.0.1', addedAt: 2_000 },
    { number: '0612000200', note: 'robot', addedBy: 'desktop', addedAt: 3_000 },
    { number: '0612000050', note: '' },
  ];
  test('newest first; entries with no author or time after, by number', () => {
    expect(sortBlacklist(entries).map((e) => e.number)).toEqual(['0612000200', '0612000100', '0612000050', '0612000666']);
  });
  test('search matches number, note and author, case-insensitively; empty matches all', () => {
    expect(entries.filter((e) => matchesQuery(e, 'SPAM')).map((e) => e.number)).toEqual(['0612000666']);
    expect(entries.filter((e) => matchesQuery(e, '000100')).map((e) => e.number)).toEqual(['0612000100']);
    expect(entries.filter((e) => matchesQuery(e, 'desktop')).map((e) => e.number)).toEqual(['0612000200']);
    expect(entries.filter((e) => matchesQuery(e, '  '))).toHaveLength(4);
  });
  test('numbers: digits, *, # and + only (the contract `dialable`)', () => {
    for (const ok of ['0612000666', '+8613800000000', '*72', '#1']) expect(blacklistNumberPattern.test(ok)).toBe(true);
    for (const bad of ['', 'abc', '061-2000', '1'.repeat(33)]) expect(blacklistNumberPattern.test(bad)).toBe(false);
  });
});

describe('auditRequest', () => {
  const empty: AuditForm = { who: '', action: '', result: '', from: '', to: '' };
  test('an empty form asks only for a page', () => {
    expect(auditRequest(empty)).toEqual({ limit: 50 });
  });
  test('filters, the time range in local time, and the keyset position', () => {
    const form: AuditForm = { who: ' web:127.0.0.1 ', action: 'actions.pause', result: 'error', from: '2026-03-01T08:00', to: '2026-03-01T18:30' };
    expect(auditRequest(form, 42, 51)).toEqual({
      limit: 51, who: 'web:127.0.0.1', action: 'actions.pause', result: 'error',
      from: new Date(2026, 2, 1, 8, 0).getTime(), to: new Date(2026, 2, 1, 18, 30).getTime(), beforeId: 42,
    });
  });
  test('times are typed the same way in both languages; a date alone ends the range at the end of that day', () => {
    expect(localInputToMs('2026/3/1 8:05')).toBe(new Date(2026, 2, 1, 8, 5).getTime());
    expect(localInputToMs(' 2026-03-01 ')).toBe(new Date(2026, 2, 1).getTime());
    expect(auditRequest({ ...empty, from: '2026-03-01', to: '2026-03-01' })).toMatchObject({ from: new Date(2026, 2, 1).getTime(), to: new Date(2026, 2, 2).getTime() });
  });
  test('typed times are the site\'s wall time when the site\'s zone is known, whatever the browser\'s', () => {
    expect(localInputToMs('2026-03-01 08:00', false, 'Asia/Shanghai')).toBe(Date.UTC(2026, 2, 1, 0, 0));
    expect(localInputToMs('2026-03-01', true, 'America/New_York')).toBe(Date.UTC(2026, 2, 2, 5, 0));
    expect(auditRequest({ ...empty, from: '2026-03-01', to: '2026-03-01' }, undefined, 50, 'Asia/Shanghai')).toEqual({ limit: 50, from: Date.UTC(2026, 1, 28, 16), to: Date.UTC(2026, 2, 1, 16) });
  });
  test('unreadable dates are left out rather than sent as NaN', () => {
    expect(localInputToMs('not a date')).toBeUndefined();
    expect(localInputToMs('03/01/2026')).toBeUndefined();
    expect(localInputToMs('2026-02-30 08:00')).toBeUndefined();
    expect(localInputToMs('2026-03-01 25:00')).toBeUndefined();
    expect(auditRequest({ ...empty, from: 'garbage' })).toEqual({ limit: 50 });
  });
});
