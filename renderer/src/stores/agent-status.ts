import type { ExtensionState } from '@contract';

/**
 * What a supervisor calls an agent's state, folded from the Asterisk hint
 * state (ExtensionStatus `Status`) and queue pause (QueueMemberStatus `Paused`).
 * One place decides it so the grid, the wallboard and the TV agree.
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

/** A paused agent who is still on a call is shown on the call (with a pause badge), not as paused. */
export function agentStatusOf(state: ExtensionState, isPaused: boolean): AgentStatus {
  const status = statusOfExtensionState(state);
  return isPaused && (status === 'available' || status === 'unknown') ? 'paused' : status;
}
