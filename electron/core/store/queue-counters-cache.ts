import type { QueueDayStats } from '../contract';
import type { QueueDayCounters } from '../live/queue-day-stats';
import type { Db } from './database';
import { getSetting, setSetting } from './settings';

type SavedCounters = { queue: string; stats: QueueDayStats }[];

const keyOf = (pbxId: string) => `live.queueDayCounters.${pbxId}`;

/** Put back today's counters saved by an earlier run (other days are ignored by `restore`). */
export function restoreQueueCounters(db: Db, pbxId: string, counters: QueueDayCounters, now: number): void {
  counters.restore(getSetting<SavedCounters>(db, keyOf(pbxId), []), now);
}

/**
 * Saves the counters every `intervalMs` and once more when stopped, so a restart
 * (or a crash, losing at most one interval) keeps the wallboard's "today".
 */
export function persistQueueCounters(db: Db, pbxId: string, counters: QueueDayCounters, intervalMs = 10_000): () => void {
  let last = '';
  const save = () => {
    const entries = counters.entries();
    const text = JSON.stringify(entries);
    if (text === last || !db.open) return;
    last = text;
    setSetting(db, keyOf(pbxId), entries);
  };
  const timer = setInterval(save, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    save();
  };
}
