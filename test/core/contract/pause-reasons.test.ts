import { describe, expect, test } from 'vitest';
import { defaultPauseReasons, matchPauseReason, pauseReasonKey } from '../../../electron/core/contract';

describe('matchPauseReason', () => {
  test('the PBX\'s words find the configured reason by code or label, without regard to case and spacing', () => {
    for (const [text, code] of [
      ['Break', 'break'], ['LUNCH', 'lunch'], ['After-call work', 'after-call-work'], ['after_call_work', 'after-call-work'],
      ['  after call   work ', 'after-call-work'], ['培训', 'training'], ['wrap-up', 'wrap-up'], ['Wrap Up', 'wrap-up'],
    ] as const) {
      expect(matchPauseReason(defaultPauseReasons, text)?.code, text).toBe(code);
    }
  });
  test('a reason nobody configured matches none; nothing matches nothing', () => {
    expect(matchPauseReason(defaultPauseReasons, 'Smoke break')).toBeUndefined();
    expect(matchPauseReason(defaultPauseReasons, '')).toBeUndefined();
    expect(matchPauseReason(defaultPauseReasons, ' - ')).toBeUndefined();
    expect(matchPauseReason(defaultPauseReasons, undefined)).toBeUndefined();
  });
  test('a code wins over another reason\'s label', () => {
    const reasons = [
      { code: 'rest', labels: { 'zh-CN': '休息', en: 'Break' } },
      { code: 'break', labels: { 'zh-CN': '短休', en: 'Short break' } },
    ];
    expect(matchPauseReason(reasons, 'Break')?.code).toBe('break');
    expect(matchPauseReason(reasons, '休息')?.code).toBe('rest');
  });
  test('the key is bounded and linear on hostile input', () => {
    expect(pauseReasonKey(`${' -'.repeat(100_000)}x`)).toBe('');
    expect(pauseReasonKey('A'.repeat(10_000))).toHaveLength(80);
  });
});
