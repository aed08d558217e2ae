import { defaultPauseReasons, matchPauseReason, type PauseReason } from '@contract';
import type { AppLocale } from '../../i18n';
import { configuredPauseLabel } from '../../domain/pause-reasons';

/** The two vue-i18n functions a label needs (from `useI18n()` or `i18n.global`). */
export interface Translator {
  t: (key: string) => string;
  te: (key: string) => boolean;
}

/**
 * The text of a pause reason code in a report: the label configured in
 * Settings (settings.pauseReasons) first, then the i18n label of a built-in
 * code (contract/pause-reasons.ts defaultPauseReasons — a code removed from
 * Settings still appears in older history), the raw code only when neither
 * knows it (a reason typed on the PBX itself). Both compare without regard to case and
 * spacing: the PBX's "After-call work" is the built-in after-call-work.
 */
export function pauseReasonText(code: string, configured: PauseReason[], locale: AppLocale, i18n: Translator): string {
  const label = configuredPauseLabel(configured, code, locale);
  if (label) return label;
  const key = `pauseReason.${matchPauseReason(defaultPauseReasons, code)?.code ?? code}`;
  return i18n.te(key) ? i18n.t(key) : code;
}

/** An agent-state row's state: the interval kind, and for pauses the reason. */
export function agentStateText(kind: string, reason: string | undefined, configured: PauseReason[], locale: AppLocale, i18n: Translator): string {
  const name = i18n.t(`history.intervalKind.${kind}`);
  return reason ? `${name} · ${pauseReasonText(reason, configured, locale, i18n)}` : name;
}
