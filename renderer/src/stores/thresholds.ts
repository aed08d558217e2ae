import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { defaultThresholds, effectiveThresholds, thresholdProblems, type QueueThresholds, type ThresholdProblem, type ThresholdsByQueue } from '@contract';
import { useCoreClient } from '../api';
import { useLiveStore } from './live';

export type { QueueThresholds };
export { defaultThresholds };

export type AlertLevel = 'ok' | 'amber' | 'red';

/** Last known map, for the first paint and for a core without the settings domain. */
const storageKey = 'callboard.thresholds';

export function levelAbove(value: number | undefined, amber: number, red: number): AlertLevel {
  if (value === undefined) return 'ok';
  return value >= red ? 'red' : value >= amber ? 'amber' : 'ok';
}

function readCache(): ThresholdsByQueue {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? '{}') as ThresholdsByQueue;
  } catch {
    return {};
  }
}

/**
 * Per-queue alert levels of the wallboard tiles. The core keeps them
 * ('settings.thresholds'), so the TV and every browser share one set; they are
 * read again whenever the link to the core (re)opens and whenever the core says
 * they changed (a `settingsChanged` live update), so an open TV follows at once.
 */
export const useThresholdsStore = defineStore('thresholds', () => {
  const client = useCoreClient();
  const live = useLiveStore();
  /** Key '*' holds the defaults for every queue; a queue name overrides them. */
  const byQueue = ref<ThresholdsByQueue>(readCache());
  const saveError = ref<string>();
  /** Why the last change was not saved (amber not below red…); empty once a change is saved. */
  const problems = shallowRef<ThresholdProblem[]>([]);

  /** Saves go to the core one after another, in the order they were made. */
  let saving: Promise<unknown> = Promise.resolve();
  let pendingSaves = 0;
  let isReloadDue = false;

  function remember(value: ThresholdsByQueue): void {
    byQueue.value = value;
    localStorage.setItem(storageKey, JSON.stringify(value));
  }

  async function reload(): Promise<void> {
    try {
      remember(await client.call('settings.thresholds', {}));
    } catch {
      // Keep the cached map; the next reconnect or change tries again.
    }
  }
  client.link.watch((status) => {
    if (status.state === 'open') void reload();
  });
  watch(() => live.settingsRevision.thresholds, () => {
    // Our own saves in flight would be undone for a moment by an older answer: read once they are done.
    if (pendingSaves > 0) isReloadDue = true;
    else void reload();
  });

  function forQueue(name: string): QueueThresholds {
    return effectiveThresholds(byQueue.value, name);
  }

  /**
   * Keep `patch` for one scope: checked first (the page says why and nothing is sent), then
   * shown at once and stored by the core; if the core refuses, its levels are read back.
   */
  function setForQueue(name: string, patch: Partial<QueueThresholds>): Promise<boolean> {
    const next = { ...byQueue.value, [name]: { ...byQueue.value[name], ...patch } };
    saveError.value = undefined;
    problems.value = thresholdProblems(next);
    if (problems.value.length > 0) return Promise.resolve(false);
    remember(next);
    pendingSaves += 1;
    const saved = saving.then(async () => {
      let isSaved = false;
      try {
        const result = await client.call('settings.setThresholds', { byQueue: next });
        isSaved = result.ok;
        if (!result.ok) saveError.value = result.error.message;
      } catch (error) {
        saveError.value = error instanceof Error ? error.message : String(error);
      }
      pendingSaves -= 1;
      if (pendingSaves === 0 && (isReloadDue || !isSaved)) {
        isReloadDue = false;
        await reload();
      }
      return isSaved;
    });
    saving = saved;
    return saved;
  }

  function serviceLevelLevel(value: number | undefined, target: number): AlertLevel {
    if (value === undefined) return 'ok';
    return value < target - 10 ? 'red' : value < target ? 'amber' : 'ok';
  }
  return { byQueue, saveError, problems, forQueue, setForQueue, serviceLevelLevel, reload };
});
