import { defineStore } from 'pinia';
import { reactive, ref, shallowRef } from 'vue';
import type { AuditEntry, AuditFilter } from '@contract';
import { useCoreClient } from '../api';
import { failureOf, type ActionFailure } from './action-errors';

export interface AuditForm {
  who: string;
  action: string;
  result: '' | 'ok' | 'error';
  /** datetime-local values (local time), '' for open ends. */
  from: string;
  to: string;
}

export const auditPageSize = 50;

/** datetime-local text → UTC ms; undefined when empty or unreadable. */
export function localInputToMs(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** The audit.list request for a form and a page position (keyset: entries older than `beforeId`). */
export function auditRequest(form: AuditForm, beforeId?: number, limit = auditPageSize): AuditFilter {
  const request: AuditFilter = { limit };
  if (form.who.trim()) request.who = form.who.trim();
  if (form.action) request.action = form.action;
  if (form.result) request.result = form.result;
  const from = localInputToMs(form.from);
  const to = localInputToMs(form.to);
  if (from !== undefined) request.from = from;
  if (to !== undefined) request.to = to;
  if (beforeId !== undefined) request.beforeId = beforeId;
  return request;
}

/** Action names the core writes (core/actions/service.ts `audited(...)` and settings). */
export const auditActions = [
  'actions.pause', 'actions.queueLogin', 'actions.queueLogout', 'actions.spy', 'actions.transfer', 'actions.hangup', 'actions.dial',
  'actions.endWrapup', 'actions.wrapup', 'blacklist.add', 'blacklist.remove', 'recordings.open', 'settings.setWrapup',
];

/**
 * The audit log (who did what to whom, and how it went), newest first, paged by
 * id so new rows arriving while reading do not shift the pages.
 */
export const useAuditStore = defineStore('audit', () => {
  const client = useCoreClient();
  const form = reactive<AuditForm>({ who: '', action: '', result: '', from: '', to: '' });
  const entries = shallowRef<AuditEntry[]>([]);
  const hasMore = ref(false);
  const isLoading = ref(false);
  const failure = ref<ActionFailure>();

  async function fetchPage(beforeId?: number): Promise<AuditEntry[] | undefined> {
    isLoading.value = true;
    try {
      // One extra row tells whether another page exists.
      const rows = await client.call('audit.list', auditRequest(form, beforeId, auditPageSize + 1));
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
