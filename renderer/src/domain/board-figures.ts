import {
  combineFigures, countMembers, defaultStatsRules, emptyTally, figuresOf,
  type Call, type HourFigures, type Queue, type QueueDay, type QueueFigures, type StatsRules,
} from '@contract';

/** What a wallboard shows for one queue or several: the live queue and agents, and the core's day figures. */
export interface BoardFigures {
  name: string;
  /** Callers in the queue now. */
  waiting: number;
  /** Join time of the longest-waiting caller, UTC ms (the tile ticks from it). */
  oldestJoinedAt?: number;
  available: number;
  onCall: number;
  ringing: number;
  paused: number;
  loggedOut: number;
  /** Members not logged out. */
  staffed: number;
  /** Customer calls of these queues in progress (supervisor sessions are not calls). */
  activeCalls: number;
  /** Today's figures, as the core's queue ledger counted them (contract/figures.ts). */
  day: QueueFigures;
  /** The rules they were counted under; absent when the queues' rules differ. */
  rules?: StatsRules;
}

const emptyDay = figuresOf(emptyTally(), defaultStatsRules);

/** Figures for a set of queues: agents counted once (contract countMembers), the day's figures the core's, combined as sums. */
export function boardFigures(name: string, queues: readonly Queue[], days: ReadonlyMap<string, QueueDay>, calls: Iterable<Call>): BoardFigures {
  const names = new Set(queues.map((q) => q.name));
  let waiting = 0;
  let oldestJoinedAt: number | undefined;
  for (const queue of queues) {
    waiting += queue.callers.length;
    for (const caller of queue.callers) if (oldestJoinedAt === undefined || caller.joinedAt < oldestJoinedAt) oldestJoinedAt = caller.joinedAt;
  }
  const counts = countMembers(queues);
  let activeCalls = 0;
  for (const call of calls) if (call.callClass === 'customer' && call.queue && names.has(call.queue)) activeCalls += 1;
  const queueDays = queues.map((q) => days.get(q.name)).filter((day): day is QueueDay => day !== undefined);
  const day = queueDays.length === 0 ? emptyDay : queueDays.length === 1 ? queueDays[0]!.figures : combineFigures(queueDays.map((d) => d.figures));
  const rules = queueDays[0]?.rules;
  const isOneRule = rules !== undefined && queueDays.every((d) => JSON.stringify(d.rules) === JSON.stringify(rules));
  return { name, waiting, oldestJoinedAt, ...counts, activeCalls, day, ...(isOneRule ? { rules } : {}) };
}

/** Today's calls per clock hour of several queues, summed hour by hour. */
export function hoursOf(days: readonly QueueDay[]): HourFigures[] {
  const byHour = new Map<number, HourFigures>();
  for (const day of days) {
    for (const hour of day.hours) {
      const sum = byHour.get(hour.at) ?? { at: hour.at, offered: 0, answered: 0, abandoned: 0, answeredWithinSl: 0, slBase: 0 };
      byHour.set(hour.at, {
        at: hour.at, offered: sum.offered + hour.offered, answered: sum.answered + hour.answered, abandoned: sum.abandoned + hour.abandoned,
        answeredWithinSl: sum.answeredWithinSl + hour.answeredWithinSl, slBase: sum.slBase + hour.slBase,
      });
    }
  }
  return [...byHour.values()].sort((a, b) => a.at - b.at);
}
