import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Reads } from '../store/reads';
import { formatLocal } from '../base/time-zone';
import type { PauseReason } from '../contract/methods/settings';
import type { ReportSchedule } from '../contract/methods/schedules';
import type { ExportLanguage } from '../store/export-labels';
import { sendReportMail, type SmtpRelay } from './mail';
import type { PdfFont } from './pdf-font';
import { writeScheduledPdf } from './render-pdf';
import { writeScheduledXlsx } from './render-xlsx';
import { readScheduledReport } from './report-data';

// One run of a schedule: read the period's figures, write the files into its folder (or a
// temporary one when it only mails), mail them when it has recipients.

export interface ReportRunDeps {
  reads: Reads;
  now: () => number;
  pauseReasons: () => PauseReason[];
  smtp?: SmtpRelay;
  /** A Chinese font for the PDF; without one it is written in English. */
  pdfFont?: PdfFont;
}

export interface RunOutcome {
  status: 'ok' | 'error';
  files: string[];
  mailedTo: string[];
  message?: string;
}

/** A file name from a schedule's name: no separators, no reserved characters, no leading dot; never a path. */
export function safeFileStem(name: string): string {
  const stem = name
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 80);
  return stem && basename(stem) === stem ? stem : 'report';
}

/** 2026-12-05 for one day, 2026-11-30_2026-12-06 for several (the last day included). */
export function periodLabel(period: { from: number; to: number }, timeZone: string): string {
  const first = formatLocal(period.from, timeZone).slice(0, 10);
  const last = formatLocal(period.to - 1, timeZone).slice(0, 10);
  return first === last ? first : `${first}_${last}`;
}

export async function runReport(deps: ReportRunDeps, schedule: ReportSchedule, period: { from: number; to: number }): Promise<RunOutcome> {
  const files: string[] = [];
  const mailedTo: string[] = [];
  let scratch: string | undefined;
  try {
    const data = await readScheduledReport(deps.reads, period, schedule.queues, deps.pauseReasons(), deps.now());
    const folder = schedule.folder ?? (scratch = await mkdtemp(join(tmpdir(), 'callboard-report-')));
    await mkdir(folder, { recursive: true });
    const stem = `${safeFileStem(schedule.name)}-${periodLabel(period, data.timeZone)}`;
    const language: ExportLanguage = schedule.language;
    if (schedule.formats.includes('xlsx')) {
      files.push((await writeScheduledXlsx(join(folder, `${stem}.xlsx`), data, language)).file);
    }
    if (schedule.formats.includes('pdf')) {
      const written = await writeScheduledPdf(data, { file: join(folder, `${stem}.pdf`), title: schedule.name, language, ...(deps.pdfFont ? { font: deps.pdfFont } : {}) });
      files.push(written.file);
    }
    if (schedule.recipients.length > 0) {
      if (!deps.smtp) throw new Error('the schedule mails its report, but no mail relay is configured (config file: reports.smtp)');
      await sendReportMail(deps.smtp, {
        to: schedule.recipients,
        subject: `Callboard · ${schedule.name} · ${periodLabel(period, data.timeZone)}`,
        text: `${schedule.name}\n${formatLocal(period.from, data.timeZone)} – ${formatLocal(period.to, data.timeZone)} (${data.timeZone})\n`,
        files,
      });
      mailedTo.push(...schedule.recipients);
    }
    return { status: 'ok', files: schedule.folder ? files.map((file) => basename(file)) : [], mailedTo };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'error', files: schedule.folder ? files.map((file) => basename(file)) : [], mailedTo, message };
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}
