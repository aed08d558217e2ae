// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { allQueuesKey, boardLimits, defaultBoard, type Board } from '@contract';
import BoardForm from '../../../../renderer/src/components/boards/BoardForm.vue';
import { harness, type HarnessOptions } from '../support/harness';
import { queue, snapshot } from '../../../support/live-model';

/** The form bound to a board the way the page binds its draft: every change comes back as the new model. */
async function mountForm(board: Board, options: HarnessOptions = {}) {
  const h = await harness({
    live: snapshot({ queues: [queue('700'), queue('600')] }),
    answers: { 'settings.thresholds': () => ({ '*': { waitingAmber: 4, waitingRed: 8 } }) },
    ...options,
  });
  const wrapper = mount(BoardForm, {
    props: { modelValue: board, 'onUpdate:modelValue': (next: Board): void => void wrapper.setProps({ modelValue: next }) },
    global: h.global,
  });
  await flushPromises();
  return { ...h, wrapper };
}
type Form = Awaited<ReturnType<typeof mountForm>>['wrapper'];
const model = (wrapper: Form): Board => wrapper.props('modelValue');

describe('BoardForm', () => {
  test('offers all queues, the PBX\'s, and keeps a queue the PBX does not have, marked', async () => {
    const { wrapper } = await mountForm({ ...defaultBoard, name: 'front', queues: ['999'] }, { locale: 'en' });
    const labels = wrapper.findAll('[data-testid="board-queues"] label').map((label) => label.text());
    expect(labels).toEqual(['All queues', '600', '700', '999 (not on the PBX)']);
    // One queue: nothing to rotate through.
    expect(wrapper.find('[data-testid="board-rotate"]').exists()).toBe(false);
  });

  test('ticking queues keeps the order they were ticked in, said in each language', async () => {
    const { wrapper, setLocale } = await mountForm({ ...defaultBoard, name: 'front' }, { locale: 'en' });
    expect(wrapper.text()).toContain('None ticked: all queues together, then each queue in turn.');
    await wrapper.get('[data-testid="board-queue-700"]').setValue(true);
    await wrapper.get('[data-testid="board-queue-all"]').setValue(true);
    expect(model(wrapper).queues).toEqual(['700', allQueuesKey]);
    expect(wrapper.text()).toContain('Shown in turn: 700 → All queues');
    expect(wrapper.find('[data-testid="board-rotate"]').exists()).toBe(true);
    await setLocale('zh-CN');
    expect(wrapper.text()).toContain('依次显示：700 → 全部队列');

    await wrapper.get('[data-testid="board-queue-700"]').setValue(false);
    expect(model(wrapper).queues).toEqual([allQueuesKey]);
  });

  test('the name is kept without spaces around it; the rotation in whole seconds', async () => {
    const { wrapper } = await mountForm({ ...defaultBoard, name: 'front' });
    await wrapper.get('[data-testid="board-name"]').setValue(' lobby ');
    await wrapper.get('[data-testid="board-rotate"]').setValue('12.6');
    expect(model(wrapper)).toMatchObject({ name: 'lobby', rotateSeconds: 13 });
    // Cleared: the rotation kept, not 0 s; past the limits: the nearest limit.
    const rotate = wrapper.get<HTMLInputElement>('[data-testid="board-rotate"]');
    await rotate.setValue('');
    expect([model(wrapper).rotateSeconds, rotate.element.value]).toEqual([13, '13']);
    await rotate.setValue('1');
    expect(model(wrapper).rotateSeconds).toBe(boardLimits.minRotateSeconds);
  });

  test('own levels start as a copy of the shared ones, and a clash is refused with the reason', async () => {
    const { wrapper, setLocale } = await mountForm({ ...defaultBoard, name: 'front' }, { locale: 'en' });
    expect(wrapper.text()).toContain('Uses the shared levels of the Settings page.');
    await wrapper.get('[data-testid="board-own-thresholds"]').setValue(true);
    expect(model(wrapper).thresholds).toEqual({ '*': { waitingAmber: 4, waitingRed: 8 } });

    await wrapper.get('[data-testid="board-threshold-waitingAmber"]').setValue('9');
    expect(model(wrapper).thresholds).toEqual({ '*': { waitingAmber: 4, waitingRed: 8 } });
    expect(wrapper.get('[data-testid="board-threshold-error"] p').text()).toBe('All queues (defaults): Waiting · amber (9) must be below Waiting · red (8)');
    await setLocale('zh-CN');
    expect(wrapper.get('[data-testid="board-threshold-error"] p').text()).toMatch(/：排队数 黄色（9）须低于排队数 红色（8）$/);

    await wrapper.get('[data-testid="board-threshold-waitingAmber"]').setValue('6');
    expect(model(wrapper).thresholds).toEqual({ '*': { waitingAmber: 6, waitingRed: 8 } });
    expect(wrapper.find('[data-testid="board-threshold-error"]').exists()).toBe(false);

    await wrapper.get('[data-testid="board-own-thresholds"]').setValue(false);
    expect(model(wrapper).thresholds).toBeUndefined();
  });
});
