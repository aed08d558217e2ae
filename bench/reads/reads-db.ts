import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerateOptions } from '../../test/support/generate-calls';
import { openCallsDb } from '../store/calls-db';
import { makeTempDir } from '../lib/temp-dir';

/** The generated year the heavy reads search: calls from this day on, 365 days. */
export const readsData = { firstDay: '2025-11-25', days: 365, timeZone: 'Asia/Shanghai' } as const;

/**
 * A data dir for `callboard serve --data-dir` holding `count` generated calls
 * (test/support/generate-calls.ts through bench/store/calls-db.ts, cached in the OS temp dir
 * between runs): the cached file is copied, since the core writes to its cache.
 */
export function readsDataDir(count: number, log: (message: string) => void): { dir: string; remove(): void } {
  const options: GenerateOptions = { count, ...readsData };
  const { db, file, generateRate } = openCallsDb(options, log);
  db.close();
  if (generateRate !== undefined) log(`  reads: generated ${count} calls at ${generateRate.toFixed(0)} rows/s`);
  const temp = makeTempDir('reads');
  copyFileSync(file, join(temp.dir, 'callboard.db'));
  return temp;
}
