// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { PreviousCall, WaitingCallerDetail } from '@contract';
import WaitingCallerPanel from '../../../../renderer/src/components/waiting/WaitingCallerPanel.vue';
import { harness, type HarnessOptions } from '../support/harness';
import { actionDone, actionRefused, type Answers } from '../support/fake-core';
import { call, caller, connection, extension, member, queue, snapshot, testNow } from '../../../support/live-model';

// The panel's wait ticks from the wall clock: pin it to the snapshot's moment.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(testNow);
});
afterEach(() => vi.useRealTimers());

const live = snapshot({
  extensions: [
    extension('801', { name: 'Li Lei' }), extension('802', { state: 'inuse' }), extension('803'),
    extension('804', { registration: { status: 'unreachable' } }), extension('805'),
  ],
  queues: [
    queue('600', [member('801'), member('802', { state: 'inuse', isInCall: true }), member('803', { isPaused: true, pauseReason: 'lunch' }), member('804'), member('805')], [
      caller('w0', { callerNum: '13700000000' }), caller('w1', { callerNum: '13800138000', position: 2, joinedAt: testNow - 45_000 }),
    ]),
    queue('700'), queue('610'),
  ],
  calls: [call('c2', { agent: '802' })],
  connections: [connection('pbx')],
});

const previous = (uniqueid: string, parts: Partial<PreviousCall>): PreviousCall => ({
  uniqueid, startedAt: testNow - 3_600_000, direction: 'inbound', isAnswered: false, queueSeconds: 30, talkSeconds: 0, ...parts,
});
const detail = (parts: Partial<WaitingCallerDetail> = {}): WaitingCallerDetail => ({
  callId: 'w1', callerNum: '13800138000', previousLimit: 20,
  ivrSteps: [{ uniqueid: 'w1', ivrId: 'ivr-1', ivrName: 'Main menu', dtmf: '2', startAt: testNow - 60_000 }],
  previousCalls: [previous('p1', { queue: '600', queueOutcome: 'abandoned' }), previous('p2', { queue: '600', isAnswered: true, agent: '801' })],
  ...parts,
});

async function mountPanel(answers: Answers = {}, options: HarnessOptions = {}) {
  const h = await harness({ live, answers: { 'waiting.detail': () => ({ ok: true, value: detail() }), ...answers }, ...options });
  const wrapper = mount(WaitingCallerPanel, { props: { callId: 'w1' }, global: h.global });
  await flushPromises();
  return { ...h, wrapper };
}

