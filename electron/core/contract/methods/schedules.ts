import { z } from 'zod';
import { method, type ActionResult } from '../method';

// Scheduled reports: a daily or weekly report of the queues and agents, rendered to XLSX
// and/or PDF into a folder on the core's machine and/or mailed through the configured
// SMTP relay. Schedules live in the core (store/report-schedules.ts); the core runs them
// (reports/scheduler.ts). Every method is the operator's: a schedule names folders and
// mail addresses, which the LAN wallboard has no business reading.

export const MAX_SCHEDULES = 20;
export const MAX_RECIPIENTS = 20;

export type ScheduleKind = 'daily' | 'weekly';
export type ReportFormat = 'xlsx' | 'pdf';

export interface ReportSchedule {
  id: string;
  name: string;
  kind: ScheduleKind;
  /** Weekly: 1 = Monday … 7 = Sunday (ISO); the week reported is the 7 days before that day. */
  weekday?: number;
  /** 'HH:MM' in the core's time zone. */
  time: string;
  /** Empty = every queue. */
  queues: string[];
  formats: ReportFormat[];
  language: 'zh-CN' | 'en';
  /** Absolute folder on the core's machine, created when missing. */
  folder?: string;
  recipients: string[];
  isEnabled: boolean;
}

export interface ReportRunView {
  id: number;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'ok' | 'error';
  startedAt: number;
  finishedAt?: number;
  /** The period reported, [from, to) UTC ms. */
  from: number;
  to: number;
  /** File names written (in `folder` when there is one). */
  files: string[];
  mailedTo: string[];
  message?: string;
}

export interface ReportScheduleView extends ReportSchedule {
  /** The next time the core will run it (absent when disabled). */
  nextRunAt?: number;
  lastRun?: ReportRunView;
}

export interface ReportSchedulesView {
  schedules: ReportScheduleView[];
  timeZone: string;
  /** Whether a mail relay is configured (config file `reports.smtp`); recipients need one. */
  isMailConfigured: boolean;
  /** The PDF's font: 'cjk' when a Chinese font was found, else 'latin' (Chinese reports are then written in English). */
  pdfFont: 'cjk' | 'latin';
}

/** Printable text, no control characters. */
const label = z.string().trim().min(1).max(60).regex(/^[^\p{Cc}\p{Cf}]+$/u, 'no control characters');
/** An absolute path (POSIX, drive letter or UNC), no `..` segment, no control characters. */
export const folderSchema = z
  .string()
  .trim()
  .min(1)
  .max(400)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'an absolute folder path')
  .regex(/^[^\p{Cc}]+$/u, 'no control characters')
  .refine((path) => !path.split(/[\\/]/).includes('..'), 'no ".." in the folder path');

export const scheduleInputSchema = z
  .object({
    /** Absent: a new schedule. */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional(),
    name: label,
    kind: z.enum(['daily', 'weekly']),
    weekday: z.number().int().min(1).max(7).optional(),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
    queues: z.array(z.string().trim().min(1).max(64)).max(200).default([]),
    formats: z.array(z.enum(['xlsx', 'pdf'])).min(1).max(2).refine((formats) => new Set(formats).size === formats.length, 'each format once'),
    language: z.enum(['zh-CN', 'en']),
    folder: folderSchema.optional(),
    recipients: z.array(z.email().max(254)).max(MAX_RECIPIENTS).default([]),
    isEnabled: z.boolean().default(true),
  })
  .strict()
  .refine((input) => input.kind === 'daily' || input.weekday !== undefined, { message: 'a weekly report needs a weekday', path: ['weekday'] })
  .refine((input) => input.folder !== undefined || input.recipients.length > 0, { message: 'a folder or at least one mail recipient', path: ['folder'] });

export type ReportScheduleInput = z.input<typeof scheduleInputSchema>;

const scheduleId = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) }).strict();

export const schedulesMethods = {
  'schedules.list': method<ReportSchedulesView>()('act', z.object({}).strict()),
  /** Adds (no id) or replaces a schedule; at most MAX_SCHEDULES. */
  'schedules.save': method<ActionResult<ReportScheduleView>>()('act', scheduleInputSchema),
  'schedules.remove': method<ActionResult>()('act', scheduleId),
  /** Runs it now for its last complete period and answers when the files are written (and mailed). */
  'schedules.runNow': method<ActionResult<ReportRunView>>()('act', scheduleId),
};
