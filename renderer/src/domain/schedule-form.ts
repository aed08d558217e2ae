import type { ReportFormat, ReportSchedule, ReportScheduleInput, ScheduleKind } from '@contract';
import { formatLocal } from '@contract';

/** The schedule editor's fields: lists as the comma-separated text the supervisor types. */
export interface ScheduleForm {
  id?: string;
  name: string;
  kind: ScheduleKind;
  weekday: number;
  time: string;
  queuesText: string;
  xlsx: boolean;
  pdf: boolean;
  language: 'zh-CN' | 'en';
  folder: string;
  recipientsText: string;
  isEnabled: boolean;
}

export function emptyScheduleForm(language: 'zh-CN' | 'en'): ScheduleForm {
  return { name: '', kind: 'daily', weekday: 1, time: '07:00', queuesText: '', xlsx: true, pdf: true, language, folder: '', recipientsText: '', isEnabled: true };
}

export function formOfSchedule(schedule: ReportSchedule): ScheduleForm {
  return {
    id: schedule.id,
    name: schedule.name,
    kind: schedule.kind,
    weekday: schedule.weekday ?? 1,
    time: schedule.time,
    queuesText: schedule.queues.join(', '),
    xlsx: schedule.formats.includes('xlsx'),
    pdf: schedule.formats.includes('pdf'),
    language: schedule.language,
    folder: schedule.folder ?? '',
    recipientsText: schedule.recipients.join(', '),
    isEnabled: schedule.isEnabled,
  };
}

/** Comma, semicolon, space or newline separated; blanks and repeats dropped. */
export function listOf(text: string): string[] {
  return [...new Set(text.split(/[\s,;，；]+/).map((item) => item.trim()).filter(Boolean))];
}

/** What schedules.save receives; the core validates it (shape, folder, limits). */
export function inputOfForm(form: ScheduleForm): ReportScheduleInput {
  const formats: ReportFormat[] = [...(form.xlsx ? (['xlsx'] as const) : []), ...(form.pdf ? (['pdf'] as const) : [])];
  const folder = form.folder.trim();
  return {
    ...(form.id ? { id: form.id } : {}),
    name: form.name.trim(),
    kind: form.kind,
    ...(form.kind === 'weekly' ? { weekday: form.weekday } : {}),
    time: form.time,
    queues: listOf(form.queuesText),
    formats,
    language: form.language,
    ...(folder ? { folder } : {}),
    recipients: listOf(form.recipientsText),
    isEnabled: form.isEnabled,
  };
}

/** 'YYYY-MM-DD HH:mm' in the core's zone. */
export function whenText(at: number | undefined, timeZone: string): string {
  return at === undefined ? '—' : formatLocal(at, timeZone).slice(0, 16);
}
