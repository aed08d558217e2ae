import ExcelJS from 'exceljs';
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import type { AgentFigures } from '../contract/agent-figures';
import type { CallRecord, CallSearchFilter, CallSort, ExportResult, ReportReply, ReportRow } from '../contract/history';
import { missCauseKeys } from '../contract/history';
import type { Db } from './database';
import { iterateCalls } from './call-search';
import { formatLocal } from '../base/time-zone';

// Export of any list or report to CSV or XLSX, streamed row by row (the XLSX through
// exceljs' streaming WorkbookWriter) so a million-row export never sits in memory.
// Headers are labels the caller passes (the renderer's i18n); the column key otherwise.

export type ExportFormat = 'csv' | 'xlsx';
type CellValue = string | number | boolean | null | undefined;

export interface ExportColumn<Row> {
  key: string;
  value: (row: Row) => CellValue;
}

export interface ExportOptions {
  file: string;
  format: ExportFormat;
  /** Column key → header label (localised); missing keys print the key. */
  headers?: Record<string, string>;
  /** Only these columns, in this order; default all. */
  columns?: string[];
  onProgress?: (rowsDone: number) => void;
  sheetName?: string;
}

const YIELD_EVERY = 1_000;

/**
 * A text cell that Excel or WPS would run as a formula (`=HYPERLINK(…)`, `+cmd|…`,
 * `-2+3`, `@SUM(…)`, or one hidden behind a tab or carriage return) gets a leading
 * apostrophe: shown, never evaluated. Caller names, IVR digits and the like come from
 * outside. Numbers are written as numbers, so a negative one stays numeric.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(value: CellValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export async function writeTable<Row>(rows: Iterable<Row>, allColumns: ExportColumn<Row>[], options: ExportOptions): Promise<ExportResult> {
  const columns = options.columns
    ? options.columns.map((key) => {
        const column = allColumns.find((candidate) => candidate.key === key);
        if (!column) throw new Error(`unknown export column ${key}`);
        return column;
      })
    : allColumns;
  const headers = columns.map((column) => options.headers?.[column.key] ?? column.key);
  let count = 0;
  if (options.format === 'csv') {
    const out = createWriteStream(options.file, { encoding: 'utf8' });
    // BOM: Excel opens UTF-8 CSV (Chinese labels, names) correctly only with it.
    const write = async (line: string) => {
      if (!out.write(`${line}\r\n`)) await once(out, 'drain');
    };
    await write(`\uFEFF${headers.map(csvField).join(',')}`);
    for (const row of rows) {
      await write(columns.map((column) => csvField(column.value(row))).join(','));
      count += 1;
      if (count % YIELD_EVERY === 0) options.onProgress?.(count);
    }
    out.end();
    await once(out, 'finish');
  } else {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: options.file, useStyles: true, useSharedStrings: false });
    count = await addSheet(workbook, options.sheetName ?? 'Calls', headers, columns, rows, options.onProgress);
    await workbook.commit();
  }
  options.onProgress?.(count);
  return { file: options.file, rows: count, bytes: statSync(options.file).size };
}

type WorkbookWriter = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;

/** One streamed sheet: a bold header row, then the rows; text cells in the Text format. Answers the row count. */
async function addSheet<Row>(
  workbook: WorkbookWriter, name: string, headers: string[], columns: ExportColumn<Row>[], rows: Iterable<Row>, onProgress?: (rowsDone: number) => void,
): Promise<number> {
  const sheet = workbook.addWorksheet(name);
  const headerRow = sheet.addRow(headers);
  headerRow.font = { bold: true };
  headerRow.commit();
  let count = 0;
  for (const row of rows) {
    const values = columns.map((column) => column.value(row) ?? null);
    const added = sheet.addRow(values);
    // Text cells are strings in the Text format (@): never a formula, not even once edited.
    values.forEach((value, index) => {
      if (typeof value === 'string') added.getCell(index + 1).numFmt = '@';
    });
    added.commit();
    count += 1;
    if (count % YIELD_EVERY === 0) {
      onProgress?.(count);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  sheet.commit();
  return count;
}

/** A table for writeWorkbook, its row type sealed in. */
export interface WorkbookSheet {
  add(workbook: WorkbookWriter): Promise<number>;
}

/** Column key → header label in `headers`; missing keys print the key. */
export function workbookSheet<Row>(name: string, rows: Iterable<Row>, columns: ExportColumn<Row>[], headers: Record<string, string> = {}): WorkbookSheet {
  return { add: (workbook) => addSheet(workbook, name, columns.map((column) => headers[column.key] ?? column.key), columns, rows) };
}

/** Several tables in one XLSX file, one sheet each (a scheduled report's queues and agents). */
export async function writeWorkbook(file: string, sheets: WorkbookSheet[]): Promise<ExportResult> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  let rows = 0;
  for (const sheet of sheets) rows += await sheet.add(workbook);
  await workbook.commit();
  return { file, rows, bytes: statSync(file).size };
}

/** Coded call fields whose values an export can show in words (the raw codes then follow as `<field>.code` columns). */
export const codedCallFields = ['direction', 'isAnswered', 'disposition', 'cdrState', 'missCause', 'hangupSide', 'hangupCause', 'source'] as const;
export type CodedCallField = (typeof codedCallFields)[number];
/** Per field, code → words; a code without words is written as it is. */
export type ExportValueLabels = Partial<Record<CodedCallField, Record<string, string>>>;

/**
 * Call columns; times as local 'YYYY-MM-DD HH:mm:ss' in the store's zone. With
 * `values`, coded fields read as words and their raw codes follow at the end.
 */
export function callExportColumns(timeZone: string, values?: ExportValueLabels): ExportColumn<CallRecord>[] {
  const raw = rawCallColumns(timeZone);
  if (!values) return raw;
  const coded = new Set<string>(codedCallFields);
  const worded = raw.map((column): ExportColumn<CallRecord> => {
    const labels = values[column.key as CodedCallField];
    if (!coded.has(column.key) || !labels) return column;
    return { key: column.key, value: (call) => {
      const code = column.value(call);
      return code === undefined || code === null || code === '' ? code : (labels[String(code)] ?? code);
    } };
  });
  const codes = raw.filter((column) => coded.has(column.key)).map((column) => ({ key: `${column.key}.code`, value: column.value }));
  return [...worded, ...codes];
}

function rawCallColumns(timeZone: string): ExportColumn<CallRecord>[] {
  const time = (at: number | undefined) => (at === undefined ? '' : formatLocal(at, timeZone));
  return [
    { key: 'uniqueid', value: (call) => call.uniqueid },
    { key: 'startedAt', value: (call) => time(call.startedAt) },
    { key: 'answeredAt', value: (call) => time(call.answeredAt) },
    { key: 'endedAt', value: (call) => time(call.endedAt) },
    { key: 'direction', value: (call) => call.direction },
    { key: 'callerNum', value: (call) => call.callerNum },
    { key: 'calledNum', value: (call) => call.calledNum },
    { key: 'queue', value: (call) => call.queue },
    { key: 'agent', value: (call) => call.agent },
    { key: 'duration', value: (call) => call.duration },
    { key: 'ivrSeconds', value: (call) => call.ivrSeconds },
    { key: 'queueSeconds', value: (call) => call.queueSeconds },
    { key: 'ringSeconds', value: (call) => call.ringSeconds },
    { key: 'talkSeconds', value: (call) => call.talkSeconds },
    { key: 'holdSeconds', value: (call) => call.holdSeconds },
    { key: 'wrapupSeconds', value: (call) => call.wrapupSeconds },
    { key: 'isAnswered', value: (call) => (call.isAnswered ? 1 : 0) },
    { key: 'disposition', value: (call) => call.disposition },
    { key: 'cdrState', value: (call) => call.cdrState },
    { key: 'missCause', value: (call) => call.missCause },
    { key: 'hangupSide', value: (call) => call.hangupSide },
    { key: 'hangupCause', value: (call) => call.hangupCause },
    { key: 'ivrName', value: (call) => call.ivrName },
    { key: 'ivrDtmf', value: (call) => call.ivrDtmf },
    { key: 'score', value: (call) => call.score },
    { key: 'trunkNumber', value: (call) => call.trunkNumber },
    { key: 'recordingFile', value: (call) => call.recordingFile },
    { key: 'source', value: (call) => call.source },
  ];
}

export function exportCalls(
  db: Db, timeZone: string, filter: CallSearchFilter, sort: CallSort | undefined, options: ExportOptions & { values?: ExportValueLabels },
): Promise<ExportResult> {
  return writeTable(iterateCalls(db, filter, sort), callExportColumns(timeZone, options.values), options);
}

export function reportExportColumns(): ExportColumn<ReportRow>[] {
  const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));
  return [
    { key: 'bucket', value: (row) => row.bucketLabel },
    { key: 'key', value: (row) => row.key },
    { key: 'offered', value: (row) => row.offered },
    { key: 'answered', value: (row) => row.answered },
    { key: 'abandoned', value: (row) => row.abandoned },
    { key: 'shortAbandoned', value: (row) => row.shortAbandoned },
    { key: 'exited', value: (row) => row.exited },
    { key: 'transferred', value: (row) => row.transferred },
    ...missCauseKeys.map((cause) => ({ key: `miss.${cause}`, value: (row: ReportRow) => row.missCauses[cause] })),
    { key: 'answeredWithinSl', value: (row) => row.answeredWithinSl },
    { key: 'slBase', value: (row) => row.slBase },
    { key: 'serviceLevel', value: (row) => round(row.serviceLevel, 4) },
    { key: 'asaSeconds', value: (row) => round(row.asaSeconds, 1) },
    { key: 'attSeconds', value: (row) => round(row.attSeconds, 1) },
    { key: 'ahtSeconds', value: (row) => round(row.ahtSeconds, 1) },
    { key: 'avgAbandonWaitSeconds', value: (row) => round(row.avgAbandonWaitSeconds, 1) },
    { key: 'abandonRate', value: (row) => round(row.abandonRate, 4) },
    { key: 'talkSum', value: (row) => row.talkSum },
    { key: 'holdSum', value: (row) => row.holdSum },
    { key: 'wrapupSum', value: (row) => row.wrapupSum },
    { key: 'avgScore', value: (row) => round(row.avgScore, 2) },
    { key: 'scored', value: (row) => row.scored },
  ];
}

