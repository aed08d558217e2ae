import { defineStore } from 'pinia';
import { ref } from 'vue';
import { defaultThresholds, type QueueThresholds, type ThresholdsByQueue } from '@contract';
import { useCoreClient } from '../api';

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
 * re-read whenever the link to the core (re)opens.
 */
export const useThresholdsStore = defineStore('thresholds', () => {
  const client = useCoreClient();
  const isShared = client.hasMethod('settings.thresholds');
  /** Key '*' holds the defaults for every queue; a queue name overrides them. */
  const byQueue = ref<ThresholdsByQueue>(readCache());
  const saveError = ref<string>();

  function remember(value: ThresholdsByQueue): void {
    byQueue.value = value;
    localStorage.setItem(storageKey, JSON.stringify(value));
  }

  async function reload(): Promise<void> {
    if (!isShared) return;
    try {
      remember(await client.call('settings.thresholds', {}));
    } catch {
      // Keep the cached map; the next reconnect tries again.
    }
  }
  if (isShared) {
    client.link.watch((status) => {
      if (status.state === 'open') void reload();
    });
  }

  function forQueue(name: string): QueueThresholds {
    return { ...defaultThresholds, ...byQueue.value['*'], ...byQueue.value[name] };
  }

  async function setForQueue(name: string, patch: Partial<QueueThresholds>): Promise<void> {
    const next = { ...byQueue.value, [name]: { ...byQueue.value[name], ...patch } };
    remember(next);
    if (!isShared) return;
    saveError.value = undefined;
    try {
      const result = await client.call('settings.setThresholds', { byQueue: next });
      if (!result.ok) saveError.value = result.error.message;
    } catch (error) {
      saveError.value = error instanceof Error ? error.message : String(error);
    }
  }

  function serviceLevelLevel(value: number | undefined, target: number): AlertLevel {
    if (value === undefined) return 'ok';
    return value < target - 10 ? 'red' : value < target ? 'amber' : 'ok';
  }
  return { byQueue, isShared, saveError, forQueue, setForQueue, serviceLevelLevel, reload };
});
