// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import type { CallRecord } from '@contract';
import CallTable from '../../../../renderer/src/components/history/CallTable.vue';
import { harness } from '../support/harness';
import { testNow } from '../../../support/live-model';

const record = (uniqueid: string, parts: Partial<CallRecord>): CallRecord => ({
  uniqueid, source: 'cc_cdr', direction: 'inbound', callClass: 'customer', callerNum: '13800138000', calledNum: '4008001234', startedAt: testNow,
  endedAt: testNow + 200_000, duration: 200, queueSeconds: 20, ringSeconds: 5, talkSeconds: 175, holdSeconds: 0, wrapupSeconds: 0, ivrSeconds: 0,
  isAnswered: true, ...parts,
});
const rows = [
  record('1.1', { queue: '600', agent: '801', score: 5, recordingFile: '2026/12/06/1.1.wav' }),
  record('1.2', { isAnswered: false, missCause: 'NO_AGENT_LOGIN', talkSeconds: 0 }),
  record('1.3', { isAnswered: false, missCause: 'VENDOR_TIMEOUT', talkSeconds: 0 }),
];

async function mountTable(locale: 'zh-CN' | 'en') {
  const h = await harness({ locale });
  return mount(CallTable, { props: { rows, sort: { key: 'talkSeconds', order: 'desc' }, selected: '1.2' }, global: h.global });
}

describe('CallTable', () => {
  test('the sorted column says so; only columns the core sorts by ask for a sort', async () => {
    const wrapper = await mountTable('en');
    expect(wrapper.get('th[aria-sort]').attributes()).toMatchObject({ 'aria-sort': 'descending', 'data-testid': 'history-sort-talkSeconds' });
    expect(wrapper.get('[data-testid="history-sort-talkSeconds"] .arrow').text()).toBe('▼');
    expect(wrapper.findAll('th button')).toHaveLength(9);
    await wrapper.get('[data-testid="history-sort-button-queue"]').trigger('click');
    await wrapper.get('[data-testid="history-sort-button-score"]').trigger('click');
    expect(wrapper.emitted('sort')).toEqual([['queue'], ['score']]);
  });

  test('a row opens by click or Enter, and the open one is marked', async () => {
    const wrapper = await mountTable('en');
    await wrapper.get('[data-testid="history-row-1.1"]').trigger('click');
    await wrapper.get('[data-testid="history-row-1.3"]').trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('open')).toEqual([['1.1'], ['1.3']]);
    expect(wrapper.findAll('tr.selected').map((row) => row.attributes('data-testid'))).toEqual(['history-row-1.2']);
  });

  test('the outcome reads in each language, with the miss cause, an unknown cause as written, and a recording mark', async () => {
    const outcomes = (wrapper: Awaited<ReturnType<typeof mountTable>>) =>
      wrapper.findAll('tbody tr').map((row) => row.findAll('td').at(-1)!.findAll('span').map((span) => span.text()));
    expect(outcomes(await mountTable('en'))).toEqual([['✓ Answered', '● Recording'], ['✕ Missed', 'No agent logged in'], ['✕ Missed', 'VENDOR_TIMEOUT']]);
    expect(outcomes(await mountTable('zh-CN'))).toEqual([['✓ 已接听', '● 录音'], ['✕ 未接', '无坐席登录'], ['✕ 未接', 'VENDOR_TIMEOUT']]);
  });
});
