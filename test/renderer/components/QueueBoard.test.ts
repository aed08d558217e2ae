// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { defaultStatsRules, type BoardTileKind, type ThresholdsByQueue } from '@contract';
import QueueBoard from '../../../renderer/src/components/QueueBoard.vue';
import { boardFigures } from '../../../renderer/src/domain/board-figures';
import { useLiveStore } from '../../../renderer/src/stores';
import { harness, type HarnessOptions } from './support/harness';
import { call, caller, member, queue, queueDay, snapshot, testNow } from '../../support/live-model';

// Queue 600 now: three callers (the first for 75 s), two agents on calls, one paused; today 10 offered, 1 abandoned.
const live = snapshot({
  queues: [
    queue('600', [member('801', { state: 'inuse', isInCall: true }), member('802', { state: 'inuse', isInCall: true }), member('803', { isPaused: true })], [
      caller('a', { joinedAt: testNow - 75_000 }), caller('b', { position: 2 }), caller('c', { position: 3 }),
    ]),
    queue('700'),
  ],
  calls: [call('c1', { queue: '600', agent: '801' }), call('c2', { queue: '600', agent: '802' })],
  days: [
    queueDay('600', { offered: 10, answered: 9, completed: 9, abandoned: 1, talkSum: 900, waitAnsweredSum: 90 }),
    queueDay('700', {}, { ...defaultStatsRules, slSeconds: 30 }),
  ],
});

/** The board of `names` as the wallboard page builds it: the live store's queues, days and calls through boardFigures. */
async function mountBoard(names: string[], props: { thresholds?: ThresholdsByQueue; tiles?: BoardTileKind[] } = {}, options: HarnessOptions = {}) {
  const h = await harness({ live, answers: { 'settings.thresholds': () => ({ '*': { waitingAmber: 2, waitingRed: 3 } }), 'live.callbacksOpen': () => ({ total: 4 }) }, ...options });
  const store = useLiveStore();
  const figures = boardFigures(names.join('+'), store.queueList.filter((q) => names.includes(q.name)), store.days, store.calls.values());
  const wrapper = mount(QueueBoard, { props: { figures, samples: [], hours: [], now: testNow, chart: 'none', ...props }, global: h.global });
  await flushPromises();
  return wrapper;
}

const tile = (wrapper: VueWrapper, testid: string) => {
  const found = wrapper.get(`[data-testid="${testid}"]`);
  return { level: found.attributes('data-level'), value: found.get('.value').text(), hint: found.find('.hint').exists() ? found.get('.hint').text() : undefined };
};

describe('QueueBoard', () => {
  test('each tile is coloured by the shared levels the core keeps', async () => {
    const wrapper = await mountBoard(['600']);
    // Red at 3 waiting as the core has it; the built-in levels would say amber.
    expect(tile(wrapper, 'kpi-waiting')).toMatchObject({ value: '3', level: 'red' });
    expect(tile(wrapper, 'kpi-longest-wait')).toMatchObject({ value: '1:15', level: 'red' });
    // 1 of 10 abandoned is the default red line (10%).
    expect(tile(wrapper, 'kpi-abandoned')).toMatchObject({ value: '1', level: 'red' });
    expect(tile(wrapper, 'kpi-on-call')).toMatchObject({ value: '2', level: 'ok' });
  });

  test('a board\'s own levels win over the shared ones', async () => {
    const wrapper = await mountBoard(['600'], { thresholds: { '*': { waitingAmber: 5, waitingRed: 8, abandonRateAmber: 20, abandonRateRed: 30 } } });
    expect(tile(wrapper, 'kpi-waiting').level).toBe('ok');
    expect(tile(wrapper, 'kpi-abandoned').level).toBe('ok');
  });

  test('the service level says its rule, or that the queues count differently, in each language', async () => {
    const one = await mountBoard(['600'], {}, { locale: 'en' });
    expect(tile(one, 'kpi-service-level').hint).toBe('≤20 s · target 80%');
    const both = await mountBoard(['600', '700'], {}, { locale: 'en' });
    expect(tile(both, 'kpi-service-level').hint).toBe('rules differ per queue · target 80%');
    const zh = await mountBoard(['600', '700'], {}, { locale: 'zh-CN' });
    expect(tile(zh, 'kpi-service-level').hint).toBe('各队列口径不同 · 目标 80%');
  });

  test('a board shows only its tiles, the call-back count read from the core', async () => {
    const wrapper = await mountBoard(['600'], { tiles: ['callbacks', 'waiting'] }, { locale: 'en' });
    expect(wrapper.findAll('.kpi').map((k) => k.attributes('data-testid'))).toEqual(['kpi-callbacks', 'kpi-waiting']);
    expect(tile(wrapper, 'kpi-callbacks')).toMatchObject({ value: '4', level: 'amber' });
    expect(wrapper.find('.chart-panel').exists()).toBe(false);
  });
});
