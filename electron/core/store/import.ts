import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { QueueAttempt } from '../contract/figures';
import type { CallRecord, ImportResult, IvrStep } from '../contract/history';
import type { CallStore } from './call-store';
import { vendorRowToRecord, type VendorTable } from '../vendor-api/call-records';
import { createAsteriskLogRows, type ImportRows } from './import-asterisk';
import { qualifyAttempt, qualifyCallRecord, qualifyIvrStep } from '../live/pbx-qualify';
import { noteOwnWrites } from './shared-outbox';

// History import: cc_cdr / cdr / ivr rows exported elsewhere, as JSON lines or CSV with a
// header row of vendor field names (coocenter-api.md), or Asterisk's own queue_log and
// Master.csv (import-asterisk.ts). Streams the file, commits every BATCH rows in one
// transaction and yields to the event loop between batches; a bad line is recorded
// (line number + reason) and skipped, never fatal. Everything merges by uniqueid with
// what the cache holds (the PBX's own logs win for queue figures), never counted twice.

export interface ImportProgress {
  rowsDone: number;
  bytesDone: number;
  totalBytes: number;
}

export type ImportFormat = 'jsonl' | 'csv' | 'queue_log' | 'master_csv';

export interface ImportOptions {
  format?: ImportFormat;
  /** Force the vendor table; by default each row's `event` field or field names decide. */
  table?: VendorTable;
  /** Zone of the PBX local times in the file; default the store's zone. */
  timeZone?: string;
  onProgress?: (progress: ImportProgress) => void;
  batchSize?: number;
  maxErrorsKept?: number;
  /** The file's name as the user had it (an upload is stored under another): it may tell the format. */
  fileName?: string;
  /** queue_log names members by name or interface: the extension each stands for (the live model's members). */
  extensionOf?: (agent: string) => string | undefined;
  /** A console of several PBXs: the PBX the file is from; its ids get that PBX's prefix (contract/pbx-ids.ts). */
  pbx?: string;
}

/** The rows one import batch wrote. */
export interface ImportedBatch {
  calls: CallRecord[];
  attempts: QueueAttempt[];
  steps: IvrStep[];
}

/** One CSV record's fields (RFC 4180 quoting: "" inside quotes is a quote). */
export function parseCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** Whether `text` holds an odd number of quotes: a record continuing on the next line flips with each such line. */
function hasOddQuotes(text: string): boolean {
  let quotes = 0;
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) quotes += 1;
  return quotes % 2 === 1;
}

/**
 * Longest CSV record kept while its quotes are open. An unbalanced quote would otherwise
 * make the rest of the file one record, held in memory and rescanned line after line.
 */
const MAX_RECORD_CHARS = 1 << 20;

