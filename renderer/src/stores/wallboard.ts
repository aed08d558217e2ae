import { defineStore } from 'pinia';
import { computed, shallowRef, triggerRef, watch } from 'vue';
import { useLiveStore } from './live';
import { figuresOf, type QueueFigures } from './queue-figures';

/** The key for "all queues together". */
export const allQueues = '*';

export interface QueueSample {
  at: number;
  waiting: number;
  available: number;
  onCall: number;
  paused: number;
  answered: number;
  abandoned: number;
}

/** Every 15 s for 4 h: enough for the "last hours" chart, ~1k points a queue. */
export const sampleEveryMs = 15_000;
export const sampleWindowMs = 4 * 60 * 60 * 1000;

/**
 * Wallboard figures per queue plus a rolling history sampled in the renderer
 * from the same live stream (the core keeps no time series of the live model).
 * The chart therefore starts empty when the page opens and fills as it runs.
 */
export const useWallboardStore = defineStore('wallboard', () => {
  const live = useLiveStore();

  const figures = computed(() => {
    const byName = new Map<string, QueueFigures>();
    const queues = live.queueList;
    for (const queue of queues) byName.set(queue.name, figuresOf(queue.name, [queue], live.calls.values()));
    byName.set(allQueues, figuresOf(allQueues, queues, live.calls.values()));
    return byName;
  });

  const samples = shallowRef(new Map<string, QueueSample[]>());

  function takeSample(at = Date.now()): void {
    for (const [name, f] of figures.value) {
      const kept = (samples.value.get(name) ?? []).filter((s) => s.at >= at - sampleWindowMs);
      // A new array each time, so charts watching the series see the change.
      kept.push({ at, waiting: f.waiting, available: f.available, onCall: f.onCall, paused: f.paused, answered: f.answered, abandoned: f.abandoned });
      samples.value.set(name, kept);
    }
    triggerRef(samples);
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

  function figuresFor(name: string): QueueFigures | undefined {
    return figures.value.get(name);
  }

  return { figures, samples, figuresFor, takeSample, start };
});
