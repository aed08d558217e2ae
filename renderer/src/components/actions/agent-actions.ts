import type { Role } from '@contract';
import type { AgentStatus } from '@contract';

/**
 * Which supervisor actions a card or a call row offers, decided in one pure
 * function so the menu, the keyboard shortcuts and the tests agree. A read-only
 * session (TV, LAN browser without token) gets none: the server refuses them
 * anyway (dispatcher role check), and a menu that can only fail is noise.
 */
export type AgentActionKind =
  | 'pause' | 'unpause' | 'endWrapup'
  | 'listen' | 'whisper' | 'barge'
  | 'transfer' | 'hangup'
  | 'queueLogin' | 'queueLogout'
  | 'dial';

/** In menu order: the frequent ones first, destructive ones last. */
export const agentActionKinds: AgentActionKind[] = [
  'pause', 'unpause', 'endWrapup', 'listen', 'whisper', 'barge', 'transfer', 'dial', 'queueLogin', 'queueLogout', 'hangup',
];

/** Asks for confirmation before running (hangup, barge, logout). */
export const destructiveActions: ReadonlySet<AgentActionKind> = new Set<AgentActionKind>(['hangup', 'barge', 'queueLogout']);

/** Pause reason code Callboard's own wrap-up uses (core/actions/pause-reasons.ts wrapupReason). */
export const wrapupReasonCode = 'wrap-up';

export interface AgentActionSubject {
  status: AgentStatus;
  isPaused: boolean;
  pauseReason?: string;
  /** Queues the agent is a member of. */
  queues: string[];
  hasCall: boolean;
  /** Is in an active Callboard wrap-up (actions.wrapups), or paused with the wrap-up reason. */
  isInWrapup?: boolean;
}

export interface ActionEnvironment {
  role: Role;
  /** Every queue on the PBX: login is offered only when there is one to join. */
  queueCount: number;
}

export function agentActions(agent: AgentActionSubject, env: ActionEnvironment): AgentActionKind[] {
  if (env.role !== 'act') return [];
  const isMember = agent.queues.length > 0;
  const isInWrapup = agent.isInWrapup === true || (agent.isPaused && agent.pauseReason === wrapupReasonCode);
  const isOffline = agent.status === 'offline';
  const offered: Record<AgentActionKind, boolean> = {
    // Pause stays offered while paused: it is how a reason is changed or another queue paused.
    pause: isMember,
    unpause: isMember && agent.isPaused,
    endWrapup: isInWrapup,
    listen: agent.hasCall,
    whisper: agent.hasCall,
    barge: agent.hasCall,
    transfer: agent.hasCall,
    hangup: agent.hasCall,
    queueLogin: env.queueCount > agent.queues.length,
    queueLogout: isMember,
    dial: !isOffline && !agent.hasCall,
  };
  return agentActionKinds.filter((kind) => offered[kind]);
}

export interface CallActionSubject {
  state: string;
  /** The answering agent's extension: spying needs one. */
  agent?: string;
}

export type CallActionKind = 'listen' | 'whisper' | 'barge' | 'transfer' | 'hangup';

export function callActions(call: CallActionSubject, role: Role): CallActionKind[] {
  if (role !== 'act' || call.state === 'ended') return [];
  const canSpy = call.agent !== undefined && (call.state === 'talking' || call.state === 'hold');
  const kinds: CallActionKind[] = [];
  if (canSpy) kinds.push('listen', 'whisper', 'barge');
  kinds.push('transfer', 'hangup');
  return kinds;
}

/** Single-key shortcuts on a focused agent card (shown in the `?` overlay). */
export const agentShortcuts: { key: string; action: AgentActionKind | 'togglePause' }[] = [
  { key: 'p', action: 'togglePause' },
  { key: 'e', action: 'endWrapup' },
  { key: 'l', action: 'listen' },
  { key: 'w', action: 'whisper' },
  { key: 'b', action: 'barge' },
  { key: 't', action: 'transfer' },
  { key: 'h', action: 'hangup' },
  { key: 'd', action: 'dial' },
];

/** The action a key asks for on this agent, if it is offered. P pauses, or unpauses a paused agent. */
export function actionForKey(key: string, offered: AgentActionKind[]): AgentActionKind | undefined {
  const entry = agentShortcuts.find((s) => s.key === key.toLowerCase());
  if (!entry) return undefined;
  if (entry.action === 'togglePause') {
    if (offered.includes('unpause')) return 'unpause';
    return offered.includes('pause') ? 'pause' : undefined;
  }
  return offered.includes(entry.action) ? entry.action : undefined;
}
