import { occupancyOf } from './figures';
import { wrapupReason } from './pause-reasons';

// Every per-agent figure Callboard shows, defined once (docs/figures.md, "Per agent").
// The core sums an agent's period into an AgentTally (store/agent-performance.ts) and
// `agentFiguresOf` turns it into figures; screens only format and sort them.
//
// Credit follows queue_log: a queue call counts for the member that answered it (CONNECT),
// with Asterisk's talk time, also when it was then transferred; the agent it was
// transferred to gets a call of their own (a transfer received) whose talk is their
// segment, from their bridge with the caller to the call's end. Transfers received and
// direct calls are never queue figures: they add nothing to a queue's offered or answered.

/** Sums of one agent over a period. Durations in whole seconds. */
export interface AgentTally {
  agent: string;
  /** Queue passes the agent answered (queue_log CONNECT), those still in progress included: the queue's "answered". */
  queueAnswered: number;
  /** Of those, the ones that ended with their talk time known. */
  queueCompleted: number;
  /** Calls another agent transferred to this one (blind, attended or Redirect), ended. */
  transfersReceived: number;
  /** Inbound customer calls the agent answered without a queue, ended. */
  direct: number;
  /** Talk of the completed queue calls (Asterisk's TalkTime, hold included), transfer segments and direct calls. */
  talkSum: number;
  /** The part of talkSum spent on hold. */
  holdSum: number;
  /** After-call work following those calls. */
  wrapupSum: number;
  /** The longest single talk of the three kinds. */
  longestCallSeconds: number;
  /** Logged in to at least one queue (the union across queues). */
  loginSeconds: number;
  /** Paused time by reason: the configured reason's code, an unknown reason as written, '' for none. */
  pauses: Record<string, number>;
}

export interface AgentFigures extends AgentTally {
  /** Calls taken: queue answered + transfers received + direct. */
  callsTaken: number;
  /** Calls that ended with their talk known: the base of the averages. */
  handled: number;
  /** Talk (hold included) + wrap-up. */
  handlingSeconds: number;
  /** Paused time that is not work: every reason but the wrap-up pause. */
  pauseSeconds: number;
  /** Login − pauseSeconds, never below 0. */
  staffedSeconds: number;
  /** Average handle time: handlingSeconds ÷ handled. */
  ahtSeconds: number | null;
  /** occupancyOf(handlingSeconds, staffedSeconds), contract/figures.ts. */
  occupancy: number | null;
}

/**
 * The talk a transfer's target had: from their bridge with the caller (`transferAt`, as the
 * live view saw it) to the call's end, whole seconds; 0 when the moment is not known
 * (a transfer read from an imported queue_log).
 */
export function transferSegmentSeconds(transferAt: number | null | undefined, endedAt: number): number {
  return transferAt !== null && transferAt !== undefined && endedAt > transferAt ? Math.round((endedAt - transferAt) / 1000) : 0;
}

export interface AgentPerformanceRequest {
  from: number;
  to: number;
  agents?: string[];
}

export interface AgentPerformanceReply {
  /** The period counted: local whole hours of the configured zone containing [from, to). */
  from: number;
  to: number;
  timeZone: string;
  /** In extension order. */
  agents: AgentFigures[];
}

export function emptyAgentTally(agent: string): AgentTally {
  return {
    agent, queueAnswered: 0, queueCompleted: 0, transfersReceived: 0, direct: 0, talkSum: 0, holdSum: 0, wrapupSum: 0,
    longestCallSeconds: 0, loginSeconds: 0, pauses: {},
  };
}

export function agentFiguresOf(tally: AgentTally): AgentFigures {
  const handled = tally.queueCompleted + tally.transfersReceived + tally.direct;
  const handlingSeconds = tally.talkSum + tally.wrapupSum;
  const pauseSeconds = Object.entries(tally.pauses).reduce((sum, [reason, seconds]) => (reason === wrapupReason ? sum : sum + seconds), 0);
  const staffedSeconds = Math.max(0, tally.loginSeconds - pauseSeconds);
  return {
    ...tally,
    callsTaken: tally.queueAnswered + tally.transfersReceived + tally.direct,
    handled,
    handlingSeconds,
    pauseSeconds,
    staffedSeconds,
    ahtSeconds: handled > 0 ? handlingSeconds / handled : null,
    occupancy: occupancyOf(handlingSeconds, staffedSeconds),
  };
}

/** The keys an agent table sorts by. */
export const agentSortKeys = [
  'agent', 'callsTaken', 'queueAnswered', 'transfersReceived', 'direct', 'talkSum', 'holdSum', 'wrapupSum', 'ahtSeconds',
  'longestCallSeconds', 'pauseSeconds', 'loginSeconds', 'occupancy',
] as const;
export type AgentSortKey = (typeof agentSortKeys)[number];

/** Agents ordered by `key` (nulls last, ties by extension): the same order on every screen. */
export function sortAgentFigures(rows: readonly AgentFigures[], key: AgentSortKey, order: 'asc' | 'desc'): AgentFigures[] {
  const sign = order === 'asc' ? 1 : -1;
  const byAgent = (a: AgentFigures, b: AgentFigures) => a.agent.localeCompare(b.agent, undefined, { numeric: true });
  return [...rows].sort((a, b) => {
    if (key === 'agent') return sign * byAgent(a, b);
    const x = a[key];
    const y = b[key];
    if (x === y) return byAgent(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || byAgent(a, b);
  });
}
