import { describe, expect, it } from 'vitest';
import { mergeSettingText } from '../../../electron/core/app/setting-merge';
import { settingKeys } from '../../../electron/core/base/setting-keys';

const text = (value: unknown) => JSON.stringify(value);
const merged = (key: Parameters<typeof mergeSettingText>[0], base: unknown, local: unknown, remote: unknown) =>
  JSON.parse(mergeSettingText(key, base === undefined ? undefined : text(base), text(local), text(remote))) as unknown;

describe('a setting changed here merged into the database\'s', () => {
  it('adds, changes and removes only the entries changed here', () => {
    const base = { '1': { note: 'a' }, '2': { note: 'b' }, '3': { note: 'c' } };
    const local = { '1': { note: 'a!' }, '3': { note: 'c' }, '4': { note: 'd' } }; // changed 1, removed 2, added 4
    const remote = { '1': { note: 'a' }, '2': { note: 'b' }, '3': { note: 'c?' }, '5': { note: 'e' } }; // changed 3, added 5
    expect(merged(settingKeys.blacklistNotes, base, local, remote)).toEqual({ '1': { note: 'a!' }, '3': { note: 'c?' }, '4': { note: 'd' }, '5': { note: 'e' } });
  });

  it('keeps the database\'s order of a list and puts this console\'s new items last', () => {
    const reason = (code: string, label = code) => ({ code, labels: { 'zh-CN': label, en: label } });
    const base = [reason('lunch'), reason('break')];
    const local = [reason('meeting'), reason('lunch', 'Lunch!')];
    const remote = [reason('training'), reason('lunch'), reason('break')];
    expect(merged(settingKeys.pauseReasons, base, local, remote)).toEqual([reason('training'), reason('lunch', 'Lunch!'), reason('meeting')]);
  });

  it('merges a rules book by its whole fields and by queue', () => {
    const rules = (sl: number) => ({ slSeconds: sl, slFormula: 'offered', shortAbandonSeconds: 0 });
    const base = { defaults: rules(20), queues: { '600': rules(30) } };
    const local = { defaults: rules(25), queues: { '600': rules(30), '601': rules(10) } };
    const remote = { defaults: rules(20), queues: { '600': rules(40) } };
    expect(merged(settingKeys.statsRules, base, local, remote)).toEqual({ defaults: rules(25), queues: { '600': rules(40), '601': rules(10) } });
  });

  it('without a value both agreed on, takes every entry here as this console\'s', () => {
    expect(merged(settingKeys.wallboardThresholds, undefined, { '630': { waitingAmber: 1 } }, { '631': { waitingAmber: 2 } })).toEqual({ '630': { waitingAmber: 1 }, '631': { waitingAmber: 2 } });
  });

  it('sends this console\'s value whole for a setting without entries or a text that does not parse', () => {
    expect(mergeSettingText(settingKeys.timeZone, '"Asia/Shanghai"', '"Asia/Tokyo"', '"UTC"')).toBe('"Asia/Tokyo"');
    expect(mergeSettingText(settingKeys.blacklistNotes, '{', '{"1":{"note":"x"}}', '{}')).toBe('{"1":{"note":"x"}}');
  });
});
