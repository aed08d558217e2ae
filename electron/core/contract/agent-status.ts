import type { ExtensionState, Queue, QueueMember } from './model';

/**
 * What a supervisor calls an agent's state, folded from the Asterisk hint
 * state (ExtensionStatus `Status`) and queue pause (QueueMemberStatus `Paused`).
 * One place decides it so the status bar, the grid, the wallboard and the TV agree.
 */
export type AgentStatus = 'available' | 'ringing' | 'oncall' | 'hold' | 'paused' | 'offline' | 'unknown';

export const agentStatuses: AgentStatus[] = ['available', 'ringing', 'oncall', 'hold', 'paused', 'offline', 'unknown'];

export function statusOfExtensionState(state: ExtensionState): AgentStatus {
  switch (state) {
    case 'idle':
      return 'available';
    case 'ringing':
    case 'ringinuse':
      return 'ringing';
    case 'inuse':
    case 'busy':
      return 'oncall';
    case 'onhold':
    case 'inuse_onhold':
      return 'hold';
    case 'unavailable':
      return 'offline';
    default:
      return 'unknown';
  }
}

/**
 * Whether the device carries a call: in use, busy, on hold, or in use while a second call rings
 * (`ringinuse`, which the agent grid shows as ringing but is talk time all the same).
 */
export function carriesCall(state: ExtensionState): boolean {
  return state === 'inuse' || state === 'busy' || state === 'onhold' || state === 'inuse_onhold' || state === 'ringinuse';
}

/** A paused agent who is still on a call is shown on the call (with a pause badge), not as paused. */
export function agentStatusOf(state: ExtensionState, isPaused: boolean): AgentStatus {
  const status = statusOfExtensionState(state);
  return isPaused && (status === 'available' || status === 'unknown') ? 'paused' : status;
}

/**
 * Since when an agent has been in the status shown: a pause since it began; otherwise the
 * phone's state, but not before the last unpause (the phone may have been idle all through
 * the pause, and "available for 40 min" would hide that the agent came back a minute ago).
 */
export function statusSinceOf(status: AgentStatus, stateSince: number, members: readonly Pick<QueueMember, 'isPaused' | 'pausedSince' | 'unpausedAt'>[]): number {
  if (status === 'paused') return members.find((m) => m.isPaused)?.pausedSince ?? stateSince;
  return members.reduce((since, member) => Math.max(since, member.unpausedAt ?? 0), stateSince);
}

/** How the wallboard counts a queue member: one bucket each, the same words as the agent grid's. */
export type MemberBucket = 'available' | 'onCall' | 'ringing' | 'paused' | 'loggedOut';

/**
 * A member in a call of the queue (AgentConnect, Asterisk's "(in call)") is on a call whatever its
 * device says; otherwise its agent status decides. An unregistered or unknown device is logged out.
 */
export function memberBucketOf(member: Pick<QueueMember, 'state' | 'isPaused' | 'isInCall'>): MemberBucket {
  if (member.isInCall) return 'onCall';
  const status = agentStatusOf(member.state, member.isPaused);
  if (status === 'oncall' || status === 'hold') return 'onCall';
  if (status === 'offline' || status === 'unknown') return 'loggedOut';
  return status;
}

export interface MemberCounts extends Record<MemberBucket, number> {
  /** Members not logged out. */
  staffed: number;
}

const bucketRank: Record<MemberBucket, number> = { onCall: 4, ringing: 3, paused: 2, available: 1, loggedOut: 0 };

/**
 * Agents of a set of queues by bucket, each agent once even when it sits in several of them
 * (on a call beats ringing beats paused beats available), so "all queues" is not inflated.
 */
export function countMembers(queues: readonly Pick<Queue, 'members'>[]): MemberCounts {
  const agents = new Map<string, MemberBucket>();
  for (const queue of queues) {
    for (const member of queue.members) {
      const bucket = memberBucketOf(member);
      const previous = agents.get(member.extension);
      if (!previous || bucketRank[bucket] > bucketRank[previous]) agents.set(member.extension, bucket);
    }
  }
  const counts: MemberCounts = { available: 0, onCall: 0, ringing: 0, paused: 0, loggedOut: 0, staffed: 0 };
  for (const bucket of agents.values()) counts[bucket] += 1;
  counts.staffed = agents.size - counts.loggedOut;
  return counts;
}
