import { defineStore } from 'pinia';
import { ref } from 'vue';
import { alertRulesOf, defaultAlertRulesBook, type AlertLogEntry, type AlertRulesBook, type QueueAlertRules } from '@contract';
import { ApiError, useCoreClient } from '../api';

/** The alert rules kept by the core (alerts.rules), and its recent alert log for the Settings page. */
export const useAlertRulesStore = defineStore('alertRules', () => {
  const client = useCoreClient();
  const book = ref<AlertRulesBook>(defaultAlertRulesBook);
  const log = ref<AlertLogEntry[]>([]);
  const error = ref<string>();

  const message = (caught: unknown) => (caught instanceof ApiError ? caught.error.message : String(caught));

  async function load(canReadLog: boolean): Promise<void> {
    try {
      book.value = await client.call('alerts.rules', {});
      if (canReadLog) log.value = await client.call('alerts.log', { limit: 20 });
    } catch (caught) {
      error.value = message(caught);
    }
  }

  async function save(next: AlertRulesBook): Promise<boolean> {
    error.value = undefined;
    try {
      const result = await client.call('alerts.setRules', { book: next });
      if (result.ok) book.value = next;
      else error.value = result.error.message;
      return result.ok;
    } catch (caught) {
      error.value = message(caught);
      return false;
    }
  }

  const forScope = (scope: string): QueueAlertRules => (scope === '*' ? book.value.defaults : alertRulesOf(book.value, scope));

  return { book, log, error, load, save, forScope };
});
