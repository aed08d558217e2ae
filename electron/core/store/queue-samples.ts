import type { QueueSample } from '../contract';
import type { Db } from './database';

/** How long samples are kept: the chart shows hours; two days cover a night shift looking back. */
export const sampleRetentionMs = 2 * 24 * 3_600_000;

export interface QueueSampleStore {
  add(samples: Record<string, QueueSample>): void;
  /** Samples since `from`, oldest first, per queue. */
  since(from: number): Record<string, QueueSample[]>;
  /** Drops samples older than the retention. */
  prune(now: number): number;
}

export function createQueueSampleStore(db: Db): QueueSampleStore {
  const insert = db.prepare(
    'INSERT OR REPLACE INTO queue_samples (queue, at, waiting, available, on_call, ringing, paused) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare('SELECT * FROM queue_samples WHERE at >= ? ORDER BY at');
  const remove = db.prepare('DELETE FROM queue_samples WHERE at < ?');
  const addAll = db.transaction((samples: Record<string, QueueSample>) => {
    for (const [queue, s] of Object.entries(samples)) insert.run(queue, s.at, s.waiting, s.available, s.onCall, s.ringing, s.paused);
  });
  return {
    add: (samples) => addAll(samples),
    since(from) {
      const byQueue: Record<string, QueueSample[]> = {};
      for (const row of select.all(from) as { queue: string; at: number; waiting: number; available: number; on_call: number; ringing: number; paused: number }[]) {
        (byQueue[row.queue] ??= []).push({ at: row.at, waiting: row.waiting, available: row.available, onCall: row.on_call, ringing: row.ringing, paused: row.paused });
      }
      return byQueue;
    },
    prune: (now) => remove.run(now - sampleRetentionMs).changes,
  };
}
