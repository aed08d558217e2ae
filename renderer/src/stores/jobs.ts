import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Job } from '@contract';

/**
 * Long jobs (history import, export) as the core reports them in `job`
 * LiveUpdates, fed by the live store. Each update replaces the whole job;
 * finished jobs stay until dismissed so a dialog can show the outcome.
 */
export const useJobsStore = defineStore('jobs', () => {
  const jobs = ref<Record<string, Job>>({});

  function put(job: Job): void {
    jobs.value[job.id] = job;
  }
  function dismiss(id: string): void {
    delete jobs.value[id];
  }

  const running = computed(() => Object.values(jobs.value).filter((job) => job.state === 'running'));

  return { jobs, running, put, dismiss };
});

/** 0..100 when the total is known, else undefined (an indeterminate bar). */
export function jobPercent(job: Job): number | undefined {
  if (job.state !== 'running') return 100;
  if (!job.total) return undefined;
  return Math.min(100, Math.floor((job.done / job.total) * 100));
}
