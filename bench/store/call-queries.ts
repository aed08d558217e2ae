import type { Bench } from 'tinybench';
import type { CallSearchFilter, ReportRequest } from '../../electron/core/contract/history';
import { DAY_MS, wallToUtc } from '../../electron/core/base/time-zone';

// The review page searches and reports the store bench times, one list for both engines
// (calls-worker.ts on SQLite, pg-calls-worker.ts on PostgreSQL), so their figures pair up.

export const TIME_ZONE = 'Asia/Shanghai';
export const FIRST_DAY = '2025-11-25';

export function localDayStart(dayIndex: number): number {
  return wallToUtc(Date.parse(`${FIRST_DAY}T00:00:00Z`) + dayIndex * DAY_MS, TIME_ZONE);
}

export type CallQuery = { name: string; filter: CallSearchFilter } | { name: string; report: ReportRequest };

/** The measured day: a weekday two thirds into the range; the month is the 30 days up to it. */
export function benchDays(days: number) {
  const day = Math.floor((days * 2) / 3);
  return { dayFrom: localDayStart(day), dayTo: localDayStart(day + 1), monthFrom: localDayStart(Math.max(0, day - 29)) };
}

export function callQueries(days: number): CallQuery[] {
  const { dayFrom, dayTo, monthFrom } = benchDays(days);
  return [
    { name: 'page.recent', filter: { from: monthFrom, to: dayTo } },
    { name: 'page.filtered', filter: { from: monthFrom, to: dayTo, queues: ['630'], isAnswered: false, minDuration: 30 } },
    { name: 'page.caller', filter: { from: monthFrom, to: dayTo, callerNum: '139' } },
    { name: 'page.agent', filter: { from: localDayStart(0), to: localDayStart(days), agents: ['8042'], minDuration: 200 } },
    { name: 'kpi.day', report: { from: dayFrom, to: dayTo, dimension: 'queue', grain: 'day' } },
    // Agents per hour are not rolled up: on SQLite this one scans the day's queue ledger.
    { name: 'kpi.day.scan', report: { from: dayFrom, to: dayTo, dimension: 'agent', grain: 'hour' } },
    { name: 'kpi.month', report: { from: monthFrom, to: dayTo, dimension: 'total', grain: 'day' } },
  ];
}

/** Each task's p50 and p99 after `bench.run()`: one per query. */
export function queryLatencies(bench: Bench): Record<string, { p50: number; p99: number; samples: number }> {
  const latency: Record<string, { p50: number; p99: number; samples: number }> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (!result || !('latency' in result)) throw new Error(`task ${task.name} did not complete: ${JSON.stringify(result)}`);
    latency[task.name] = { p50: result.latency.p50, p99: result.latency.p99, samples: result.latency.samplesCount };
  }
  return latency;
}
