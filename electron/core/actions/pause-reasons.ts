import type { PauseReason } from '../contract/methods/settings';
import { defaultPauseReasons, wrapupReason } from '../contract/pause-reasons';

export type { PauseReason };
export { defaultPauseReasons, wrapupReason };

export function withWrapup(reasons: PauseReason[]): PauseReason[] {
  if (reasons.some((r) => r.code === wrapupReason)) return reasons;
  const system = defaultPauseReasons.find((r) => r.code === wrapupReason) as PauseReason;
  return [...reasons, system];
}
