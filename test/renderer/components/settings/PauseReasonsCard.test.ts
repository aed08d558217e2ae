// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { defaultPauseReasons, type PauseReason } from '@contract';
import PauseReasonsCard from '../../../../renderer/src/components/settings/PauseReasonsCard.vue';
import { useSettingsStore } from '../../../../renderer/src/stores/settings';
import { harness } from '../support/harness';
import { actionDone, actionRefused, type Answers } from '../support/fake-core';
import { settingsReads } from '../support/settings-reads';

const lunch = defaultPauseReasons[0]!;
const wrapUp = defaultPauseReasons.find((reason) => reason.isSystem)!;

/** The card after the Settings page has read its settings (the page loads them, the card edits them). */
async function mountCard(answers: Answers = {}) {
  let kept: PauseReason[] = [lunch, wrapUp];
  const h = await harness({
    locale: 'en',
    answers: {
      ...settingsReads(),
      'settings.pauseReasons': () => kept,
      'settings.setPauseReasons': (params) => {
        kept = [...params.reasons, wrapUp];
        return actionDone;
      },
      'settings.setWrapup': () => actionDone,
      ...answers,
    },
  });
  await useSettingsStore().load();
  const wrapper = mount(PauseReasonsCard, { global: h.global });
  await flushPromises();
  return { ...h, wrapper };
}
const codes = (wrapper: VueWrapper) => wrapper.findAll<HTMLInputElement>('tbody tr').map((row) => row.get<HTMLInputElement>('input').element.value);

describe('PauseReasonsCard', () => {
  test('a new reason goes above the system one, and the system one is never sent', async () => {
    const { wrapper, core } = await mountCard();
    expect(wrapper.get('[data-testid="pause-reason-wrap-up"]').text()).toContain('system');
    await wrapper.get('[data-testid="pause-reason-add"]').trigger('click');
    expect(codes(wrapper)).toEqual(['lunch', '', 'wrap-up']);
    const [code, zh, en] = wrapper.findAll('tbody tr')[1]!.findAll('input');
    await code!.setValue('coffee');
    await zh!.setValue('咖啡');
    await en!.setValue('Coffee');
    await wrapper.get('[data-testid="pause-reasons-save"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.setPauseReasons')).toEqual([{ reasons: [lunch, { code: 'coffee', labels: { 'zh-CN': '咖啡', en: 'Coffee' } }] }]);
    expect(wrapper.get('[role="status"]').text()).toBe('Saved');
    expect(codes(wrapper)).toEqual(['lunch', 'coffee', 'wrap-up']);
  });

  test('while a save runs the reasons cannot be edited, so nothing typed is replaced by the list read back', async () => {
    let answer: (value: typeof actionDone) => void = () => {};
    const { wrapper } = await mountCard({ 'settings.setPauseReasons': () => new Promise((resolve) => (answer = resolve)) });
    await wrapper.get('[data-testid="pause-reasons-save"]').trigger('click');
    const inputs = () => wrapper.findAll<HTMLInputElement>('tbody tr')[0]!.findAll<HTMLInputElement>('input').map((input) => input.element.disabled);
    expect(inputs()).toEqual([true, true, true]);
    expect(wrapper.get<HTMLButtonElement>('[data-testid="pause-reason-add"]').element.disabled).toBe(true);
    answer(actionDone);
    await flushPromises();
    expect(inputs()).toEqual([false, false, false]);
  });

  test('a removed reason is left out; the core\'s refusal is shown as it said it', async () => {
    const { wrapper, core } = await mountCard({ 'settings.setPauseReasons': () => actionRefused('invalid', 'reasons: at least one') });
    await wrapper.get('[data-testid="pause-reason-lunch"] button').trigger('click');
    expect(codes(wrapper)).toEqual(['wrap-up']);
    await wrapper.get('[data-testid="pause-reasons-save"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.setPauseReasons')).toEqual([{ reasons: [] }]);
    expect(wrapper.get('[role="status"]').text()).toBe('reasons: at least one');
  });

  test('the wrap-up time is sent in whole seconds, at least one', async () => {
    const { wrapper, core } = await mountCard();
    await wrapper.get('[data-testid="wrapup-seconds"]').setValue(0.4);
    await wrapper.get('[data-testid="wrapup-save"]').trigger('click');
    await flushPromises();
    expect(wrapper.get<HTMLInputElement>('[data-testid="wrapup-seconds"]').element.value).toBe('1');
    await wrapper.get('[data-testid="wrapup-seconds"]').setValue(44.6);
    await wrapper.get('[data-testid="wrapup-enabled"]').setValue(false);
    await wrapper.get('[data-testid="wrapup-save"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('settings.setWrapup')).toEqual([{ isEnabled: true, seconds: 1 }, { isEnabled: false, seconds: 45 }]);
  });
});
