import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Notice } from '@contract';

/**
 * The core's notices (damaged, full or read-only cache database) as the live
 * store receives them. Dismissing is this window's business only: the core
 * keeps the notice for every other console and for Settings. A notice raised
 * again (new `at`) shows again, since it is news.
 */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Record<string, Notice>>({});
  const dismissed = ref(new Set<string>());

  const keyOf = (notice: Notice) => `${notice.id}@${notice.at}`;

  function replaceAll(next: readonly Notice[]): void {
    notices.value = Object.fromEntries(next.map((notice) => [notice.id, notice]));
  }
  function put(notice: Notice): void {
    notices.value[notice.id] = notice;
  }
  function remove(id: string): void {
    delete notices.value[id];
  }
  function dismiss(notice: Notice): void {
    dismissed.value.add(keyOf(notice));
  }

  /** Errors first, then the newest. */
  const all = computed(() => Object.values(notices.value).sort((a, b) => (a.level === b.level ? b.at - a.at : a.level === 'error' ? -1 : 1)));
  const shown = computed(() => all.value.filter((notice) => !dismissed.value.has(keyOf(notice))));

  return { notices, all, shown, replaceAll, put, remove, dismiss };
});
