import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { desktopCaller } from '../../../electron/core/app/dispatcher';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import type { AgentPerformanceReply, ReportReply, ReportRunView, ReportSchedulesView, ReportScheduleView } from '../../../electron/core/contract';
import { pauseColumnsOf, queueReportRequest } from '../../../electron/core/reports/report-data';
import { createCallStore } from '../../../electron/core/store/call-store';
import { openDatabase } from '../../../electron/core/store/database';
import { agentExportColumns, reportExportColumns } from '../../../electron/core/store/export';
import { generateCalls } from '../../support/generate-calls';

// A schedule run by the core on a driven clock against a real cache file with a week of
// calls: the XLSX holds the contract's report cell for cell, the PDF is a PDF of that
// period, and each slot runs once — across a restart too — with one catch-up after downtime.

const zone = 'Asia/Shanghai';
let dir: string;
let folder: string;
let now = Date.parse('2026-11-19T22:00:00Z'); // 2026-11-20 06:00 in Shanghai
let core: Core | undefined;

async function start(): Promise<Core> {
  core = await startCore({ ...defaultConfig(dir), receiver: false, timeZone: zone }, { log: silentLogger, serveHttp: false, clock: () => now });
  return core;
}

async function call<T>(method: string, params: unknown): Promise<T> {
  const reply = await core!.dispatch(method, params, desktopCaller);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result as T;
}

