import { defineStore } from 'pinia';
import { reactive, ref, shallowRef } from 'vue';
import { httpPaths, localHourOf, localHourStart, wallToUtc, type CallDetail, type CallRecord, type CallSearchFilter, type CallSort, type CallSortKey, type QueueFigures } from '@contract';
import { useCoreClient } from '../api';
import { i18n } from '../i18n';
import { readErrorText } from './read-errors';
import { useLiveStore } from './live';

export type DateRange = 'today' | 'yesterday' | 'week' | 'custom';
export type NumberMatch = 'prefix' | 'contains';

/** The history page's form: what a supervisor types, turned into a CallSearchFilter on search. */
export interface HistoryForm {
  range: DateRange;
  fromDate: string;
  toDate: string;
  callerNum: string;
  callerMatch: NumberMatch;
  calledNum: string;
  calledMatch: NumberMatch;
  queue: string;
  agent: string;
  direction: '' | CallRecord['direction'];
  outcome: '' | 'answered' | 'missed';
  /** cc_cdr cdrState or cdr disposition, one value. */
  cdrState: string;
  disposition: string;
  missCause: string;
  minDuration: string;
  maxDuration: string;
  hasRecording: '' | 'yes' | 'no';
  minScore: string;
}

export const emptyHistoryForm = (): HistoryForm => ({
  range: 'today', fromDate: '', toDate: '', callerNum: '', callerMatch: 'prefix', calledNum: '', calledMatch: 'prefix',
  queue: '', agent: '', direction: '', outcome: '', cdrState: '', disposition: '', missCause: '',
  minDuration: '', maxDuration: '', hasRecording: '', minScore: '',
});

const pageSize = 100;
/** Counting stops here: the page says "1000+" rather than walk 10 M rows for an exact total. */
export const totalCap = 1000;
/** The browser's zone, when the core has not said which zone its day is counted in. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Calendar ranges in the PBX's zone (the core's, so "today" here is the wallboard's today),
 * sent as UTC ms. Days are local days: across a DST change one is 23 or 25 hours.
 */
export function rangeOf(form: Pick<HistoryForm, 'range' | 'fromDate' | 'toDate'>, now = new Date(), timeZone = browserZone()): { from: number; to: number } {
  const todayHour = Math.floor(localHourOf(now.getTime(), timeZone) / 24) * 24;
  const dayStart = (localHour: number) => localHourStart(localHour, timeZone);
  const dateStart = (date: string) => Math.floor(wallToUtc(Date.parse(`${date}T00:00:00Z`), timeZone));
  switch (form.range) {
    case 'today':
      return { from: dayStart(todayHour), to: dayStart(todayHour + 24) };
    case 'yesterday':
      return { from: dayStart(todayHour - 24), to: dayStart(todayHour) };
    case 'week':
      return { from: dayStart(todayHour - 6 * 24), to: dayStart(todayHour + 24) };
    case 'custom': {
      const from = form.fromDate ? dateStart(form.fromDate) : dayStart(todayHour);
      const fromHour = Math.floor(localHourOf(from, timeZone) / 24) * 24;
      const to = form.toDate ? dayStart(Math.floor(localHourOf(dateStart(form.toDate), timeZone) / 24) * 24 + 24) : dayStart(fromHour + 24);
      return { from, to: Math.max(to, dayStart(fromHour + 24)) };
    }
  }
}

function wholeNumber(text: string): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

export function filterOf(form: HistoryForm, now = new Date(), timeZone?: string): CallSearchFilter {
  // Supervisor sessions are not calls of the review page (they are in the audit log).
  const filter: CallSearchFilter = { ...rangeOf(form, now, timeZone), callClasses: ['customer', 'internal'] };
  if (form.callerNum.trim()) Object.assign(filter, { callerNum: form.callerNum.trim(), callerMatch: form.callerMatch });
  if (form.calledNum.trim()) Object.assign(filter, { calledNum: form.calledNum.trim(), calledMatch: form.calledMatch });
  if (form.queue) filter.queues = [form.queue];
  if (form.agent.trim()) filter.agents = [form.agent.trim()];
  if (form.direction) filter.directions = [form.direction];
  if (form.outcome) filter.isAnswered = form.outcome === 'answered';
  if (form.cdrState) filter.cdrStates = [form.cdrState];
  if (form.disposition) filter.dispositions = [form.disposition];
  if (form.missCause) filter.missCauses = [form.missCause];
  const minDuration = wholeNumber(form.minDuration);
  const maxDuration = wholeNumber(form.maxDuration);
  if (minDuration !== undefined) filter.minDuration = minDuration;
  if (maxDuration !== undefined) filter.maxDuration = maxDuration;
  if (form.hasRecording) filter.hasRecording = form.hasRecording === 'yes';
  const minScore = wholeNumber(form.minScore);
  if (minScore !== undefined) filter.minScore = minScore;
  return filter;
}

