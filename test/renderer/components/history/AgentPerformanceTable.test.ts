// @vitest-environment happy-dom
import { mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { agentFiguresOf, emptyAgentTally, type AgentFigures, type AgentTally } from '@contract';
import AgentPerformanceTable from '../../../../renderer/src/components/history/AgentPerformanceTable.vue';
import { harness } from '../support/harness';

/** An agent's figures as the core makes them from a tally. */
const figures = (agent: string, tally: Partial<AgentTally>): AgentFigures => agentFiguresOf({ ...emptyAgentTally(agent), ...tally });

// 9 sorts after 10 as text but before it as a number: the table must use the contract's numeric order.
const rows = [
  figures('10', { queueAnswered: 3, queueCompleted: 3, talkSum: 300, loginSeconds: 3_600 }),
  figures('9', { queueAnswered: 7, queueCompleted: 7, talkSum: 200, loginSeconds: 3_600, pauses: { lunch: 600, '': 1_200 } }),
  figures('11', { queueAnswered: 5, queueCompleted: 5, talkSum: 900, loginSeconds: 3_600 }),
];

const order = (wrapper: VueWrapper) => wrapper.findAll('[data-testid="agent-performance-row"]').map((row) => row.attributes('data-agent'));
const cell = (wrapper: VueWrapper, agent: string, key: string) => wrapper.get(`[data-agent="${agent}"] [data-key="${key}"]`).text();

describe('AgentPerformanceTable', () => {
  test('the report opens in extension order and a heading sorts biggest first, then turns round', async () => {
    const h = await harness({ locale: 'en' });
    const wrapper = mount(AgentPerformanceTable, { props: { rows }, global: h.global });
    expect(order(wrapper)).toEqual(['9', '10', '11']);

    await wrapper.get('[data-testid="agent-sort-callsTaken"]').trigger('click');
    expect(order(wrapper)).toEqual(['9', '11', '10']);
    expect(wrapper.get('th[aria-sort="descending"]').text()).toContain('Calls taken');

    await wrapper.get('[data-testid="agent-sort-callsTaken"]').trigger('click');
    expect(order(wrapper)).toEqual(['10', '11', '9']);

    await wrapper.get('[data-testid="agent-sort-talkSum"]').trigger('click');
    expect(order(wrapper)).toEqual(['11', '10', '9']);
    expect(wrapper.findAll('th[aria-sort="none"]')).toHaveLength(12);
  });

  test('the compact panel shows five columns, busiest first, cut to its limit', async () => {
    const h = await harness({ locale: 'zh-CN' });
    const wrapper = mount(AgentPerformanceTable, { props: { rows, compact: true, limit: 2 }, global: h.global });
    expect(order(wrapper)).toEqual(['9', '11']);
    expect(wrapper.findAll('thead button').map((button) => button.attributes('data-testid'))).toEqual(
      ['agent-sort-agent', 'agent-sort-callsTaken', 'agent-sort-talkSum', 'agent-sort-ahtSeconds', 'agent-sort-occupancy'],
    );
    // Whole percents on the narrow panel: 200 s of talk in an hour logged in, half of it paused (200 ÷ 1,800 s staffed).
    expect(cell(wrapper, '9', 'occupancy')).toBe('11%');
    expect(wrapper.find('[data-key="pauses"]').exists()).toBe(false);
  });

  test('pauses read longest first, in the reason\'s words of each language', async () => {
    const zh = await harness({ locale: 'zh-CN' });
    const inChinese = mount(AgentPerformanceTable, { props: { rows }, global: zh.global });
    expect(cell(inChinese, '9', 'occupancy')).toBe('11.1%');
    const [none, lunch] = cell(inChinese, '9', 'pauses').split(' · ');
    expect(lunch).toBe('午餐 10:00');
    expect(none).toMatch(/ 20:00$/);

    await zh.setLocale('en');
    expect(cell(inChinese, '9', 'pauses').split(' · ')[1]).toBe('Lunch 10:00');
  });

  test('no rows: the table says nobody worked in the range', async () => {
    const h = await harness({ locale: 'en' });
    const wrapper = mount(AgentPerformanceTable, { props: { rows: [] }, global: h.global });
    expect(wrapper.get('.empty').text()).toBe('No agent took a call or logged in during this range');
  });
});
