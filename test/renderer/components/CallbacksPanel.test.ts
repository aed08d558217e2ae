// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import type { CallbackEntry, CallbacksReply } from '@contract';
import CallbacksPanel from '../../../renderer/src/components/CallbacksPanel.vue';
import { harness, type HarnessOptions } from './support/harness';
import { actionDone, type Answers } from './support/fake-core';
import { extension, snapshot, testNow } from '../../support/live-model';

const entry = (number: string, parts: Partial<CallbackEntry> = {}): CallbackEntry => ({
  number, queue: '600', waitSeconds: 95, lastAt: testNow - 600_000, outcome: 'abandoned', tries: 2, ...parts,
});
const reply = (entries: CallbackEntry[], total = entries.length): CallbacksReply => ({ day: '2026-12-06', timeZone: 'Asia/Shanghai', entries, total, limit: 100 });

const live = snapshot({
  extensions: [extension('810', { state: 'inuse' }), extension('9', { name: 'Han Mei', state: 'busy' }), extension('812'), extension('811', { name: 'Li Lei' })],
});

async function mountPanel(answers: Answers, options: HarnessOptions = {}) {
  const h = await harness({ live, answers: { 'live.callbacks': () => reply([entry('13800138000'), entry('13911112222', { tries: 1 })], 120), ...answers }, ...options });
  const wrapper = mount(CallbacksPanel, { global: h.global });
  await flushPromises();
  return { ...h, wrapper };
}

describe('CallbacksPanel', () => {
  test('lists the core\'s callers with their wait and the PBX zone\'s time, and says when it shows only the newest', async () => {
    const { wrapper } = await mountPanel({}, { locale: 'en' });
    expect(wrapper.get('.title').text()).toBe('Call back (120)');
    expect(wrapper.get('[data-testid="callbacks-capped"]').text()).toBe('Showing the newest 2 of 120');
    const first = wrapper.findAll('[data-testid="callback-row"]')[0]!;
    expect(first.findAll('td').slice(0, 5).map((td) => td.text())).toEqual(['13800138000', '600', '1:35', '17:50:00', '2']);
    expect(first.findAll('td')[3]!.attributes('title')).toBe('Caller hung up');
  });

  test('dials from an idle phone first, and from the one picked', async () => {
    const { wrapper, core } = await mountPanel({ 'actions.dial': () => ({ ok: true, value: {} }) }, { locale: 'zh-CN' });
    const options = wrapper.findAll('[data-testid="callbacks-source"] option').map((o) => o.text());
    expect(options).toEqual(['811 Li Lei · 空闲', '812 · 空闲', '9 Han Mei', '810']);
    await wrapper.get('[data-testid="callback-dial"]').trigger('click');
    await wrapper.get('[data-testid="callbacks-source"]').setValue('9');
    await wrapper.findAll('[data-testid="callback-dial"]')[1]!.trigger('click');
    await flushPromises();
    expect(core.paramsOf('actions.dial')).toEqual([{ source: '811', destination: '13800138000' }, { source: '9', destination: '13911112222' }]);
  });

  test('dismissing tells the core and reads the list again', async () => {
    const { wrapper, core } = await mountPanel({ 'callbacks.dismiss': () => actionDone });
    core.answer({ 'live.callbacks': () => reply([entry('13911112222')]) });
    await wrapper.get('[data-testid="callback-dismiss"]').trigger('click');
    await flushPromises();
    expect(core.paramsOf('callbacks.dismiss')).toEqual([{ number: '13800138000' }]);
    expect(core.methods.filter((m) => m === 'live.callbacks')).toHaveLength(2);
    expect(wrapper.findAll('[data-testid="callback-row"]').map((row) => row.attributes('data-number'))).toEqual(['13911112222']);
    expect(wrapper.get('.title').text()).toBe('待回拨（1）');
  });

  test('an empty list and an unreadable one say different things, in each language', async () => {
    const empty = await mountPanel({ 'live.callbacks': () => reply([]) }, { locale: 'zh-CN' });
    expect(empty.wrapper.get('.empty').text()).toBe('今天没有待回拨的来电');
    const failed = await mountPanel({ 'live.callbacks': () => { throw new Error('busy'); } }, { locale: 'en' });
    expect(failed.wrapper.get('.empty').text()).toBe('The call-back list could not be read');
  });

  test('a read-only screen offers no phone to dial from, never asks for the numbers, and shows how many there are', async () => {
    const { wrapper, core } = await mountPanel({ 'live.callbacksOpen': () => ({ total: 7 }) }, { role: 'read', locale: 'en' });
    expect(wrapper.find('[data-testid="callbacks-source"]').exists()).toBe(false);
    expect(wrapper.find('th .sr-only').exists()).toBe(false);
    expect(core.methods).not.toContain('live.callbacks');
    expect(wrapper.get('.title').text()).toBe('Call back (7)');
    expect(wrapper.get('[data-testid="callbacks-operators"]').text()).toBe('The callers to call back are shown to operators');
    expect(wrapper.findAll('[data-testid="callback-row"]')).toHaveLength(0);
  });
});
