// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import type { CallRecord, Snapshot } from '@contract';
import AgentCard from '../../../renderer/src/components/AgentCard.vue';
import PbxFilter from '../../../renderer/src/components/PbxFilter.vue';
import QueueTabs from '../../../renderer/src/components/QueueTabs.vue';
import CallTable from '../../../renderer/src/components/history/CallTable.vue';
import StatsRulesCard from '../../../renderer/src/components/settings/StatsRulesCard.vue';
import StatusBar from '../../../renderer/src/components/StatusBar.vue';
import CallbacksPanel from '../../../renderer/src/components/CallbacksPanel.vue';
import { defaultStatsRulesBook } from '@contract';
import { useAgentsStore, useLiveStore, useWallboardStore } from '../../../renderer/src/stores';
import { harness } from './support/harness';
import { call, caller, connection, extension, member, queue, snapshot, testNow } from '../../support/live-model';

/** Two PBXs in one console, as the core qualifies them: both number an agent 800 and a queue 600. */
const twoPbxs = snapshot({
  connections: [connection('bj'), connection('sh', { target: '10.0.0.6:5038' })],
  extensions: [
    extension('bj:800', { pbx: 'bj', name: 'Li Lei' }),
    extension('sh:800', { pbx: 'sh', name: 'Han Meimei' }),
    extension('sh:801', { pbx: 'sh' }),
  ],
  queues: [
    { ...queue('bj:600', [member('bj:800')], [caller('bj:c1', { callerNum: '13900000001' })]), pbx: 'bj' },
    { ...queue('sh:600', [member('sh:800'), member('sh:801', { isPaused: true })]), pbx: 'sh' },
  ],
  calls: [call('bj:c1', { pbx: 'bj', state: 'queued', queue: 'bj:600', answeredAt: undefined }), call('sh:c2', { pbx: 'sh', agent: 'sh:800', queue: 'sh:600' })],
});
const onePbx = snapshot({
  connections: [connection('pbx')],
  extensions: [extension('800', { name: 'Li Lei' })],
  queues: [queue('600', [member('800')])],
});

async function cardOf(id: string, live: Snapshot) {
  const h = await harness({ live, locale: 'en' });
  const agent = useAgentsStore().agents.find((a) => a.id === id);
  if (!agent) throw new Error(`no agent ${id}`);
  return mount(AgentCard, { props: { agent, now: testNow }, global: h.global });
}

const record = (uniqueid: string, parts: Partial<CallRecord>): CallRecord => ({
  uniqueid, source: 'cc_cdr', direction: 'inbound', callClass: 'customer', callerNum: '13800138000', calledNum: '4008001234', startedAt: testNow,
  endedAt: testNow + 200_000, duration: 200, queueSeconds: 20, ringSeconds: 5, talkSeconds: 175, holdSeconds: 0, wrapupSeconds: 0, ivrSeconds: 0,
  isAnswered: true, ...parts,
});

