import type { Pbx } from '../pbx';
import type { QueueMember } from '../pbx-state';
import { deviceStateChange, memberEvent } from '../ami/events';

export type MemberResult = { isOk: true; message: string } | { isOk: false; message: string };

/**
 * QueuePause (s04): one QueueMemberPause per affected queue with PausedReason,
 * and app_queue's pseudo-device `Queue:630_pause_SIP/800` changing state.
 * Without a queue the interface is (un)paused in every queue it belongs to.
 */
export function pauseMember(pbx: Pbx, iface: string, queue: string, isPaused: boolean, reason: string): MemberResult {
  const targets: QueueMember[] = [];
  for (const q of pbx.state.queues.values()) {
    if (queue && q.name !== queue) continue;
    const member = pbx.state.findMember(q.name, iface);
    if (member) targets.push(member);
  }
  if (targets.length === 0) return { isOk: false, message: 'Interface not found' };
  for (const member of targets) {
    member.isPaused = isPaused;
    member.pausedReason = isPaused ? reason : '';
    member.lastPause = Math.floor(pbx.now() / 1000);
    pbx.emit(memberEvent('QueueMemberPause', member));
    pbx.emit(deviceStateChange(`Queue:${member.queue}_pause_${member.agent.device}`, isPaused ? 'INUSE' : 'NOT_INUSE'));
  }
  return { isOk: true, message: isPaused ? 'Interface paused successfully' : 'Interface unpaused successfully' };
}

export function addMember(pbx: Pbx, queueName: string, iface: string, penalty: number, memberName?: string): MemberResult {
  const queue = pbx.state.queues.get(queueName);
  const agent = pbx.state.agentByInterface(iface);
  if (!queue || !agent) return { isOk: false, message: 'Unable to add interface to queue: No such queue' };
  if (pbx.state.findMember(queueName, iface)) return { isOk: false, message: 'Unable to add interface: Already there' };
  if (memberName) agent.name = memberName;
  const member: QueueMember = {
    queue: queueName, agent, penalty, membership: 'dynamic', callsTaken: 0, lastCall: 0, lastPause: 0,
    loginTime: Math.floor(pbx.now() / 1000), isInCall: false, isPaused: false, pausedReason: '',
  };
  queue.members.push(member);
  pbx.emit(memberEvent('QueueMemberAdded', member));
  return { isOk: true, message: 'Added interface to queue' };
}

export function removeMember(pbx: Pbx, queueName: string, iface: string): MemberResult {
  const queue = pbx.state.queues.get(queueName);
  const member = pbx.state.findMember(queueName, iface);
  if (!queue || !member) return { isOk: false, message: 'Unable to remove interface: Not there' };
  queue.members = queue.members.filter((m) => m !== member);
  pbx.emit(memberEvent('QueueMemberRemoved', member));
  return { isOk: true, message: 'Removed interface from queue' };
}
