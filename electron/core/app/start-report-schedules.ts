import { join, resolve } from 'node:path';
import type { ActionService } from '../actions/service';
import type { CoreConfig } from '../config/config';
import type { LiveModel } from '../live/model';
import { findCjkFont } from '../reports/pdf-font';
import { startReportScheduler, type ReportScheduler } from '../reports/scheduler';
import { createReportScheduleStore, type ReportScheduleStore } from '../store/report-schedules';
import type { Db } from '../store/database';
import type { Lifetime } from '../base/lifetime';
import type { Logger } from '../base/logger';
import type { Reads } from '../store/reads';

/** What the schedules' handlers need: the stored schedules, the scheduler, and what the page shows of the setup. */
export interface ReportSchedules {
  store: ReportScheduleStore;
  scheduler: ReportScheduler;
  timeZone: string;
  isMailConfigured: boolean;
  pdfFont: 'cjk' | 'latin';
  /** Absolute folders a schedule's folder must lie in (config `reports.folders`, default <dataDir>/reports). */
  folderRoots: string[];
}

/** Looks for due reports every 30 s (a check is one small query); the clock is the live model's. */
export const REPORT_CHECK_MS = 30_000;

export function startReportSchedules(
  parts: { db: Db; model: LiveModel; reads: Reads; actions: ActionService; log: Logger; timeZone: string },
  config: Pick<CoreConfig, 'reports' | 'dataDir'>,
  lifetime: Lifetime,
  checkEveryMs = REPORT_CHECK_MS,
): ReportSchedules {
  const { db, model, reads, actions, log, timeZone } = parts;
  const { font, problems } = findCjkFont(config.reports?.pdfFont);
  if (!font) log.warn(`scheduled reports: PDFs will be written in English: ${problems.join('; ')}`);
  else if (problems.length > 0) log.warn(`scheduled reports: ${problems.join('; ')}; using ${font.file}`);
  const smtp = config.reports?.smtp;
  const store = createReportScheduleStore(db);
  const scheduler = startReportScheduler({
    store,
    reads,
    log,
    timeZone,
    now: () => model.now(),
    pauseReasons: () => actions.pauseReasons(),
    notices: { put: (notice) => model.putNotice(notice), remove: (id) => model.removeNotice(id) },
    checkEveryMs,
    ...(smtp ? { smtp } : {}),
    ...(font ? { pdfFont: font } : {}),
  });
  lifetime.defer(() => scheduler.stop());
  const folderRoots = (config.reports?.folders ?? [join(config.dataDir, 'reports')]).map((folder) => resolve(folder));
  return { store, scheduler, timeZone, isMailConfigured: smtp !== undefined, pdfFont: font ? 'cjk' : 'latin', folderRoots };
}
