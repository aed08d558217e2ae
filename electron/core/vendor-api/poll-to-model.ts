import { callClassOf, carriesCall, type Call, type Extension, type Queue, type QueueMember } from '../contract';
import type { LiveModel } from '../live/model';
import type { CurrentChannel, ExtensionHint, PeerStatus, QueueMembership } from './client-answers';

// The one place where the vendor API's polled answers become live-model changes.
// Each apply* only emits an update when something actually changed, so a quiet
// call center produces no LiveUpdates every poll.

function isSame(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** extension-hints-status: states; `stateSince` is kept while the state is unchanged. */
export function applyHints(model: LiveModel, hints: ExtensionHint[]): void {
  const now = model.now();
  for (const hint of hints) {
    const existing = model.extensions.get(hint.extension);
    const next: Extension = {
      ...existing,
      id: hint.extension,
      name: hint.agentName || existing?.name,
      state: hint.state,
      statusCode: hint.statusCode,
      stateSince: existing && existing.state === hint.state ? existing.stateSince : now,
    };
    if (!existing || !isSame(existing, next)) model.putExtension(next);
  }
}

/** extension-status (SIPpeers): registration and device of each extension. */
export function applyPeers(model: LiveModel, peers: PeerStatus[]): void {
  const now = model.now();
  for (const peer of peers) {
    const existing = model.extensions.get(peer.extension);
    const next: Extension = {
      ...(existing ?? { id: peer.extension, state: 'unknown', statusCode: -1, stateSince: now }),
      device: existing?.device ?? `${peer.technology.toUpperCase()}/${peer.extension}`,
      registration: peer.registration,
    };
    if (!existing || !isSame(existing, next)) model.putExtension(next);
  }
}

/** "sip/876" -> "SIP/876": AMI reports the technology in upper case; interfaces are case-insensitive in practice. */
function normaliseInterface(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? name : name.slice(0, slash).toUpperCase() + name.slice(slash);
}

/** queue-info: members and their paused flags; queues the box no longer reports are removed. */
export function applyQueueInfo(model: LiveModel, queues: Record<string, QueueMembership[]>): void {
  const now = model.now();
  for (const [name, memberships] of Object.entries(queues)) {
    const existing = model.queues.get(name);
    const members = memberships.map((membership): QueueMember => {
      const iface = normaliseInterface(membership.interface);
      const before = existing?.members.find((m) => m.interface.toLowerCase() === iface.toLowerCase());
      const extension = model.extensions.get(membership.extension);
      const state = extension?.state ?? before?.state ?? 'unknown';
      return {
        ...before,
        interface: before?.interface ?? iface,
        extension: membership.extension,
        name: before?.name ?? extension?.name ?? membership.extension,
        penalty: membership.penalty,
        isPaused: membership.isPaused,
        pausedSince: membership.isPaused ? (before?.isPaused ? before.pausedSince : now) : undefined,
        unpausedAt: !membership.isPaused && before?.isPaused ? now : before?.unpausedAt,
        state,
        // The vendor API does not say whether the call is the queue's: the device's state stands in.
        isInCall: carriesCall(state),
        callsTaken: before?.callsTaken ?? 0,
        membership: before?.membership ?? 'unknown',
      };
    });
    const next: Queue = existing
      ? { ...existing, members }
      : { name, members, callers: [] };
    if (!existing || !isSame(existing.members, next.members)) model.putQueue(next);
  }
  for (const name of [...model.queues.keys()]) if (!(name in queues)) model.removeQueue(name);
}

const looksLikeExtension = (num: string) => /^\d{2,6}$/.test(num);

/**
 * current-calls (CoreShowChannels): ends calls whose channels are all gone (a missed
 * hangup push) and adds calls for channels the model does not know (a missed
 * dialbegin). The answer has no uniqueid nor bridge, so the two channels of one
 * call are paired by their caller/connected numbers. Calls that started after
 * `pollStartedAt` are left alone: the answer may predate them.
 */
export function applyCurrentCalls(model: LiveModel, channels: CurrentChannel[], pollStartedAt: number): void {
  const now = model.now();
  const present = new Set(channels.map((c) => c.channel));
  const known = new Set<string>();
  for (const call of [...model.calls.values()]) {
    for (const channel of call.channels) known.add(channel);
    if (call.startedAt < pollStartedAt && call.channels.length > 0 && !call.channels.some((c) => present.has(c))) {
      model.endCall(call.id, now);
    }
  }
  const paired = new Set<string>();
  for (const channel of channels) {
    if (known.has(channel.channel) || paired.has(channel.channel)) continue;
    const partner = channels.find(
      (other) =>
        other !== channel &&
        !known.has(other.channel) &&
        !paired.has(other.channel) &&
        other.callerIdNum === channel.connectedLineNum &&
        other.connectedLineNum === channel.callerIdNum,
    );
    paired.add(channel.channel);
    if (partner) paired.add(partner.channel);
    const caller = channel.callerIdNum;
    const callee = channel.connectedLineNum;
    const isUp = channel.channelState === 6;
    const startedAt = now - channel.durationSeconds * 1000;
    const direction = looksLikeExtension(caller) ? (looksLikeExtension(callee) ? 'internal' : 'outbound') : 'inbound';
    const call: Call = {
      id: `poll:${channel.channel}`,
      direction,
      callClass: callClassOf(direction),
      // Asterisk channel states: 4 Ring, 5 Ringing, 6 Up.
      state: isUp ? 'talking' : channel.channelState === 4 || channel.channelState === 5 ? 'ringing' : 'dialing',
      callerNum: caller,
      callerName: channel.callerIdName || undefined,
      calledNum: callee,
      agent: looksLikeExtension(callee) ? callee : looksLikeExtension(caller) ? caller : undefined,
      startedAt,
      answeredAt: isUp ? startedAt : undefined,
      holdSeconds: 0,
      channels: partner ? [channel.channel, partner.channel] : [channel.channel],
    };
    model.putCall(call);
  }
}
