// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import type { ThresholdsByQueue } from '@contract';
import ThresholdsCard from '../../../../renderer/src/components/settings/ThresholdsCard.vue';
import { harness, type HarnessOptions } from '../support/harness';
import { actionDone, actionRefused, type Answers } from '../support/fake-core';
import { queue, snapshot } from '../../../support/live-model';

async function mountCard(answers: Answers = {}, options: HarnessOptions = {}) {
  let kept: ThresholdsByQueue = { '*': { waitingAmber: 3, waitingRed: 6 } };
  const h = await harness({
    live: snapshot({ queues: [queue('600'), queue('700')] }),
    answers: {
      'settings.thresholds': () => kept,
      'settings.setThresholds': (params) => {
        kept = params.byQueue;
        return actionDone;
      },
      ...answers,
    },
    ...options,
  });
  const wrapper = mount(ThresholdsCard, { global: h.global });
  await flushPromises();
  return { ...h, wrapper };
}
const field = (wrapper: VueWrapper, name: string) => wrapper.get<HTMLInputElement>(`[data-testid="threshold-${name}"]`);
async function change(wrapper: VueWrapper, name: string, value: string): Promise<void> {
  await field(wrapper, name).setValue(value);
  await flushPromises();
}

describe('ThresholdsCard', () => {
  test('amber not below red is refused before anything is sent, named in each language', async () => {
    const { wrapper, core, setLocale } = await mountCard({}, { locale: 'en' });
    expect(field(wrapper, 'waitingRed').element.value).toBe('6');
    await change(wrapper, 'waitingRed', '2');
    expect(core.methods).not.toContain('settings.setThresholds');
    expect(wrapper.findAll('[data-testid="threshold-error"] p').map((p) => p.text())).toEqual([
      'All queues (defaults): Waiting · amber (3) must be below Waiting · red (2)',
      'This change was not saved; correct it and try again.',
    ]);
    // The refused value stays in its field to be corrected, and both sides of the clash are marked.
    expect(field(wrapper, 'waitingRed').element.value).toBe('2');
    expect(field(wrapper, 'waitingAmber').attributes('aria-invalid')).toBe('true');
    await setLocale('zh-CN');
    expect(wrapper.get('[data-testid="threshold-error"] p').text()).toBe('全部队列（默认值）：排队数 黄色（3）须低于排队数 红色（2）');
  });

  test('text that is no number is named, not sent', async () => {
    const { wrapper, core } = await mountCard({}, { locale: 'en' });
    await change(wrapper, 'waitingAmber', ' ');
    expect(wrapper.get('[data-testid="threshold-error"] p').text()).toBe('Waiting · amber: enter a number');
    expect(core.methods).not.toContain('settings.setThresholds');
  });

  test('a queue\'s own level is sent with the whole map and marked as its own', async () => {
    const { wrapper, core } = await mountCard({}, { locale: 'en' });
    await wrapper.get('[data-testid="threshold-scope"]').setValue('700');
    expect(wrapper.find('.tag').exists()).toBe(false);
    await change(wrapper, 'waitingRed', '9');
    expect(core.paramsOf('settings.setThresholds')).toEqual([{ byQueue: { '*': { waitingAmber: 3, waitingRed: 6 }, '700': { waitingRed: 9 } } }]);
    expect(wrapper.get('.tag').text()).toBe('overridden');
    expect(wrapper.find('[data-testid="threshold-error"]').exists()).toBe(false);
  });

  test('when the core refuses, its reason is shown and its levels are read back', async () => {
    const { wrapper, core } = await mountCard({ 'settings.setThresholds': () => actionRefused('invalid', 'byQueue: too many queues') });
    await change(wrapper, 'waitingRed', '8');
    expect(wrapper.get('p.error').text()).toBe('byQueue: too many queues');
    expect(core.methods.filter((m) => m === 'settings.thresholds')).toHaveLength(2);
    expect(field(wrapper, 'waitingRed').element.value).toBe('6');
  });

  test('a read-only screen shows the levels without letting them change', async () => {
    const { wrapper } = await mountCard({}, { role: 'read' });
    expect(field(wrapper, 'waitingAmber').element.disabled).toBe(true);
  });
});
