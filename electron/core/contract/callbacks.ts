import type { QueueOutcome } from './figures';

/** One caller to call back: their last queue pass today ended without an agent. */
export interface CallbackEntry {
  /** The caller's number as click-to-dial takes it. */
  number: string;
  /** The queue of the last missed pass. */
  queue: string;
  /** Seconds the caller waited in that pass. */
  waitSeconds: number;
  /** When that pass ended (or began, when its end is unknown), UTC ms. */
  lastAt: number;
  /** How the last pass ended. */
  outcome: QueueOutcome;
  /** Missed passes of this number today. */
  tries: number;
}

export interface CallbacksReply {
  /** The PBX zone's local day, YYYY-MM-DD. */
  day: string;
  timeZone: string;
  /** Newest first, at most `limit`. */
  entries: CallbackEntry[];
  /** Open callbacks in all, shown or not. */
  total: number;
  limit: number;
}

/** Passes that ended with the caller unserved: they hung up, or the queue let them go. */
export const missedOutcomes: readonly QueueOutcome[] = ['abandoned', 'exitempty', 'exitwithtimeout', 'exitwithkey'];
