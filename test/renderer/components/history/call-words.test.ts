import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { hangupCauseText, knownCode } from '../../../../renderer/src/components/history/call-words';
import { messages } from '../../../../renderer/src/i18n';

const { 'zh-CN': zhCN, en } = messages;

function words(locale: 'zh-CN' | 'en') {
  const { t, te } = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } }).global;
  return { t: (key: string, named?: Record<string, unknown>) => (named ? t(key, named) : t(key)), te: (key: string) => te(key) };
}

describe('hangup causes in words', () => {
  it('reads a Q.850 number or its Asterisk name, keeping the code beside the words', () => {
    expect(hangupCauseText(words('zh-CN'), '17')).toBe('用户忙（17）');
    expect(hangupCauseText(words('en'), '16')).toBe('Normal clearing (16)');
    expect(hangupCauseText(words('en'), 'NORMAL_CLEARING')).toBe('Normal clearing (NORMAL_CLEARING)');
  });

  it('shows an unknown cause as the PBX sent it, and nothing for none', () => {
    expect(hangupCauseText(words('zh-CN'), '99')).toBe('99');
    expect(hangupCauseText(words('zh-CN'), undefined)).toBe('');
    expect(knownCode(words('zh-CN'), 'history.hangupSide', 'caller')).toBe('主叫');
    expect(knownCode(words('zh-CN'), 'history.hangupSide', 'robot')).toBe('robot');
  });
});
