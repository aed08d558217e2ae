// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import type { Snapshot } from '@contract';
import AgentCard from '../../../renderer/src/components/AgentCard.vue';
import type { AppLocale } from '../../../renderer/src/i18n';
import { useAgentsStore } from '../../../renderer/src/stores';
import { harness } from './support/harness';
import { call, extension, member, queue, snapshot, testNow } from '../../support/live-model';

/** The card of `id` as the agents store derives it from `live`, the way the grid hands it over. */
async function mountCard(id: string, live: Snapshot, locale: AppLocale, props: { now?: number; pauseReasonLabel?: string } = {}) {
  const h = await harness({ live, locale });
  const agent = useAgentsStore().agents.find((a) => a.id === id);
  if (!agent) throw new Error(`no agent ${id} in the snapshot`);
  return mount(AgentCard, { props: { agent, now: props.now ?? testNow, ...props }, global: h.global });
}

const pausedAt = testNow - 125_000;
const lunch = snapshot({
  extensions: [extension('801', { name: 'Li Lei' })],
  queues: [queue('600', [member('801', { isPaused: true, pauseReason: 'lunch', pausedSince: pausedAt })])],
});

describe('AgentCard', () => {
  test('a paused agent shows the reason in the configured label, else its code, and the time since the pause', async () => {
    const labelled = await mountCard('801', lunch, 'en', { pauseReasonLabel: 'Lunch break' });
    expect(labelled.get('[data-testid="agent-reason-801"]').text()).toBe('Lunch break');
    expect(labelled.get('[data-testid="agent-time-801"]').text()).toBe('2:05');
    expect(labelled.attributes('data-status')).toBe('paused');

    const bare = await mountCard('801', lunch, 'en');
    expect(bare.get('[data-testid="agent-reason-801"]').text()).toBe('lunch');
  });

  test('an agent paused in a queue but on a call is on the call, with a "paused" tag in either language', async () => {
    const live = snapshot({
      extensions: [extension('802', { state: 'inuse' })],
      queues: [queue('600', [member('802', { isPaused: true, pauseReason: 'lunch', state: 'inuse', isInCall: true })])],
      calls: [call('c1', { agent: '802', callerNum: '13912345678', callerName: 'Wang', answeredAt: testNow - 42_000 })],
    });
    const zh = await mountCard('802', live, 'zh-CN');
    expect(zh.attributes('data-status')).toBe('oncall');
    expect(zh.find('.tag.paused').text()).toBe('已暂停');
    expect(zh.find('[data-testid="agent-reason-802"]').exists()).toBe(false);
    const line = zh.get('[data-testid="agent-call-802"]');
    expect(line.find('.peer').text()).toBe('13912345678');
    expect(line.find('.peer-name').text()).toBe('Wang');
    expect(line.find('.call-time').text()).toBe('0:42');

    const en = await mountCard('802', live, 'en');
    expect(en.find('.tag.paused').text()).toBe('Paused');
  });

  test('an unreachable phone is marked not registered; a card outside every queue says so', async () => {
    const live = snapshot({ extensions: [extension('803', { registration: { status: 'unreachable' } }), extension('804')] });
    const zh = await mountCard('803', live, 'zh-CN');
    expect(zh.find('.tag.warn').text()).toBe('未注册');
    expect(zh.find('.queues').text()).toBe('未加入队列');

    const en = await mountCard('804', live, 'en');
    expect(en.find('.tag.warn').exists()).toBe(false);
    expect(en.find('.queues').text()).toBe('No queues');
    expect(en.find('[data-testid="agent-call-804"]').exists()).toBe(false);
  });
});
