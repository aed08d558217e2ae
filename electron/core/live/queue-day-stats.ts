import type { QueueDayStats } from '../contract';

/** Local calendar day of a UTC ms time, YYYY-MM-DD (the wallboard's "today"). */
export function localDay(now: number): string {
  const date = new Date(now);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

export function emptyDayStats(day: string): QueueDayStats {
  return { day, offered: 0, answered: 0, abandoned: 0, answeredWithinSl: 0, talkSeconds: 0, answeredWaitSeconds: 0, holdSeconds: 0 };
}

/**
 * Today's per-queue counters. They outlive a reconnect (a resync rebuilds the
 * model but must not zero the day) and can be restored from the SQLite cache
 * after a restart with `restore`. A new day starts them at zero.
 */
export class QueueDayCounters {
  private readonly byQueue = new Map<string, QueueDayStats>();

  private cachedDay = '';
  private cachedFrom = 0;
  private cachedUntil = 0;

  constructor(private readonly dayOfTime: (now: number) => string = localDay) {}

  /** Day of `now`, cached per hour: called for every queue event, and a Date per event is measurable. */
  private dayOf(now: number): string {
    if (now >= this.cachedFrom && now < this.cachedUntil) return this.cachedDay;
    const hourStart = now - (now % 3_600_000);
    const day = this.dayOfTime(hourStart);
    // Time zones with :30/:45 offsets: only cache when the whole hour is the same day.
    if (this.dayOfTime(hourStart + 3_599_999) === day) {
      this.cachedFrom = hourStart;
      this.cachedUntil = hourStart + 3_600_000;
      this.cachedDay = day;
    }
    return this.dayOfTime(now);
  }

  /** The counters of `queue` for the day of `now`, rolled over when the day changed. */
  get(queue: string, now: number): QueueDayStats {
    const day = this.dayOf(now);
    let stats = this.byQueue.get(queue);
    if (!stats) {
      stats = emptyDayStats(day);
      this.byQueue.set(queue, stats);
    } else if (stats.day !== day) {
      Object.assign(stats, emptyDayStats(day));
    }
    return stats;
  }

  /** True when some queue's counters belong to another day than `now`'s. */
  isStale(now: number): boolean {
    const day = this.dayOf(now);
    for (const stats of this.byQueue.values()) if (stats.day !== day) return true;
    return false;
  }

  /** Put back counters saved earlier (e.g. from SQLite); other days' counters are ignored. */
  restore(saved: Iterable<{ queue: string; stats: QueueDayStats }>, now: number): void {
    const day = this.dayOf(now);
    for (const { queue, stats } of saved) {
      if (stats.day !== day) continue;
      // Queues in the model hold these objects: update in place.
      const existing = this.byQueue.get(queue);
      if (existing) Object.assign(existing, stats);
      else this.byQueue.set(queue, { ...stats });
    }
  }

  entries(): { queue: string; stats: QueueDayStats }[] {
    return [...this.byQueue].map(([queue, stats]) => ({ queue, stats: { ...stats } }));
  }
}
