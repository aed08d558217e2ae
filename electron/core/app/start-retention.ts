import type { Db } from '../store/database';
import { pruneRawEvents, pruneRejectedEvents } from '../store/maintenance';
import type { Lifetime } from '../base/lifetime';
import type { Logger } from '../base/logger';

export interface RetentionOptions {
  /** How often retention runs after the first run at start; default hourly. */
  intervalMs?: number;
  clock?: () => number;
}

/**
 * Applies the retention of Settings (raw events, refused-push samples and counts):
 * once now, before the core serves, then on a schedule. A run never overlaps the
 * previous one; a failure is logged and the next run tries again.
 */
export async function startRetention(db: Db, log: Logger, lifetime: Lifetime, options: RetentionOptions = {}): Promise<void> {
  const clock = options.clock ?? Date.now;
  let running: Promise<void> | undefined;
  const run = async () => {
    try {
      const now = clock();
      const raw = await pruneRawEvents(db, { now });
      const rejected = await pruneRejectedEvents(db, { now });
      if (raw + rejected > 0) log.info(`retention: ${raw} raw events and ${rejected} refused-push samples removed`);
    } catch (error) {
      log.error('retention failed', error);
    }
  };
  await run();
  const timer = setInterval(() => {
    running ??= run().finally(() => (running = undefined));
  }, options.intervalMs ?? 3_600_000);
  timer.unref();
  lifetime.defer(async () => {
    clearInterval(timer);
    await running;
  });
}
