import type { IvrStep, QueueAttempt } from '../../contract';
import type { CallRecord } from '../../contract/history';
import { rowToCall, type SharedCall } from '../call-row';
import { rowToAttempt } from '../queue-call-row';
import { toIvrStep } from '../call-detail';
import type { Db } from '../database';
import type { PgHistory } from './pg-history';

// The calls the cache held before it wrote to the shared history (a console given --history
// after months on its own), copied up once, a batch per transaction, with the field ranks
// of each merged call so PostgreSQL merges them as the cache did.

export const uploadTables = ['queue_calls', 'calls', 'ivr_steps'] as const;
export type UploadTable = (typeof uploadTables)[number];

/** Per table: the last cache row id copied, and the last one to copy (the highest id when the upload began). */
export type UploadProgress = Record<UploadTable, { done: number; through: number }>;

/** The PBX's own ids of a cache row, or undefined for another PBX's (a console of several keeps them qualified). */
export interface OwnRows {
  call(record: CallRecord): CallRecord | undefined;
  attempt(attempt: QueueAttempt): QueueAttempt | undefined;
  step(step: IvrStep): IvrStep | undefined;
}

export const UPLOAD_BATCH = 5_000;

/** Where an upload begins: everything the cache holds now. */
export function uploadStart(db: Db): UploadProgress {
  const highest = (table: UploadTable) => (db.prepare(`SELECT ifnull(max(id), 0) AS id FROM ${table}`).get() as { id: number }).id;
  return {
    queue_calls: { done: 0, through: highest('queue_calls') },
    calls: { done: 0, through: highest('calls') },
    ivr_steps: { done: 0, through: highest('ivr_steps') },
  };
}

export const isUploaded = (progress: UploadProgress) => uploadTables.every((table) => progress[table].done >= progress[table].through);

/**
 * Copies the next batch of each table and returns the progress after it (save it: a restart
 * goes on from there). Rows written later reach PostgreSQL through the cache's outbox (shared-outbox.ts).
 */
export async function uploadBatch(db: Db, history: PgHistory, own: OwnRows, progress: UploadProgress): Promise<UploadProgress> {
  const rowsOf = (table: UploadTable) => {
    const { done, through } = progress[table];
    return db.prepare(`SELECT * FROM ${table} WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`).all(done, through, UPLOAD_BATCH) as Record<string, unknown>[];
  };
  const lastId = (table: UploadTable, rows: Record<string, unknown>[]) => ({ ...progress[table], done: rows.length < UPLOAD_BATCH ? progress[table].through : (rows.at(-1)!.id as number) });
  const attemptRows = rowsOf('queue_calls');
  const callRows = rowsOf('calls');
  const stepRows = rowsOf('ivr_steps');
  const attempts = attemptRows.flatMap((row) => own.attempt(rowToAttempt(row)) ?? []);
  const calls = callRows.flatMap((row): SharedCall[] => {
    const record = own.call(rowToCall(row));
    return record ? [{ record, fieldRanks: typeof row.field_ranks === 'string' ? row.field_ranks : null }] : [];
  });
  const steps = stepRows.flatMap((row) => own.step(toIvrStep(row)) ?? []);
  await history.upsertSharedCalls(calls, attempts);
  await history.addIvrSteps(steps);
  return { queue_calls: lastId('queue_calls', attemptRows), calls: lastId('calls', callRows), ivr_steps: lastId('ivr_steps', stepRows) };
}
