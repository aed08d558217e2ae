import { defineStore } from 'pinia';
import { computed, shallowRef, triggerRef, watch } from 'vue';
import type { HourFigures, QueueDay } from '@contract';
import { useLiveStore } from './live';
import { boardFigures, hoursOf, type BoardFigures } from './board-figures';

/** The key for "all queues together". */
export const allQueues = '*';

export interface QueueSample {
  at: number;
  waiting: number;
  available: number;
  onCall: number;
  paused: number;
}

/** Every 15 s for 4 h: enough for the "last hours" chart, ~1k points a queue. */
export const sampleEveryMs = 15_000;
export const sampleWindowMs = 4 * 60 * 60 * 1000;

/**
 * Wallboard figures per queue plus a rolling history sampled in the renderer
 * from the same live stream (the core keeps no time series of the live model).
 * The chart fills as the page runs; samples are kept in localStorage so a
 * TV that reloads (power cut, browser update) keeps its last hours.
 */
const samplesKey = 'callboard.queueSamples';

function loadSamples(): Map<string, QueueSample[]> {
  try {
    const saved = JSON.parse(localStorage.getItem(samplesKey) ?? '{}') as Record<string, QueueSample[]>;
    const since = Date.now() - sampleWindowMs;
    return new Map(Object.entries(saved).map(([name, series]) => [name, series.filter((s) => s.at >= since)]));
  } catch {
    return new Map();
  }
}

function saveSamples(samples: Map<string, QueueSample[]>): void {
  try {
    localStorage.setItem(samplesKey, JSON.stringify(Object.fromEntries(samples)));
  } catch {
    // Quota exceeded with very many queues: the chart still works for this page's lifetime.
  }
}
export const useWallboardStore = defineStore('wallboard', () => {
  const live = useLiveStore();

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

  const samples = shallowRef(loadSamples());

  function takeSample(at = Date.now()): void {
    for (const [name, f] of figures.value) {
      const kept = (samples.value.get(name) ?? []).filter((s) => s.at >= at - sampleWindowMs);
      // A new array each time, so charts watching the series see the change.
      kept.push({ at, waiting: f.waiting, available: f.available, onCall: f.onCall, paused: f.paused });
      samples.value.set(name, kept);
    }
    triggerRef(samples);
    saveSamples(samples.value);
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  function start(): void {
    if (timer) return;
    timer = setInterval(() => live.hasSnapshot && takeSample(), sampleEveryMs);
    // A first point as soon as the model arrives, so the chart is never blank for 15 s.
    watch(
      () => live.hasSnapshot,
      (has) => has && takeSample(),
      { immediate: true },
    );
  }

  function figuresFor(name: string): BoardFigures | undefined {
    return figures.value.get(name);
  }

  return { figures, samples, hours, figuresFor, takeSample, start };
});
