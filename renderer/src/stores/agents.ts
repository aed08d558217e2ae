import { defineStore } from 'pinia';
import { computed } from 'vue';
import type { Call, ExtensionState, QueueMember } from '@contract';
import type { AgentView } from '../domain/agent-filter';
import { useLiveStore } from './live';
import { agentStatusOf, statusSinceOf, type AgentStatus } from '@contract';


function callsByAgent(calls: Iterable<Call>): Map<string, Call> {
  const byAgent = new Map<string, Call>();
  for (const call of calls) {
    if (call.agent) byAgent.set(call.agent, call);
    for (const ringing of call.ringingAgents ?? []) if (!byAgent.has(ringing)) byAgent.set(ringing, call);
  }
  return byAgent;
}

function membersByExtension(queues: Iterable<{ name: string; pbx?: string; members: QueueMember[] }>) {
  const byExtension = new Map<string, { queue: string; pbx?: string; member: QueueMember }[]>();
  for (const queue of queues) {
    for (const member of queue.members) {
      const list = byExtension.get(member.extension) ?? [];
      list.push({ queue: queue.name, pbx: queue.pbx, member });
      byExtension.set(member.extension, list);
    }
  }
  return byExtension;
}

/** Same card content: every field equal (the call compared by identity — the live store replaces a call object only when it changes). */
function isSameView(a: AgentView, b: AgentView): boolean {
  for (const key of Object.keys(b) as (keyof AgentView)[]) {
    if (key === 'queues') {
      if (a.queues.length !== b.queues.length || a.queues.some((queue, i) => queue !== b.queues[i])) return false;
    } else if (a[key] !== b[key]) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}

export const useAgentsStore = defineStore('agents', () => {
  const live = useLiveStore();
  // Cards whose content did not change keep their object, so Vue skips re-rendering them:
  // with 2,000 agents a flush changes a handful, and queue updates arrive as whole new objects.
  let previousViews = new Map<string, AgentView>();

  const agents = computed<AgentView[]>(() => {
    // The PBX filter (several PBXs in one console): only the chosen PBX's extensions, queues and calls.
    const pbx = live.pbxFilter;
    const shown = <T extends { pbx?: string }>(items: Iterable<T>): Iterable<T> => (pbx ? [...items].filter((item) => item.pbx === pbx) : items);
    const byAgent = callsByAgent(shown(live.calls.values()));
    const memberships = membersByExtension(shown(live.queues.values()));
    const views: AgentView[] = [];
    const seen = new Set<string>();
    const build = (id: string, pbx: string | undefined, state: ExtensionState, stateSince: number, name?: string, device?: string, isRegistered = true) => {
      const joined = memberships.get(id) ?? [];
      const paused = joined.find((m) => m.member.isPaused)?.member;
      const status = agentStatusOf(state, paused !== undefined);
      const call = byAgent.get(id);
      const isCaller = call?.callerNum === id;
      const view: AgentView = {
        id,
        ...(pbx === undefined ? {} : { pbx }),
        name: name || joined[0]?.member.name || '',
        device,
        state,
        status,
        statusSince: statusSinceOf(status, stateSince, joined.map((m) => m.member)),
        isPaused: paused !== undefined,
        pauseReason: paused?.pauseReason,
        queues: joined.map((m) => m.queue),
        call,
        peerNumber: call ? (isCaller ? call.calledNum : call.callerNum) : undefined,
        peerName: call && !isCaller ? call.callerName : undefined,
        isRegistered,
      };
      const previous = previousViews.get(id);
      views.push(previous && isSameView(previous, view) ? previous : view);
      seen.add(id);
    };
    for (const e of shown(live.extensions.values())) {
      const registered = !e.registration || e.registration.status === 'ok' || e.registration.status === 'unmonitored';
      build(e.id, e.pbx, e.state, e.stateSince, e.name, e.device, registered);
    }
    // Queue members with no hint still belong on the grid (state from QueueMemberStatus).
    for (const [id, joined] of memberships) {
      const member = joined[0]?.member;
      if (!seen.has(id) && member) build(id, joined[0]?.pbx, member.state, member.pausedSince ?? live.snapshotAt, member.name, member.interface);
    }
    previousViews = new Map(views.map((view) => [view.id, view]));
    return views;
  });

  const countsByStatus = computed(() => {
    const counts: Record<AgentStatus, number> = { available: 0, ringing: 0, oncall: 0, hold: 0, paused: 0, offline: 0, unknown: 0 };
    for (const agent of agents.value) counts[agent.status] += 1;
    return counts;
  });

  return { agents, countsByStatus };
});
