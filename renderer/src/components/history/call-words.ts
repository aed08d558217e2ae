/** i18n lookups shared by the call detail and its timeline. */
export interface Translate {
  t(key: string, named?: Record<string, unknown>): string;
  te(key: string): boolean;
}

/** A known code translated; an unknown one shown as the PBX sent it; '' for none. */
export function knownCode({ t, te }: Translate, prefix: string, code: string | undefined): string {
  if (code === undefined) return '';
  return te(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : code;
}

/** A Q.850 hangup cause (17, or Asterisk's USER_BUSY) as words with its code ("User busy (17)"); an unknown one as sent. */
export function hangupCauseText({ t, te }: Translate, cause: string | undefined): string {
  if (cause === undefined || cause === '') return '';
  const key = `history.hangupCauseName.${cause}`;
  return te(key) ? t('history.hangupCauseText', { name: t(key), code: cause }) : cause;
}
