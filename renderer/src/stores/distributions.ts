import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { BreakdownKey, BreakdownReply, DistributionReply, ReportRequest, TransfersReply } from '@contract';
import { useCoreClient } from '../api';
import { i18n } from '../i18n';
import { download, exportUrl } from './history';
import { readErrorText } from './read-errors';
import { useReportsStore } from './reports';

/**
 * The Reports page's distributions, breakdown per called number or trunk and transfers report
 * (history.distributions, history.breakdown, history.transfers): read for the same period and
 * queue as the report on screen, each time the report is run.
 */
export const useDistributionsStore = defineStore('distributions', () => {
  const client = useCoreClient();
  const reports = useReportsStore();
  const distributions = shallowRef<DistributionReply>();
  const breakdown = shallowRef<BreakdownReply>();
  const transfers = shallowRef<TransfersReply>();
  const breakdownBy = ref<BreakdownKey>('did');
  const isLoading = ref(false);
  const error = ref<string>();

  async function run(request: ReportRequest | undefined = reports.lastRequest): Promise<void> {
    if (!request) return;
    const period = { from: request.from, to: request.to, ...(request.queues ? { queues: request.queues } : {}) };
    isLoading.value = true;
    error.value = undefined;
    try {
      const [waits, byKey, transferred] = await Promise.all([
        client.call('history.distributions', period),
        client.call('history.breakdown', { ...period, by: breakdownBy.value, ...(request.slSeconds ? { slSeconds: request.slSeconds } : {}) }),
        client.call('history.transfers', { from: request.from, to: request.to }),
      ]);
      distributions.value = waits;
      breakdown.value = byKey;
      transfers.value = transferred;
    } catch (caught) {
      error.value = readErrorText(caught);
    } finally {
      isLoading.value = false;
    }
  }

  async function setBreakdownBy(by: BreakdownKey): Promise<void> {
    breakdownBy.value = by;
    const request = reports.lastRequest;
    if (!request) return;
    try {
      breakdown.value = await client.call('history.breakdown', {
        from: request.from, to: request.to, by, ...(request.queues ? { queues: request.queues } : {}), ...(request.slSeconds ? { slSeconds: request.slSeconds } : {}),
      });
    } catch (caught) {
      error.value = readErrorText(caught);
    }
  }

  /** One of the tables as a file: the same request as on screen, so the same rows. */
  function exportTable(table: 'waits' | 'breakdown' | 'transfers', format: 'csv' | 'xlsx'): void {
    const request = reports.lastRequest;
    if (!request) return;
    const period = { from: request.from, to: request.to, ...(request.queues ? { queues: request.queues } : {}) };
    const query = table === 'waits' ? period
      : table === 'breakdown' ? { ...period, by: breakdownBy.value, ...(request.slSeconds ? { slSeconds: request.slSeconds } : {}) }
        : { from: request.from, to: request.to };
    download(exportUrl(table, format, query, i18n.global.locale.value));
  }

  // A new report on screen: these follow it.
  watch(() => reports.lastRequest, (request) => void run(request));

  return { distributions, breakdown, transfers, breakdownBy, isLoading, error, run, setBreakdownBy, exportTable };
});
