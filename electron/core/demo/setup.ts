import type { Pbx } from './pbx';
import type { Agent, QueueMember } from './pbx-state';

export interface MemberSpec {
  exten: string;
  penalty: number;
}

/**
 * Agents 800… and queue memberships. With 10 agents and 630/631/632 this is
 * pbx-conf/queues.conf exactly (630: 800,801 + 802 at penalty 1; ...), so the
 * scripted s02/s03 stories meet the same members as the recordings.
 */
export function defaultMembership(agentCount: number, queues: string[]): Record<string, MemberSpec[]> {
  const out: Record<string, MemberSpec[]> = {};
  const block = Math.max(1, Math.floor(Math.min(agentCount, Math.max(2 * queues.length, agentCount - 4)) / queues.length));
  const span = block * queues.length;
  queues.forEach((queue, k) => {
    const members: MemberSpec[] = [];
    for (let i = 0; i < block; i++) members.push({ exten: String(800 + k * block + i), penalty: 0 });
    members.push({ exten: String(800 + ((k * block + block) % span)), penalty: 1 });
    out[queue] = members;
  });
  return out;
}

export function populate(pbx: Pbx, agentCount: number, membership: Record<string, MemberSpec[]>): void {
  const loginTime = Math.floor(pbx.now() / 1000);
  for (let i = 0; i < agentCount; i++) {
    const exten = String(800 + i);
    const agent: Agent = {
      exten, name: `Agent ${exten}`, device: `SIP/${exten}`, deviceState: 'NOT_INUSE', isRegistered: true,
      ip: '127.0.0.1', port: 5800 + (i % 1000), isBusy: false,
    };
    pbx.state.agents.set(exten, agent);
  }
  for (const [name, specs] of Object.entries(membership)) {
    const members: QueueMember[] = [];
    for (const spec of specs) {
      const agent = pbx.state.agents.get(spec.exten);
      if (!agent || members.some((m) => m.agent === agent)) continue;
      members.push({
        queue: name, agent, penalty: spec.penalty, membership: 'static', callsTaken: 0, lastCall: 0, lastPause: 0,
        loginTime, isInCall: false, isPaused: false, pausedReason: '',
      });
    }
    const isSmall = members.filter((m) => m.penalty === 0).length <= 5;
    pbx.state.queues.set(name, {
      name, strategy: name === Object.keys(membership)[0] && isSmall ? 'ringall' : 'rrmemory', members, waiting: [],
      completed: 0, abandoned: 0, holdTimeAvg: 0, talkTimeAvg: 0, serviceLevelCalls: 0, rrIndex: 0,
    });
  }
  pbx.state.astdb.set('/blacklist/0612000666', 'spam caller');
}
