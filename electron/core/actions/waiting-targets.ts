import type { LiveModel } from '../live/model';
import { actionFail, actionOk } from './backend';
import type { ActionResult } from '../contract/method';
import { findExtension, legOfExtension, type KnownExtension } from './live-targets';

// Targets of the waiting-caller actions as the live model knows them now: the caller
// still in a queue (its channel is what the PBX redirects), the agent to ring, the queue to join.

export interface WaitingCaller {
  callId: string;
  /** The caller's channel in the queue (SIP/carrier-00000012). */
  channel: string;
  queue: string;
}

/** The caller of call `callId` while it waits in a queue; it is gone once answered, abandoned or moved. */
export function waitingCallerOrFail(model: LiveModel, callId: string): ActionResult<WaitingCaller> {
  for (const queue of model.queues.values()) {
    const caller = queue.callers.find((c) => c.callId === callId);
    if (caller) return actionOk({ callId, channel: caller.channel, queue: queue.name });
  }
  return actionFail('not_found', `call ${callId} is not waiting in any queue`);
}

/**
 * The agent to ring: known, reachable, and in no other call (a phone already talking would
 * refuse the call and the caller, out of the queue, would be lost). Being rung by the queue
 * for this very caller is fine: the PBX cancels that ring when the caller leaves the queue.
 */
export function freeAgentOrFail(model: LiveModel, id: string, callId: string): ActionResult<KnownExtension> {
  const agent = findExtension(model, id);
  if (!agent) return actionFail('not_found', `extension ${id} not found`);
  const state = model.extensions.get(id)?.state;
  if (state === 'unavailable') return actionFail('invalid', `extension ${id} is not reachable (its phone is not registered)`);
  const leg = legOfExtension(model, agent);
  if (leg && leg.callId !== callId) return actionFail('invalid', `extension ${id} is in another call`);
  return actionOk(agent);
}

/** A queue other than the one the caller waits in. */
export function otherQueueOrFail(model: LiveModel, caller: WaitingCaller, queue: string): ActionResult<string> {
  if (!model.queues.has(queue)) return actionFail('not_found', `queue ${queue} not found`);
  if (queue === caller.queue) return actionFail('invalid', `the caller already waits in queue ${queue}`);
  return actionOk(queue);
}
