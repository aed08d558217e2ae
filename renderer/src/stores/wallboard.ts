import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { allQueuesKey, allQueuesKeyOf, type HourFigures, type QueueDay, type QueueSample } from '@contract';
import { useLiveStore } from './live';
import { boardFigures, hoursOf, type BoardFigures } from '../domain/board-figures';

/** The key for "all queues together" (the core's allQueuesKey). */
export const allQueues = allQueuesKey;

const topAgentsKey = 'callboard.wallboard.topAgents';

export const useWallboardStore = defineStore('wallboard', () => {
  const live = useLiveStore();
  /** The optional "top agents" panel: off until this screen turns it on. */
  const showTopAgents = ref(localStorage.getItem(topAgentsKey) === '1');
  watch(showTopAgents, (value) => localStorage.setItem(topAgentsKey, value ? '1' : '0'));

  const figures = computed(() => {
    const byName = new Map<string, BoardFigures>();
    const queues = live.queueList;
    for (const queue of queues) byName.set(queue.name, boardFigures(queue.name, [queue], live.days, live.calls.values()));
    byName.set(allQueues, boardFigures(allQueues, queues, live.days, live.calls.values()));
    return byName;
  });

  /** Today's calls per hour, from the core's day ledger: their sum is the tiles' figures by construction. */
  const hours = computed(() => {
    const byName = new Map<string, HourFigures[]>();
    const days: QueueDay[] = [];
    for (const queue of live.queueList) {
      const day = live.days.get(queue.name);
      if (!day) continue;
      days.push(day);
      byName.set(queue.name, day.hours);
    }
    byName.set(allQueues, hoursOf(days));
    return byName;
  });

  /**
   * The last hours of agents and waiting callers, as the core sampled them (every screen the same past).
   * Narrowed to one PBX, "all queues" is that PBX's queues together (the core samples them as `bj:*`).
   */
  const samples = computed((): ReadonlyMap<string, QueueSample[]> => {
    const pbx = live.pbxFilter;
    if (!pbx) return live.samples;
    const narrowed = new Map(live.samples);
    narrowed.set(allQueues, live.samples.get(allQueuesKeyOf(pbx)) ?? []);
    return narrowed;
  });

  function figuresFor(name: string): BoardFigures | undefined {
    return figures.value.get(name);
  }

  return { figures, samples, hours, showTopAgents, figuresFor };
});
