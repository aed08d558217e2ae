import { defineStore } from 'pinia';
import { reactive, ref, shallowRef } from 'vue';
import type { AgentPerformanceReply, AgentStateRow, HeatmapReply, ReportDimension, ReportGrain, ReportReply, ReportRequest, WaitEdge } from '@contract';
import { useCoreClient } from '../api';
import { i18n } from '../i18n';
import { readErrorText } from './read-errors';
import { download, exportUrl, rangeOf, type DateRange } from './history';
import { useLiveStore } from './live';

export interface ReportForm {
  range: DateRange;
  fromDate: string;
  toDate: string;
  dimension: ReportDimension;
  grain: Exclude<ReportGrain, 'all'>;
  queue: string;
  /** Service level threshold T for every queue, or 0: each queue's own rules (Settings). */
  slSeconds: WaitEdge | 0;
}

/** Reports over the cache (history.report, history.heatmap, history.agentStates, history.agentPerformance), fetched together. */
export const useReportsStore = defineStore('reports', () => {
  const client = useCoreClient();
  const live = useLiveStore();
  const form = reactive<ReportForm>({ range: 'week', fromDate: '', toDate: '', dimension: 'total', grain: 'day', queue: '', slSeconds: 0 });
  const report = shallowRef<ReportReply>();
  const heatmap = shallowRef<HeatmapReply>();
  const agentStates = shallowRef<AgentStateRow[]>([]);
  const agentPerformance = shallowRef<AgentPerformanceReply>();
  const lastRequest = shallowRef<ReportRequest>();
  const isLoading = ref(false);
  const error = ref<string>();

  function requestOf(): ReportRequest {
    const { from, to } = rangeOf(form, new Date(), live.timeZone);
    const request: ReportRequest = { from, to, dimension: form.dimension, grain: form.grain, ...(form.slSeconds ? { slSeconds: form.slSeconds } : {}) };
    if (form.queue) request.queues = [form.queue];
    return request;
  }

  async function run(): Promise<void> {
    const request = requestOf();
    isLoading.value = true;
    error.value = undefined;
    try {
      const range = { from: request.from, to: request.to, ...(request.queues ? { queues: request.queues } : {}) };
      const [reply, cells, states, performance] = await Promise.all([
        client.call('history.report', request),
        client.call('history.heatmap', range),
        client.call('history.agentStates', { from: request.from, to: request.to }),
        client.call('history.agentPerformance', { from: request.from, to: request.to }),
      ]);
      report.value = reply;
      heatmap.value = cells;
      agentStates.value = states;
      agentPerformance.value = performance;
      lastRequest.value = request;
    } catch (caught) {
      error.value = readErrorText(caught);
    } finally {
      isLoading.value = false;
    }
  }

  /** The report on screen as a file (same request, so the same rows as the table). */
  function exportReport(format: 'csv' | 'xlsx'): void {
    download(exportUrl('report', format, lastRequest.value ?? requestOf(), i18n.global.locale.value));
  }

  return { form, report, heatmap, agentStates, agentPerformance, lastRequest, isLoading, error, run, exportReport };
});
