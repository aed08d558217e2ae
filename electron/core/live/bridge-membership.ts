import type { LiveChannel } from './call-track';

/**
 * Which channels are in which bridge (BridgeEnter/BridgeLeave/BridgeMerge/BridgeDestroy,
 * CoreShowChannel BridgeId). Two or more channels in one bridge are talking.
 */
export class BridgeMembership {
  private readonly members = new Map<string, Set<LiveChannel>>();

  readonly sizeOf = (bridgeId: string): number => this.members.get(bridgeId)?.size ?? 0;

  channelsOf(bridgeId: string): Iterable<LiveChannel> {
    return this.members.get(bridgeId) ?? [];
  }

  enter(channel: LiveChannel, bridgeId: string): void {
    if (!bridgeId) return;
    if (channel.bridgeId !== undefined && channel.bridgeId !== bridgeId) this.leave(channel);
    let members = this.members.get(bridgeId);
    if (!members) this.members.set(bridgeId, (members = new Set()));
    members.add(channel);
    channel.bridgeId = bridgeId;
  }

  leave(channel: LiveChannel): void {
    if (channel.bridgeId === undefined) return;
    const members = this.members.get(channel.bridgeId);
    members?.delete(channel);
    if (members && members.size === 0) this.members.delete(channel.bridgeId);
    channel.bridgeId = undefined;
  }

  /** BridgeMerge moves every channel without BridgeLeave/BridgeEnter events of its own. */
  merge(fromBridgeId: string, toBridgeId: string): void {
    const from = this.members.get(fromBridgeId);
    if (!from || !toBridgeId) return;
    for (const channel of [...from]) this.enter(channel, toBridgeId);
  }

  /** BridgeDestroy: returns the channels that were still inside. */
  destroy(bridgeId: string): LiveChannel[] {
    const members = this.members.get(bridgeId);
    if (!members) return [];
    this.members.delete(bridgeId);
    for (const channel of members) channel.bridgeId = undefined;
    return [...members];
  }
}
