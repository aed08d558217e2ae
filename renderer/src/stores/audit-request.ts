import type { AuditFilter } from '@contract';

export interface AuditForm {
  who: string;
  action: string;
  result: '' | 'ok' | 'error';
  /** datetime-local values (local time), '' for open ends. */
  from: string;
  to: string;
}

export const auditPageSize = 50;

/** datetime-local text → UTC ms; undefined when empty or unreadable. */
export function localInputToMs(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** The audit.list request for a form and a page position (keyset: entries older than `beforeId`). */
export function auditRequest(form: AuditForm, beforeId?: number, limit = auditPageSize): AuditFilter {
  const request: AuditFilter = { limit };
  if (form.who.trim()) request.who = form.who.trim();
  if (form.action) request.action = form.action;
  if (form.result) request.result = form.result;
  const from = localInputToMs(form.from);
  const to = localInputToMs(form.to);
  if (from !== undefined) request.from = from;
  if (to !== undefined) request.to = to;
  if (beforeId !== undefined) request.beforeId = beforeId;
  return request;
}

/** Action names the core writes (core/actions/service.ts `audited(...)` and settings). */
export const auditActions = [
  'actions.pause', 'actions.queueLogin', 'actions.queueLogout', 'actions.spy', 'actions.transfer', 'actions.hangup', 'actions.dial',
  'actions.endWrapup', 'actions.wrapup', 'blacklist.add', 'blacklist.remove', 'recordings.open', 'settings.setWrapup',
];
