import type { ReportRow } from '@contract';

/** Calls of one queue (or all) in one local clock hour. */
export interface HourCalls {
  /** Start of the hour, UTC ms. */
  at: number;
  offered: number;
  answered: number;
  abandoned: number;
}

/** Today's running counters of a queue (QueueFigures). */
export type CallTotals = Pick<HourCalls, 'offered' | 'answered' | 'abandoned'>;

const counters = ['offered', 'answered', 'abandoned'] as const;

export function hourStartOf(at: number): number {
  return new Date(at).setMinutes(0, 0, 0);
}

export function localMidnightOf(at: number): number {
  return new Date(at).setHours(0, 0, 0, 0);
}

function add(series: HourCalls[], at: number, calls: CallTotals): HourCalls[] {
  const hour = hourStartOf(at);
  const index = series.findIndex((h) => h.at === hour);
  const previous = series[index] ?? { at: hour, offered: 0, answered: 0, abandoned: 0 };
  const next = { at: hour, offered: previous.offered + calls.offered, answered: previous.answered + calls.answered, abandoned: previous.abandoned + calls.abandoned };
  const out = index >= 0 ? series.with(index, next) : [...series, next];
  return out.sort((a, b) => a.at - b.at);
}

/**
 * history.report (dimension queue, grain hour) rows as hours per queue, and the
 * sum of the given queues under `allKey` — the cache's count up to the request.
 */
export function hoursFromReport(rows: ReportRow[], names: string[], allKey: string): Map<string, HourCalls[]> {
  const wanted = new Set(names);
  const hours = new Map<string, HourCalls[]>();
  for (const row of rows) {
    if (!wanted.has(row.key)) continue;
    const calls = { offered: row.offered, answered: row.answered, abandoned: row.abandoned };
    hours.set(row.key, add(hours.get(row.key) ?? [], row.bucketStart, calls));
    hours.set(allKey, add(hours.get(allKey) ?? [], row.bucketStart, calls));
  }
  return hours;
}

/**
 * What the live counters added since the last look. A counter that went down
 * was reset (the core rolls today's counters over at midnight, or restarted):
 * everything it holds now is new.
 */
export function callsSince(previous: CallTotals, current: CallTotals): CallTotals {
  const out = { offered: 0, answered: 0, abandoned: 0 };
  for (const key of counters) out[key] = current[key] >= previous[key] ? current[key] - previous[key] : current[key];
  return out;
}

/** Adds live calls to the hour they were seen in; nothing when nothing changed. */
export function addCalls(series: HourCalls[], at: number, calls: CallTotals): HourCalls[] {
  return calls.offered || calls.answered || calls.abandoned ? add(series, at, calls) : series;
}

/** The cache's hours up to the seed plus the live hours after it, today's only. */
export function mergeHours(seeded: HourCalls[], seen: HourCalls[], now: number): HourCalls[] {
  let out = seeded;
  for (const hour of seen) out = add(out, hour.at, hour);
  const midnight = localMidnightOf(now);
  return out.filter((h) => h.at >= midnight);
}
