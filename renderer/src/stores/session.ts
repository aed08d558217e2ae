import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Role } from '@contract';
import { useCoreClient, type CoreLinkStatus } from '../api';
import { i18n, resolveLocale, type AppLocale } from '../i18n';

export type Theme = 'light' | 'dark';

const localeKey = 'callboard.locale';
const themeKey = 'callboard.theme';

/**
 * Who we are to the core (role from the WebSocket `hello`; the desktop has
 * full rights), the link to the core, and the user's locale and theme.
 */
export const useSessionStore = defineStore('session', () => {
  const client = useCoreClient();
  const link = ref<CoreLinkStatus>(client.link.current);
  client.link.watch((status) => (link.value = status));

  const role = computed<Role>(() => link.value.role);
  const isCoreLinked = computed(() => link.value.state === 'open');
  const canAct = computed(() => role.value === 'act');

  const locale = ref<AppLocale>(resolveLocale(localStorage.getItem(localeKey) ?? navigator.language));
  watch(
    locale,
    (value) => {
      i18n.global.locale.value = value;
      document.documentElement.lang = value;
      localStorage.setItem(localeKey, value);
    },
    { immediate: true },
  );

  const theme = ref<Theme>(localStorage.getItem(themeKey) === 'dark' ? 'dark' : 'light');
  watch(theme, (value) => localStorage.setItem(themeKey, value));

  return {
    link,
    role,
    isCoreLinked,
    canAct,
    locale,
    theme,
    reconnectNow: client.reconnectNow,
  };
});
