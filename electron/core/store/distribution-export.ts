import type {
  BreakdownReply, BreakdownRequest, BreakdownRow, DistributionReply, PeriodRequest, TransferRow, TransfersReply, TransfersRequest,
} from '../contract/distributions';
import { waitBandsOf, type WaitBand } from '../contract/wait-figures';
import type { ExportResult } from '../contract/history';
import type { Db } from './database';
import { queueBreakdown, waitDistributions } from './distribution-reports';
import { writeTable, type ExportColumn, type ExportOptions } from './export';
import { transfersReport } from './transfer-report';

// The Reports page's distribution tables as files (CSV / XLSX through store/export.ts): the
// bands of every queue and of all of them, the breakdown per DID or trunk, the transfers.
// The same replies the page shows, row for row.

/** The tables that export; the file's kind in /api/export/<kind>.(csv|xlsx). */
export const distributionTables = ['waits', 'breakdown', 'transfers'] as const;
export type DistributionTable = (typeof distributionTables)[number];

interface BandRow extends WaitBand {
  /** The queue, or '' for all the queues of the request together. */
  queue: string;
}

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

const bandColumns: ExportColumn<BandRow>[] = [
  { key: 'queue', value: (row) => row.queue },
  // The band's upper edge in seconds; "> N" for the calls beyond the last band.
  { key: 'waitUpTo', value: (row) => row.upTo ?? '>' },
  { key: 'answered', value: (row) => row.answered },
  { key: 'answeredWithin', value: (row) => row.answeredWithin },
  { key: 'answeredShare', value: (row) => round(row.answeredShare, 4) },
  { key: 'abandoned', value: (row) => row.abandoned },
  { key: 'abandonedWithin', value: (row) => row.abandonedWithin },
  { key: 'abandonedShare', value: (row) => round(row.abandonedShare, 4) },
];

const breakdownColumns: ExportColumn<BreakdownRow>[] = [
  { key: 'key', value: (row) => row.key },
  { key: 'calls', value: (row) => row.calls },
  { key: 'offered', value: (row) => row.offered },
  { key: 'answered', value: (row) => row.answered },
  { key: 'abandoned', value: (row) => row.abandoned },
  { key: 'exited', value: (row) => row.exited },
  { key: 'answeredWithinSl', value: (row) => row.answeredWithinSl },
  { key: 'slBase', value: (row) => row.slBase },
  { key: 'serviceLevel', value: (row) => round(row.serviceLevel, 4) },
  { key: 'asaSeconds', value: (row) => round(row.asaSeconds, 1) },
  { key: 'abandonRate', value: (row) => round(row.abandonRate, 4) },
  { key: 'talkSum', value: (row) => row.talkSum },
];

const transferColumns: ExportColumn<TransferRow>[] = [
  { key: 'from', value: (row) => row.from },
  { key: 'to', value: (row) => row.to },
  { key: 'kind', value: (row) => row.kind },
  { key: 'transfers', value: (row) => row.transfers },
  { key: 'timed', value: (row) => row.timed },
  { key: 'talkAfterSeconds', value: (row) => row.talkAfterSeconds },
];

/** Every band of the total first, then of each queue. */
export function bandRowsOf(reply: DistributionReply): BandRow[] {
  return [{ queue: '', distribution: reply.total }, ...reply.queues].flatMap(({ queue, distribution }) => waitBandsOf(distribution).map((band) => ({ queue, ...band })));
}

export function exportWaits(reply: DistributionReply, options: ExportOptions): Promise<ExportResult> {
  return writeTable(bandRowsOf(reply), bandColumns, { sheetName: 'Waits', ...options });
}

export function exportBreakdown(reply: BreakdownReply, options: ExportOptions): Promise<ExportResult> {
  return writeTable(reply.rows, breakdownColumns, { sheetName: reply.by === 'did' ? 'DID' : 'Trunk', ...options });
}

export function exportTransfers(reply: TransfersReply, options: ExportOptions): Promise<ExportResult> {
  return writeTable(reply.rows, transferColumns, { sheetName: 'Transfers', ...options });
}

/** One table and its request. */
export type DistributionExportQuery =
  | { table: 'waits'; request: PeriodRequest }
  | { table: 'breakdown'; request: BreakdownRequest }
  | { table: 'transfers'; request: TransfersRequest };

/** What the read worker is asked for: the table, its request, and where to write it. */
export type DistributionExportArgs = DistributionExportQuery & { options: ExportOptions; now: number };

export function exportDistributionTable(db: Db, args: DistributionExportArgs): Promise<ExportResult> {
  if (args.table === 'waits') return exportWaits(waitDistributions(db, args.request), args.options);
  if (args.table === 'breakdown') return exportBreakdown(queueBreakdown(db, args.request, args.now), args.options);
  return exportTransfers(transfersReport(db, args.request), args.options);
}