describe('several PBXs in one console', () => {
  test("each agent card shows the PBX's own extension with the PBX as a tag, and its queues by their own names", async () => {
    const sh = await cardOf('sh:800', twoPbxs);
    expect(sh.get('.ext').text()).toBe('800sh');
    expect(sh.get('[data-testid="pbx-tag"]').text()).toBe('sh');
    expect(sh.get('[data-testid="pbx-tag"]').attributes('title')).toBe('PBX: sh');
    expect(sh.get('.queues').text()).toBe('600');
    const bj = await cardOf('bj:800', twoPbxs);
    expect(bj.get('[data-testid="pbx-tag"]').text()).toBe('bj');
  });

  test('the PBX select lists the PBXs; choosing one narrows the agents, calls, queues and the wallboard to it, and is kept', async () => {
    const h = await harness({ live: twoPbxs, locale: 'zh-CN' });
    const live = useLiveStore();
    const agents = useAgentsStore();
    const wallboard = useWallboardStore();
    const select = mount(PbxFilter, { global: h.global });
    expect(select.findAll('option').map((o) => o.text())).toEqual(['全部 PBX', 'bj', 'sh']);
    expect(agents.agents.map((a) => a.id).sort()).toEqual(['bj:800', 'sh:800', 'sh:801']);
    expect(wallboard.figuresFor('*')?.waiting).toBe(1);

    await select.get('select').setValue('sh');
    expect(live.pbxFilter).toBe('sh');
    expect(agents.agents.map((a) => a.id).sort()).toEqual(['sh:800', 'sh:801']);
    expect(live.extensionList.map((e) => e.id)).toEqual(['sh:800', 'sh:801']);
    expect(live.queueList.map((q) => q.name)).toEqual(['sh:600']);
    expect(live.callList.map((c) => c.id)).toEqual(['sh:c2']);
    // "All queues" on the wallboard are the PBX's: its caller waiting at bj is not counted.
    expect(wallboard.figuresFor('*')?.waiting).toBe(0);
    expect(wallboard.figuresFor('bj:600')).toBeUndefined();
    // Its chart too: the core samples each PBX's queues together as sh:*.
    const sample = (waiting: number) => ({ at: testNow, waiting, available: 1, onCall: 1, ringing: 0, paused: 1 });
    live.applyBatch([{ kind: 'queueSamples', samples: { '*': sample(1), 'bj:*': sample(1), 'sh:*': sample(0) } }]);
    expect(wallboard.samples.get('*')?.map((s) => s.waiting)).toEqual([0]);
    expect(agents.countsByStatus.paused).toBe(1);
    expect(localStorage.getItem('callboard.pbx')).toBe('sh');
    // Settings and history still name every PBX's queue.
    expect(live.allQueueList.map((q) => q.name)).toEqual(['bj:600', 'sh:600']);

    // The wallboard's tabs: the queue as its PBX names it, tagged; "all queues" tagged with the PBX shown.
    const tabs = mount(QueueTabs, { props: { names: live.queueList.map((q) => q.name), selected: '*', figures: wallboard.figures }, global: h.global });
    expect(tabs.get('[data-testid="queue-tab-all"]').text()).toBe('全部队列sh');
    expect(tabs.get('[data-testid="queue-tab-sh:600"]').text()).toBe('600sh');

    // The TV's ?pbx= wins over the select while it is up.
    live.pbxOverride = 'bj';
    expect(live.queueList.map((q) => q.name)).toEqual(['bj:600']);
    live.pbxOverride = undefined;

    await select.get('select').setValue('');
    expect(agents.agents).toHaveLength(3);
    expect(localStorage.getItem('callboard.pbx')).toBe('');
  });

  test("history rows carry only qualified strings: their agent and queue are split by the console's PBXs", async () => {
    const h = await harness({ live: twoPbxs, locale: 'en' });
    const table = mount(CallTable, { props: { rows: [record('1.1', { queue: 'sh:600', agent: 'sh:801' })], sort: { key: 'startedAt', order: 'desc' } }, global: h.global });
    const cells = table.findAll('tbody td');
    expect(cells[4]!.text()).toBe('600sh');
    expect(cells[5]!.text()).toBe('801sh');
    expect(table.findAll('[data-testid="pbx-tag"]')).toHaveLength(2);
  });

  test('with one PBX: no select, no tag, ids as the PBX says them', async () => {
    const h = await harness({ live: onePbx, locale: 'en' });
    const live = useLiveStore();
    expect(live.pbxList).toEqual([]);
    expect(mount(PbxFilter, { global: h.global }).find('select').exists()).toBe(false);
    // A choice kept from a multi-PBX setup does not hide anything here.
    live.selectedPbx = 'sh';
    expect(live.extensionList.map((e) => e.id)).toEqual(['800']);

    const card = await cardOf('800', onePbx);
    expect(card.get('.ext').text()).toBe('800');
    expect(card.find('[data-testid="pbx-tag"]').exists()).toBe(false);
    const h2 = await harness({ live: onePbx, locale: 'en' });
    const table = mount(CallTable, { props: { rows: [record('1.1', { queue: '600', agent: '800' })], sort: { key: 'startedAt', order: 'desc' } }, global: h2.global });
    expect(table.findAll('tbody td')[5]!.text()).toBe('800');
    expect(table.find('[data-testid="pbx-tag"]').exists()).toBe(false);
  });

  test("the settings' queue pickers name each queue with its PBX, and a single PBX's bare", async () => {
    for (const [live, expected] of [[twoPbxs, ['Queue 600 · bj', 'Queue 600 · sh']], [onePbx, ['Queue 600']]] as const) {
      const h = await harness({ live, locale: 'en', answers: { 'settings.statsRules': () => defaultStatsRulesBook } });
      const card = mount(StatsRulesCard, { global: h.global });
      await h.settle();
      const options = card.findAll('option').map((option) => option.text()).filter((text) => text.startsWith('Queue '));
      expect(options).toEqual(expected);
      card.unmount();
    }
  });

  test('the status bar keeps every connection in view: with more than two, each chip shows its PBX and state, its address in the title', async () => {
    const withReceiver = { ...twoPbxs, connections: [...twoPbxs.connections, connection('receiver', { kind: 'coocenter', target: '127.0.0.1:18090' })] };
    const h = await harness({ live: withReceiver, locale: 'en' });
    const bar = mount(StatusBar, { global: h.global });
    await h.settle();
    const chip = bar.get('[data-testid="pbx-link-sh"]');
    expect(chip.text()).toBe('AMIsh · Connected');
    expect(chip.attributes('title')).toBe('AMI 10.0.0.6:5038: Connected');
    bar.unmount();
    const one = await harness({ live: onePbx, locale: 'en' });
    const single = mount(StatusBar, { global: one.global });
    await one.settle();
    expect(single.get('[data-testid="pbx-link-pbx"]').text()).toBe('AMI 10.0.0.5:5038 · Connected');
  });

  test("the call-back list follows the PBX chosen: the core is asked for that PBX's callers", async () => {
    const h = await harness({ live: twoPbxs, locale: 'en', answers: { 'live.callbacks': () => ({ day: '2026-12-06', timeZone: 'Asia/Shanghai', entries: [], total: 0, limit: 500 }) } });
    const panel = mount(CallbacksPanel, { global: h.global });
    await h.settle();
    useLiveStore().selectedPbx = 'sh';
    await h.settle();
    expect(h.core.paramsOf('live.callbacks')).toEqual([{}, { pbx: 'sh' }]);
    panel.unmount();
  });
});
