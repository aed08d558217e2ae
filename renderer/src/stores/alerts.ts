import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { isAlertLoud, type Alert } from '@contract';
import { ApiError, useCoreClient } from '../api';
import { i18n } from '../i18n';
import { beep } from '../composables/beep';
import { alertMessage, newlyLoud, shouldBeep } from '../domain/alert-cues';
import { useActionsStore } from './actions';
import { useLiveStore } from './live';

const muteKey = 'callboard.alertsMuted';
const collapseKey = 'callboard.alertsCollapsed';

type Permission = NotificationPermission | 'unsupported';
const permissionNow = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * The console's side of the core's alerts: acknowledge and snooze, and the cues — a
 * beep (muted per window, remembered), a desktop notification per new alert once the
 * user allowed them with a click. The TV takes the list from the live store and cues nothing.
 */
export const useAlertsStore = defineStore('alerts', () => {
  const client = useCoreClient();
  const live = useLiveStore();
  const actions = useActionsStore();
  const isMuted = ref(localStorage.getItem(muteKey) === '1');
  watch(isMuted, (muted) => localStorage.setItem(muteKey, muted ? '1' : '0'));
  /** The banner folded to its header line, so a long list does not push the page down; remembered like the mute. */
  const isCollapsed = ref(localStorage.getItem(collapseKey) === '1');
  watch(isCollapsed, (collapsed) => localStorage.setItem(collapseKey, collapsed ? '1' : '0'));
  const permission = ref<Permission>(permissionNow());
  const error = ref<string>();
  const loud = computed(() => live.alertList.filter(isAlertLoud));

  // Long-pause alerts name the reason in the page's language.
  watch(() => live.alertList.some((alert) => alert.kind === 'pausedTooLong'), (has) => has && void actions.loadPauseReasons(), { immediate: true });
  const reasonLabel = (code: string) => actions.pauseReasons.find((r) => r.code === code)?.labels[i18n.global.locale.value] ?? code;
  const textOf = (alert: Alert): string => {
    const { key, params } = alertMessage(alert, reasonLabel);
    return i18n.global.t(key, params);
  };

  /** Asked only from a click: browsers refuse (or remember a refusal) otherwise. */
  async function allowNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    permission.value = await Notification.requestPermission();
  }

  async function run(invoke: () => Promise<{ ok: boolean; error?: { message: string } }>): Promise<boolean> {
    error.value = undefined;
    try {
      const result = await invoke();
      if (!result.ok) error.value = result.error?.message;
      return result.ok;
    } catch (caught) {
      error.value = caught instanceof ApiError ? caught.error.message : String(caught);
      return false;
    }
  }
  const acknowledge = (id: string) => run(() => client.call('alerts.acknowledge', { id }));
  const snooze = (id: string, minutes: number) => run(() => client.call('alerts.snooze', { id, minutes }));

  let timer: ReturnType<typeof setInterval> | undefined;
  let lastBeepAt = 0;
  const cued = new Set<string>();
  /** Starts the cues of this window (the console shell); the TV never does. */
  function startCues(): () => void {
    const cue = () => {
      const fresh = newlyLoud(live.alertList, cued);
      if (permission.value === 'granted') {
        for (const alert of fresh) new Notification(i18n.global.t('alerts.notificationTitle'), { body: textOf(alert), tag: alert.id });
      }
      const now = Date.now();
      if (fresh.length > 0 ? !isMuted.value : shouldBeep(live.alertList, isMuted.value, lastBeepAt, now)) {
        lastBeepAt = now;
        beep();
      }
    };
    const stopWatch = watch(() => live.alertList, cue, { immediate: true });
    timer = setInterval(cue, 5_000);
    return () => {
      stopWatch();
      clearInterval(timer);
    };
  }

  return { isMuted, isCollapsed, permission, error, loud, textOf, allowNotifications, acknowledge, snooze, startCues };
});
