// Every queue figure Callboard shows, defined once. The wallboard tiles, its chart,
// the TV, reports, the heat map, history totals and exports all fold queue attempts
// (one call's pass through one queue, as Asterisk's queue_log tells it) into a
// QueueTally, and turn a tally into figures with `figuresOf` under the queue's
// StatsRules. The core does the folding; screens only format what it sends.
//
// Timings are Asterisk's own whole seconds (AgentConnect HoldTime/RingTime,
// AgentComplete TalkTime, QueueCallerAbandon HoldTime = queue_log CONNECT,
// COMPLETE*, ABANDON), so every figure equals what queue_log gives for the same calls.

import { missCauseKeys, type MissCauseKey } from './history';
import { qualifiedId } from './pbx-ids';

/** How a pass through a queue stands or ended, in queue_log's words (the last two are ours). */
export const queueOutcomes = [
  'waiting', 'connected', 'answered', 'transferred', 'abandoned', 'exitempty', 'exitwithtimeout', 'exitwithkey', 'withdraw',
  'unknown',
] as const;
/**
 * waiting: in the queue now; connected: talking to the agent now (CONNECT, not ended);
 * answered: COMPLETECALLER/COMPLETEAGENT; transferred: BLINDTRANSFER/ATTENDEDTRANSFER;
 * abandoned: ABANDON; exitempty / exitwithtimeout / exitwithkey / withdraw: EXIT* / WITHDRAW;
 * unknown: it ended while the PBX link was down, so nobody saw how.
 */
export type QueueOutcome = (typeof queueOutcomes)[number];

export const openOutcomes: readonly QueueOutcome[] = ['waiting', 'connected'];

/** One call's pass through one queue (queue_log: ENTERQUEUE … its closing line). Times UTC ms, durations whole seconds. */
export interface QueueAttempt {
  /** queue_log call id: the caller channel's Uniqueid (= the history row's uniqueid). */
  callId: string;
  /** 0 for the call's first queue, 1 for the next one it entered… */
  seq: number;
  queue: string;
  enteredAt: number;
  callerNum: string;
  entryPosition?: number;
  outcome: QueueOutcome;
  /** The member that answered (CONNECT), as an extension where the interface names one. */
  agent?: string;
  connectedAt?: number;
  endedAt?: number;
  /** Queue wait: CONNECT holdtime, or the waittime of ABANDON / EXIT* / WITHDRAW. */
  waitSeconds?: number;
  /** CONNECT ringtime: how long the answering member rang. */
  ringSeconds?: number;
  /** COMPLETE* / *TRANSFER talktime: CONNECT to the end, hold included. */
  talkSeconds?: number;
  /** The part of the talk time spent on hold. */
  holdSeconds: number;
  /** After-call work of the answering agent. */
  wrapupSeconds: number;
  hangupSide?: 'caller' | 'agent' | 'transfer' | 'system';
  /** Why an unanswered pass was lost, in cc_cdr's keys. */
  missCause?: string;
  transferKind?: 'blind' | 'attended';
  /** Blind: exten@context; attended: the bridge, app or channels queue_log names. */
  transferTo?: string;
  exitPosition?: number;
  exitKey?: string;
  /** Members rung who did not answer (RINGNOANSWER lines). */
  ringNoAnswer: number;
  /** Satisfaction score (cc_cdr), when the caller gave one. */
  score?: number;
  source: 'ami' | 'queue_log' | 'cc_cdr' | 'import';
}

/** Upper bounds (seconds, inclusive) of the wait histograms: service levels and short abandons are read at these. */
export const waitEdges = [5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 180, 300] as const;
export type WaitEdge = (typeof waitEdges)[number];

