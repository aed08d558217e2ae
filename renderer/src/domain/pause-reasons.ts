import { defaultPauseReasons, matchPauseReason, type PauseReason } from '@contract';

/** The languages a pause reason has a label in: the app's locales. */
export type PauseReasonLocale = keyof PauseReason['labels'];

/**
 * The label Settings gives a pause reason in a locale (English when that locale has none);
 * the PBX's own words ("Break", "after-call work") find their reason whatever their case
 * and spacing. Undefined when no configured reason matches.
 */
export function configuredPauseLabel(reasons: PauseReason[], code: string, locale: PauseReasonLocale): string | undefined {
  const reason = matchPauseReason(reasons, code);
  return reason?.labels[locale] || reason?.labels.en || undefined;
}

/**
 * The label of a pause reason in a locale: as configured, else a built-in reason's (one removed
 * from Settings, or the PBX's "Break"); unknown ones (typed on the PBX itself) show as written.
 */
export function pauseReasonLabel(reasons: PauseReason[], code: string | undefined, locale: PauseReasonLocale): string {
  if (!code) return '';
  return configuredPauseLabel(reasons, code, locale) ?? configuredPauseLabel(defaultPauseReasons, code, locale) ?? code;
}
