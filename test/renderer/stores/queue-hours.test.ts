import { describe, expect, test } from 'vitest';
import type { ReportRow } from '../../../electron/core/contract';
import { addCalls, callsSince, hourStartOf, hoursFromReport, localMidnightOf, mergeHours } from '../../../renderer/src/stores/queue-hours';

const day = new Date(2026, 2, 2).getTime();
const hour = (h: number, m = 0) => day + h * 3600_000 + m * 60_000;
const row = (key: string, h: number, offered: number, answered: number, abandoned: number) =>
  ({ key, bucketStart: hour(h), offered, answered, abandoned }) as ReportRow;

describe("today's calls per hour on the wallboard", () => {
  test('the cache report gives hours per queue and their sum over the wallboard queues only', () => {
    const hours = hoursFromReport([row('630', 9, 2, 2, 0), row('631', 9, 1, 0, 1), row('630', 10, 3, 2, 1), row('999', 9, 5, 5, 0)], ['630', '631'], '*');
    expect(hours.get('630')).toEqual([{ at: hour(9), offered: 2, answered: 2, abandoned: 0 }, { at: hour(10), offered: 3, answered: 2, abandoned: 1 }]);
    expect(hours.get('*')).toEqual([{ at: hour(9), offered: 3, answered: 2, abandoned: 1 }, { at: hour(10), offered: 3, answered: 2, abandoned: 1 }]);
    expect(hours.has('999')).toBe(false);
  });

  test('the hour the page opened in: the cache part plus what the live counters add after it, each call once', () => {
    // Seeded at 11:20 with 4 calls of 11:00–11:20; the live counters already held 10 (core started at 08:00).
    const seeded = hoursFromReport([row('630', 11, 4, 3, 1)], ['630'], '*').get('630') ?? [];
    let seen = addCalls([], hour(11, 20), callsSince({ offered: 10, answered: 8, abandoned: 2 }, { offered: 10, answered: 8, abandoned: 2 }));
    seen = addCalls(seen, hour(11, 40), callsSince({ offered: 10, answered: 8, abandoned: 2 }, { offered: 12, answered: 9, abandoned: 2 }));
    seen = addCalls(seen, hour(12, 5), callsSince({ offered: 12, answered: 9, abandoned: 2 }, { offered: 13, answered: 9, abandoned: 3 }));
    expect(mergeHours(seeded, seen, hour(12, 10))).toEqual([
      { at: hour(11), offered: 6, answered: 4, abandoned: 1 },
      { at: hour(12), offered: 1, answered: 0, abandoned: 1 },
    ]);
  });

  test('a counter that went down was reset: what it holds is new; nothing changed adds nothing', () => {
    expect(callsSince({ offered: 40, answered: 30, abandoned: 5 }, { offered: 2, answered: 31, abandoned: 0 })).toEqual({ offered: 2, answered: 1, abandoned: 0 });
    const series = [{ at: hour(9), offered: 1, answered: 1, abandoned: 0 }];
    expect(addCalls(series, hour(9, 30), { offered: 0, answered: 0, abandoned: 0 })).toBe(series);
  });

  test('after midnight only the new day is kept', () => {
    const yesterday = [{ at: hour(23), offered: 5, answered: 5, abandoned: 0 }];
    const seen = addCalls([], hour(24, 10), { offered: 1, answered: 0, abandoned: 0 });
    expect(mergeHours(yesterday, seen, hour(24, 15))).toEqual([{ at: hour(24), offered: 1, answered: 0, abandoned: 0 }]);
    expect(localMidnightOf(hour(13, 45))).toBe(day);
    expect(hourStartOf(hour(13, 45))).toBe(hour(13));
  });
});
