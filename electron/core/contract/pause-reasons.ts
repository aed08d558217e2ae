import type { PauseReason } from './methods/settings';

/** Callboard's own after-call pause (vendor `pausetime=yes`, coocenter-api.md "Wrap-up"). */
export const wrapupReason = 'wrap-up';

/** The reasons a new install offers; Settings may replace all but wrap-up. */
export const defaultPauseReasons: PauseReason[] = [
  { code: 'lunch', labels: { 'zh-CN': '午餐', en: 'Lunch' } },
  { code: 'break', labels: { 'zh-CN': '休息', en: 'Break' } },
  { code: 'training', labels: { 'zh-CN': '培训', en: 'Training' } },
  { code: 'meeting', labels: { 'zh-CN': '会议', en: 'Meeting' } },
  { code: 'coaching', labels: { 'zh-CN': '辅导', en: 'Coaching' } },
  { code: 'after-call-work', labels: { 'zh-CN': '话后处理', en: 'After-call work' } },
  { code: wrapupReason, labels: { 'zh-CN': '话后整理', en: 'Wrap-up' }, isSystem: true },
];

/** Longest reason text compared; QueuePause reasons are short words, anything longer is compared by its start. */
const MAX_REASON_CHARS = 80;

/**
 * How a pause reason is compared: without regard to case, spaces, hyphens, underscores
 * and dots, so the PBX's "After-call work", a phone's "after_call_work" and our code
 * "after-call-work" are one reason.
 */
export function pauseReasonKey(text: string): string {
  return text.slice(0, MAX_REASON_CHARS).normalize('NFKC').toLowerCase().replace(/[\s_.-]+/g, '');
}

/**
 * The reason of `reasons` a pause reason text means: its code, or its label in either
 * language, compared by pauseReasonKey; undefined when none does (a reason typed on the PBX).
 */
export function matchPauseReason(reasons: readonly PauseReason[], text: string | undefined): PauseReason | undefined {
  if (!text) return undefined;
  const exact = reasons.find((reason) => reason.code === text);
  if (exact) return exact;
  const key = pauseReasonKey(text);
  if (key === '') return undefined;
  return (
    reasons.find((reason) => pauseReasonKey(reason.code) === key) ??
    reasons.find((reason) => pauseReasonKey(reason.labels.en) === key || pauseReasonKey(reason.labels['zh-CN']) === key)
  );
}
