import { describe, expect, test } from 'vitest';
import type { PauseReason } from '../../../../electron/core/contract';
import { defaultPauseReasons } from '../../../../electron/core/contract';
import { i18n, type AppLocale } from '../../../../renderer/src/i18n';
import { agentStateText, pauseReasonText } from '../../../../renderer/src/components/history/state-labels';

// The app's own i18n instance and messages, switched per test.
function translatorIn(locale: AppLocale) {
  i18n.global.locale.value = locale;
  return { t: (key: string) => i18n.global.t(key), te: (key: string) => i18n.global.te(key) };
}

const configured: PauseReason[] = [
  { code: 'lunch', labels: { 'zh-CN': '午饭时间', en: 'Lunch time' } },
  { code: 'qa', labels: { 'zh-CN': '质检', en: '' } },
];

describe('pause reason text in the agent-state report', () => {
  test('a configured code shows its label from Settings, in the language of the page (English when the language has none)', () => {
    expect(pauseReasonText('lunch', configured, 'zh-CN', translatorIn('zh-CN'))).toBe('午饭时间');
    expect(pauseReasonText('lunch', configured, 'en', translatorIn('en'))).toBe('Lunch time');
    expect(pauseReasonText('qa', configured, 'zh-CN', translatorIn('zh-CN'))).toBe('质检');
    expect(pauseReasonText('qa', configured, 'en', translatorIn('en'))).toBe('qa');
  });

  test('a built-in code no longer in Settings shows its i18n label, with the same words as the core default list', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const translator = translatorIn(locale);
      for (const reason of defaultPauseReasons) {
        expect(pauseReasonText(reason.code, [], locale, translator)).toBe(reason.labels[locale]);
      }
    }
    expect(pauseReasonText('break', configured, 'zh-CN', translatorIn('zh-CN'))).toBe('休息');
  });

  test('reasons the PBX spells its own way ("Break", "After-call work") show in the language of the page', () => {
    expect(pauseReasonText('Break', [], 'zh-CN', translatorIn('zh-CN'))).toBe('休息');
    expect(pauseReasonText('After-call work', [], 'zh-CN', translatorIn('zh-CN'))).toBe('话后处理');
    expect(pauseReasonText('LUNCH', configured, 'zh-CN', translatorIn('zh-CN'))).toBe('午饭时间');
    expect(agentStateText('pause', 'after_call_work', [], 'en', translatorIn('en'))).toBe('Paused · After-call work');
  });

  test('an unknown code (typed on the PBX) shows as it is', () => {
    expect(pauseReasonText('Toilet 5min', configured, 'zh-CN', translatorIn('zh-CN'))).toBe('Toilet 5min');
    expect(pauseReasonText('history', [], 'en', translatorIn('en'))).toBe('history');
  });

  test('the state cell: the interval kind, and for a pause its reason', () => {
    expect(agentStateText('pause', 'lunch', configured, 'zh-CN', translatorIn('zh-CN'))).toBe('示忙 · 午饭时间');
    expect(agentStateText('pause', 'lunch', [], 'en', translatorIn('en'))).toBe('Paused · Lunch');
    expect(agentStateText('talk', undefined, configured, 'en', translatorIn('en'))).toBe('Talk');
  });
});
