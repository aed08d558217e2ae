import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './database';
import { DAY_MS } from '../contract/local-time';
import { getSetting, settingKeys } from './settings';

// Retention, backup and vacuum. Calls, IVR steps and the audit log are kept forever;
// only raw_events (001_init.sql) age out, in short batches so the group-commit writers
// never wait behind one long delete transaction.

export const DEFAULT_RAW_EVENT_RETENTION_DAYS = 30;

export interface PruneOptions {
  /** Default: settings 'store.rawEventRetentionDays', else 30. */
  olderThanDays?: number;
  batchSize?: number;
  now?: number;
}

/** Deletes raw events received before now − N days; returns how many. */
export async function pruneRawEvents(db: Db, options: PruneOptions = {}): Promise<number> {
  const days = options.olderThanDays ?? getSetting(db, settingKeys.rawEventRetentionDays, DEFAULT_RAW_EVENT_RETENTION_DAYS);
  const cutoff = (options.now ?? Date.now()) - days * DAY_MS;
  const batch = db.prepare('DELETE FROM raw_events WHERE id IN (SELECT id FROM raw_events WHERE received_at < ? ORDER BY received_at LIMIT ?)');
  const batchSize = options.batchSize ?? 5_000;
  let deleted = 0;
  for (;;) {
    const changes = batch.run(cutoff, batchSize).changes;
    deleted += changes;
    if (changes < batchSize) return deleted;
    await new Promise((resolve) => setImmediate(resolve));
  }
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

/** Refreshes the planner's statistics (after a big import or generation). */
export function optimizeDatabase(db: Db): void {
  db.pragma('optimize=0x10002');
}
