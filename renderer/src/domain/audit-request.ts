import { wallToUtc, type AuditFilter } from '@contract';

export interface AuditForm {
  who: string;
  action: string;
  result: '' | 'ok' | 'error';
  /** Local times as typed, "2026-12-05 08:00" (or a date alone), '' for open ends. */
  from: string;
  to: string;
}

export const auditPageSize = 50;

/**
 * "2026-12-05 08:00", "2026/12/5 8:00", "2026-12-05T08:00" or a date alone (as an end: the day's end), as the
 * site's wall time (site-time.ts; the browser's without a zone) → UTC ms;
 * undefined when empty or unreadable. Typed, not a browser date picker: those show the browser's
 * format (mm/dd/yyyy in an English browser), whatever the console's language.
 */
export function localInputToMs(value: string, isEnd = false, timeZone?: string): number | undefined {
  const match = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2}))?\s*$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute));
  const isReal = wall.getUTCFullYear() === year && wall.getUTCMonth() === month - 1 && wall.getUTCDate() === day && hour < 24;
  if (!isReal) return undefined;
  // A date alone as the end of a range means through that whole day.
  if (isEnd && match[4] === undefined) wall.setUTCDate(wall.getUTCDate() + 1);
  if (timeZone) return wallToUtc(wall.getTime(), timeZone);
  return new Date(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes()).getTime();
}

/** The audit.list request for a form and a page position (keyset: entries older than `beforeId`). */
export function auditRequest(form: AuditForm, beforeId?: number, limit = auditPageSize, timeZone?: string): AuditFilter {
  const request: AuditFilter = { limit };
  if (form.who.trim()) request.who = form.who.trim();
  if (form.action) request.action = form.action;
  if (form.result) request.result = form.result;
  const from = localInputToMs(form.from, false, timeZone);
  const to = localInputToMs(form.to, true, timeZone);
  if (from !== undefined) request.from = from;
  if (to !== undefined) request.to = to;
  if (beforeId !== undefined) request.beforeId = beforeId;
  return request;
}

/** Action names the core writes (core/actions/service.ts `audited(...)` and settings). */
export const auditActions = [
  'actions.pause', 'actions.queueLogin', 'actions.queueLogout', 'actions.spy', 'actions.spyMode', 'actions.transfer', 'actions.hangup', 'actions.dial',
  'actions.endWrapup', 'actions.wrapup', 'blacklist.add', 'blacklist.remove', 'blacklist.setNote', 'callbacks.dismiss', 'recordings.open', 'history.download', 'history.import',
  'settings.setWrapup', 'settings.setThresholds', 'settings.setRetention', 'settings.setPauseReasons', 'settings.setConnections', 'settings.setGateway',
  'settings.testAmi', 'settings.testVendorApi', 'settings.testHistory', 'boards.save', 'boards.remove', 'alerts.acknowledge', 'alerts.snooze', 'alerts.setRules',
  'schedules.save', 'schedules.remove', 'schedules.runNow',
];
