import type { QueueOutcome } from '../contract';

/** A lost caller who waited less than this gave up before the queue had a fair chance (seed 通话日志2: 排队10秒内挂机). */
export const memberCancelSeconds = 10;

export interface MissFacts {
  outcome: QueueOutcome;
  waitSeconds: number;
  /** Some member was rung for this caller (AgentCalled / RINGNOANSWER). */
  wasRung: boolean;
  /** False when no member of the queue was logged in and reachable; undefined = not known. */
  isAnyMemberLoggedIn?: boolean;
}

/**
 * Why a queued caller was lost, in the vendor's cc_cdr keys (coocenter-api.md): nobody logged
 * in (or the queue emptied: EXITEMPTY); the caller gave up within 10 s; members were rung but
 * none answered; nobody was rung at all (too few free agents). Used by the live ledger, the
 * gateway's cc_cdr and the demo PBX alike.
 */
export function missCauseOf(facts: MissFacts): string {
  if (facts.outcome === 'exitempty' || facts.isAnyMemberLoggedIn === false) return 'NO_AGENT_LOGIN';
  if (facts.outcome === 'abandoned' && facts.waitSeconds < memberCancelSeconds) return 'MEMBER_CANCEL';
  return facts.wasRung ? 'NO_AGENT_ANSWER' : 'NO_ASSIGN';
}