/** Sums over attempts: what figures are made of. Adding two tallies is adding field by field. */
export interface QueueTally {
  offered: number;
  /** Still in the queue. */
  waiting: number;
  /** Connected to an agent (CONNECT), ended or not. */
  answered: number;
  /** Answered and ended with their talk time known: the base of talk and handle averages. */
  completed: number;
  transferred: number;
  abandoned: number;
  exitEmpty: number;
  exitTimeout: number;
  exitKey: number;
  withdrawn: number;
  unknown: number;
  waitAnsweredSum: number;
  waitAbandonedSum: number;
  talkSum: number;
  holdSum: number;
  wrapupSum: number;
  ringNoAnswer: number;
  scoreSum: number;
  scored: number;
  /** [i] = answered with wait ≤ waitEdges[i]. */
  answeredWithin: number[];
  /** [i] = abandoned with wait ≤ waitEdges[i]. */
  abandonedWithin: number[];
  /** Unanswered passes that ended, by cause. */
  missCauses: Record<MissCauseKey, number>;
}

export type SlFormula = 'offered' | 'answered' | 'answeredAbandoned';

/** How a queue's figures are counted; configurable per queue (settings), the default documented in the README. */
export interface StatsRules {
  /** Service level threshold T, seconds of queue wait (≤ T counts). */
  slSeconds: WaitEdge;
  /**
   * offered: answered within T ÷ calls whose fate is known (answered, left, or still waiting beyond T) — queue_log's
   *   and QueueMetrics' reading; at the end of a day it is answered within T ÷ offered.
   * answered: answered within T ÷ answered (Asterisk's `SL:`).
   * answeredAbandoned: (answered + abandoned within T) ÷ (answered + abandoned) (Asterisk's `SL2:`).
   */
  slFormula: SlFormula;
  /** Abandons after at most this many seconds are short abandons, left out of offered and abandoned; 0 = none. */
  shortAbandonSeconds: 0 | WaitEdge;
}

export const defaultStatsRules: StatsRules = { slSeconds: 20, slFormula: 'offered', shortAbandonSeconds: 0 };

/** Figures for a queue, a set of queues or a report bucket. Sums stay in, so figures of several add up. */
export interface QueueFigures {
  offered: number;
  waiting: number;
  answered: number;
  completed: number;
  abandoned: number;
  shortAbandoned: number;
  /** Left without an agent for another reason: exit empty, timeout, key, withdrawn. */
  exited: number;
  /** Ended while the PBX link was down: offered, fate unknown. */
  unknown: number;
  transferred: number;
  ringNoAnswer: number;
  missCauses: Record<MissCauseKey, number>;
  /** Numerator and denominator of the service level under the queue's rules. */
  answeredWithinSl: number;
  slBase: number;
  /** 0–1; null when the denominator is 0. */
  serviceLevel: number | null;
  waitAnsweredSum: number;
  waitAbandonedSum: number;
  talkSum: number;
  holdSum: number;
  wrapupSum: number;
  scoreSum: number;
  scored: number;
  /** Average speed of answer: wait of answered calls ÷ answered. */
  asaSeconds: number | null;
  /** Average talk time: talk ÷ completed (hold included, as Asterisk's TalkTime). */
  attSeconds: number | null;
  /** Average handle time: (talk + wrap-up) ÷ completed; talk already holds the hold time, so this is talk + hold + wrap-up of the conversation proper. */
  ahtSeconds: number | null;
  avgHoldSeconds: number | null;
  avgAbandonWaitSeconds: number | null;
  /** abandoned ÷ (offered − waiting); null before any call was settled. */
  abandonRate: number | null;
  avgScore: number | null;
}

export function emptyTally(): QueueTally {
  return {
    offered: 0, waiting: 0, answered: 0, completed: 0, transferred: 0, abandoned: 0, exitEmpty: 0, exitTimeout: 0, exitKey: 0,
    withdrawn: 0, unknown: 0, waitAnsweredSum: 0, waitAbandonedSum: 0, talkSum: 0, holdSum: 0, wrapupSum: 0, ringNoAnswer: 0,
    scoreSum: 0, scored: 0, answeredWithin: waitEdges.map(() => 0), abandonedWithin: waitEdges.map(() => 0),
    missCauses: { NO_ASSIGN: 0, NO_AGENT_ANSWER: 0, NO_AGENT_LOGIN: 0, MEMBER_CANCEL: 0, other: 0 },
  };
}

