import { createReadStream, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Caller } from '../contract';
import { callSearchFilterSchema, callSortSchema, reportRequestSchema } from '../contract/methods/history';
import { breakdownRequestSchema, periodRequestSchema, transfersRequestSchema } from '../contract/methods/history';
import { JobReporter } from '../live/job-reporter';
import type { LiveModel } from '../live/model';
import type { Db } from '../store/database';
import { recordAct, type AuditLog } from '../store/audit-log';
import type { ExportFormat } from '../store/export';
import type { DistributionExportQuery, DistributionTable } from '../store/distribution-export';
import type { OnProgress, ReadJobArgs, ReadJobName } from '../store/read-jobs';
import { ReadRefused, readsOf, runPatiently, type Reads } from '../store/reads';
import { formatLocal } from '../base/time-zone';
import { exportBaseName, exportHeaders, exportLanguageOf, exportValueLabels, type ExportKind } from '../store/export-labels';
import { retryAfter, sendJson, statusOf } from './http-util';

const callsQuerySchema = z.object({ filter: callSearchFilterSchema.default({}), sort: callSortSchema.optional() }).strict();

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name (Chinese file names). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function badRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, { ok: false, error: { code: 'bad_request', message } });
}

function parseQuery<T>(schema: z.ZodType<T>, text: string | null): { ok: true; value: T } | { ok: false; message: string } {
  let json: unknown = {};
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, message: 'q is not JSON' };
    }
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, message: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'q'}: ${issue.message}`).join('; ') };
}

export interface ExportRouteOptions {
  db: Db;
  timeZone: string;
  /** Where a download is recorded. */
  audit: AuditLog;
  /** Where the export's progress goes; without it the export runs unreported. */
  model?: LiveModel;
  /** The core's read pool; without it, the one of this database (store/reads.ts). */
  reads?: Reads;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The request of a distribution table's export, checked as its contract method checks it. */
function distributionQuery(table: DistributionTable, text: string | null): Parsed<DistributionExportQuery> {
  if (table === 'waits') {
    const query = parseQuery(periodRequestSchema, text);
    return query.ok ? { ok: true, value: { table, request: query.value } } : query;
  }
  if (table === 'breakdown') {
    const query = parseQuery(breakdownRequestSchema, text);
    return query.ok ? { ok: true, value: { table, request: query.value } } : query;
  }
  const query = parseQuery(transfersRequestSchema, text);
  return query.ok ? { ok: true, value: { table, request: query.value } } : query;
}

/** A calls export counts its rows up to this many first, so its bar has a total; past it the bar is indeterminate. */
const COUNTED_ROWS = 100_000;

/**
 * GET /api/export/calls.(csv|xlsx)?q=<JSON {filter, sort}>&lang=zh-CN
 * GET /api/export/report.(csv|xlsx)?q=<JSON ReportRequest>&lang=en
 * GET /api/export/(waits|breakdown|transfers).(csv|xlsx)?q=<JSON request of history.distributions / breakdown / transfers>
 * How lists and reports leave the cache, for a browser or the desktop's app:// pages
 * alike: the file is written to a temp dir with store/export.ts by a read worker
 * (store/reads.ts: rate-limited per client, off the main thread; its progress a
 * `job` LiveUpdate, so the status bar shows a long export), streamed as an
 * attachment and deleted. A calls export spends two reads: its count, its rows. The cache is the operator's: only role `act` downloads it.
 */
export async function serveExport(req: IncomingMessage, res: ServerResponse, path: string, caller: Caller, { db, timeZone, audit, model, reads: given }: ExportRouteOptions): Promise<void> {
  const match = /^\/api\/export\/(calls|report|waits|breakdown|transfers)\.(csv|xlsx)$/.exec(path);
  if (!match) {
    sendJson(res, 404, { ok: false, error: { code: 'unknown_method', message: `No export ${path}` } });
    return;
  }
  if (req.method !== 'GET') {
    sendJson(res, 405, { ok: false, error: { code: 'bad_request', message: 'Use GET' } });
    return;
  }
  if (caller.role !== 'act') {
    sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'exports need the operator role' } });
    return;
  }
  const kind = match[1] as ExportKind;
  const format = match[2] as ExportFormat;
  const params = new URL(req.url ?? '/', 'http://x').searchParams;
  const language = exportLanguageOf(params.get('lang'));
  const options = { format, headers: exportHeaders(kind, language) };

  const stamp = formatLocal(Date.now(), timeZone).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
  const fileName = `${exportBaseName(kind, language)}-${stamp}.${format}`;
  const dir = await mkdtemp(join(tmpdir(), 'callboard-export-'));
  const file = join(dir, `export.${format}`);
  let job: JobReporter | undefined;
  const onProgress = (done: number) => job?.progress({ done, rows: done });
  const reads = readsOf({ db, ...(given ? { reads: given } : {}) });
  // A browser saves whatever a download answers: a short refusal is waited out here rather than saved as a file.
  const patient = <J extends ReadJobName>(job: J, args: ReadJobArgs[J], progress?: OnProgress) => runPatiently(() => reads.run(caller, job, args, progress));
  try {
    let rows: number;
    if (kind === 'calls') {
      const query = parseQuery(callsQuerySchema, params.get('q'));
      if (!query.ok) return badRequest(res, query.message);
      const { filter, sort } = query.value;
      const counted = await patient('history.search', { filter, page: { limit: 1, totalCap: COUNTED_ROWS } });
      job = model && new JobReporter(model, { kind: 'export', label: fileName, unit: 'rows', ...(counted.isTotalCapped ? {} : { total: counted.total }) });
      const values = exportValueLabels(language);
      const exportOptions = { ...options, file, sheetName: exportBaseName('calls', language), values };
      rows = (await patient('export.calls', { timeZone, filter, ...(sort ? { sort } : {}), options: exportOptions }, onProgress)).rows;
    } else if (kind !== 'report') {
      const query = distributionQuery(kind, params.get('q'));
      if (!query.ok) return badRequest(res, query.message);
      job = model && new JobReporter(model, { kind: 'export', label: fileName, unit: 'rows' });
      const exportOptions = { ...options, file, sheetName: exportBaseName(kind, language) };
      rows = (await patient('export.distributions', { ...query.value, now: model?.now() ?? Date.now(), options: exportOptions }, onProgress)).rows;
    } else {
      const query = parseQuery(reportRequestSchema, params.get('q'));
      if (!query.ok) return badRequest(res, query.message);
      // A report has a few hundred rows at most: its bar needs no total.
      job = model && new JobReporter(model, { kind: 'export', label: fileName, unit: 'rows' });
      rows = (await patient('export.report', { request: query.value, options: { ...options, file, sheetName: exportBaseName('report', language) } }, onProgress)).rows;
    }
    job?.finish({ rows, message: `${rows} rows` });
    recordAct(audit, { who: caller.who, action: 'history.download', target: path, params: { q: params.get('q') } }, { code: 'ok' });
    res.writeHead(200, {
      'content-type': contentTypes[format],
      'content-disposition': contentDisposition(fileName),
      'cache-control': 'no-store',
      'content-length': statSync(file).size,
      'x-export-rows': String(rows),
    });
    try {
      await pipeline(createReadStream(file), res);
    } catch (error) {
      // The browser cancelled the download: nothing to answer, the file goes anyway.
      if (!res.destroyed) throw error;
    }
  } catch (error) {
    // Only a failure while writing is the job's; a cancelled download after it is not.
    job?.fail(error instanceof Error ? error.message : String(error));
    if (!(error instanceof ReadRefused) || res.headersSent) throw error;
    const refusal = { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
    sendJson(res, statusOf(refusal.code), { ok: false, error: refusal }, retryAfter(refusal));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
