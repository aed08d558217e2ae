import { defineStore } from 'pinia';
import { reactive, ref, shallowRef } from 'vue';
import type { AuditEntry } from '@contract';
import { useCoreClient } from '../api';
import { failureOf, type ActionFailure } from '../domain/action-errors';
import { auditPageSize, auditRequest, type AuditForm } from '../domain/audit-request';
import { useLiveStore } from './live';

export { auditActions, type AuditForm } from '../domain/audit-request';

/**
 * The audit log (who did what to whom, and how it went), newest first, paged by
 * id so new rows arriving while reading do not shift the pages.
 */
export const useAuditStore = defineStore('audit', () => {
  const client = useCoreClient();
  const live = useLiveStore();
  const form = reactive<AuditForm>({ who: '', action: '', result: '', from: '', to: '' });
  const entries = shallowRef<AuditEntry[]>([]);
  const hasMore = ref(false);
  const isLoading = ref(false);
  const failure = ref<ActionFailure>();

  async function fetchPage(beforeId?: number): Promise<AuditEntry[] | undefined> {
    isLoading.value = true;
    try {
      // One extra row tells whether another page exists.
      const rows = await client.call('audit.list', auditRequest(form, beforeId, auditPageSize + 1, live.timeZone));
      failure.value = undefined;
      hasMore.value = rows.length > auditPageSize;
      return rows.slice(0, auditPageSize);
    } catch (error) {
      failure.value = failureOf(error);
      return undefined;
    } finally {
      isLoading.value = false;
    }
  }

  async function search(): Promise<void> {
    const rows = await fetchPage();
    if (rows) entries.value = rows;
  }

  async function more(): Promise<void> {
    const last = entries.value[entries.value.length - 1];
    if (!last) return;
    const rows = await fetchPage(last.id);
    if (rows) entries.value = [...entries.value, ...rows];
  }

  function reset(): void {
    Object.assign(form, { who: '', action: '', result: '', from: '', to: '' });
    void search();
  }

  return { form, entries, hasMore, isLoading, failure, search, more, reset };
});
