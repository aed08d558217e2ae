import type { Call, Queue, QueueDayStats } from '@contract';
import { statusOfExtensionState } from './agent-status';

/** What a wallboard tile shows for one queue (or all queues summed). */
export interface QueueFigures {
  name: string;
  waiting: number;
  /** Join time of the longest-waiting caller, UTC ms (the tile ticks from it). */
  oldestJoinedAt?: number;
  available: number;
  onCall: number;
  ringing: number;
  paused: number;
  loggedOut: number;
  staffed: number;
  offered: number;
  answered: number;
  abandoned: number;
  /** Percent of answered calls answered within the service level, like Asterisk's ServicelevelPerf; undefined with no answered calls. */
  serviceLevel?: number;
  serviceLevelSeconds: number;
  /** Average speed of answer and average handle (talk) time, seconds. */
  asa?: number;
  aht?: number;
  abandonRate?: number;
  activeCalls: number;
}

const emptyDay: QueueDayStats = { day: '', offered: 0, answered: 0, abandoned: 0, answeredWithinSl: 0, talkSeconds: 0, answeredWaitSeconds: 0, holdSeconds: 0 };

function addDays(a: QueueDayStats, b: QueueDayStats): QueueDayStats {
  return {
    day: a.day || b.day,
    offered: a.offered + b.offered,
    answered: a.answered + b.answered,
    abandoned: a.abandoned + b.abandoned,
    answeredWithinSl: a.answeredWithinSl + b.answeredWithinSl,
    talkSeconds: a.talkSeconds + b.talkSeconds,
    answeredWaitSeconds: a.answeredWaitSeconds + b.answeredWaitSeconds,
    holdSeconds: a.holdSeconds + b.holdSeconds,
  };
}

/**
 * Figures for a set of queues. Agents are counted once even when they sit in
 * several of the queues (by extension), so "all queues" is not inflated.
 */
export function figuresOf(name: string, queues: Queue[], calls: Iterable<Call>): QueueFigures {
  const names = new Set(queues.map((q) => q.name));
  const agents = new Map<string, 'available' | 'onCall' | 'ringing' | 'paused' | 'loggedOut'>();
  let waiting = 0;
  let oldestJoinedAt: number | undefined;
  let day = emptyDay;
  for (const queue of queues) {
    day = addDays(day, queue.today);
    waiting += queue.callers.length;
    for (const caller of queue.callers) {
      if (oldestJoinedAt === undefined || caller.joinedAt < oldestJoinedAt) oldestJoinedAt = caller.joinedAt;
    }
    for (const member of queue.members) {
      const status = statusOfExtensionState(member.state);
      const bucket =
        status === 'offline'
          ? 'loggedOut'
          : member.isInCall || status === 'oncall' || status === 'hold'
            ? 'onCall'
            : status === 'ringing'
              ? 'ringing'
              : member.isPaused
                ? 'paused'
                : 'available';
      // On a call beats ringing beats paused beats available when the same agent differs per queue.
      const rank = { onCall: 4, ringing: 3, paused: 2, available: 1, loggedOut: 0 } as const;
      const previous = agents.get(member.extension);
      if (!previous || rank[bucket] > rank[previous]) agents.set(member.extension, bucket);
    }
  }
  const counts = { available: 0, onCall: 0, ringing: 0, paused: 0, loggedOut: 0 };
  for (const bucket of agents.values()) counts[bucket] += 1;
  let activeCalls = 0;
  for (const call of calls) if (call.queue && names.has(call.queue)) activeCalls += 1;
  const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : undefined);
  const sl = ratio(day.answeredWithinSl, day.answered);
  const abandon = ratio(day.abandoned, day.offered);
  return {
    name,
    waiting,
    oldestJoinedAt,
    ...counts,
    staffed: agents.size - counts.loggedOut,
    offered: day.offered,
    answered: day.answered,
    abandoned: day.abandoned,
    serviceLevel: sl === undefined ? undefined : sl * 100,
    serviceLevelSeconds: queues.length === 1 ? (queues[0]?.serviceLevelSeconds ?? 20) : Math.max(0, ...queues.map((q) => q.serviceLevelSeconds)),
    asa: ratio(day.answeredWaitSeconds, day.answered),
    aht: ratio(day.talkSeconds, day.answered),
    abandonRate: abandon === undefined ? undefined : abandon * 100,
    activeCalls,
  };
}
