import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './database';
import { DAY_MS } from '../base/time-zone';
import { getSetting } from './settings';
import { utcDayOf } from './rejected-samples';
import { settingKeys } from '../base/setting-keys';

// Retention, backup and vacuum. Calls, IVR steps and the audit log are kept forever;
// raw_events (001_init.sql) and the refused-push counts and samples (008) age out, in
// short batches so the group-commit writers never wait behind one long delete transaction.
// app/start-retention.ts runs it at start and on a schedule.

export const DEFAULT_RAW_EVENT_RETENTION_DAYS = 30;

export interface PruneOptions {
  /** Default: settings 'store.rawEventRetentionDays', else 30. */
  olderThanDays?: number;
  batchSize?: number;
  now?: number;
}

function cutoffOf(db: Db, options: PruneOptions): number {
  const days = options.olderThanDays ?? getSetting(db, settingKeys.rawEventRetentionDays, DEFAULT_RAW_EVENT_RETENTION_DAYS);
  return (options.now ?? Date.now()) - days * DAY_MS;
}

async function deleteInBatches(db: Db, table: 'raw_events' | 'rejected_events', cutoff: number, batchSize: number): Promise<number> {
  const batch = db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE received_at < ? ORDER BY received_at LIMIT ?)`);
  let deleted = 0;
  for (;;) {
    const changes = batch.run(cutoff, batchSize).changes;
    deleted += changes;
    if (changes < batchSize) return deleted;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Deletes raw events received before now − N days; returns how many. */
export function pruneRawEvents(db: Db, options: PruneOptions = {}): Promise<number> {
  return deleteInBatches(db, 'raw_events', cutoffOf(db, options), options.batchSize ?? 5_000);
}

/** Deletes refused-push samples and day counts older than the same retention; returns how many samples. */
export async function pruneRejectedEvents(db: Db, options: PruneOptions = {}): Promise<number> {
  const cutoff = cutoffOf(db, options);
  const samples = await deleteInBatches(db, 'rejected_events', cutoff, options.batchSize ?? 5_000);
  db.prepare('DELETE FROM rejected_counts WHERE day < ?').run(utcDayOf(cutoff));
  return samples;
}

/** A consistent copy of the live database (SQLite online backup API), while writers go on. */
export async function backupDatabase(db: Db, toFile: string): Promise<{ totalPages: number }> {
  mkdirSync(dirname(toFile), { recursive: true });
  const result = await db.backup(toFile);
  return { totalPages: result.totalPages };
}

/** Rebuilds the file to return free pages to the disk; blocks writers while it runs. */
export function vacuumDatabase(db: Db): void {
  db.exec('VACUUM');
}
