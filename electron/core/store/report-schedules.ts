import { randomUUID } from 'node:crypto';
import type { ReportRunView, ReportSchedule } from '../contract/methods/schedules';
import type { Db } from './database';

// The scheduled reports' tables (011_report_schedules.sql): schedules as validated JSON,
// and their runs. A scheduled run claims its slot with INSERT OR IGNORE on
// (schedule_id, due_at) before anything is written, so each slot runs at most once,
// across restarts and whichever timer fires.

export interface StoredSchedule {
  schedule: ReportSchedule;
  /** Last saved, UTC ms: slots before it are never run (an edit does not run a time already past). */
  savedAt: number;
}

/** Runs kept per schedule: enough to see a week of daily runs and what failed. */
const RUNS_KEPT = 30;

export interface ReportScheduleStore {
  list(): StoredSchedule[];
  get(id: string): StoredSchedule | undefined;
  count(): number;
  /** Inserts (a new id) or replaces; answers the stored schedule. */
  save(schedule: Omit<ReportSchedule, 'id'> & { id?: string }, now: number): ReportSchedule;
  remove(id: string): boolean;
  /** Claims a scheduled slot: the run's id, or undefined when that slot has a run already. */
  claimSlot(scheduleId: string, dueAt: number, period: { from: number; to: number }, now: number): number | undefined;
  /** The latest slot that has a run. */
  lastSlot(scheduleId: string): number | undefined;
  startManual(scheduleId: string, period: { from: number; to: number }, now: number): number;
  finish(runId: number, outcome: { status: 'ok' | 'error'; files: string[]; mailedTo: string[]; message?: string }, now: number): ReportRunView;
  lastRun(scheduleId: string): ReportRunView | undefined;
  /** Runs a stopped process left 'running': they failed. */
  closeInterrupted(now: number): number;
}

function runOf(row: Record<string, unknown>): ReportRunView {
  const run: ReportRunView = {
    id: row.id as number,
    trigger: row.trigger as ReportRunView['trigger'],
    status: row.status as ReportRunView['status'],
    startedAt: row.started_at as number,
    from: row.range_from as number,
    to: row.range_to as number,
    files: JSON.parse(row.files as string) as string[],
    mailedTo: JSON.parse(row.mailed_to as string) as string[],
  };
  if (row.finished_at !== null) run.finishedAt = row.finished_at as number;
  if (row.message !== null) run.message = row.message as string;
  return run;
}

export function createReportScheduleStore(db: Db): ReportScheduleStore {
  const statements = {
    list: db.prepare('SELECT id, definition, updated_at FROM report_schedules ORDER BY created_at, id'),
    get: db.prepare('SELECT id, definition, updated_at FROM report_schedules WHERE id = ?'),
    count: db.prepare('SELECT count(*) AS n FROM report_schedules'),
    upsert: db.prepare(
      'INSERT INTO report_schedules (id, definition, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at',
    ),
    remove: db.prepare('DELETE FROM report_schedules WHERE id = ?'),
    claim: db.prepare(
      "INSERT OR IGNORE INTO report_runs (schedule_id, trigger, due_at, status, started_at, range_from, range_to) VALUES (?, 'schedule', ?, 'running', ?, ?, ?)",
    ),
    manual: db.prepare("INSERT INTO report_runs (schedule_id, trigger, due_at, status, started_at, range_from, range_to) VALUES (?, 'manual', NULL, 'running', ?, ?, ?)"),
    lastSlot: db.prepare('SELECT max(due_at) AS slot FROM report_runs WHERE schedule_id = ?'),
    finish: db.prepare('UPDATE report_runs SET status = ?, finished_at = ?, files = ?, mailed_to = ?, message = ? WHERE id = ? RETURNING *'),
    lastRun: db.prepare('SELECT * FROM report_runs WHERE schedule_id = ? ORDER BY id DESC LIMIT 1'),
        // The run of the latest slot stays whatever else goes: it is what keeps that slot from running again.
    prune: db.prepare(
      'DELETE FROM report_runs WHERE schedule_id = @id AND id NOT IN (SELECT id FROM report_runs WHERE schedule_id = @id ORDER BY id DESC LIMIT @keep) AND (due_at IS NULL OR due_at < (SELECT max(due_at) FROM report_runs WHERE schedule_id = @id))',
    ),
    interrupted: db.prepare("UPDATE report_runs SET status = 'error', finished_at = ?, message = 'interrupted: Callboard stopped during this run' WHERE status = 'running'"),
  };
  const storedOf = (row: { id: string; definition: string; updated_at: number }): StoredSchedule => ({
    schedule: { ...(JSON.parse(row.definition) as Omit<ReportSchedule, 'id'>), id: row.id },
    savedAt: row.updated_at,
  });
  return {
    list: () => (statements.list.all() as { id: string; definition: string; updated_at: number }[]).map(storedOf),
    get(id) {
      const row = statements.get.get(id) as { id: string; definition: string; updated_at: number } | undefined;
      return row ? storedOf(row) : undefined;
    },
    count: () => (statements.count.get() as { n: number }).n,
    save({ id, ...definition }, now) {
      const key = id ?? randomUUID().replaceAll('-', '').slice(0, 16);
      statements.upsert.run(key, JSON.stringify(definition), now, now);
      return { ...definition, id: key };
    },
    remove: (id) => statements.remove.run(id).changes > 0,
    claimSlot(scheduleId, dueAt, period, now) {
      const result = statements.claim.run(scheduleId, dueAt, now, period.from, period.to);
      return result.changes > 0 ? Number(result.lastInsertRowid) : undefined;
    },
    lastSlot: (scheduleId) => (statements.lastSlot.get(scheduleId) as { slot: number | null }).slot ?? undefined,
    startManual: (scheduleId, period, now) => Number(statements.manual.run(scheduleId, now, period.from, period.to).lastInsertRowid),
    finish(runId, outcome, now) {
      const row = statements.finish.get(outcome.status, now, JSON.stringify(outcome.files), JSON.stringify(outcome.mailedTo), outcome.message ?? null, runId) as Record<string, unknown>;
      statements.prune.run({ id: row.schedule_id, keep: RUNS_KEPT });
      return runOf(row);
    },
    lastRun(scheduleId) {
      const row = statements.lastRun.get(scheduleId) as Record<string, unknown> | undefined;
      return row ? runOf(row) : undefined;
    },
    closeInterrupted: (now) => statements.interrupted.run(now).changes,
  };
}
