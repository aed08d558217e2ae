import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCallStore } from '../../electron/core/store/call-store';
import { openDatabase, type Db } from '../../electron/core/store/database';
import { generateCalls, type GenerateOptions } from '../../test/support/generate-calls';
import { nowMs } from '../lib/stats';

const storeDir = new URL('../../electron/core/store/', import.meta.url);
export const cacheDir = join(tmpdir(), 'callboard-bench-cache');

/** What the generated database depends on: the generator, the writers, the schema. */
function sourceHash(): string {
  const hash = createHash('sha1');
  hash.update(readFileSync(new URL('../../test/support/generate-calls.ts', import.meta.url)));
  for (const file of ['call-store.ts', 'call-row.ts', 'queue-call-store.ts', 'queue-call-row.ts', '../base/time-zone.ts', '../stats/attempt-measures.ts']) hash.update(readFileSync(new URL(file, storeDir)));
  for (const file of readdirSync(new URL('migrations/', storeDir)).sort()) hash.update(readFileSync(new URL(`migrations/${file}`, storeDir)));
  return hash.digest('hex').slice(0, 10);
}

export interface CallsDb {
  db: Db;
  file: string;
  /** Rows/s of this run's generation; undefined when the cached file was reused. */
  generateRate?: number;
}

/**
 * A database of `options.count` generated calls (test/support/generate-calls.ts through the
 * store's own upsertCalls, rollups included), kept in the OS temp dir between
 * runs because 10 M rows take minutes to write. The file name carries a hash
 * of the generator, writers and migrations, so a change there regenerates.
 * For speed the secondary indexes of `calls` are dropped while writing and
 * rebuilt from their own SQL afterwards, with a 512 MiB page cache.
 */
export function openCallsDb(options: GenerateOptions, log: (message: string) => void): CallsDb {
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, `calls-${options.count}-${options.days}d-${sourceHash()}.db`);
  if (existsSync(file)) return { db: openDatabase(file), file };
  for (const old of readdirSync(cacheDir)) if (old.startsWith(`calls-${options.count}-`)) rmSync(join(cacheDir, old), { force: true });
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  const db = openDatabase(partial);
  db.pragma('cache_size = -524288');
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  const start = nowMs();
  let lastLog = start;
  generateCalls(createCallStore(db), options, (done) => {
    if (nowMs() - lastLog < 15_000) return;
    lastLog = nowMs();
    log(`  store: generated ${done} of ${options.count} calls (${(done / ((lastLog - start) / 1000)).toFixed(0)} rows/s)`);
  }, 50_000);
  for (const index of indexes) db.exec(index.sql);
  const generateRate = options.count / ((nowMs() - start) / 1000);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, file);
  return { db: openDatabase(file), file, generateRate };
}