describe('WaitingCallerPanel', () => {
  test('says where the caller waits and what the core knows of their call and their day', async () => {
    const { wrapper, core, setLocale } = await mountPanel({}, { locale: 'en' });
    expect(core.paramsOf('waiting.detail')).toEqual([{ callId: 'w1' }]);
    expect(wrapper.get('h2').text()).toBe('13800138000');
    expect(wrapper.get('[data-testid="waiting-caller-status"]').text()).toBe('Waiting in queue 600 · position 2 · 0:45');
    expect(wrapper.get('[data-testid="ivr-step"] .node').text()).toBe('Main menu (ivr-1)');
    expect(wrapper.get('[data-testid="ivr-step"] .key').text()).toBe('pressed 2');
    expect(wrapper.findAll('[data-testid="previous-call"] .end').map((end) => end.text())).toEqual(['Abandoned', 'Answered']);

    await setLocale('zh-CN');
    expect(wrapper.findAll('[data-testid="previous-call"] .end').map((end) => end.text())).toEqual(['放弃', '已接听']);
    expect(wrapper.get('[data-testid="waiting-caller-status"]').text()).toBe('在队列 600 排队 · 第 2 位 · 0:45');
  });

  test('picks up to a free phone only, after a confirmation that names both', async () => {
    const { wrapper, core } = await mountPanel({ 'waiting.pickUp': () => actionDone }, { locale: 'en' });
    // Available first, then paused; 802 is on a call and 804's phone is not registered.
    expect(wrapper.findAll('[data-testid="waiting-pickup-agent"] option').map((o) => o.text())).toEqual(['801 Li Lei', '805 Agent 805', '803 Agent 803 · Paused']);
    await wrapper.get('[data-testid="waiting-pickup-agent"]').setValue('803');
    await wrapper.get('[data-testid="waiting-pickup"]').trigger('click');
    expect(wrapper.get('[data-testid="action-confirm-text"]').text()).toBe(
      '13800138000 leaves queue 600 and 803 Agent 803\'s phone rings. If nobody answers there, the caller is not put back in the queue.',
    );
    expect(core.methods).not.toContain('waiting.pickUp');
    await wrapper.get('[data-testid="action-dialog-waitingPickUp"]').trigger('submit');
    await flushPromises();
    expect(core.paramsOf('waiting.pickUp')).toEqual([{ callId: 'w1', agent: '803' }]);
    expect(wrapper.find('[data-testid="action-dialog-waitingPickUp"]').exists()).toBe(false);
  });

  test('a refused move stays in the confirmation with the reason, in each language', async () => {
    const { wrapper, core, setLocale } = await mountPanel({ 'waiting.move': () => actionRefused('not_found', 'channel gone') }, { locale: 'en' });
    expect(wrapper.findAll('[data-testid="waiting-move-queue"] option').map((o) => o.text())).toEqual(['610', '700']);
    await wrapper.get('[data-testid="waiting-move-queue"]').setValue('700');
    await wrapper.get('[data-testid="waiting-move"]').trigger('click');
    await wrapper.get('[data-testid="action-dialog-waitingMove"]').trigger('submit');
    await flushPromises();
    expect(core.paramsOf('waiting.move')).toEqual([{ callId: 'w1', queue: '700' }]);
    expect(wrapper.get('[data-testid="action-failure"] strong').text()).toBe('✕ That extension, queue or call was not found.');
    await setLocale('zh-CN');
    expect(wrapper.get('[data-testid="action-failure"] strong').text()).toBe('✕ 找不到该分机、队列或通话。');
  });

  test('when the backend cannot act the buttons are off and the panel says why', async () => {
    const { wrapper } = await mountPanel({ 'waiting.detail': () => ({ ok: true, value: detail({ actionsBlocked: 'unsupported' }) }) }, { locale: 'zh-CN' });
    expect(wrapper.get('[data-testid="waiting-actions-blocked"]').text()).toMatch(/^当前使用的 PBX 接口做不到/);
    expect(wrapper.get<HTMLButtonElement>('[data-testid="waiting-pickup"]').element.disabled).toBe(true);
    expect(wrapper.get<HTMLButtonElement>('[data-testid="waiting-move"]').element.disabled).toBe(true);
  });

  test('a failed read offers a retry; a PBX link changing state reads again', async () => {
    const { wrapper, core, settle } = await mountPanel({ 'waiting.detail': () => actionRefused('timeout', 'cache busy') }, { locale: 'en' });
    expect(wrapper.get('[data-testid="waiting-caller-failure"] strong').text()).toBe('The caller\'s history could not be read');
    expect(wrapper.get<HTMLButtonElement>('[data-testid="waiting-pickup"]').element.disabled).toBe(true);

    core.answer({ 'waiting.detail': () => ({ ok: true, value: detail() }) });
    await wrapper.get('[data-testid="waiting-caller-failure"] button').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="waiting-caller-failure"]').exists()).toBe(false);
    expect(wrapper.get<HTMLButtonElement>('[data-testid="waiting-pickup"]').element.disabled).toBe(false);

    core.push([{ kind: 'connection', connection: connection('pbx', { state: 'lost' }) }]);
    await settle();
    expect(core.paramsOf('waiting.detail')).toHaveLength(3);
  });
});
