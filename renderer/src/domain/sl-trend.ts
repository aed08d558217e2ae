import { QUARTER_MS, type QuarterFigures } from '@contract';

// The wallboard's and TV's service level through the day: one slot per quarter hour from
// the first quarter with calls to the current one, the core's figures in the slots that
// had calls and a gap (null) in those that had none.

export interface TrendSlot {
  at: number;
  quarter: QuarterFigures | undefined;
}

/** Every quarter from the first one with calls to the one holding `now` (or the last with calls, if later). */
export function trendSlots(quarters: readonly QuarterFigures[], now: number): TrendSlot[] {
  if (quarters.length === 0) return [];
  const byStart = new Map(quarters.map((quarter) => [quarter.at, quarter]));
  const first = quarters[0]!.at;
  const last = Math.max(quarters.at(-1)!.at, Math.floor(now / QUARTER_MS) * QUARTER_MS);
  // A day has at most 100 quarters; a clock far ahead must not build a long axis.
  const end = Math.min(last, first + 100 * QUARTER_MS);
  const slots: TrendSlot[] = [];
  for (let at = first; at <= end; at += QUARTER_MS) slots.push({ at, quarter: byStart.get(at) });
  return slots;
}

/** Whole percent of a quarter's service level; null when it had no calls or no base. */
export function slotPercent(slot: TrendSlot): number | null {
  const level = slot.quarter?.serviceLevel;
  return level === null || level === undefined ? null : Math.round(level * 100);
}
