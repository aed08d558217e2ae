import type { PauseReason } from '@contract';
import type { AppLocale } from '../i18n';

/** The label of a pause reason code in a locale; unknown codes (set on the PBX itself) show as they are. */
export function pauseReasonLabel(reasons: PauseReason[], code: string | undefined, locale: AppLocale): string {
  if (!code) return '';
  const reason = reasons.find((r) => r.code === code);
  return reason ? reason.labels[locale] || reason.labels.en || code : code;
}
