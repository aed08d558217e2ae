import type { LiveChannel } from './call-track';

/** How many hung-up Uniqueids are remembered so late or reordered events cannot resurrect a channel. */
const HUNG_UP_LIMIT = 8192;

/**
 * The channels the call tracker follows, by Uniqueid, in order of their last event:
 * each event re-inserts its channel at the end of the Map, so the least recently
 * active channel is the first one — the one to drop past the channel bound, and the
 * oldest event, found without a scan. Also the Uniqueids that hung up lately.
 */
export class ChannelActivity {
  private readonly byUniqueid = new Map<string, LiveChannel>();
  private readonly hungUp = new Set<string>();

  get size(): number {
    return this.byUniqueid.size;
  }

  has(uniqueid: string): boolean {
    return this.byUniqueid.has(uniqueid);
  }

  /** The channel, without counting this as an event about it. */
  peek(uniqueid: string): LiveChannel | undefined {
    return this.byUniqueid.get(uniqueid);
  }

  /** The channel an event at `now` is about, moved to the end of the order. */
  touch(uniqueid: string, now: number): LiveChannel | undefined {
    const channel = this.byUniqueid.get(uniqueid);
    if (channel) this.seen(channel, now);
    return channel;
  }

  seen(channel: LiveChannel, now: number): void {
    channel.lastEventAt = now;
    this.byUniqueid.delete(channel.uniqueid);
    this.byUniqueid.set(channel.uniqueid, channel);
  }

  add(channel: LiveChannel): void {
    this.byUniqueid.set(channel.uniqueid, channel);
  }

  delete(uniqueid: string): void {
    this.byUniqueid.delete(uniqueid);
  }

  /** A Hangup: the Uniqueid is remembered (the channel itself is taken out by the tracker). */
  hangUp(uniqueid: string): void {
    if (this.hungUp.size >= HUNG_UP_LIMIT) this.hungUp.delete(this.hungUp.values().next().value as string);
    this.hungUp.add(uniqueid);
  }

  isHungUp(uniqueid: string): boolean {
    return this.hungUp.has(uniqueid);
  }

  /** The least recently active channel. */
  oldest(): LiveChannel | undefined {
    return this.byUniqueid.values().next().value;
  }

  /** How many channels have had no event since `before`. */
  idleSince(before: number): number {
    let count = 0;
    for (const channel of this.byUniqueid.values()) {
      if (channel.lastEventAt >= before) break;
      count++;
    }
    return count;
  }
}