function formatOf(file: string, firstLine: string, forced?: ImportFormat): ImportFormat {
  if (forced) return forced;
  const extension = extname(file).toLowerCase();
  // queue_log: `epoch|callid|queue|agent|EVENT|…`; Master.csv: cdr_csv's quoted columns (or its header, when one was added).
  if (/queue_log/i.test(file) || /^\d{9,11}\|[^|]*\|[^|]*\|[^|]*\|[A-Z]+/.test(firstLine)) return 'queue_log';
  const isCdrRow = firstLine.startsWith('"') && /"(?:SIP|PJSIP|IAX2|DAHDI|Local)\//.test(firstLine) && /"\d{6,12}\.\d{1,10}"/.test(firstLine);
  if (/master\.csv$/i.test(file) || /^accountcode,src,dst/i.test(firstLine) || isCdrRow) return 'master_csv';
  if (extension === '.csv') return 'csv';
  if (['.jsonl', '.ndjson', '.json'].includes(extension)) return 'jsonl';
  return firstLine.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export async function importHistory(store: CallStore, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const totalBytes = statSync(file).size;
  const batchSize = options.batchSize ?? 1_000;
  const maxErrorsKept = options.maxErrorsKept ?? 1_000;
  const timeZone = options.timeZone ?? store.timeZone;
  const result: ImportResult = { rowsDone: 0, rowsImported: 0, errors: [], errorCount: 0 };
  let calls: CallRecord[] = [];
  let steps: IvrStep[] = [];
  let attempts: QueueAttempt[] = [];
  let bytesDone = 0;
  let lineNumber = 0;
  let format: ImportFormat | undefined;
  let asterisk: ImportRows | undefined;
  let header: string[] | undefined;
  let pending = '';
  let pendingLine = 0;
  let isQuoteOpen = false;
  const { pbx } = options;
  /** The batch in the ids the cache keeps: its PBX's, in a console of several. */
  const stored = (batch: ImportedBatch): ImportedBatch => pbx === undefined ? batch : {
    calls: batch.calls.map((record) => qualifyCallRecord(pbx, record)),
    attempts: batch.attempts.map((attempt) => qualifyAttempt(pbx, attempt)),
    steps: batch.steps.map((step) => qualifyIvrStep(pbx, step)),
  };
  const commitBatch = store.db.transaction((batch: ImportedBatch) => {
    store.addIvrSteps(batch.steps);
    const changes = store.queueCalls.upsertAttempts(batch.attempts);
    changes.push(...store.upsertCalls(batch.calls));
    noteOwnWrites(store.db, batch);
    return changes;
  });
  const take = (rows: { calls: CallRecord[]; attempts: QueueAttempt[] }) => {
    calls.push(...rows.calls);
    attempts.push(...rows.attempts);
  };

  const fail = (line: number, message: string) => {
    result.errorCount += 1;
    if (result.errors.length < maxErrorsKept) result.errors.push({ line, message });
  };

  const flush = async () => {
    if (calls.length + steps.length + attempts.length > 0) {
      const batch = stored({ calls, attempts, steps });
      store.publishLedgerChanges(commitBatch(batch));
      result.rowsImported += calls.length + steps.length + attempts.length;
      calls = [];
      steps = [];
      attempts = [];
    }
    options.onProgress?.({ rowsDone: result.rowsDone, bytesDone, totalBytes });
    await new Promise((resolve) => setImmediate(resolve));
  };

  const handleRecord = (line: number, fields: Record<string, unknown>) => {
    result.rowsDone += 1;
    const mapped = vendorRowToRecord(fields, timeZone, options.table);
    if ('error' in mapped) fail(line, mapped.error);
    else if (mapped.kind === 'call') calls.push(mapped.record);
    else steps.push(mapped.step);
  };

  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const rawLine of lines) {
    lineNumber += 1;
    bytesDone += Buffer.byteLength(rawLine) + 1;
    const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
    format ??= formatOf(options.fileName ?? file, line, options.format);
    if (format === 'queue_log') {
      asterisk ??= createAsteriskLogRows({ timeZone, extensionOf: options.extensionOf });
      if (line.trim() !== '') result.rowsDone += 1;
      const rows = asterisk.queueLogLine(line);
      if ('error' in rows) fail(lineNumber, rows.error);
      else take(rows);
    } else if (format === 'jsonl') {
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        parsed = error;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || parsed instanceof Error) {
        result.rowsDone += 1;
        fail(lineNumber, parsed instanceof Error ? `not JSON: ${parsed.message}` : 'not a JSON object');
      } else handleRecord(lineNumber, parsed as Record<string, unknown>);
    } else {
      // A quoted CSV field may hold a line break: keep reading until the quotes balance.
      if (pending === '') pendingLine = lineNumber;
      pending = pending === '' ? line : `${pending}\n${line}`;
      if (hasOddQuotes(line)) isQuoteOpen = !isQuoteOpen;
      if (isQuoteOpen && pending.length > MAX_RECORD_CHARS) {
        result.rowsDone += 1;
        fail(pendingLine, `quoted field longer than ${MAX_RECORD_CHARS} characters (a quote left open?)`);
        pending = '';
        isQuoteOpen = false;
        continue;
      }
      if (isQuoteOpen) continue;
      const record = pending;
      pending = '';
      if (record.trim() === '') continue;
      const values = parseCsvRecord(record);
      if (format === 'master_csv') {
        asterisk ??= createAsteriskLogRows({ timeZone, extensionOf: options.extensionOf });
        result.rowsDone += 1;
        const rows = asterisk.masterCsvRecord(values);
        if ('error' in rows) fail(pendingLine, rows.error);
        else take(rows);
        continue;
      }
      if (!header) {
        header = values.map((value) => value.trim());
        continue;
      }
      if (values.length !== header.length) {
        result.rowsDone += 1;
        fail(pendingLine, `expected ${header.length} fields, found ${values.length}`);
        continue;
      }
      handleRecord(pendingLine, Object.fromEntries(header.map((name, index) => [name, values[index]])));
    }
    if (calls.length + steps.length + attempts.length >= batchSize) await flush();
  }
  if (asterisk) take(asterisk.finish());
  if (pending !== '') {
    result.rowsDone += 1;
    fail(pendingLine, 'unterminated quoted field');
  }
  bytesDone = totalBytes;
  await flush();
  return result;
}
