import { z } from 'zod';
import type { CallRecord, IvrStep } from '../history';
import type { QueueOutcome } from '../figures';
import { method, type ActionResult } from '../method';
import { extensionPattern } from '../patterns';

// Callers waiting in a queue that a supervisor acts on: pick one up to an agent's phone,
// move one to another queue (both an AMI Redirect of the caller's channel; audited by
// core/actions/service.ts), and see where they came from: their IVR path and their calls today.

/** One earlier call of the same number today, as the cache has it. */
export interface PreviousCall {
  uniqueid: string;
  startedAt: number;
  direction: CallRecord['direction'];
  queue?: string;
  agent?: string;
  isAnswered: boolean;
  /** How its (last) queue pass ended, when it went through a queue. */
  queueOutcome?: QueueOutcome;
  queueSeconds: number;
  talkSeconds: number;
}

/** Why the waiting-caller actions cannot run on the backend in use: the vendor API has no way, or no PBX link at all. */
export type WaitingActionsBlock = 'unsupported' | 'disconnected';

export interface WaitingCallerDetail {
  callId: string;
  callerNum: string;
  /** IVR nodes this call went through (vendor `ivr` pushes), in order. */
  ivrSteps: IvrStep[];
  /** Today's other calls of this number (the PBX zone's day), newest first, at most `previousLimit`. */
  previousCalls: PreviousCall[];
  previousLimit: number;
  /** Set when pick-up and move cannot run now; the panel shows them disabled with the reason. */
  actionsBlocked?: WaitingActionsBlock;
}

const callId = z.string().min(1).max(64);
const extension = z.string().trim().regex(extensionPattern, 'an extension or queue number');

export const waitingMethods = {
  /** The detail panel of a waiting caller (reads the cache through the read pool; numbers are the operator's). */
  'waiting.detail': method<ActionResult<WaitingCallerDetail>>()('act', z.object({ callId }).strict()),
  /** Redirect the waiting caller's channel to an agent's extension: the agent's phone rings as for a direct call. */
  'waiting.pickUp': method<ActionResult>()('act', z.object({ callId, agent: extension }).strict()),
  /** Redirect the waiting caller's channel to another queue's number: it leaves this queue and joins that one. */
  'waiting.move': method<ActionResult>()('act', z.object({ callId, queue: extension }).strict()),
};
