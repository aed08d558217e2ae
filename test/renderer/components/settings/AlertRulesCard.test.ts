// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { defaultAlertRulesBook, defaultPauseReasons, defaultQueueAlertRules, type AlertLogEntry, type AlertRulesBook } from '@contract';
import AlertRulesCard from '../../../../renderer/src/components/settings/AlertRulesCard.vue';
import { harness, type HarnessOptions } from '../support/harness';
import { actionDone, actionRefused, type Answers } from '../support/fake-core';
import { connection, queue, snapshot, testNow } from '../../../support/live-model';

const logEntry: AlertLogEntry = { id: 1, at: testNow - 60_000, event: 'acknowledged', alertId: 'waiting:600:1', kind: 'waiting', queue: '600', value: 12, threshold: 10, who: 'desktop' };

async function mountCard(answers: Answers = {}, options: HarnessOptions = {}) {
  let book: AlertRulesBook = defaultAlertRulesBook;
  const h = await harness({
    live: snapshot({ queues: [queue('600'), queue('700')] }),
    answers: {
      'settings.pauseReasons': () => defaultPauseReasons,
      'alerts.rules': () => book,
      'alerts.log': () => [logEntry],
      'alerts.setRules': (params) => {
        book = params.book;
        return actionDone;
      },
      ...answers,
    },
    ...options,
  });
  const wrapper = mount(AlertRulesCard, { global: h.global });
  await flushPromises();
  return { ...h, wrapper };
}

describe('AlertRulesCard', () => {
  test('reads the rules and the recent log from the core', async () => {
    const { wrapper, core } = await mountCard({}, { locale: 'en' });
    expect(core.paramsOf('alerts.log')).toEqual([{ limit: 20 }]);
    expect(wrapper.get<HTMLInputElement>('[data-testid="alert-rule-waiting"]').element.value).toBe('10');
    expect(wrapper.get<HTMLInputElement>('[data-testid="alert-rule-pause-lunch"]').element.value).toBe('60');
    const cells = wrapper.findAll('[data-testid="alert-log"] td').map((td) => td.text());
    expect(cells.slice(1)).toEqual(['Acknowledged', 'Callers waiting', 'Queue 600', 'desktop']);
  });

  test('numbers out of bounds are named with their range, in each language, and nothing is sent', async () => {
    const { wrapper, core, setLocale } = await mountCard({}, { locale: 'en' });
    await wrapper.get('[data-testid="alert-rule-waiting"]').setValue(0);
    await wrapper.get('[data-testid="alert-rule-pause-lunch"]').setValue(700);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.findAll('[data-testid="alert-rules-problems"] li').map((li) => li.text())).toEqual([
      'Callers waiting: a whole number from 1 to 1000',
      'Pause limit · Lunch: a whole number from 1 to 600',
    ]);
    expect(core.methods).not.toContain('alerts.setRules');
    expect(wrapper.find('[data-testid="alert-rules-saved"]').exists()).toBe(false);

    await setLocale('zh-CN');
    expect(wrapper.get('[data-testid="alert-rules-problems"] li').text()).toBe('排队人数：请输入 1 到 1000 之间的整数');
  });

  test('a rule turned off is not checked, and is sent as off', async () => {
    const { wrapper, core } = await mountCard();
    await wrapper.get('[data-testid="alert-rule-waiting"]').setValue(0);
    await wrapper.get('[data-testid="alert-rule-waiting-on"]').setValue(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(core.paramsOf('alerts.setRules')[0]?.book.defaults).toEqual({ ...defaultQueueAlertRules, waitingAtLeast: null });
    expect(wrapper.get('[data-testid="alert-rules-saved"]').text()).toBe('已保存');
  });

  test('a queue gets rules of its own, and goes back to the defaults with one button', async () => {
    const { wrapper, core } = await mountCard({}, { locale: 'en' });
    expect(wrapper.find('[data-testid="alert-rules-use-defaults"]').exists()).toBe(false);
    await wrapper.get('[data-testid="alert-rules-scope"]').setValue('700');
    await wrapper.get('[data-testid="alert-rule-waiting"]').setValue(4);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const [own] = core.paramsOf('alerts.setRules');
    expect(own?.book.defaults).toEqual(defaultQueueAlertRules);
    expect(own?.book.queues).toEqual({ '700': { ...defaultQueueAlertRules, waitingAtLeast: 4 } });

    await wrapper.get('[data-testid="alert-rules-use-defaults"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('alerts.setRules')[1]?.book.queues).toEqual({});
    expect(wrapper.find('[data-testid="alert-rules-use-defaults"]').exists()).toBe(false);
  });

  test('the core\'s refusal is shown and nothing reads as saved', async () => {
    const { wrapper } = await mountCard({ 'alerts.setRules': () => actionRefused('invalid', 'book.queues: too many') });
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('p.error').text()).toBe('book.queues: too many');
    expect(wrapper.find('[data-testid="alert-rules-saved"]').exists()).toBe(false);
  });

  test('on the vendor API alone the card says which rules cannot fire; a read-only screen cannot edit', async () => {
    const vendor = await mountCard({}, { live: snapshot({ connections: [connection('vendor', { kind: 'coocenter' })] }), role: 'read' });
    expect(vendor.wrapper.find('[data-testid="alert-rules-vendor-note"]').exists()).toBe(true);
    expect(vendor.wrapper.get<HTMLFieldSetElement>('fieldset').element.disabled).toBe(true);
    expect(vendor.wrapper.get<HTMLButtonElement>('[data-testid="alert-rules-save"]').element.disabled).toBe(true);
    expect(vendor.core.methods).not.toContain('alerts.log');

    const ami = await mountCard({}, { live: snapshot({ connections: [connection('pbx'), connection('vendor', { kind: 'coocenter' })] }) });
    expect(ami.wrapper.find('[data-testid="alert-rules-vendor-note"]').exists()).toBe(false);
  });
});
