import type { AgentSortKey } from '@contract';

/** The column an agent table is sorted by, and which way. */
export interface AgentSort {
  key: AgentSortKey;
  order: 'asc' | 'desc';
}

/** The wallboard's top agents open busiest first; the report's table in extension order. */
export function initialAgentSort(isCompact: boolean): AgentSort {
  return isCompact ? { key: 'callsTaken', order: 'desc' } : { key: 'agent', order: 'asc' };
}

/** A heading clicked: its own column turns round; another one starts names A→Z and figures biggest first. */
export function nextAgentSort(current: AgentSort, key: AgentSortKey): AgentSort {
  if (current.key === key) return { key, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { key, order: key === 'agent' ? 'asc' : 'desc' };
}

/** An agent's pause time by reason, the longest first. */
export function pausesLongestFirst(pauses: Record<string, number>): [reason: string, seconds: number][] {
  return Object.entries(pauses).sort(([, a], [, b]) => b - a);
}
