import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref, shallowRef, triggerRef, watch } from 'vue';
import { applyLiveUpdate, createLiveState, type LiveEvents, type LiveUpdate, type QueueSample, type SharedSetting } from '@contract';
import { useCoreClient } from '../api';
import { useJobsStore } from './jobs';
import { useNoticesStore } from './notices';
import { effectivePbx, inPbx, pbxsPresent } from '../domain/pbx-label';

/**
 * The live model mirrored from the core's LiveUpdate stream (no polling).
 * Collections are plain Maps held in shallowRefs: with 2,000 extensions and
 * ~200 changes/s, deep reactivity would proxy every field of every record.
 * Updates are applied to the Maps as they arrive, by the contract's
 * `applyLiveUpdate` (the core's LiveModel uses the same), and views are told
 * in coalesced flushes, so a burst of changes costs one re-render.
 */
/** What the wallboard chart's agent lines cover. */
const sampleWindowMs = 4 * 60 * 60 * 1000;

/** The PBX this screen shows, when the console has several ('' = all). */
const pbxKey = 'callboard.pbx';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export const useLiveStore = defineStore('live', () => {
  const client = useCoreClient();
  // The reducer changes these Maps in place; the shallowRefs only tell views when to look again.
  const state = createLiveState();
  const extensions = shallowRef(markRaw(state.extensions));
  const calls = shallowRef(markRaw(state.calls));
  const queues = shallowRef(markRaw(state.queues));
  const connections = shallowRef(markRaw(state.connections));
  /** Each queue's day so far (the core's queue ledger): the only source of queue figures on screen. */
  const days = shallowRef(markRaw(state.days));
  /** Alerts standing now (the core's alert rules), keyed by id. */
  const alerts = shallowRef(markRaw(state.alerts));
  /** The core's samples of the last hours per queue and '*' (live.samples, then one round every 15 s). */
  const samples = shallowRef(markRaw(new Map<string, QueueSample[]>()));
  /** When the last reset arrived (0 until the first snapshot). */
  const snapshotAt = shallowRef(0);
  /** Bumped when the core says a shared setting changed: stores holding it watch theirs and read it again. */
  const settingsRevision = reactive<Record<SharedSetting, number>>({ thresholds: 0, pauseReasons: 0, boards: 0 });
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
    triggerRef(alerts);
    triggerRef(samples);
  };
  const scheduleFlush = () => {
    if (dirty) return;
    dirty = true;
    const wait = Math.max(0, lastFlushAt + flushEveryMs - Date.now());
    // rAF aligns the re-render with paint; it is paused in hidden tabs, so fall back to the timer there.
    setTimeout(() => (document.visibilityState === 'visible' ? requestAnimationFrame(flush) : flush()), wait);
  };

  const events: LiveEvents = {
    job: (job) => jobs.put(job),
    samples: (round) => addSamples(round),
    settingsChanged: (setting) => {
      settingsRevision[setting] += 1;
    },
  };

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
    let noticesChanged = false;
    for (const update of updates) {
      const part = applyLiveUpdate(state, update, events);
      if (part === 'notices' || part === 'all') noticesChanged = true;
    }
    // Notices are few and rare: their store is deep-reactive and told at once, outside the coalesced flush.
    if (noticesChanged) notices.replaceAll([...state.notices.values()]);
    snapshotAt.value = state.at;
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

  // Several PBXs in one console: every entity carries its PBX; the screen may show one of them.
  /** The PBXs present, sorted: empty with one PBX (its entities carry none). */
  const pbxList = computed<string[]>((previous) => {
    const present = pbxsPresent(extensions.value.values(), queues.value.values());
    // The same array while the PBXs stay the same: the flush runs 20×/s, views depending on it need not.
    return previous && sameList(previous, present) ? previous : present;
  });
  /** What the PBX labels split bare ids (history rows) by: the PBXs present and, then, every AMI connection. */
  const knownPbxs = computed<ReadonlySet<string>>((previous) => {
    const known = pbxList.value.length === 0 ? [] : [...pbxList.value, ...[...connections.value.values()].filter((c) => c.kind === 'ami').map((c) => c.id)];
    const next = new Set(known);
    return previous && previous.size === next.size && known.every((pbx) => previous.has(pbx)) ? previous : next;
  });
  /** The PBX chosen in the top bar ('' = all), kept across restarts. */
  // (No localStorage outside a browser: the store's own tests run in plain Node.)
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const selectedPbx = ref(storage?.getItem(pbxKey) ?? '');
  watch(selectedPbx, (value) => storage?.setItem(pbxKey, value));
  /** A PBX the page asks for itself (the TV's `?pbx=sh`), over the chosen one. */
  const pbxOverride = ref<string>();
  /** The PBX the lists below show ('' = all): a PBX the console does not have shows all. */
  const pbxFilter = computed(() => effectivePbx(pbxOverride.value ?? selectedPbx.value, pbxList.value));
  /** Whether an extension, call or queue passes the PBX filter (reactive: read inside computeds). */
  const isShown = (item: { pbx?: string }): boolean => inPbx(item, pbxFilter.value);

  /** Every PBX's, whatever the filter (settings and history name any queue). */
  const allExtensionList = computed(() => [...extensions.value.values()]);
  const allQueueList = computed(() => [...queues.value.values()].sort((a, b) => a.name.localeCompare(b.name)));
  const extensionList = computed(() => (pbxFilter.value ? allExtensionList.value.filter(isShown) : allExtensionList.value));
  const callList = computed(() => [...calls.value.values()].filter(isShown));
  const queueList = computed(() => (pbxFilter.value ? allQueueList.value.filter(isShown) : allQueueList.value));
  const connectionList = computed(() => [...connections.value.values()]);
  /** In the core's order: unacknowledged first, then newest first. */
  const alertList = computed(() => [...alerts.value.values()]);
  /** The PBX's zone, in which "today" and its hours are counted (the core's configured zone). */
  const timeZone = computed(() => days.value.values().next().value?.timeZone);

  return {
    extensions,
    calls,
    queues,
    connections,
    days,
    alerts,
    samples,
    snapshotAt,
    settingsRevision,
    updatesApplied,
    hasSnapshot,
    pbxList,
    knownPbxs,
    selectedPbx,
    pbxOverride,
    pbxFilter,
    isShown,
    allExtensionList,
    allQueueList,
    extensionList,
    callList,
    queueList,
    connectionList,
    alertList,
    timeZone,
    applyBatch,
    start,
    stop,
  };
});
