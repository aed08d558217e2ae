import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ReportScheduleInput, ReportSchedulesView } from '@contract';
import { ApiError, useCoreClient } from '../api';

type Outcome = { ok: true } | { ok: false; message: string };

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.error.message : error instanceof Error ? error.message : String(error);
}

/** Scheduled reports (contract/methods/schedules.ts): the list the core keeps, saved, removed and run from Settings. */
export const useSchedulesStore = defineStore('schedules', () => {
  const client = useCoreClient();
  const view = shallowRef<ReportSchedulesView>();
  const loadError = ref<string>();
  /** The schedule being run now, for its button. */
  const runningId = ref<string>();

  async function load(): Promise<void> {
    try {
      view.value = await client.call('schedules.list', {});
      loadError.value = undefined;
    } catch (error) {
      loadError.value = messageOf(error);
    }
  }

  async function outcomeOf(call: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>): Promise<Outcome> {
    try {
      const result = await call();
      await load();
      return result.ok ? { ok: true } : { ok: false, message: result.error.message };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  const save = (input: ReportScheduleInput) => outcomeOf(() => client.call('schedules.save', input));
  const remove = (id: string) => outcomeOf(() => client.call('schedules.remove', { id }));
  async function runNow(id: string): Promise<Outcome> {
    runningId.value = id;
    try {
      return await outcomeOf(() => client.call('schedules.runNow', { id }));
    } finally {
      runningId.value = undefined;
    }
  }

  return { view, loadError, runningId, load, save, remove, runNow };
});
