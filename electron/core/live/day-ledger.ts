import {
  addTally, combineFigures, emptyTally, figuresOf, rulesOf,
  type HourFigures, type QueueAttempt, type QueueDay, type QueueTally, type StatsRulesBook,
} from '../contract';
import { tallyOfAttempt } from '../stats/attempt-measures';
import { DAY_MS, localHourOf, localHourStart } from '../base/time-zone';
import type { AttemptChange } from '../store/queue-call-store';
import type { LiveModel } from './model';

export interface DayLedgerOptions {
  model: LiveModel;
  timeZone: string;
  rules(): StatsRulesBook;
}

interface Waiting {
  queue: string;
  localHour: number;
  enteredAt: number;
}

/**
 * Today's figures of every queue, kept from the committed queue ledger: the same rows,
 * folded by the same measures as the reports' rollups, so the wallboard, its chart, the
 * TV and a report for today agree at every instant. A pass counts in the local hour it
 * entered the queue; the day is the configured zone's. Restored from the rollups at
 * start, so a restart neither loses nor repeats a call.
 */
export class DayLedger {
  /** Local hour → queue → tally, for today's hours only. */
  private readonly hours = new Map<number, Map<string, QueueTally>>();
  private readonly waiting = new Map<string, Waiting>();
  private dayStart: number;
  /** Queues whose published figures may be out of date. */
  private readonly dirty = new Set<string>();
  /** Callers past the service level, per queue, as last published. */
  private lastOverSl = new Map<string, number>();

  constructor(private readonly options: DayLedgerOptions) {
    this.dayStart = this.dayStartOf(options.model.now());
  }

  /** Today's rollup rows and the passes still waiting, as the store holds them. */
  restore(hourTallies: readonly { localHour: number; queue: string; tally: QueueTally }[], open: readonly { attempt: QueueAttempt; localHour: number }[]): void {
    for (const row of hourTallies) {
      if (row.localHour < this.dayStart) continue;
      addTally(this.tallyOf(row.localHour, row.queue), row.tally);
      this.dirty.add(row.queue);
    }
    for (const { attempt, localHour } of open) this.noteWaiting(attempt, localHour);
    this.publish();
  }

  /** Committed ledger changes: each row's old share leaves, its new share enters. */
  apply(changes: readonly AttemptChange[]): void {
    for (const change of changes) {
      if (change.before) this.add(change.before.attempt, change.before.localHour, -1);
      this.add(change.after.attempt, change.after.localHour, 1);
      this.noteWaiting(change.after.attempt, change.after.localHour);
    }
    this.publish();
  }

  /** Every queue the console shows has a day, calls or not. */
  ensureQueue(queue: string): void {
    if (!this.options.model.days.has(queue)) {
      this.dirty.add(queue);
      this.publish();
    }
  }

  /** The rules changed: every figure is recounted (tallies do not depend on rules). */
  rulesChanged(): void {
    for (const queue of this.options.model.days.keys()) this.dirty.add(queue);
    this.publish();
  }

  /** Once a second: midnight starts a new day; a waiting caller passing the service level counts against it now. */
  tick(now: number): void {
    const dayStart = this.dayStartOf(now);
    if (dayStart !== this.dayStart) {
      this.dayStart = dayStart;
      for (const hour of [...this.hours.keys()]) if (hour < dayStart) this.hours.delete(hour);
      for (const queue of this.options.model.days.keys()) this.dirty.add(queue);
    }
    const overSl = this.overSlByQueue(now);
    for (const [queue, count] of overSl) if (this.lastOverSl.get(queue) !== count) this.dirty.add(queue);
    for (const queue of this.lastOverSl.keys()) if (!overSl.has(queue)) this.dirty.add(queue);
    this.publish();
  }

  /** A queue's day right now. */
  dayOf(queue: string, now = this.options.model.now()): QueueDay {
    const rules = rulesOf(this.options.rules(), queue);
    const overSl = this.overSlByHour(queue, now, rules.slSeconds);
    const hours: HourFigures[] = [];
    const parts = [];
    for (const hour of [...this.hours.keys()].sort((a, b) => a - b)) {
      const tally = this.hours.get(hour)?.get(queue);
      if (!tally) continue;
      const figures = figuresOf(tally, rules, overSl.get(hour) ?? 0);
      parts.push(figures);
      if (figures.offered > 0 || figures.answered > 0) {
        hours.push({
          at: localHourStart(hour, this.options.timeZone), offered: figures.offered, answered: figures.answered,
          abandoned: figures.abandoned, answeredWithinSl: figures.answeredWithinSl, slBase: figures.slBase,
        });
      }
    }
    const figures = parts.length === 0 ? figuresOf(emptyTally(), rules) : combineFigures(parts);
    return { queue, day: new Date(this.dayStart / 24 * DAY_MS).toISOString().slice(0, 10), timeZone: this.options.timeZone, rules, figures, hours };
  }

  private add(attempt: QueueAttempt, localHour: number, sign: 1 | -1): void {
    if (localHour < this.dayStart) return;
    addTally(this.tallyOf(localHour, attempt.queue), tallyOfAttempt(attempt), sign);
    this.dirty.add(attempt.queue);
  }

  private noteWaiting(attempt: QueueAttempt, localHour: number): void {
    const key = `${attempt.callId}#${attempt.seq}`;
    if (attempt.outcome === 'waiting' && localHour >= this.dayStart) this.waiting.set(key, { queue: attempt.queue, localHour, enteredAt: attempt.enteredAt });
    else if (this.waiting.delete(key)) this.dirty.add(attempt.queue);
  }

  private tallyOf(localHour: number, queue: string): QueueTally {
    let byQueue = this.hours.get(localHour);
    if (!byQueue) this.hours.set(localHour, (byQueue = new Map()));
    let tally = byQueue.get(queue);
    if (!tally) byQueue.set(queue, (tally = emptyTally()));
    return tally;
  }

  private overSlByHour(queue: string, now: number, slSeconds: number): Map<number, number> {
    const counts = new Map<number, number>();
    for (const caller of this.waiting.values()) {
      if (caller.queue !== queue || caller.localHour < this.dayStart || now - caller.enteredAt <= slSeconds * 1000) continue;
      counts.set(caller.localHour, (counts.get(caller.localHour) ?? 0) + 1);
    }
    return counts;
  }

  private overSlByQueue(now: number): Map<string, number> {
    const book = this.options.rules();
    const counts = new Map<string, number>();
    for (const caller of this.waiting.values()) {
      if (caller.localHour < this.dayStart || now - caller.enteredAt <= rulesOf(book, caller.queue).slSeconds * 1000) continue;
      counts.set(caller.queue, (counts.get(caller.queue) ?? 0) + 1);
    }
    return counts;
  }

  private publish(): void {
    if (this.dirty.size === 0) return;
    const now = this.options.model.now();
    for (const queue of this.dirty) this.options.model.putDay(this.dayOf(queue, now));
    this.dirty.clear();
    this.lastOverSl = this.overSlByQueue(now);
  }

  /** The local hour number of today's midnight. */
  private dayStartOf(now: number): number {
    return Math.floor(localHourOf(now, this.options.timeZone) / 24) * 24;
  }
}
