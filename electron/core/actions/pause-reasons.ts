import type { PauseReason } from '../contract/methods/actions';

export type { PauseReason };

/** Callboard's own after-call pause (vendor `pausetime=yes`, coocenter-api.md "Wrap-up"). */
export const wrapupReason = 'wrap-up';

export const defaultPauseReasons: PauseReason[] = [
  { code: 'lunch', labels: { 'zh-CN': '午餐', en: 'Lunch' } },
  { code: 'break', labels: { 'zh-CN': '休息', en: 'Break' } },
  { code: 'training', labels: { 'zh-CN': '培训', en: 'Training' } },
  { code: 'meeting', labels: { 'zh-CN': '会议', en: 'Meeting' } },
  { code: 'coaching', labels: { 'zh-CN': '辅导', en: 'Coaching' } },
  { code: 'after-call-work', labels: { 'zh-CN': '话后处理', en: 'After-call work' } },
  { code: wrapupReason, labels: { 'zh-CN': '话后整理', en: 'Wrap-up' }, isSystem: true },
];

export function withWrapup(reasons: PauseReason[]): PauseReason[] {
  if (reasons.some((r) => r.code === wrapupReason)) return reasons;
  const system = defaultPauseReasons.find((r) => r.code === wrapupReason) as PauseReason;
  return [...reasons, system];
}