/** `into += sign × from`, field by field. */
export function addTally(into: QueueTally, from: QueueTally, sign: 1 | -1 = 1): QueueTally {
  for (const key of Object.keys(into) as (keyof QueueTally)[]) {
    const target = into[key];
    const source = from[key];
    if (typeof target === 'number') (into[key] as number) = target + sign * (source as number);
    else if (Array.isArray(target)) (source as number[]).forEach((value, index) => (target[index] = target[index]! + sign * value));
    else for (const cause of missCauseKeys) target[cause] += sign * (source as Record<MissCauseKey, number>)[cause];
  }
  return into;
}

/** Where a wait edge sits in `waitEdges` (and in every histogram of a tally). */
export const waitEdgeIndex = (seconds: number): number => waitEdges.indexOf(seconds as WaitEdge);
/** part / whole, or null when there is no whole: a figure with nothing to count is unknown, not 0. */
export const ratioOf = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * The figures of a tally under `rules`. `waitingOverSl` is the number of callers
 * still waiting who have already waited longer than T: they count against the
 * service level now, not only once they give up.
 */
export function figuresOf(tally: QueueTally, rules: StatsRules, waitingOverSl = 0): QueueFigures {
  const short = rules.shortAbandonSeconds > 0 ? (tally.abandonedWithin[waitEdgeIndex(rules.shortAbandonSeconds)] ?? 0) : 0;
  const offered = tally.offered - short;
  const abandoned = tally.abandoned - short;
  const exited = tally.exitEmpty + tally.exitTimeout + tally.exitKey + tally.withdrawn;
  const within = tally.answeredWithin[waitEdgeIndex(rules.slSeconds)] ?? 0;
  const abandonedWithin = (tally.abandonedWithin[waitEdgeIndex(rules.slSeconds)] ?? 0) - short;
  let answeredWithinSl = within;
  let slBase: number;
  if (rules.slFormula === 'answered') slBase = tally.answered;
  else if (rules.slFormula === 'answeredAbandoned') {
    answeredWithinSl = within + abandonedWithin;
    slBase = tally.answered + abandoned;
  } else slBase = offered - tally.waiting + waitingOverSl;
  const missCauses = { ...tally.missCauses };
  missCauses.MEMBER_CANCEL = Math.max(0, missCauses.MEMBER_CANCEL - short);
  return withRatios({
    offered, waiting: tally.waiting, answered: tally.answered, completed: tally.completed, abandoned, shortAbandoned: short, exited,
    unknown: tally.unknown, transferred: tally.transferred, ringNoAnswer: tally.ringNoAnswer, missCauses, answeredWithinSl, slBase,
    waitAnsweredSum: tally.waitAnsweredSum, waitAbandonedSum: tally.waitAbandonedSum, talkSum: tally.talkSum, holdSum: tally.holdSum,
    wrapupSum: tally.wrapupSum, scoreSum: tally.scoreSum, scored: tally.scored,
  });
}

type FigureSums = Omit<QueueFigures, 'serviceLevel' | 'asaSeconds' | 'attSeconds' | 'ahtSeconds' | 'avgHoldSeconds' | 'avgAbandonWaitSeconds' | 'abandonRate' | 'avgScore'>;

// Fields written out, not spread: a spread of this many keys takes V8's slow path, and an
// agent × hour report builds thousands of these.
function withRatios(sums: FigureSums): QueueFigures {
  return {
    offered: sums.offered, waiting: sums.waiting, answered: sums.answered, completed: sums.completed, abandoned: sums.abandoned,
    shortAbandoned: sums.shortAbandoned, exited: sums.exited, unknown: sums.unknown, transferred: sums.transferred,
    ringNoAnswer: sums.ringNoAnswer, missCauses: sums.missCauses, answeredWithinSl: sums.answeredWithinSl, slBase: sums.slBase,
    waitAnsweredSum: sums.waitAnsweredSum, waitAbandonedSum: sums.waitAbandonedSum, talkSum: sums.talkSum, holdSum: sums.holdSum,
    wrapupSum: sums.wrapupSum, scoreSum: sums.scoreSum, scored: sums.scored,
    serviceLevel: ratioOf(sums.answeredWithinSl, sums.slBase),
    asaSeconds: ratioOf(sums.waitAnsweredSum, sums.answered),
    attSeconds: ratioOf(sums.talkSum, sums.completed),
    ahtSeconds: ratioOf(sums.talkSum + sums.wrapupSum, sums.completed),
    avgHoldSeconds: ratioOf(sums.holdSum, sums.completed),
    avgAbandonWaitSeconds: ratioOf(sums.waitAbandonedSum, sums.abandoned + sums.shortAbandoned),
    abandonRate: ratioOf(sums.abandoned, sums.offered - sums.waiting),
    avgScore: ratioOf(sums.scoreSum, sums.scored),
  };
}

