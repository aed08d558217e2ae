import { DAY_MS, localHourOf, localHourStart, wallToUtc, weekdayOfDay } from '../base/time-zone';
import type { ReportSchedule } from '../contract/methods/schedules';

// When a scheduled report is due and which period it reports, in the core's time zone.
// A slot is the instant of the schedule's time of day on a day it runs; the report of a
// slot covers the whole local days before that day (one for daily, seven for weekly).
// Around a DST change a wall time that does not exist resolves as wallToUtc resolves it.

type Timing = Pick<ReportSchedule, 'kind' | 'weekday' | 'time'>;

const MINUTE_MS = 60_000;

function localDayOf(at: number, timeZone: string): number {
  return Math.floor(localHourOf(at, timeZone) / 24);
}

function runsOn(timing: Timing, localDay: number): boolean {
  return timing.kind === 'daily' || weekdayOfDay(localDay) + 1 === timing.weekday;
}

/** The instant of the schedule's time of day on a local day number. */
function slotOn(timing: Timing, localDay: number, timeZone: string): number {
  const [hours, minutes] = timing.time.split(':').map(Number) as [number, number];
  return wallToUtc(localDay * DAY_MS + hours * 3_600_000 + minutes * MINUTE_MS, timeZone);
}

/** The latest slot at or before `now`. */
export function lastDueAt(timing: Timing, now: number, timeZone: string): number {
  const today = localDayOf(now, timeZone);
  for (let day = today; day >= today - 8; day -= 1) {
    if (!runsOn(timing, day)) continue;
    const slot = slotOn(timing, day, timeZone);
    if (slot <= now) return slot;
  }
  throw new Error(`no slot of ${timing.kind} ${timing.time} in the last 8 days`);
}

/** The first slot after `now`. */
export function nextDueAt(timing: Timing, now: number, timeZone: string): number {
  const today = localDayOf(now, timeZone);
  for (let day = today; day <= today + 8; day += 1) {
    if (!runsOn(timing, day)) continue;
    const slot = slotOn(timing, day, timeZone);
    if (slot > now) return slot;
  }
  throw new Error(`no slot of ${timing.kind} ${timing.time} in the next 8 days`);
}

/** The period a slot reports: the whole local days before the slot's day, [from, to). */
export function periodOf(timing: Pick<ReportSchedule, 'kind'>, slot: number, timeZone: string): { from: number; to: number } {
  const day = localDayOf(slot, timeZone);
  const days = timing.kind === 'daily' ? 1 : 7;
  return { from: localHourStart((day - days) * 24, timeZone), to: localHourStart(day * 24, timeZone) };
}
