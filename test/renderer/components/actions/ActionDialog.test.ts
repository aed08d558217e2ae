// @vitest-environment happy-dom
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { defaultPauseReasons } from '@contract';
import ActionDialog from '../../../../renderer/src/components/actions/ActionDialog.vue';
import type { AppLocale } from '../../../../renderer/src/i18n';
import { useActionsStore, type ActionTarget } from '../../../../renderer/src/stores/actions';
import type { AgentActionKind } from '../../../../renderer/src/components/actions/agent-actions';
import { harness, type HarnessOptions } from '../support/harness';
import { actionDone, actionRefused, type Answers } from '../support/fake-core';
import { call, extension, member, queue, snapshot } from '../../../support/live-model';

const live = snapshot({
  extensions: [extension('801', { name: 'Li Lei', state: 'inuse' }), extension('802')],
  queues: [queue('600', [member('801')]), queue('700'), queue('710')],
  calls: [call('c1', { agent: '801', callerNum: '13912345678', calledNum: '4008001234' })],
});

/** The dialog host mounted, then a dialog opened the way a menu or shortcut opens it. */
async function openDialog(kind: AgentActionKind | 'dialAny', target: ActionTarget, answers: Answers, options: Partial<HarnessOptions> = {}) {
  const h = await harness({ live, answers: { 'settings.pauseReasons': () => defaultPauseReasons, ...answers }, ...options });
  const wrapper = mount(ActionDialog, { global: h.global });
  useActionsStore().open(kind, target);
  await flushPromises();
  return { ...h, wrapper };
}

