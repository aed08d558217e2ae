import { defineStore } from 'pinia';
import { computed, shallowRef, triggerRef, watch } from 'vue';
import { useCoreClient } from '../api';
import { useLiveStore } from './live';
import { figuresOf, type QueueFigures } from './queue-figures';
import { addCalls, callsSince, hoursFromReport, localMidnightOf, mergeHours, type CallTotals, type HourCalls } from './queue-hours';

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
    const byName = new Map<string, QueueFigures>();
    const queues = live.queueList;
    for (const queue of queues) byName.set(queue.name, figuresOf(queue.name, [queue], live.calls.values()));
    byName.set(allQueues, figuresOf(allQueues, queues, live.calls.values()));
    return byName;
  });

  const samples = shallowRef(loadSamples());

  function takeSample(at = Date.now()): void {
    for (const [name, f] of figures.value) {
      const kept = (samples.value.get(name) ?? []).filter((s) => s.at >= at - sampleWindowMs);
      // A new array each time, so charts watching the series see the change.
      kept.push({ at, waiting: f.waiting, available: f.available, onCall: f.onCall, paused: f.paused, answered: f.answered, abandoned: f.abandoned });
      samples.value.set(name, kept);
    }
    triggerRef(samples);
    saveSamples(samples.value);
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  function start(): void {
    if (timer) return;
    followHours();
    timer = setInterval(() => live.hasSnapshot && takeSample(), sampleEveryMs);
    // A first point as soon as the model arrives, so the chart is never blank for 15 s.
    watch(
      () => live.hasSnapshot,
      (has) => has && takeSample(),
      { immediate: true },
    );
  }

  // Calls per hour today: the cache's hours up to the moment of the seed (history.report), then
  // what today's live counters add after it. Splitting at one instant counts each call once,
  // also in the hour the page opened in, whatever the live counters held before the page.
  const seededHours = shallowRef(new Map<string, HourCalls[]>());
  const seenHours = shallowRef(new Map<string, HourCalls[]>());
  let seenTotals: Map<string, CallTotals> | undefined;
  const client = useCoreClient();

  function followTotals(at = Date.now()): void {
    if (!seenTotals) return;
    let changed = false;
    for (const [name, f] of figures.value) {
      const previous = seenTotals.get(name);
      seenTotals.set(name, { offered: f.offered, answered: f.answered, abandoned: f.abandoned });
      if (!previous) continue;
      const series = seenHours.value.get(name) ?? [];
      const next = addCalls(series, at, callsSince(previous, f));
      if (next !== series) {
        seenHours.value.set(name, next);
        changed = true;
      }
    }
    if (changed) triggerRef(seenHours);
  }

  async function seedHours(): Promise<void> {
    const to = Date.now();
    const names = live.queueList.map((q) => q.name);
    seenTotals = new Map();
    followTotals(to);
    // The TV's web client is 'read', which history.report needs; a core without a cache, or an
    // error, leaves the chart to fill from live counters only.
    if (names.length === 0 || !client.hasMethod('history.report')) return;
    try {
      const reply = await client.call('history.report', { dimension: 'queue', grain: 'hour', from: localMidnightOf(to), to, queues: names });
      seededHours.value = hoursFromReport(reply.rows, names, allQueues);
    } catch (error) {
      console.warn('wallboard: today\'s calls per hour not read from the cache', error);
    }
  }

  const hours = computed(() => {
    const now = Date.now();
    const byName = new Map<string, HourCalls[]>();
    for (const name of new Set([...seededHours.value.keys(), ...seenHours.value.keys()])) {
      byName.set(name, mergeHours(seededHours.value.get(name) ?? [], seenHours.value.get(name) ?? [], now));
    }
    return byName;
  });

  let isFollowing = false;
  function followHours(): void {
    if (isFollowing) return;
    isFollowing = true;
    watch(
      () => live.hasSnapshot,
      (has) => has && !seenTotals && void seedHours(),
      { immediate: true },
    );
    watch(figures, () => followTotals());
  }

  function figuresFor(name: string): QueueFigures | undefined {
    return figures.value.get(name);
  }

  return { figures, samples, hours, figuresFor, takeSample, start };
});
