import { defineStore } from 'pinia';
import { ref } from 'vue';
import { defaultStatsRulesBook, rulesOf, type StatsRules, type StatsRulesBook } from '@contract';
import { ApiError, useCoreClient } from '../api';

/** How queue figures are counted (settings.statsRules): the core recounts every screen when they change. */
export const useStatsRulesStore = defineStore('statsRules', () => {
  const client = useCoreClient();
  const book = ref<StatsRulesBook>(defaultStatsRulesBook);
  const error = ref<string>();

  async function load(): Promise<void> {
    try {
      book.value = await client.call('settings.statsRules', {});
    } catch (caught) {
      error.value = caught instanceof ApiError ? caught.error.message : String(caught);
    }
  }

  /** '*' sets the default of every queue; a queue name its own rules (equal to the default: none of its own). */
  async function setFor(scope: string, rules: StatsRules): Promise<void> {
    const queues = { ...book.value.queues };
    const next: StatsRulesBook = scope === '*' ? { defaults: rules, queues } : { defaults: book.value.defaults, queues };
    if (scope !== '*') {
      if (JSON.stringify(rules) === JSON.stringify(book.value.defaults)) delete queues[scope];
      else queues[scope] = rules;
    }
    error.value = undefined;
    try {
      const result = await client.call('settings.setStatsRules', { book: next });
      if (result.ok) book.value = next;
      else error.value = result.error.message;
    } catch (caught) {
      error.value = caught instanceof ApiError ? caught.error.message : String(caught);
    }
  }

  const forQueue = (scope: string): StatsRules => (scope === '*' ? book.value.defaults : rulesOf(book.value, scope));

  return { book, error, load, setFor, forQueue };
});
