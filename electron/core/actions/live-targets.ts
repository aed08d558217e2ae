import type { Call } from '../contract/model';
import type { LiveModel } from '../live/model';
import type { CallLeg } from './backend';

// Targets of an action as the live model knows them right now: an extension and
// its device, the queues it is a member of, the call it is in and the channels.

export interface KnownExtension {
  id: string;
  /** "SIP/800": Extension.device, else a queue member's interface, else chan_sip's default. */
  device: string;
  name?: string;
}

export function findExtension(model: LiveModel, id: string): KnownExtension | undefined {
  const extension = model.extensions.get(id);
  if (extension) {
    const found: KnownExtension = { id, device: extension.device ?? memberInterface(model, id) ?? `SIP/${id}` };
    if (extension.name) found.name = extension.name;
    return found;
  }
  const iface = memberInterface(model, id);
  return iface ? { id, device: iface } : undefined;
}

function memberInterface(model: LiveModel, id: string): string | undefined {
  for (const queue of model.queues.values()) {
    const member = queue.members.find((m) => m.extension === id);
    if (member) return member.interface;
  }
  return undefined;
}

/** Queues the extension is a member of, and whether it is paused in each. */
export function membershipsOf(model: LiveModel, id: string): Array<{ queue: string; isPaused: boolean; pauseReason?: string }> {
  const out: Array<{ queue: string; isPaused: boolean; pauseReason?: string }> = [];
  for (const queue of model.queues.values()) {
    const member = queue.members.find((m) => m.extension === id);
    if (!member) continue;
    const entry: { queue: string; isPaused: boolean; pauseReason?: string } = { queue: queue.name, isPaused: member.isPaused };
    if (member.pauseReason) entry.pauseReason = member.pauseReason;
    out.push(entry);
  }
  return out;
}

function isChannelOf(channel: string, device: string): boolean {
  // Channel names are the device plus a per-channel suffix: SIP/800-00000013, PJSIP/800-0000002a.
  return channel.toLowerCase().startsWith(`${device.toLowerCase()}-`);
}

/** The other party: prefer the call's first channel (the caller), else any channel not of this device. */
function peerOf(call: Call, own: string, device: string): string | undefined {
  const others = call.channels.filter((c) => c !== own && !isChannelOf(c, device) && !/^Local\//i.test(c));
  return others[0];
}

/** The call an extension is in (ringing, talking or on hold), with its own and the peer's channel. */
export function legOfExtension(model: LiveModel, extension: KnownExtension): CallLeg | undefined {
  for (const call of model.calls.values()) {
    if (call.state === 'ended') continue;
    const channel = call.channels.find((c) => isChannelOf(c, extension.device));
    if (!channel) continue;
    const leg: CallLeg = { callId: call.id, extension: extension.id, channel };
    const peer = peerOf(call, channel, extension.device);
    if (peer) leg.peerChannel = peer;
    return leg;
  }
  return undefined;
}

/** A whole call: through its agent's leg when it has one, else its first (caller) channel. */
export function legOfCall(model: LiveModel, callId: string): CallLeg | undefined {
  const call = model.calls.get(callId);
  if (!call || call.state === 'ended' || call.channels.length === 0) return undefined;
  if (call.agent) {
    const agent = findExtension(model, call.agent);
    const leg = agent && legOfExtension(model, agent);
    if (leg && leg.callId === call.id) return leg;
  }
  return { callId: call.id, channel: call.channels[0] as string };
}