function runsOf(scheduleId: string): { trigger: string; due_at: number | null; status: string }[] {
  return core!.db.prepare('SELECT trigger, due_at, status FROM report_runs WHERE schedule_id = ? ORDER BY id').all(scheduleId) as never;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callboard-schedules-'));
  folder = join(dir, 'reports', 'daily'); // created by the core
  const db = openDatabase(join(dir, 'callboard.db'));
  generateCalls(createCallStore(db), { count: 3_000, firstDay: '2026-11-16', days: 7, timeZone: zone, seed: 22, queues: ['630', '631', '632'], agents: ['8001', '8002', '8003', '8004', '8005', '8006'] });
  db.close();
});
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduled reports in the core', () => {
  let schedule: ReportScheduleView;

  it('refuses what it cannot keep: a relative folder, a second weekday-less weekly, mail without a relay', async () => {
    await start();
    const bad = await core!.dispatch('schedules.save', { name: 'x', kind: 'daily', time: '07:00', formats: ['pdf'], language: 'en', folder: 'reports' }, desktopCaller);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const traversal = await core!.dispatch('schedules.save', { name: 'x', kind: 'daily', time: '07:00', formats: ['pdf'], language: 'en', folder: '/tmp/../etc' }, desktopCaller);
    expect(traversal).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Only inside the folders the config file allows (default <dataDir>/reports), links resolved.
    const outside = await core!.dispatch('schedules.save', { name: 'x', kind: 'daily', time: '07:00', formats: ['pdf'], language: 'en', folder: join(dir, 'elsewhere') }, desktopCaller);
    expect(outside).toMatchObject({ ok: true, result: { ok: false, error: { code: 'invalid', message: expect.stringContaining('outside the folders') } } });
    mkdirSync(join(dir, 'reports'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    symlinkSync(join(dir, 'outside'), join(dir, 'reports', 'escape'));
    const viaLink = await core!.dispatch('schedules.save', { name: 'x', kind: 'daily', time: '07:00', formats: ['pdf'], language: 'en', folder: join(dir, 'reports', 'escape', 'x') }, desktopCaller);
    expect(viaLink).toMatchObject({ ok: true, result: { ok: false, error: { message: expect.stringContaining('outside the folders') } } });
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
    expect(readdirSync(join(dir, 'outside'))).toEqual([]);
    const weekly = await core!.dispatch('schedules.save', { name: 'x', kind: 'weekly', time: '07:00', formats: ['pdf'], language: 'en', folder }, desktopCaller);
    expect(weekly).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const mail = await call<{ ok: boolean; error?: { message: string } }>('schedules.save', { name: 'x', kind: 'daily', time: '07:00', formats: ['pdf'], language: 'en', recipients: ['boss@example.com'] });
    expect(mail).toMatchObject({ ok: false, error: { message: expect.stringContaining('mail relay') } });
    const readOnly = await core!.dispatch('schedules.list', {}, { role: 'read', who: 'web:tv' });
    expect(readOnly).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('runs a daily schedule once at its time, with the Reports page figures in the XLSX', async () => {
    const saved = await call<{ ok: true; value: ReportScheduleView }>('schedules.save', {
      name: '每日报表', kind: 'daily', time: '07:00', formats: ['xlsx', 'pdf'], language: 'zh-CN', folder, queues: [],
    });
    expect(saved.ok).toBe(true);
    schedule = saved.value;
    expect(schedule.nextRunAt).toBe(Date.parse('2026-11-19T23:00:00Z'));
    // Before 07:00 nothing is due (yesterday's slot was before the schedule existed).
    await core!.reportSchedules.scheduler.runDue();
    expect(runsOf(schedule.id)).toHaveLength(0);

    now = Date.parse('2026-11-19T23:05:00Z');
    const runs = await core!.reportSchedules.scheduler.runDue();
    expect(runs).toHaveLength(1);
    const [run] = runs as [ReportRunView];
    expect(run).toMatchObject({ status: 'ok', trigger: 'schedule', from: Date.parse('2026-11-18T16:00:00Z'), to: Date.parse('2026-11-19T16:00:00Z') });
    expect(run.files).toEqual(['每日报表-2026-11-19.xlsx', '每日报表-2026-11-19.pdf']);
    expect(readdirSync(folder).sort()).toEqual([...run.files].sort());

    const request = queueReportRequest(run, []);
    const report = await call<ReportReply>('history.report', request);
    const total = await call<ReportReply>('history.report', { ...request, dimension: 'total' });
    const agents = await call<AgentPerformanceReply>('history.agentPerformance', { from: run.from, to: run.to });
    expect(report.rows.length).toBe(3);
    expect(agents.agents.length).toBeGreaterThan(0);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(folder, run.files[0]!));
    const [queueSheet, agentSheet] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(queueSheet.name).toBe('队列');
    // exceljs reads a row without its trailing empty cells.
    const trimmed = (cells: unknown[]) => {
      const row = cells.map((cell) => cell ?? null);
      while (row.length > 0 && row.at(-1) === null) row.pop();
      return row;
    };
    const queueColumns = reportExportColumns().filter((column) => column.key !== 'bucket');
    const expectedQueues = [...report.rows, { ...total.rows[0]!, key: '全部队列' }].map((row) => trimmed(queueColumns.map((column) => column.value(row))));
    const sheetValues = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(2).map((row) => trimmed((row as unknown[]).slice(1)));
    expect(sheetValues(queueSheet)).toEqual(expectedQueues);
    expect((queueSheet.getRow(1).values as unknown[])[2]).toBe('呼入量');

    const agentColumns = agentExportColumns(pauseColumnsOf({ agents: agents.agents, pauseReasons: core!.actions.pauseReasons() }));
    expect(sheetValues(agentSheet)).toEqual(agents.agents.map((row) => trimmed(agentColumns.map((column) => column.value(row)))));

    const pdf = readFileSync(join(folder, run.files[1]!));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('(2026-11-19 00:00:00 .. 2026-11-20 00:00:00 Asia/Shanghai)');
    // A Chinese font is embedded (CI installs fonts-wqy-microhei; Noto CJK does as well).
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+(WenQuanYi|NotoSansCJK)/);
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);

    // Due again a minute later: the slot has its run.
    now += 60_000;
    expect(await core!.reportSchedules.scheduler.runDue()).toEqual([]);
    const listed = await call<ReportSchedulesView>('schedules.list', {});
    expect(listed.schedules[0]).toMatchObject({ id: schedule.id, lastRun: { status: 'ok', files: run.files }, nextRunAt: Date.parse('2026-11-20T23:00:00Z') });
    expect(listed.pdfFont).toBe('cjk');
  });

  it('does not run a slot twice across a restart, and catches up one missed run after downtime', async () => {
    await core!.close();
    now = Date.parse('2026-11-19T23:30:00Z');
    await start();
    await core!.reportSchedules.scheduler.runDue();
    expect(runsOf(schedule.id)).toEqual([{ trigger: 'schedule', due_at: Date.parse('2026-11-19T23:00:00Z'), status: 'ok' }]);

    // Down for three days: one run, for the latest slot.
    await core!.close();
    now = Date.parse('2026-11-23T01:00:00Z');
    await start();
    await core!.reportSchedules.scheduler.runDue();
    const runs = runsOf(schedule.id);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toEqual({ trigger: 'schedule', due_at: Date.parse('2026-11-22T23:00:00Z'), status: 'ok' });
    expect(readdirSync(folder)).toContain('每日报表-2026-11-22.pdf');
  });

  it('runs now on demand, audited, and says why when the folder cannot be written', async () => {
    const ran = await call<{ ok: true; value: ReportRunView }>('schedules.runNow', { id: schedule.id });
    expect(ran).toMatchObject({ ok: true, value: { trigger: 'manual', status: 'ok' } });
    const audit = core!.db.prepare("SELECT action, result FROM audit_log WHERE action LIKE 'schedules.%' ORDER BY id").all();
    expect(audit).toContainEqual({ action: 'schedules.save', result: 'ok' });
    expect(audit).toContainEqual({ action: 'schedules.runNow', result: 'ok' });

    // A folder that became a file: the run fails, the notice says which schedule and why.
    const blocked = join(dir, 'reports', 'blocked');
    const saved = await call<{ ok: true; value: ReportScheduleView }>('schedules.save', { name: 'weekly', kind: 'weekly', weekday: 1, time: '06:00', formats: ['pdf'], language: 'en', folder: blocked });
    rmSync(blocked, { recursive: true });
    writeFileSync(blocked, 'not a folder');
    const failed = await core!.dispatch('schedules.runNow', { id: saved.value.id }, desktopCaller);
    expect(failed).toMatchObject({ ok: true, result: { ok: false, error: { code: 'invalid' } } });
    const notice = core!.model.snapshot().notices.find((entry) => entry.code === 'report_failed');
    expect(notice).toMatchObject({ params: { name: 'weekly' } });
    expect(notice?.params.reason).toMatch(/EEXIST|ENOTDIR|not a directory|exists/i);
    const removed = await call<{ ok: boolean }>('schedules.remove', { id: saved.value.id });
    expect(removed.ok).toBe(true);
    expect(core!.model.snapshot().notices.some((entry) => entry.code === 'report_failed')).toBe(false);
  });
});
