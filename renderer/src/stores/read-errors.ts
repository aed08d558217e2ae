import { i18n } from '../i18n';
import { ApiError } from '../api';

/**
 * What a failed history read says on the page: a read the core turned away (this
 * screen's read allowance spent, or too many reads waiting) in words with when to
 * retry; anything else as the core wrote it.
 */
export function readErrorText(caught: unknown): string {
  if (!(caught instanceof ApiError)) return String(caught);
  const { code, message, retryAfterSeconds } = caught.error;
  if (code === 'rate_limited' || code === 'busy') return i18n.global.t(`history.readRefused.${code}`, { seconds: retryAfterSeconds ?? 1 });
  return message;
}