/** GET httpPaths.export… (core server/export-route.ts): the browser downloads it as an attachment. */
export function exportUrl(kind: 'calls' | 'report' | 'waits' | 'breakdown' | 'transfers', format: 'csv' | 'xlsx', query: unknown, language: string): string {
  const params = new URLSearchParams({ q: JSON.stringify(query), lang: language });
  return `${httpPaths.export}${kind}.${format}?${params.toString()}`;
}

/** Starts a download of `url` without leaving the page. */
export function download(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Call history through the contract's `history.*` methods. */
export const useHistoryStore = defineStore('history', () => {
  const client = useCoreClient();
  const form = reactive<HistoryForm>(emptyHistoryForm());
  const sort = ref<CallSort>({ key: 'startedAt', order: 'desc' });
  const rows = shallowRef<CallRecord[]>([]);
  const total = ref(0);
  const isTotalCapped = ref(false);
  const nextCursor = ref<string | undefined>();
  const isLoading = ref(false);
  const error = ref<string | undefined>();
  const detail = shallowRef<CallDetail | null | undefined>();
  const lastFilter = shallowRef<CallSearchFilter>({});
  /** The queue figures of what the search found, counted by the core as the reports count them. */
  const totals = shallowRef<QueueFigures>();
  const live = useLiveStore();

  async function fetchPage(cursor?: string): Promise<void> {
    isLoading.value = true;
    error.value = undefined;
    try {
      const page = await client.call('history.search', {
        filter: lastFilter.value,
        sort: sort.value,
        page: { limit: pageSize, cursor, totalCap },
      });
      rows.value = cursor ? [...rows.value, ...page.rows] : page.rows;
      total.value = page.total;
      isTotalCapped.value = page.isTotalCapped;
      nextCursor.value = page.nextCursor;
    } catch (caught) {
      error.value = readErrorText(caught);
    } finally {
      isLoading.value = false;
    }
  }

  async function search(): Promise<void> {
    lastFilter.value = filterOf(form, new Date(), live.timeZone);
    detail.value = undefined;
    totals.value = undefined;
    await Promise.all([fetchPage(), loadTotals(lastFilter.value)]);
  }

  async function loadTotals(filter: CallSearchFilter): Promise<void> {
    try {
      totals.value = await client.call('history.totals', { filter });
    } catch (caught) {
      console.warn('history: totals not counted', caught);
    }
  }

  /** Click on a column: first descending (newest, longest first), again to flip. */
  async function sortBy(key: CallSortKey): Promise<void> {
    sort.value = { key, order: sort.value.key === key && sort.value.order === 'desc' ? 'asc' : 'desc' };
    await fetchPage();
  }

  function resetForm(): void {
    Object.assign(form, emptyHistoryForm());
  }

  async function loadMore(): Promise<void> {
    if (nextCursor.value && !isLoading.value) await fetchPage(nextCursor.value);
  }

  async function openDetail(uniqueid: string): Promise<void> {
    try {
      detail.value = await client.call('history.detail', { uniqueid });
    } catch (caught) {
      error.value = readErrorText(caught);
    }
  }

  function closeDetail(): void {
    detail.value = undefined;
  }

  /** The searched list as a file: same filter and order as the table. */
  function exportCalls(format: 'csv' | 'xlsx'): void {
    download(exportUrl('calls', format, { filter: lastFilter.value, sort: sort.value }, i18n.global.locale.value));
  }

  return {
    form, sort, rows, total, isTotalCapped, nextCursor, isLoading, error, detail, lastFilter, totals,
    search, sortBy, resetForm, loadMore, openDetail, closeDetail, exportCalls,
  };
});
