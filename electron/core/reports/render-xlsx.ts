import type { ExportResult } from '../contract/history';
import { exportHeaders, agentExportHeaders, scheduledReportWords, type ExportLanguage } from '../store/export-labels';
import { agentExportColumns, reportExportColumns, workbookSheet, writeWorkbook } from '../store/export';
import { pauseColumnsOf, type ScheduledReportData } from './report-data';

// The scheduled report as an Excel file: the export's own columns and headers (store/export.ts,
// store/export-labels.ts), a sheet of queues (one row each, then all of them together) and
// a sheet of agents. The same cells as a report export of the same period.

export function writeScheduledXlsx(file: string, data: ScheduledReportData, language: ExportLanguage): Promise<ExportResult> {
  const words = scheduledReportWords(language);
  const queueRows = data.total ? [...data.queues, { ...data.total, key: words.total }] : data.queues;
  const queueColumns = reportExportColumns().filter((column) => column.key !== 'bucket');
  return writeWorkbook(file, [
    workbookSheet(words.queues, queueRows, queueColumns, exportHeaders('report', language)),
    workbookSheet(words.agents, data.agents, agentExportColumns(pauseColumnsOf(data)), agentExportHeaders(language, data.pauseReasons)),
  ]);
}
