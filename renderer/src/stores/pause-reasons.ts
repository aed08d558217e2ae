import type { PauseReason } from '@contract';
import type { AppLocale } from '../i18n';

/** The label Settings gives a pause reason code in a locale (English when that locale has none); undefined when not configured. */
export function configuredPauseLabel(reasons: PauseReason[], code: string, locale: AppLocale): string | undefined {
  const reason = reasons.find((r) => r.code === code);
  return reason?.labels[locale] || reason?.labels.en || undefined;
}

/** The label of a pause reason code in a locale; unknown codes (set on the PBX itself) show as they are. */
export function pauseReasonLabel(reasons: PauseReason[], code: string | undefined, locale: AppLocale): string {
  if (!code) return '';
  return configuredPauseLabel(reasons, code, locale) ?? code;
}
