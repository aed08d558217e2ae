import type { AgentStatus, Call, ExtensionState } from '@contract';

/** One agent as the grid, the wallboard and the TV show it: extension, live status and call. */
/** One card of the agent grid: an extension joined with its queue memberships and its current call. */
export interface AgentView {
  id: string;
  /** With several PBXs in one console, the PBX the extension belongs to (its id carries it too). */
  pbx?: string;
  name: string;
  device?: string;
  state: ExtensionState;
  status: AgentStatus;
  /** Start of the shown status (pause start when paused, never before the last unpause), UTC ms. */
  statusSince: number;
  isPaused: boolean;
  pauseReason?: string;
  queues: string[];
  call?: Call;
  /** The other party of the current call, from the agent's side. */
  peerNumber?: string;
  peerName?: string;
  isRegistered: boolean;
}


export type AgentSort = 'extension' | 'name' | 'status' | 'time';

export interface AgentFilter {
  search: string;
  queue: string;
  statuses: Set<AgentStatus>;
  sort: AgentSort;
}

/** Sort order a supervisor scans by: who needs attention first. */
const statusRank: Record<AgentStatus, number> = { ringing: 0, oncall: 1, hold: 2, available: 3, paused: 4, offline: 5, unknown: 6 };

// One Intl.Collator each, made once: `localeCompare` with a locale or options builds a collator per
// call, and sorting 2,000 cards on every 50 ms flush made it the page's top cost under churn
// (164 ms of main thread per second in Chromium's profiler, bench/screen/profile-grid.ts).
// Same order: localeCompare(b, locales, options) is defined as new Intl.Collator(locales, options).compare.
const extensionOrder = new Intl.Collator(undefined, { numeric: true });
const nameOrder = new Intl.Collator('zh-CN');

const byExtension = (a: AgentView, b: AgentView) => extensionOrder.compare(a.id, b.id);

export function filterAgents(agents: AgentView[], filter: AgentFilter): AgentView[] {
  const needle = filter.search.trim().toLowerCase();
  const matches = agents.filter((agent) => {
    if (filter.queue && !agent.queues.includes(filter.queue)) return false;
    if (filter.statuses.size > 0 && !filter.statuses.has(agent.status)) return false;
    if (!needle) return true;
    return (
      agent.id.includes(needle) ||
      agent.name.toLowerCase().includes(needle) ||
      (agent.peerNumber?.includes(needle) ?? false) ||
      (agent.pauseReason?.toLowerCase().includes(needle) ?? false)
    );
  });
  const compare: Record<AgentSort, (a: AgentView, b: AgentView) => number> = {
    extension: byExtension,
    name: (a, b) => nameOrder.compare(a.name, b.name) || byExtension(a, b),
    status: (a, b) => statusRank[a.status] - statusRank[b.status] || byExtension(a, b),
    // Longest in state first: the agent paused for an hour is the one to look at.
    time: (a, b) => a.statusSince - b.statusSince || byExtension(a, b),
  };
  return matches.sort(compare[filter.sort]);
}
