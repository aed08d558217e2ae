import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

/** Per-queue alert levels for wallboard tiles. Kept in this browser until the core has a settings domain. */
export interface QueueThresholds {
  waitingAmber: number;
  waitingRed: number;
  longestWaitAmberSeconds: number;
  longestWaitRedSeconds: number;
  /** Service level target, percent; amber below it, red 10 points below. */
  serviceLevelTarget: number;
  abandonRateAmber: number;
  abandonRateRed: number;
}

export type AlertLevel = 'ok' | 'amber' | 'red';

export const defaultThresholds: QueueThresholds = {
  waitingAmber: 3,
  waitingRed: 6,
  longestWaitAmberSeconds: 30,
  longestWaitRedSeconds: 60,
  serviceLevelTarget: 80,
  abandonRateAmber: 5,
  abandonRateRed: 10,
};

const storageKey = 'callboard.thresholds';

export function levelAbove(value: number | undefined, amber: number, red: number): AlertLevel {
  if (value === undefined) return 'ok';
  return value >= red ? 'red' : value >= amber ? 'amber' : 'ok';
}

export const useThresholdsStore = defineStore('thresholds', () => {
  const saved = (() => {
    try {
      return JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Record<string, Partial<QueueThresholds>>;
    } catch {
      return {};
    }
  })();
  /** Key '*' holds the defaults for every queue; a queue name overrides them. */
  const byQueue = ref<Record<string, Partial<QueueThresholds>>>(saved);
  watch(byQueue, (value) => localStorage.setItem(storageKey, JSON.stringify(value)), { deep: true });

  function forQueue(name: string): QueueThresholds {
    return { ...defaultThresholds, ...byQueue.value['*'], ...byQueue.value[name] };
  }
  function setForQueue(name: string, patch: Partial<QueueThresholds>): void {
    byQueue.value = { ...byQueue.value, [name]: { ...byQueue.value[name], ...patch } };
  }
  function serviceLevelLevel(value: number | undefined, target: number): AlertLevel {
    if (value === undefined) return 'ok';
    return value < target - 10 ? 'red' : value < target ? 'amber' : 'ok';
  }
  return { byQueue, forQueue, setForQueue, serviceLevelLevel };
});
