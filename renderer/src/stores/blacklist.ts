import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { BlacklistEntry } from '@contract';
import { useCoreClient } from '../api';
import { failureOf, type ActionFailure } from '../domain/action-errors';
import { useActionsStore, type ActionNotice } from './actions';
import { matchesQuery, sortBlacklist } from '../domain/blacklist-entries';

export { blacklistNumberPattern } from '../domain/blacklist-entries';

/**
 * The PBX's blacklist (AstDB family `blacklist` or the vendor endpoints) through
 * blacklist.*: list, add, edit a note, remove. The list is re-read after every change so the
 * page shows what the PBX holds, not what we hoped it holds.
 */
export const useBlacklistStore = defineStore('blacklist', () => {
  const client = useCoreClient();
  const actions = useActionsStore();
  const entries = shallowRef<BlacklistEntry[]>([]);
  const query = ref('');
  const isLoading = ref(false);
  const loadFailure = ref<ActionFailure>();
  const hasLoaded = ref(false);

  const shown = computed(() => sortBlacklist(entries.value.filter((e) => matchesQuery(e, query.value))));

  async function load(): Promise<void> {
    isLoading.value = true;
    try {
      const result = await client.call('blacklist.list', {});
      if (result.ok) {
        entries.value = result.value;
        loadFailure.value = undefined;
      } else {
        loadFailure.value = failureOf(result.error);
      }
    } catch (error) {
      loadFailure.value = failureOf(error);
    } finally {
      isLoading.value = false;
      hasLoaded.value = true;
    }
  }

  /** Adds a number; a number already listed is refused (`exists`) and keeps its note. */
  async function add(number: string, note: string): Promise<ActionNotice> {
    const notice = await actions.perform('blacklistAdd', number, () => client.call('blacklist.add', { number, ...(note.trim() ? { note: note.trim() } : {}) }));
    await load();
    return notice;
  }

  async function setNote(number: string, note: string): Promise<boolean> {
    const notice = await actions.perform('blacklistNote', number, () => client.call('blacklist.setNote', { number, note: note.trim() }));
    await load();
    return notice.isOk;
  }

  async function remove(number: string): Promise<boolean> {
    const notice = await actions.perform('blacklistRemove', number, () => client.call('blacklist.remove', { number }));
    await load();
    return notice.isOk;
  }

  return { entries, query, shown, isLoading, hasLoaded, loadFailure, load, add, setNote, remove };
});