/**
 * Occupancy: the share of staffed time an agent spent handling calls. Handling time is
 * talk (hold included) + wrap-up of the calls the agent handled; staffed time is the time
 * logged in to at least one queue minus paused time (the wrap-up pause is work, not a
 * pause), for the same period. Null when the agent was never staffed. Not capped: calls
 * handled while logged out of every queue can take it past 1, and that is shown as it is.
 */
export function occupancyOf(handlingSeconds: number, staffedSeconds: number): number | null {
  return ratioOf(handlingSeconds, staffedSeconds);
}

/** Figures of several queues (or buckets) together: sums add, ratios are taken of the sums — never an average of averages. */
export function combineFigures(parts: readonly QueueFigures[]): QueueFigures {
  const sums = figuresOf(emptyTally(), defaultStatsRules) as FigureSums;
  for (const part of parts) {
    for (const key of Object.keys(sums) as (keyof FigureSums)[]) {
      if (key === 'missCauses') for (const cause of missCauseKeys) sums.missCauses[cause] += part.missCauses[cause];
      else (sums[key] as number) += part[key] as number;
    }
  }
  return withRatios(sums);
}

/** The service level's numerator and denominator, as QueueFigures and HourFigures carry them. */
export type SlSums = Pick<QueueFigures, 'answeredWithinSl' | 'slBase'>;

/**
 * The service level of a stretch of the day (alerts: "the last M minutes"): the day's
 * numerator and denominator at its end minus the same at its start, under the same rules,
 * so it is the queue's own service level, only over less time. Null when nothing counted.
 */
export function serviceLevelBetween(start: SlSums, end: SlSums): SlSums & { serviceLevel: number | null } {
  const answeredWithinSl = end.answeredWithinSl - start.answeredWithinSl;
  const slBase = end.slBase - start.slBase;
  return { answeredWithinSl, slBase, serviceLevel: slBase > 0 ? ratioOf(answeredWithinSl, slBase) : null };
}

/** Today's calls of one queue in one local clock hour (the wallboard chart). */
export interface HourFigures {
  /** UTC ms of the hour's start. */
  at: number;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinSl: number;
  slBase: number;
}

/** A queue's day so far, as the core keeps it from the ledger of queue attempts. */
export interface QueueDay {
  queue: string;
  /** The local calendar day (configured zone), YYYY-MM-DD. */
  day: string;
  timeZone: string;
  rules: StatsRules;
  figures: QueueFigures;
  /** Hours of the day that had calls, in order; their sums equal `figures`. */
  hours: HourFigures[];
}

/** The statistics rules of every queue: one default, and the queues that differ from it. */
export interface StatsRulesBook {
  defaults: StatsRules;
  queues: Record<string, StatsRules>;
}

export const defaultStatsRulesBook: StatsRulesBook = { defaults: defaultStatsRules, queues: {} };

export function rulesOf(book: StatsRulesBook, queue: string): StatsRules {
  return book.queues[queue] ?? book.defaults;
}

/** One moment of a queue (or '*', all queues) on the wallboard's "last hours" chart, sampled by the core. */
export interface QueueSample {
  at: number;
  waiting: number;
  available: number;
  onCall: number;
  ringing: number;
  paused: number;
}

/** The key of "all queues together" in samples. */
export const allQueuesKey = '*';

/** The wallboard's "all queues": of one PBX of a console of several (`bj:*`), else of every queue. */
export function allQueuesKeyOf(pbx: string | undefined): string {
  return pbx === undefined || pbx === '' ? allQueuesKey : qualifiedId(pbx, allQueuesKey);
}
