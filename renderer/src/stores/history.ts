import { defineStore } from 'pinia';
import { reactive, ref, shallowRef } from 'vue';
import type { CallDetail, CallRecord, CallSearchFilter } from '@contract';
import { ApiError, useCoreClient } from '../api';

/** The history page's form: what a supervisor types, turned into a CallSearchFilter on search. */
export interface HistoryForm {
  range: 'today' | 'yesterday' | 'week' | 'custom';
  fromDate: string;
  toDate: string;
  callerNum: string;
  calledNum: string;
  queue: string;
  agent: string;
  outcome: '' | 'answered' | 'missed';
}

const pageSize = 100;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Local calendar ranges, sent as UTC ms (the store keeps UTC; local time is for screens only). */
export function rangeOf(form: HistoryForm, now = new Date()): { from: number; to: number } {
  const today = startOfDay(now);
  const day = 86_400_000;
  switch (form.range) {
    case 'today':
      return { from: today, to: today + day };
    case 'yesterday':
      return { from: today - day, to: today };
    case 'week':
      return { from: today - 6 * day, to: today + day };
    case 'custom': {
      const from = form.fromDate ? startOfDay(new Date(`${form.fromDate}T00:00`)) : today;
      const to = form.toDate ? startOfDay(new Date(`${form.toDate}T00:00`)) + day : from + day;
      return { from, to };
    }
  }
}

export function filterOf(form: HistoryForm): CallSearchFilter {
  const filter: CallSearchFilter = rangeOf(form);
  if (form.callerNum.trim()) filter.callerNum = form.callerNum.trim();
  if (form.calledNum.trim()) filter.calledNum = form.calledNum.trim();
  if (form.queue) filter.queues = [form.queue];
  if (form.agent.trim()) filter.agents = [form.agent.trim()];
  if (form.outcome) filter.isAnswered = form.outcome === 'answered';
  return filter;
}

/** Call history (issue 6 queries) through the contract's `history.*` methods. */
export const useHistoryStore = defineStore('history', () => {
  const client = useCoreClient();
  const form = reactive<HistoryForm>({ range: 'today', fromDate: '', toDate: '', callerNum: '', calledNum: '', queue: '', agent: '', outcome: '' });
  const rows = shallowRef<CallRecord[]>([]);
  const total = ref(0);
  const isTotalCapped = ref(false);
  const nextCursor = ref<string | undefined>();
  const isLoading = ref(false);
  const error = ref<string | undefined>();
  const detail = shallowRef<CallDetail | null | undefined>();
  let lastFilter: CallSearchFilter = {};

  async function fetchPage(cursor?: string): Promise<void> {
    isLoading.value = true;
    error.value = undefined;
    try {
      const page = await client.call('history.search', {
        filter: lastFilter,
        sort: { key: 'startedAt', order: 'desc' },
        page: { limit: pageSize, cursor },
      });
      rows.value = cursor ? [...rows.value, ...page.rows] : page.rows;
      total.value = page.total;
      isTotalCapped.value = page.isTotalCapped;
      nextCursor.value = page.nextCursor;
    } catch (caught) {
      error.value = caught instanceof ApiError ? caught.error.message : String(caught);
    } finally {
      isLoading.value = false;
    }
  }

  async function search(): Promise<void> {
    lastFilter = filterOf(form);
    detail.value = undefined;
    await fetchPage();
  }

  async function loadMore(): Promise<void> {
    if (nextCursor.value && !isLoading.value) await fetchPage(nextCursor.value);
  }

  async function openDetail(uniqueid: string): Promise<void> {
    try {
      detail.value = await client.call('history.detail', { uniqueid });
    } catch (caught) {
      error.value = caught instanceof ApiError ? caught.error.message : String(caught);
    }
  }

  function closeDetail(): void {
    detail.value = undefined;
  }

  return { form, rows, total, isTotalCapped, nextCursor, isLoading, error, detail, search, loadMore, openDetail, closeDetail };
});
