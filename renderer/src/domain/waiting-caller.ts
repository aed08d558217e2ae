import type { AgentStatus, IvrStep, PreviousCall, QueueOutcome, WaitingActionsBlock } from '@contract';

// What the waiting-caller panel offers and how it words a caller's past, decided in
// pure functions so the panel, its confirmation and the tests agree.

/** How an earlier call of today ended, in the panel's words. */
export type PreviousCallEnd = 'answered' | 'abandoned' | 'exited' | 'unanswered';

const exits: readonly QueueOutcome[] = ['exitempty', 'exitwithtimeout', 'exitwithkey', 'withdraw'];

export function previousCallEnd(call: Pick<PreviousCall, 'isAnswered' | 'queueOutcome'>): PreviousCallEnd {
  if (call.isAnswered) return 'answered';
  if (call.queueOutcome === 'abandoned') return 'abandoned';
  if (call.queueOutcome !== undefined && exits.includes(call.queueOutcome)) return 'exited';
  return 'unanswered';
}

export interface AgentChoice {
  id: string;
  name: string;
  status: AgentStatus;
  isRegistered: boolean;
  /** In a call (talking, ringing, on hold) other than the waiting caller's. */
  isBusy: boolean;
}

/**
 * Agents a waiting caller can be sent to: a registered phone with no other call. Available
 * agents come first; a paused agent's phone is free too (a supervisor may hand them a caller).
 */
export function pickUpChoices(agents: readonly AgentChoice[]): AgentChoice[] {
  const rank = (agent: AgentChoice) => (agent.status === 'available' ? 0 : 1);
  return agents
    .filter((agent) => agent.isRegistered && !agent.isBusy && (agent.status === 'available' || agent.status === 'paused'))
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id, undefined, { numeric: true }));
}

/** Queues the caller can be moved to: every other one, by name. */
export function moveChoices(queues: readonly string[], current: string | undefined): string[] {
  return queues.filter((name) => name !== current).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** One IVR node as the panel lists it: its name (or id) and the key pressed to leave it. */
export function ivrStepLabel(step: Pick<IvrStep, 'ivrId' | 'ivrName'>): string {
  return step.ivrName && step.ivrName !== step.ivrId ? `${step.ivrName} (${step.ivrId})` : step.ivrId;
}

/** The i18n key saying why pick-up and move are disabled, if they are. */
export function blockedReasonKey(blocked: WaitingActionsBlock | undefined, canAct: boolean): string | undefined {
  if (!canAct) return 'waiting.blocked.readOnly';
  return blocked === undefined ? undefined : `waiting.blocked.${blocked}`;
}
