import { mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ActionResult } from '../../contract/method';
import { MAX_SCHEDULES, schedulesMethods, type ReportSchedule } from '../../contract/methods/schedules';
import type { CoreContext } from '../context';
import type { HandlerSet } from '../handlers';
import type { ReportSchedules } from '../start-report-schedules';
import { auditAct } from './audit';

// Handlers of contract/methods/schedules.ts; every change is audited.
type SchedulesHandlerSet = HandlerSet<keyof typeof schedulesMethods>;

function schedulesOf(context: CoreContext): ReportSchedules {
  if (!context.reportSchedules) throw new Error('scheduled reports are not running in this core');
  return context.reportSchedules;
}


/** The folder itself, or its nearest parent that exists. */
async function existingAncestor(folder: string): Promise<string> {
  let at = resolve(folder);
  while (!(await stat(at).then(() => true, () => false)) && dirname(at) !== at) at = dirname(at);
  return at;
}

/** `folder` is `root` or below it. */
function isWithin(root: string, folder: string): boolean {
  const path = relative(root, folder);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

const invalid = (message: string): ActionResult<never> => ({ ok: false, error: { code: 'invalid', message } });

/** Why a schedule cannot be kept on this core (the schema has checked its shape), or undefined. */
async function problemOf(schedule: Omit<ReportSchedule, 'id'> & { id?: string }, reports: ReportSchedules): Promise<string | undefined> {
  if (!schedule.id && reports.store.count() >= MAX_SCHEDULES) return `at most ${MAX_SCHEDULES} schedules`;
  if (schedule.id && !reports.store.get(schedule.id)) return `no schedule ${schedule.id}`;
  if (schedule.recipients.length > 0 && !reports.isMailConfigured) return 'mail recipients need a mail relay (config file: reports.smtp)';
  if (schedule.folder !== undefined) {
    // The schema allows either platform's absolute form; this machine decides.
    if (!isAbsolute(schedule.folder)) return `${schedule.folder} is not an absolute folder on the core's machine`;
    const outside = `${schedule.folder} is outside the folders reports may be written to (${reports.folderRoots.join(', ')}; config file: reports.folders)`;
    const root = reports.folderRoots.find((candidate) => isWithin(candidate, resolve(schedule.folder!)));
    if (!root) return outside;
    try {
      // A symbolic link inside the root must not lead out of it: checked before anything is created, and after.
      await mkdir(root, { recursive: true });
      const realRoot = await realpath(root);
      if (!isWithin(realRoot, await realpath(await existingAncestor(schedule.folder)))) return outside;
      await mkdir(schedule.folder, { recursive: true });
      if (!isWithin(realRoot, await realpath(schedule.folder))) return outside;
    } catch (error) {
      return `the folder ${schedule.folder} cannot be created: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return undefined;
}

export const schedulesHandlers: SchedulesHandlerSet = {
  'schedules.list': (_request, context) => {
    const reports = schedulesOf(context);
    return {
      schedules: reports.store.list().map(({ schedule }) => reports.scheduler.view(schedule)),
      timeZone: reports.timeZone,
      isMailConfigured: reports.isMailConfigured,
      pdfFont: reports.pdfFont,
    };
  },
  'schedules.save': async (input, context) => {
    const reports = schedulesOf(context);
    const { weekday, folder, ...rest } = input;
    const schedule = { ...rest, ...(input.kind === 'weekly' && weekday !== undefined ? { weekday } : {}), ...(folder !== undefined ? { folder } : {}) };
    const problem = await problemOf(schedule, reports);
    const result: ActionResult<ReturnType<typeof reports.scheduler.view>> = problem
      ? invalid(problem)
      : { ok: true, value: reports.scheduler.view(reports.store.save(schedule, context.model.now())) };
    auditAct(context, 'schedules.save', result.ok ? result.value.id : (input.id ?? input.name), input, result);
    return result;
  },
  'schedules.remove': ({ id }, context) => {
    const reports = schedulesOf(context);
    const result: ActionResult = reports.store.remove(id) ? { ok: true, value: undefined } : { ok: false, error: { code: 'not_found', message: `no schedule ${id}` } };
    if (result.ok) context.model.removeNotice(`report_failed:${id}`);
    auditAct(context, 'schedules.remove', id, { id }, result);
    return result;
  },
  'schedules.runNow': async ({ id }, context) => {
    const run = await schedulesOf(context).scheduler.runNow(id);
    const result: ActionResult<NonNullable<typeof run>> = !run
      ? { ok: false, error: { code: 'not_found', message: `no schedule ${id}` } }
      : run.status === 'ok'
        ? { ok: true, value: run }
        : { ok: false, error: { code: 'invalid', message: run.message ?? 'the report failed' } };
    auditAct(context, 'schedules.runNow', id, { id, ...(run ? { files: run.files } : {}) }, result);
    return result;
  },
};
