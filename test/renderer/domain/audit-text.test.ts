import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { AuditEntry } from '@contract';
import { actionText, detailsText, failureText, targetText, whoText, type AuditWords } from '../../../renderer/src/domain/audit-text';
import { messages } from '../../../renderer/src/i18n';

const { 'zh-CN': zhCN, en } = messages;

function wordsIn(locale: 'zh-CN' | 'en'): AuditWords {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } });
  const { t, te } = i18n.global;
  return { t: (key, named) => (named ? t(key, named) : t(key)), te: (key) => te(key), locale, timeZone: 'Asia/Shanghai', reasonLabel: (code) => (code === 'lunch' ? '午餐' : code) };
}
const zh = wordsIn('zh-CN');
const english = wordsIn('en');
const entry = (fields: Partial<AuditEntry>): AuditEntry => ({ id: 1, at: Date.UTC(2026, 11, 5, 2, 0), who: 'desktop', action: 'actions.hangup', result: 'ok', ...fields });

describe('audit rows in words', () => {
  it('names who acted', () => {
    expect(whoText('web:127.0.0.1', zh)).toBe('本机浏览器');
    expect(whoText('web:192.168.1.20', english)).toBe('Browser 192.168.1.20');
    expect(whoText('desktop', zh)).toBe('桌面程序');
    expect(whoText('wrap-up', english)).toBe('Automatic (wrap-up)');
    expect(whoText('operator:张三@192.168.1.20', zh)).toBe('张三（192.168.1.20）');
    expect(whoText('operator:Li Si@127.0.0.1', english)).toBe('Li Si (this machine)');
    // The address follows the last '@': a name may hold one.
    expect(whoText('operator:ops@night@::ffff:10.0.0.7', english)).toBe('ops@night (::ffff:10.0.0.7)');
  });

  it('says what a saved wallboard layout holds', () => {
    const board = { name: 'lobby', title: '前台', queues: ['630', '*'], tiles: ['waiting', 'aht'], chart: 'none', topAgents: false, rotateSeconds: 15 };
    expect(actionText(entry({ action: 'boards.save', target: 'lobby' }), zh)).toBe('保存看板布局');
    expect(detailsText(entry({ action: 'boards.save', target: 'lobby', params: { action: 'rename', previousName: 'front-desk', board } }), zh)).toBe('由 front-desk 改名 · 前台 · 队列 630, 全部队列 · 2 个指标');
    const own = { ...board, title: '', queues: [], thresholds: { '*': { waitingAmber: 1 } } };
    expect(detailsText(entry({ action: 'boards.save', target: 'lobby', params: { action: 'create', board: own } }), english)).toBe('New board · Queues All queues · 2 tiles · This board has its own alert levels');
    expect(detailsText(entry({ action: 'boards.remove', target: 'lobby', params: { name: 'lobby' } }), english)).toBe('');
  });

  it('localizes every action the core writes, pause and unpause apart, spy by its mode', () => {
    expect(actionText(entry({ action: 'settings.setThresholds' }), zh)).toBe('修改大屏阈值');
    expect(actionText(entry({ action: 'actions.pause', params: { isPaused: true } }), zh)).toBe('暂停');
    expect(actionText(entry({ action: 'actions.pause', params: { isPaused: false } }), english)).toBe('Unpause');
    expect(actionText(entry({ action: 'actions.spy', params: { mode: 'whisper' } }), zh)).toBe('耳语');
    expect(actionText(entry({ action: 'actions.spyMode', params: { callId: '1796501140.60', mode: 'barge' } }), zh)).toBe('切换为强插');
    expect(actionText(entry({ action: 'actions.spyMode', params: { callId: '1796501140.60', mode: 'whisper' } }), english)).toBe('Switched to whisper');
    expect(actionText(entry({ action: 'something.new' }), zh)).toBe('something.new');
    expect(actionText(entry({ action: 'callbacks.dismiss', target: '0611615462', params: { number: '0611615462' } }), zh)).toBe('移除待回拨');
    expect(detailsText(entry({ action: 'callbacks.dismiss', target: '0611615462', params: { number: '0611615462' } }), english)).toBe('');
    const snoozed = entry({ action: 'alerts.snooze', target: 'waiting:630:1796501140000', params: { minutes: 15, kind: 'waiting', queue: '630' } });
    expect([actionText(snoozed, zh), targetText(snoozed, zh).main, detailsText(snoozed, zh)]).toEqual(['暂缓告警', '队列 630', '排队人数 · 15 分钟']);
    const acknowledged = entry({ action: 'alerts.acknowledge', target: 'pausedTooLong:800:1', params: { kind: 'pausedTooLong', agent: '800' } });
    expect([actionText(acknowledged, english), targetText(acknowledged, english).main, detailsText(acknowledged, english)]).toEqual(['Acknowledged an alert', '800', 'Pause too long']);
  });

  it('names a call by its caller and agent, not its id', () => {
    const hangup = entry({ target: '1796501140.52', params: { callId: '1796501140.52', about: { caller: '13800138000', agent: '801', agentName: '张三' } } });
    expect(targetText(hangup, zh)).toEqual({ main: '来电 13800138000', sub: '坐席 801 张三' });
    expect(targetText(entry({ target: '1796501140.52', params: { callId: '1796501140.52' } }), english).main).toBe('(a call that has ended)');
    const pause = entry({ action: 'actions.pause', target: '801', params: { extension: '801', about: { agentName: 'Agent 801', caller: '0611' } } });
    expect(targetText(pause, english)).toEqual({ main: '801 Agent 801', sub: 'In a call with 0611' });
    expect(targetText(entry({ action: 'recordings.open', target: '/var/spool/asterisk/monitor/q631-1.wav' }), zh).main).toBe('q631-1.wav');
  });

  it('says what was asked in words, and shows epoch times as the site\'s wall times', () => {
    expect(detailsText(entry({ action: 'actions.pause', params: { extension: '801', isPaused: true, reason: 'lunch' } }), zh)).toBe('全部队列 · 原因：午餐');
    expect(detailsText(entry({ action: 'actions.transfer', params: { callId: 'x', destination: '805', kind: 'attended' } }), english)).toBe('To 805 (Attended)');
    expect(detailsText(entry({ action: 'blacklist.add', params: { number: '1', note: '骚扰' } }), zh)).toBe('备注：骚扰');
    const at = Date.UTC(2026, 11, 5, 2, 0);
    const generic = detailsText(entry({ action: 'settings.other', params: { since: at, about: { caller: 'x' } } }), english);
    expect(generic).toBe('since: 12/5/2026, 10:00:00');
    expect(generic).not.toContain(String(at));
    const download = detailsText(entry({ action: 'history.download', params: { q: JSON.stringify({ filter: { from: at } }) } }), english);
    expect(download).toBe('filter: from 12/5/2026, 10:00:00');
  });

  it('says where a waiting caller was taken from and to', () => {
    const pickUp = entry({ action: 'waiting.pickUp', target: '1796501140.60', params: { callId: '1796501140.60', agent: '809', from: '630', about: { caller: '0611000777' } } });
    expect(actionText(pickUp, zh)).toBe('排队来电转给坐席');
    expect(detailsText(pickUp, english)).toBe('From queue 630 to 809');
    expect(targetText(pickUp, english).main).toContain('0611000777');
    const move = entry({ action: 'waiting.move', params: { callId: '1796501140.60', queue: '631', from: '630' } });
    expect(actionText(move, english)).toBe('Waiting caller moved to another queue');
    expect(detailsText(move, zh)).toBe('从队列 630 转到队列 631');
  });

  it('reads a failure in the supervisor language, the core detail kept', () => {
    expect(failureText('not_in_call: extension 805 is not in a call', zh)).toEqual({ reason: '该分机当前不在通话中。', detail: 'extension 805 is not in a call' });
    expect(failureText('something odd', english)).toEqual({ reason: 'something odd' });
    expect(failureText(undefined, english)).toBeUndefined();
  });
});

describe('threshold changes in words', () => {
  it('names each scope and field as the Settings page does', () => {
    const change = entry({ action: 'settings.setThresholds', params: { byQueue: { '*': { waitingAmber: 2, waitingRed: 5 }, '630': { serviceLevelTarget: 90 } } } });
    expect(detailsText(change, english)).toBe('All queues (defaults): Waiting · amber 2 · Waiting · red 5; Queue 630: Service level target (%) 90');
    expect(detailsText(change, zh)).not.toMatch(/waitingAmber|serviceLevelTarget/);
  });
});
