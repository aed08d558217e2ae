import type { Db } from '../store/database';
import { getSetting } from '../store/settings';

/**
 * A pause reason: `code` goes to the PBX (QueuePause `Reason`, shown back in
 * QueueMemberPause `PausedReason`) and to history; the renderer shows the label
 * of its language (i18n key `pauseReason.<code>`, labels as the fallback).
 */
export interface PauseReason {
  code: string;
  labels: { 'zh-CN': string; en: string };
  /** Set by Callboard itself (wrap-up), not offered in the pause menu. */
  isSystem?: boolean;
}

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

/** Settings key of the configured list (JSON array of PauseReason). */
export const pauseReasonsKey = 'actions.pauseReasons';

/** The configured list, or the defaults; wrap-up is always present. */
export function loadPauseReasons(db: Db): PauseReason[] {
  const configured = getSetting<PauseReason[] | undefined>(db, pauseReasonsKey, undefined);
  return withWrapup(Array.isArray(configured) && configured.length > 0 ? configured : defaultPauseReasons);
}

export function withWrapup(reasons: PauseReason[]): PauseReason[] {
  if (reasons.some((r) => r.code === wrapupReason)) return reasons;
  const system = defaultPauseReasons.find((r) => r.code === wrapupReason) as PauseReason;
  return [...reasons, system];
}
