import { isAlertLoud, type Alert } from '@contract';

/** The i18n key of an alert's sentence and its values: the core says what, each screen says it in its language. */
export function alertMessage(alert: Alert, reasonLabel: (code: string) => string): { key: string; params: Record<string, string | number> } {
  const agent = alert.agentName && alert.agentName !== alert.agent ? `${alert.agentName} (${alert.agent})` : (alert.agent ?? '');
  return {
    key: `alerts.kind.${alert.kind}`,
    params: {
      queue: alert.queue ?? '',
      agent,
      value: alert.value,
      threshold: alert.threshold,
      minutes: alert.windowMinutes ?? 0,
      reason: alert.pauseReason ? reasonLabel(alert.pauseReason) : '',
    },
  };
}

/**
 * What a console must cue for this list: the loud alerts it has not cued yet (a
 * desktop notification and a beep each), remembered by id in `cued`, which forgets
 * ids no longer standing so it stays as small as the list.
 */
export function newlyLoud(alerts: readonly Alert[], cued: Set<string>): Alert[] {
  const standing = new Set(alerts.map((alert) => alert.id));
  for (const id of cued) if (!standing.has(id)) cued.delete(id);
  const fresh = alerts.filter((alert) => isAlertLoud(alert) && !cued.has(alert.id));
  for (const alert of fresh) cued.add(alert.id);
  return fresh;
}

/** The console beeps again every `everyMs` while an unacknowledged alert stands, unless muted. */
export function shouldBeep(alerts: readonly Alert[], isMuted: boolean, lastBeepAt: number, now: number, everyMs = 30_000): boolean {
  return !isMuted && alerts.some(isAlertLoud) && now - lastBeepAt >= everyMs;
}

export const snoozeChoices = [5, 15, 30, 60] as const;