const submitButton = (wrapper: VueWrapper) => wrapper.get<HTMLButtonElement>('[data-testid="action-submit"]');
async function submit(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('ActionDialog', () => {
  test('pause sends the agent, the first offered reason and no queue for "all queues", then closes', async () => {
    const { wrapper, core } = await openDialog('pause', { extension: '801' }, { 'actions.pause': () => actionDone });
    expect(wrapper.get('h2').text()).toBe('暂停');
    expect(wrapper.get('.subject').text()).toBe('对象：801 Li Lei');
    // Wrap-up is Callboard's own reason: never offered by hand.
    expect(wrapper.findAll('[data-testid="action-reason"] option').map((o) => o.text())).toEqual(['午餐', '休息', '培训', '会议', '辅导', '话后处理']);
    await wrapper.get('[data-testid="action-reason"]').setValue('break');
    await submit(wrapper);
    expect(core.paramsOf('actions.pause')).toEqual([{ extension: '801', isPaused: true, reason: 'break' }]);
    expect(useActionsStore().dialog).toBeNull();
    expect(wrapper.find('form').exists()).toBe(false);
  });

  test('a refusal keeps the dialog open with the reason in the supervisor\'s language and the core\'s detail', async () => {
    const { wrapper, core, setLocale } = await openDialog('hangup', { extension: '801' }, {
      'actions.hangup': () => actionRefused('pbx_refused', 'Channel SIP/801-0001 busy'),
    }, { locale: 'en' });
    expect(wrapper.get('[data-testid="action-confirm-text"]').text()).toBe('⚠ Hang up the call of 801 Li Lei? This cannot be undone.');
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(true);
    await submit(wrapper);
    expect(core.paramsOf('actions.hangup')).toEqual([{ extension: '801' }]);
    expect(wrapper.find('[data-testid="action-dialog-hangup"]').exists()).toBe(true);
    const failure = wrapper.get('[data-testid="action-failure"]');
    expect(failure.get('strong').text()).toBe('✕ The PBX refused the action (the device may be busy, unregistered or unavailable).');
    expect(failure.get('small').text()).toBe('Channel SIP/801-0001 busy');
    expect(submitButton(wrapper).element.disabled).toBe(false);

    await setLocale('zh-CN');
    expect(wrapper.get('[data-testid="action-failure"] strong').text()).toBe('✕ PBX 拒绝了此操作（设备可能忙、未注册或不可用）。');
  });

  test('a dropped link to the core reads as nothing done, and retrying sends again', async () => {
    const { wrapper, core } = await openDialog('hangup', { callId: 'c1' }, {
      'actions.hangup': () => { throw new Error('disconnected from Callboard core'); },
    });
    expect(wrapper.get('.subject').text()).toBe('对象：13912345678 → 4008001234');
    await submit(wrapper);
    expect(wrapper.get('[data-testid="action-failure"] strong').text()).toBe('✕ 与 PBX 的连接已断开，操作未执行。');
    core.answer({ 'actions.hangup': () => actionDone });
    await submit(wrapper);
    expect(core.paramsOf('actions.hangup')).toEqual([{ callId: 'c1' }, { callId: 'c1' }]);
    expect(wrapper.find('form').exists()).toBe(false);
  });

  test('listening needs the supervisor\'s own extension: the button waits for one, which is then remembered', async () => {
    const { wrapper, core } = await openDialog('listen', { extension: '801' }, { 'actions.spy': () => actionDone }, { locale: 'en' });
    expect(submitButton(wrapper).element.disabled).toBe(true);
    expect(wrapper.get('.hint').text()).toBe('Enter your extension');
    await wrapper.get('[data-testid="action-supervisor"]').setValue('80 1');
    expect(submitButton(wrapper).element.disabled).toBe(true);
    await wrapper.get('[data-testid="action-supervisor"]').setValue(' 8001 ');
    expect(submitButton(wrapper).element.disabled).toBe(false);
    expect(wrapper.find('.hint').exists()).toBe(false);
    await submit(wrapper);
    expect(core.paramsOf('actions.spy')).toEqual([{ supervisor: '8001', target: '801', mode: 'listen' }]);

    // The next spy starts from the remembered phone, with a way to change it.
    useActionsStore().open('whisper', { extension: '801' });
    await flushPromises();
    expect(wrapper.get('.field.inline span').text()).toBe('From your phone 8001');
    expect(submitButton(wrapper).element.disabled).toBe(false);
  });

  test('dialling checks the calling extension and the number, and sends the number as the PBX dials it', async () => {
    const { wrapper, core } = await openDialog('dialAny', {}, { 'actions.dial': () => ({ ok: true, value: {} }) });
    expect(wrapper.get('.hint').text()).toBe('请输入主叫分机');
    await wrapper.get('[data-testid="action-source"]').setValue('802');
    expect(wrapper.get('.hint').text()).toBe('请输入要拨打的号码');
    await wrapper.get('[data-testid="action-number"]').setValue('138-0013-8000');
    expect(submitButton(wrapper).element.disabled).toBe(false);
    await submit(wrapper);
    expect(core.paramsOf('actions.dial')).toEqual([{ source: '802', destination: '13800138000' }]);
    expect(useActionsStore().supervisorExtension).toBe('802');
  });

  test('a transfer needs a destination and carries the chosen kind', async () => {
    const { wrapper, core } = await openDialog('transfer', { callId: 'c1' }, { 'actions.transfer': () => actionDone }, { locale: 'en' });
    expect(wrapper.get('.hint').text()).toBe('Enter an extension or queue number');
    expect(wrapper.findAll('#action-destinations option').map((o) => o.attributes('value'))).toEqual(['600', '700', '710', '801', '802']);
    await wrapper.get('[data-testid="action-destination"]').setValue('710');
    await wrapper.get('[data-testid="action-transfer-attended"]').setValue(true);
    await submit(wrapper);
    expect(core.paramsOf('actions.transfer')).toEqual([{ callId: 'c1', destination: '710', kind: 'attended' }]);
  });

  test('queue login offers only the queues the agent is not in, and sends the penalty', async () => {
    const { wrapper, core } = await openDialog('queueLogin', { extension: '801' }, { 'actions.queueLogin': () => actionDone });
    expect(wrapper.findAll('[data-testid="action-queue"] option').map((o) => o.text())).toEqual(['700', '710']);
    await wrapper.get('[data-testid="action-queue"]').setValue('710');
    await wrapper.get('[data-testid="action-penalty"]').setValue(3);
    await submit(wrapper);
    expect(core.paramsOf('actions.queueLogin')).toEqual([{ extension: '801', queue: '710', penalty: 3 }]);
  });

  test('a read-only session never sees the dialog', async () => {
    const { wrapper } = await openDialog('hangup', { extension: '801' }, {}, { role: 'read' });
    expect(wrapper.find('form').exists()).toBe(false);
  });
});

// Each language's wording of the same dialog, for the confirm-before-barge text.
describe.each<[AppLocale, string]>([
  ['zh-CN', '⚠ 强插后，双方都会听到您的声音。确定要强插 801 Li Lei 的通话吗？'],
  ['en', '⚠ After barging in, both parties will hear you. Barge into the call of 801 Li Lei?'],
])('ActionDialog in %s', (locale, text) => {
  test('barging in asks first', async () => {
    const { wrapper } = await openDialog('barge', { extension: '801' }, {}, { locale });
    expect(wrapper.get('[data-testid="action-confirm-text"]').text()).toBe(text);
  });
});
