import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../renderer/src/api/client';
import { i18n } from '../../../renderer/src/i18n';
import { readErrorText } from '../../../renderer/src/stores/read-errors';

describe('readErrorText', () => {
  test('a refused history read says why and when to retry, in the page language', () => {
    const limited = new ApiError('history.search', { code: 'rate_limited', message: 'too many history reads from web:10.0.0.5; try again in 3 s', retryAfterSeconds: 3 });
    const busy = new ApiError('history.report', { code: 'busy', message: '32 history reads are already waiting or running', retryAfterSeconds: 1 });
    i18n.global.locale.value = 'zh-CN';
    expect(readErrorText(limited)).toBe('查询过于频繁，请 3 秒后再试。');
    expect(readErrorText(busy)).toBe('历史记录正忙于其他查询，请 1 秒后再试。');
    i18n.global.locale.value = 'en';
    expect(readErrorText(limited)).toBe('Too many history reads from this screen: try again in 3 s.');
    expect(readErrorText(busy)).toBe('The history is busy with other searches: try again in 1 s.');
  });

  test('other failures keep the core\'s words', () => {
    expect(readErrorText(new ApiError('history.search', { code: 'internal', message: 'invalid cursor' }))).toBe('invalid cursor');
    expect(readErrorText(new Error('offline'))).toBe('Error: offline');
  });
});
