// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { reactive } from 'vue';
import HistoryFilters from '../../../../renderer/src/components/history/HistoryFilters.vue';
import { emptyHistoryForm, type HistoryForm } from '../../../../renderer/src/stores/history';
import { harness } from '../support/harness';
import { extension, queue, snapshot } from '../../../support/live-model';

/** The filters bound to a reactive form, as the history store's: the fields are edited in place. */
async function mountFilters(locale: 'zh-CN' | 'en') {
  const h = await harness({ locale, live: snapshot({ queues: [queue('700'), queue('600')], extensions: [extension('801', { name: 'Li Lei' })] }) });
  return mount(HistoryFilters, { props: { modelValue: reactive(emptyHistoryForm()) }, global: h.global });
}
type Filters = Awaited<ReturnType<typeof mountFilters>>;
const form = (wrapper: Filters): HistoryForm => wrapper.props('modelValue');

describe('HistoryFilters', () => {
  test('a range preset is marked; only a custom range asks for dates', async () => {
    const wrapper = await mountFilters('en');
    expect(wrapper.get('.chip.is-active').text()).toBe('Today');
    expect(wrapper.find('[data-testid="history-from"]').exists()).toBe(false);
    await wrapper.get('[data-testid="history-range-custom"]').trigger('click');
    expect(form(wrapper).range).toBe('custom');
    await wrapper.get('[data-testid="history-from"]').setValue('2026-12-01');
    await wrapper.get('[data-testid="history-to"]').setValue('2026-12-05');
    expect(form(wrapper)).toMatchObject({ range: 'custom', fromDate: '2026-12-01', toDate: '2026-12-05' });
    expect(wrapper.get('.chip.is-active').text()).toBe('Custom');
  });

  test('the queue list is the PBX\'s, and the rarer filters fold away, named in each language', async () => {
    const zh = await mountFilters('zh-CN');
    expect(zh.findAll('[data-testid="history-queue"] option').map((o) => o.text())).toEqual(['全部队列', '600', '700']);
    expect(zh.find('[data-testid="history-extra-filters"]').exists()).toBe(false);
    await zh.get('[data-testid="history-more-filters"]').trigger('click');
    expect(zh.get('[data-testid="history-more-filters"]').text()).toBe('收起条件');
    // "other" is what the core files unknown causes under, not a cause to search for.
    expect(zh.findAll('[data-testid="history-miss-cause"] option').map((o) => o.text())).toEqual(['任意未接原因', '未分配坐席', '坐席未接', '无坐席登录', '排队中挂断']);

    const en = await mountFilters('en');
    expect(en.get('[data-testid="history-more-filters"]').text()).toBe('More filters');
  });

  test('search and reset are the page\'s to run: the form only asks', async () => {
    const wrapper = await mountFilters('en');
    await wrapper.get('[data-testid="history-caller"]').setValue('138');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('search')).toHaveLength(1);
    expect(form(wrapper).callerNum).toBe('138');
    await wrapper.get('[data-testid="history-more-filters"]').trigger('click');
    await wrapper.get('[data-testid="history-reset"]').trigger('click');
    expect(wrapper.emitted('reset')).toHaveLength(1);
  });
});
