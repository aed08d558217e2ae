import type { QueueFigures, WaitEdge } from './figures';
import type { QuarterFigures, WaitDistribution } from './wait-figures';
import type { CallTransferKind } from './history';

// Replies of the distribution and breakdown reports (store/distribution-reports.ts,
// store/breakdown-reports.ts) and of the wallboard's service level through the day.
// Every figure in them is defined in figures.ts / agent-figures.ts.

/** A period of the cache, widened to whole local hours as every report is. */
export interface PeriodRequest {
  from: number;
  to: number;
  queues?: string[];
}

export interface DistributionReply {
  /** All the queues asked for together, and each queue on its own (by name). */
  total: WaitDistribution;
  queues: { queue: string; distribution: WaitDistribution }[];
  timeZone: string;
}

export type BreakdownKey = 'did' | 'trunk';

export interface BreakdownRequest extends PeriodRequest {
  by: BreakdownKey;
  slSeconds?: WaitEdge;
}

/** The queue figures of the passes whose call came in on one called number (DID) or trunk; key '' = not known (still in progress, or not recorded). */
export type BreakdownRow = QueueFigures & { key: string; calls: number };

export interface BreakdownReply {
  by: BreakdownKey;
  rows: BreakdownRow[];
  timeZone: string;
}

export interface TransfersRequest {
  from: number;
  to: number;
  agents?: string[];
}

/** Calls one agent transferred to another in the period, and the talk the target had after the transfer. */
export interface TransferRow {
  /** The agent who had the caller: the queue call's answering member, or the call's agent. */
  from: string;
  /** The agent it went to; '' when the PBX named no agent (an attended transfer by bridge or channels). */
  to: string;
  kind: CallTransferKind | '';
  transfers: number;
  /** Of them, the ones whose talk after the transfer is known (the live view saw the target bridged before the end); imported ones are not. */
  timed: number;
  /** Talk after the transfer: from the target's bridge with the caller to the call's end, summed over the timed ones. */
  talkAfterSeconds: number;
}

export interface TransfersReply {
  rows: TransferRow[];
  timeZone: string;
}

/** Today's service level per quarter hour (the configured zone's day), for the wallboard and the TV. */
export interface SlTrendReply {
  day: string;
  timeZone: string;
  /** The threshold every queue asked for counts at, or null when their rules differ. */
  slSeconds: WaitEdge | null;
  /** Quarters that had calls, in order; their sums equal the day's figures. */
  quarters: QuarterFigures[];
}
