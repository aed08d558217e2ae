import type { Logger } from '../base/logger';
import type { Notice } from '../contract/model';
import type { ReportRunView, ReportSchedule, ReportScheduleView } from '../contract/methods/schedules';
import type { ReportScheduleStore } from '../store/report-schedules';
import { runReport, type ReportRunDeps } from './run-report';
import { lastDueAt, nextDueAt, periodOf } from './schedule-time';

// Runs the scheduled reports when they are due. Every check looks at each enabled schedule's
// latest slot (schedule-time.ts): a slot after the schedule was saved, with no run yet, is
// claimed in SQLite and run. After downtime that is the one latest missed slot, not each
// of them; a slot claimed before a restart is never run again. Time is the core's clock,
// so tests drive it. Failures are logged and shown as a notice until the next good run.

export interface ReportSchedulerDeps extends ReportRunDeps {
  store: ReportScheduleStore;
  log: Logger;
  timeZone: string;
  notices: { put(notice: Notice): void; remove(id: string): void };
  /** How often due schedules are looked for; 0 = never by itself (tests call runDue). */
  checkEveryMs?: number;
}

export interface ReportScheduler {
  /** Runs every schedule whose latest slot has no run yet; answers the runs it made. */
  runDue(): Promise<ReportRunView[]>;
  /** Runs one schedule now for its last complete period. */
  runNow(id: string): Promise<ReportRunView | undefined>;
  view(schedule: ReportSchedule): ReportScheduleView;
  /** No more checks; answers once a run in progress has finished (its files complete, its outcome stored). */
  stop(): Promise<void>;
}

const noticeIdOf = (id: string) => `report_failed:${id}`;

export function startReportScheduler(deps: ReportSchedulerDeps): ReportScheduler {
  const { store, log, timeZone } = deps;
  const interrupted = store.closeInterrupted(deps.now());
  if (interrupted > 0) log.warn(`${interrupted} scheduled report run(s) were interrupted when Callboard stopped; they are marked failed`);

  async function execute(schedule: ReportSchedule, runId: number, period: { from: number; to: number }): Promise<ReportRunView> {
    const outcome = await runReport(deps, schedule, period);
    const run = store.finish(runId, outcome, deps.now());
    if (outcome.status === 'ok') {
      log.info(`scheduled report "${schedule.name}": ${outcome.files.join(', ') || 'no files kept'}${outcome.mailedTo.length ? `, mailed to ${outcome.mailedTo.join(', ')}` : ''}`);
      deps.notices.remove(noticeIdOf(schedule.id));
    } else {
      log.warn(`scheduled report "${schedule.name}" failed: ${outcome.message ?? 'unknown error'}`);
      deps.notices.put({
        id: noticeIdOf(schedule.id), level: 'warning', code: 'report_failed', params: { name: schedule.name, reason: outcome.message ?? '' },
        message: `scheduled report "${schedule.name}" failed: ${outcome.message ?? ''}`, at: deps.now(),
      });
    }
    return run;
  }

  let running: Promise<ReportRunView[]> = Promise.resolve([]);
  let manual: Promise<unknown> = Promise.resolve();
  async function checkOnce(): Promise<ReportRunView[]> {
    const runs: ReportRunView[] = [];
    for (const { schedule, savedAt } of store.list()) {
      if (!schedule.isEnabled) continue;
      const now = deps.now();
      const slot = lastDueAt(schedule, now, timeZone);
      if (slot < savedAt || (store.lastSlot(schedule.id) ?? -Infinity) >= slot) continue;
      const period = periodOf(schedule, slot, timeZone);
      const runId = store.claimSlot(schedule.id, slot, period, now);
      if (runId === undefined) continue;
      runs.push(await execute(schedule, runId, period));
    }
    return runs;
  }
  // One check at a time: a slow report must not be started twice by the next tick.
  const runDue = () => (running = running.then(checkOnce, checkOnce));

  const timer = deps.checkEveryMs ? setInterval(() => void runDue().catch((error: unknown) => log.error('scheduled reports check failed', error)), deps.checkEveryMs) : undefined;
  timer?.unref();
  if (deps.checkEveryMs) void runDue().catch((error: unknown) => log.error('scheduled reports check failed', error));

  return {
    runDue,
    async runNow(id) {
      const stored = store.get(id);
      if (!stored) return undefined;
      const now = deps.now();
      const period = periodOf(stored.schedule, lastDueAt(stored.schedule, now, timeZone), timeZone);
      const run = execute(stored.schedule, store.startManual(id, period, now), period);
      manual = Promise.allSettled([manual, run]);
      return run;
    },
    view(schedule) {
      const lastRun = store.lastRun(schedule.id);
      return {
        ...schedule,
        ...(schedule.isEnabled ? { nextRunAt: nextDueAt(schedule, deps.now(), timeZone) } : {}),
        ...(lastRun ? { lastRun } : {}),
      };
    },
    async stop() {
      clearInterval(timer);
      await Promise.allSettled([running, manual]);
    },
  };
}
