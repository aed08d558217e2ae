import { defineStore } from 'pinia';
import { computed, markRaw, reactive, shallowRef, triggerRef } from 'vue';
import type { Call, Connection, Extension, LiveUpdate, Queue, QueueDay, QueueSample, SharedSetting, Snapshot } from '@contract';
import { useCoreClient } from '../api';
import { useJobsStore } from './jobs';
import { useNoticesStore } from './notices';

/**
 * The live model mirrored from the core's LiveUpdate stream (no polling).
 * Collections are plain Maps held in shallowRefs: with 2,000 extensions and
 * ~200 changes/s, deep reactivity would proxy every field of every record.
 * Updates are applied to the Maps as they arrive and views are told in
 * coalesced flushes, so a burst of changes costs one re-render.
 */
/** What the wallboard chart's agent lines cover. */
const sampleWindowMs = 4 * 60 * 60 * 1000;

export const useLiveStore = defineStore('live', () => {
  const client = useCoreClient();
  const extensions = shallowRef(markRaw(new Map<string, Extension>()));
  const calls = shallowRef(markRaw(new Map<string, Call>()));
  const queues = shallowRef(markRaw(new Map<string, Queue>()));
  const connections = shallowRef(markRaw(new Map<string, Connection>()));
  /** Each queue's day so far (the core's queue ledger): the only source of queue figures on screen. */
  const days = shallowRef(markRaw(new Map<string, QueueDay>()));
  /** The core's samples of the last hours per queue and '*' (live.samples, then one round every 15 s). */
  const samples = shallowRef(markRaw(new Map<string, QueueSample[]>()));
  /** When the last reset arrived (0 until the first snapshot). */
  const snapshotAt = shallowRef(0);
  /** Bumped when the core says a shared setting changed: stores holding it watch theirs and read it again. */
  const settingsRevision = reactive<Record<SharedSetting, number>>({ thresholds: 0, pauseReasons: 0 });
  /** Counts applied updates, for the status bar and tests. */
  const updatesApplied = shallowRef(0);
  /** Job progress is not live-model state: it goes to its own store. */
  const jobs = useJobsStore();
  /** Core notices are few and rare: a small deep-reactive store of their own, outside the coalesced flush. */
  const notices = useNoticesStore();

  // Views are told at most 20 times a second: the core batches every 25 ms,
  // so a change reaches the screen within ~75 ms (the event-to-screen target is
  // p99 ≤ 100 ms) while 2,000 cards are re-derived at most 20×/s, not per batch.
  const flushEveryMs = 50;
  let dirty = false;
  let lastFlushAt = 0;
  const flush = () => {
    dirty = false;
    lastFlushAt = Date.now();
    triggerRef(extensions);
    triggerRef(calls);
    triggerRef(queues);
    triggerRef(connections);
    triggerRef(days);
    triggerRef(samples);
  };
  const scheduleFlush = () => {
    if (dirty) return;
    dirty = true;
    const wait = Math.max(0, lastFlushAt + flushEveryMs - Date.now());
    // rAF aligns the re-render with paint; it is paused in hidden tabs, so fall back to the timer there.
    setTimeout(() => (document.visibilityState === 'visible' ? requestAnimationFrame(flush) : flush()), wait);
  };

  function applyReset(snapshot: Snapshot): void {
    extensions.value = markRaw(new Map(snapshot.extensions.map((e) => [e.id, e])));
    calls.value = markRaw(new Map(snapshot.calls.map((c) => [c.id, c])));
    queues.value = markRaw(new Map(snapshot.queues.map((q) => [q.name, q])));
    // A reset after a resync may omit connections (LiveModel.reset keeps them).
    if (snapshot.connections.length > 0 || connections.value.size === 0) {
      connections.value = markRaw(new Map(snapshot.connections.map((c) => [c.id, c])));
    }
    // Days are the core's own, like connections: a reset after a resync may omit them.
    if (snapshot.days.length > 0 || days.value.size === 0) days.value = markRaw(new Map(snapshot.days.map((d) => [d.queue, d])));
    notices.replaceAll(snapshot.notices);
    snapshotAt.value = snapshot.at;
  }

  function apply(update: LiveUpdate): void {
    switch (update.kind) {
      case 'reset':
        applyReset(update.snapshot);
        break;
      case 'extension':
        extensions.value.set(update.extension.id, update.extension);
        break;
      case 'extensionRemoved':
        extensions.value.delete(update.id);
        break;
      case 'call':
        calls.value.set(update.call.id, update.call);
        break;
      case 'callEnded':
        calls.value.delete(update.call.id);
        break;
      case 'queue':
        queues.value.set(update.queue.name, update.queue);
        break;
      case 'queueRemoved':
        queues.value.delete(update.name);
        break;
      case 'queueDay':
        days.value.set(update.day.queue, update.day);
        break;
      case 'queueSamples':
        addSamples(update.samples);
        break;
      case 'connection':
        connections.value.set(update.connection.id, update.connection);
        break;
      case 'job':
        jobs.put(update.job);
        break;
      case 'notice':
        notices.put(update.notice);
        break;
      case 'noticeRemoved':
        notices.remove(update.id);
        break;
      case 'settingsChanged':
        settingsRevision[update.setting] += 1;
        break;
    }
  }

  function addSamples(round: Record<string, QueueSample>): void {
    for (const [queue, sample] of Object.entries(round)) {
      const series = samples.value.get(queue) ?? [];
      const since = sample.at - sampleWindowMs;
      // A new array: charts watching one queue's series see the change.
      samples.value.set(queue, [...(series[0] && series[0].at < since ? series.filter((s) => s.at >= since) : series), sample]);
    }
  }

  /** The past the core kept, fetched after each (re)connection's reset; later rounds arrive live. */
  async function loadSamples(): Promise<void> {
    try {
      const past = await client.call('live.samples', {});
      samples.value = markRaw(new Map(Object.entries(past)));
      triggerRef(samples);
    } catch (error) {
      console.warn('wallboard: the last hours were not read from the core', error);
    }
  }

  function applyBatch(updates: LiveUpdate[]): void {
    if (updates.some((update) => update.kind === 'reset')) void loadSamples();
    for (const update of updates) apply(update);
    updatesApplied.value += updates.length;
    scheduleFlush();
  }

  let unsubscribe: (() => void) | undefined;
  /** Start following the core; idempotent. */
  function start(): void {
    unsubscribe ??= client.bridge.subscribe(applyBatch);
  }
  function stop(): void {
    unsubscribe?.();
    unsubscribe = undefined;
  }

  const hasSnapshot = computed(() => snapshotAt.value > 0);
  const extensionList = computed(() => [...extensions.value.values()]);
  const callList = computed(() => [...calls.value.values()]);
  const queueList = computed(() => [...queues.value.values()].sort((a, b) => a.name.localeCompare(b.name)));
  const connectionList = computed(() => [...connections.value.values()]);
  /** The PBX's zone, in which "today" and its hours are counted (the core's configured zone). */
  const timeZone = computed(() => days.value.values().next().value?.timeZone);

  return {
    extensions,
    calls,
    queues,
    connections,
    days,
    samples,
    snapshotAt,
    settingsRevision,
    updatesApplied,
    hasSnapshot,
    extensionList,
    callList,
    queueList,
    connectionList,
    timeZone,
    applyBatch,
    start,
    stop,
  };
});