/** Per-agent figures (contract/agent-figures.ts) as columns; `pauseReasons`: one column per reason code ('' = no reason). */
export function agentExportColumns(pauseReasons: readonly string[]): ExportColumn<AgentFigures>[] {
  const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));
  return [
    { key: 'agent', value: (row) => row.agent },
    { key: 'callsTaken', value: (row) => row.callsTaken },
    { key: 'queueAnswered', value: (row) => row.queueAnswered },
    { key: 'transfersReceived', value: (row) => row.transfersReceived },
    { key: 'direct', value: (row) => row.direct },
    { key: 'talkSum', value: (row) => row.talkSum },
    { key: 'holdSum', value: (row) => row.holdSum },
    { key: 'wrapupSum', value: (row) => row.wrapupSum },
    { key: 'ahtSeconds', value: (row) => round(row.ahtSeconds, 1) },
    { key: 'longestCallSeconds', value: (row) => row.longestCallSeconds },
    { key: 'pauseSeconds', value: (row) => row.pauseSeconds },
    ...pauseReasons.map((reason) => ({ key: `pause.${reason}`, value: (row: AgentFigures) => row.pauses[reason] ?? 0 })),
    { key: 'loginSeconds', value: (row) => row.loginSeconds },
    { key: 'occupancy', value: (row) => round(row.occupancy, 4) },
  ];
}

export function exportReport(report: ReportReply, options: ExportOptions): Promise<ExportResult> {
  return writeTable(report.rows, reportExportColumns(), { sheetName: 'Report', ...options });
}
