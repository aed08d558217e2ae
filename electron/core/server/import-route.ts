import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Caller } from '../contract';
import { JobReporter } from '../live/job-reporter';
import type { LiveModel } from '../live/model';
import { recordAct, type AuditLog } from '../store/audit-log';
import type { CallStore } from '../store/call-store';
import type { Db } from '../store/database';
import { importHistory, type ImportFormat } from '../store/import';
import { memberExtensions } from '../live/member-extensions';
import { sendJson } from './http-util';
import { pbxIdPattern } from '../base/pbx-id';

export interface ImportRouteOptions {
  db: Db;
  timeZone: string;
  /** The cache the imported calls land in, and where the import is recorded. */
  store: CallStore;
  audit: AuditLog;
  model: LiveModel;
  /** Largest accepted upload; default 512 MB. */
  maxBytes?: number;
  /** At most one progress update per this many ms (the batcher sends every 25 ms anyway). */
  progressEveryMs?: number;
  /** A console of several PBXs: their ids; an import then says which one its file is from (`&pbx=`). */
  pbxs?: readonly string[];
}

const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
const ERRORS_SHOWN = 20;

const querySchema = z.object({
  format: z.enum(['jsonl', 'csv', 'json', 'queue_log', 'master_csv']).optional(),
  table: z.enum(['cc_cdr', 'cdr', 'ivr']).optional(),
  name: z.string().max(255).optional(),
  pbx: z.string().regex(pbxIdPattern).optional(),
});

class TooLarge extends Error {}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  // The client may still be sending a body we will not read: close rather than drain it.
  if (status === 413) res.setHeader('connection', 'close');
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** Stream the request body into `file`; false when it grew past `limit` bytes. */
async function receive(req: IncomingMessage, file: string, limit: number): Promise<boolean> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > limit ? new TooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(file));
    return true;
  } catch (error) {
    if (error instanceof TooLarge) return false;
    throw error;
  }
}

/**
 * POST httpPaths.import (/api/import)?format=jsonl|csv|json|queue_log|master_csv&table=cc_cdr|cdr|ivr&name=<file name>
 * How history files come in, from a browser or the desktop's app:// pages alike:
 * the body is streamed to a temp file, answered 202 {jobId}, then imported in the
 * background with store/import.ts while its progress goes out as `job` LiveUpdates.
 * Importing writes history, so only an operator (role act) may do it.
 */
export async function serveImport(req: IncomingMessage, res: ServerResponse, caller: Caller, options: ImportRouteOptions): Promise<void> {
  if (req.method !== 'POST') return fail(res, 405, 'bad_request', 'Use POST');
  if (caller.role !== 'act') {
    req.resume();
    // A refused attempt is audited too: someone tried to write history.
    const message = 'Importing history needs the operator role';
    recordAct(options.audit, { who: caller.who, action: 'history.import', target: 'upload', params: {} }, { code: 'forbidden', message });
    return fail(res, 403, 'forbidden', message);
  }
  const params = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  const query = querySchema.safeParse(params);
  if (!query.success) {
    req.resume();
    return fail(res, 400, 'bad_request', query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const { pbx } = query.data;
  // A file names no PBX: imported bare into a console of several, its calls would be counted beside theirs.
  const pbxRefusal = !options.pbxs ? (pbx === undefined ? undefined : `pbx=${pbx}: this console watches one PBX`)
    : pbx === undefined ? `this console watches several PBXs (${options.pbxs.join(', ')}): say which one the file is from (&pbx=…)`
      : options.pbxs.includes(pbx) ? undefined : `pbx=${pbx} is none of this console's PBXs (${options.pbxs.join(', ')})`;
  if (pbxRefusal) {
    req.resume();
    return fail(res, 400, 'bad_request', pbxRefusal);
  }
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (Number(req.headers['content-length'] ?? 0) > limit) return fail(res, 413, 'bad_request', `Upload larger than ${limit} bytes`);

  const { table, name } = query.data;
  const label = name ?? 'upload';
  // `json` is accepted as an alias: the importer reads one JSON object per line.
  const format = query.data.format === 'json' ? 'jsonl' : query.data.format;
  const dir = await mkdtemp(join(tmpdir(), 'callboard-import-'));
  const file = join(dir, `upload${format ? `.${format}` : extname(label).toLowerCase() || '.jsonl'}`);
  try {
    if (!(await receive(req, file, limit))) {
      await rm(dir, { recursive: true, force: true });
      return fail(res, 413, 'bad_request', `Upload larger than ${limit} bytes`);
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const jobId = randomUUID();
  sendJson(res, 202, { ok: true, jobId });
  void runImport({ jobId, label, file, format, table, ...(pbx ? { pbx } : {}), caller, options }).finally(() => rm(dir, { recursive: true, force: true }));
}

interface ImportRun {
  jobId: string;
  label: string;
  file: string;
  format?: ImportFormat;
  table?: 'cc_cdr' | 'cdr' | 'ivr';
  pbx?: string;
  caller: Caller;
  options: ImportRouteOptions;
}

/** Runs the import, reporting progress in bytes of the file (the only total known up front). */
async function runImport({ jobId, label, file, format, table, pbx, caller, options }: ImportRun): Promise<void> {
  const { audit, store } = options;
  const job = new JobReporter(options.model, { id: jobId, kind: 'import', label, unit: 'bytes' }, options.progressEveryMs);
  const auditParams = { format, table, jobId, ...(pbx ? { pbx } : {}) };
  try {
    const result = await importHistory(store, file, {
      format,
      table,
      timeZone: options.timeZone,
      extensionOf: memberExtensions(options.model, pbx),
      ...(pbx ? { pbx } : {}),
      fileName: label,
      onProgress: ({ rowsDone, bytesDone, totalBytes }) => job.progress({ done: bytesDone, total: totalBytes, rows: rowsDone }),
    });
    job.finish({
      rows: result.rowsImported,
      errorCount: result.errorCount,
      errors: result.errors.slice(0, ERRORS_SHOWN),
      message: `${result.rowsImported}/${result.rowsDone} rows imported, ${result.errorCount} errors`,
    });
    recordAct(audit, { who: caller.who, action: 'history.import', target: label, params: { ...auditParams, rowsImported: result.rowsImported, errorCount: result.errorCount } }, { code: 'ok' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    job.fail(message);
    recordAct(audit, { who: caller.who, action: 'history.import', target: label, params: auditParams }, { code: 'import_failed', message });
  }
}
