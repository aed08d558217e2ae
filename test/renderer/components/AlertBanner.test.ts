// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { defaultPauseReasons, type Alert } from '@contract';
import AlertBanner from '../../../renderer/src/components/AlertBanner.vue';
import { harness, type HarnessOptions } from './support/harness';
import { actionDone, actionRefused, type Answers } from './support/fake-core';
import { snapshot, testNow } from '../../support/live-model';

const alert = (id: string, parts: Partial<Alert>): Alert => ({ id, kind: 'waiting', queue: '600', value: 12, threshold: 10, raisedAt: testNow - 60_000, ...parts });
const standing = [
  alert('a1', {}),
  alert('a2', { kind: 'pausedTooLong', queue: undefined, agent: '801', agentName: 'Li Lei', pauseReason: 'lunch', value: 75, threshold: 60 }),
  alert('a3', { kind: 'noAgent', value: 3, acknowledgedAt: testNow - 30_000, acknowledgedBy: 'desktop' }),
  alert('a4', { queue: '700' }),
  alert('a5', { queue: '710' }),
];

async function mountBanner(answers: Answers = {}, options: HarnessOptions = {}) {
  const h = await harness({ live: snapshot({ alerts: standing }), answers: { 'settings.pauseReasons': () => defaultPauseReasons, ...answers }, ...options });
  const wrapper = mount(AlertBanner, { global: h.global });
  await flushPromises();
  return { ...h, wrapper };
}
const texts = (wrapper: Awaited<ReturnType<typeof mountBanner>>['wrapper']) => wrapper.findAll('[data-testid="alert-row"] .text').map((text) => text.text());

describe('AlertBanner', () => {
  test('the first four alerts read in the page\'s language, the pause reason in its label, the rest counted', async () => {
    const { wrapper, setLocale } = await mountBanner({}, { locale: 'en' });
    expect(wrapper.get('strong').text()).toBe('Alerts (5)');
    expect(texts(wrapper).slice(0, 3)).toEqual([
      'Queue 600: 12 callers waiting (alert at 10)',
      'Agent Li Lei (801): paused (Lunch) for 75 min, limit 60 min',
      'Queue 600: no agent available (3 callers waiting)',
    ]);
    expect(wrapper.get('.more').text()).toBe('and 1 more');
    await setLocale('zh-CN');
    expect(texts(wrapper)[1]).toBe('坐席 Li Lei (801)：示忙（午餐）已 75 分钟，上限 60 分钟');
  });

  test('an acknowledged alert says by whom and offers no second acknowledgement', async () => {
    const { wrapper } = await mountBanner({}, { locale: 'en' });
    const rows = wrapper.findAll('[data-testid="alert-row"]');
    expect(rows.map((row) => row.find('[data-testid="alert-acknowledge"]').exists())).toEqual([true, true, false, true]);
    expect(rows[2]!.get('.muted').text()).toMatch(/^acknowledged by /);
  });

  test('acknowledge and snooze name the alert, the snooze its chosen minutes', async () => {
    const { wrapper, core } = await mountBanner({ 'alerts.acknowledge': () => actionDone, 'alerts.snooze': () => ({ ok: true, value: { until: testNow } }) });
    await wrapper.findAll('[data-testid="alert-acknowledge"]')[1]!.trigger('click');
    await wrapper.get('[data-testid="alert-snooze-minutes"]').setValue('30');
    await wrapper.findAll('[data-testid="alert-snooze"]')[0]!.trigger('click');
    await flushPromises();
    expect(core.paramsOf('alerts.acknowledge')).toEqual([{ id: 'a2' }]);
    expect(core.paramsOf('alerts.snooze')).toEqual([{ id: 'a1', minutes: 30 }]);
  });

  test('a refusal is shown as the core said it', async () => {
    const { wrapper } = await mountBanner({ 'alerts.acknowledge': () => actionRefused('not_found', 'alert a1 is gone') });
    await wrapper.get('[data-testid="alert-acknowledge"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('p.error').text()).toBe('alert a1 is gone');
  });

  test('a read-only console cannot acknowledge and says why', async () => {
    const { wrapper } = await mountBanner({}, { role: 'read', locale: 'zh-CN' });
    const button = wrapper.get<HTMLButtonElement>('[data-testid="alert-acknowledge"]');
    expect(button.element.disabled).toBe(true);
    expect(button.attributes('title')).toBe('只读连接：确认告警需要操作员权限');
  });

  test('folded, only the header and the count stay', async () => {
    const { wrapper } = await mountBanner({}, { locale: 'en' });
    await wrapper.get('[data-testid="alert-collapse"]').trigger('click');
    expect(wrapper.findAll('[data-testid="alert-row"]')).toHaveLength(0);
    expect(wrapper.find('.more').exists()).toBe(false);
    expect(wrapper.get('strong').text()).toBe('Alerts (5)');
    expect(wrapper.get('[data-testid="alert-collapse"]').text()).toBe('Show list');
  });
});
