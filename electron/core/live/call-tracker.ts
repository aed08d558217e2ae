import { header as str, type AmiMessage } from '../ami/message';
import type { SessionKind } from '../contract';
import { BridgeMembership } from './bridge-membership';
import { ChannelActivity } from './channel-activity';
import { newCallTrack, newChannel, refreshCall, type CallTrack, type LiveChannel } from './call-track';
import type { DeviceRules } from './device-naming';
import { chanVariable, dest, plain, type ChannelKeys } from './channel-headers';
import type { ExtensionTracker } from './extension-tracker';
import type { LiveCaps } from './live-limits';
import type { LiveModel } from './model';

export interface CallTrackerOptions {
  /** ChanVariable holding the dialled DID on inbound channels (manager.conf channelvars), e.g. QUEUE_DID. */
  calledNumVariable?: string;
}

/**
 * Channels and calls from the channel events of Asterisk ≥ 12: Newchannel,
 * Newstate, NewCallerid, NewConnectedLine, DialBegin/DialEnd, Bridge*, Hold/Unhold,
 * Hangup, Rename, transfers, and CoreShowChannel snapshot items. A call is the
 * set of channels sharing a Linkedid; it ends when its last channel hangs up. Calls
 * have at least one channel each, so `maxChannels` bounds them too.
 */
export class CallTracker {
  private readonly channels = new ChannelActivity();
  private readonly tracks = new Map<string, CallTrack>();
  private readonly bridges = new BridgeMembership();
  private readonly bridgeSize = this.bridges.sizeOf;
  private readonly calledNumVariable: string;

  constructor(
    private model: LiveModel,
    private readonly rules: DeviceRules,
    private readonly extensions: ExtensionTracker,
    private readonly onFinished: (track: CallTrack, endedAt: number) => void,
    private readonly caps: LiveCaps,
    options: CallTrackerOptions = {},
  ) {
    this.calledNumVariable = (options.calledNumVariable ?? 'QUEUE_DID').toUpperCase();
  }

  rebind(model: LiveModel): void {
    this.model = model;
  }

  trackOfChannel(uniqueid: string): CallTrack | undefined {
    const channel = this.channels.peek(uniqueid);
    return channel ? this.tracks.get(channel.linkedid) : undefined;
  }

  trackById(callId: string): CallTrack | undefined {
    return this.tracks.get(callId);
  }

  /** Ids of the calls this tracker publishes. */
  callIds(): IterableIterator<string> {
    return this.tracks.keys();
  }

  hasChannel(uniqueid: string): boolean {
    return this.channels.has(uniqueid);
  }

  get activeChannelCount(): number {
    return this.channels.size;
  }

  /** Channels whose last event is older than `before`: a lost Hangup, or a PBX that never sends one. */
  channelsIdleSince(before: number): number {
    return this.channels.idleSince(before);
  }

  /** Newchannel, Newstate, NewCallerid, NewConnectedLine, and any event that should create an unknown channel. */
  onChannel(message: AmiMessage, now: number): CallTrack | undefined {
    const channel = this.upsert(message, plain, now);
    return channel ? this.publish(channel.linkedid, now) : undefined;
  }

  /** CoreShowChannel item: a channel that existed before we connected (Duration "00:00:07", BridgeId). */
  onSnapshotChannel(message: AmiMessage, now: number): void {
    const duration = str(message, 'duration').split(':').map(Number);
    const ageMs = duration.length === 3 ? (((duration[0] ?? 0) * 60 + (duration[1] ?? 0)) * 60 + (duration[2] ?? 0)) * 1000 : 0;
    const channel = this.upsert(message, plain, now - (Number.isFinite(ageMs) ? ageMs : 0));
    if (!channel) return;
    this.channels.seen(channel, now);
    const bridgeId = str(message, 'bridgeid');
    if (bridgeId) this.bridges.enter(channel, bridgeId);
    const track = this.tracks.get(channel.linkedid);
    if (track && channel.createdAt < track.call.startedAt) track.call.startedAt = channel.createdAt;
    this.publish(channel.linkedid, now);
  }

  /** DialBegin: the destination starts ringing (Channel is absent when an Originate dials). */
  onDialBegin(message: AmiMessage, now: number): void {
    const caller = message.channel !== undefined ? this.upsert(message, plain, now) : undefined;
    const callee = this.upsert(message, dest, now);
    if (!callee) return;
    const track = this.tracks.get(callee.linkedid);
    if (!track) return;
    track.ringing.set(callee.uniqueid, callee.extension ?? callee.device);
    // An Originate "dials" its own first channel (DialBegin without Channel): not the called number.
    if (!track.call.calledNum && callee !== track.first) {
      const dialString = str(message, 'dialstring');
      track.call.calledNum = callee.extension ?? dialString.slice(dialString.lastIndexOf('/') + 1);
    }
    this.publish(track.call.id, now);
    if (caller && caller.linkedid !== track.call.id) this.publish(caller.linkedid, now);
  }

  /** DialEnd: DialStatus ANSWER, CANCEL, NOANSWER, BUSY, CONGESTION, CHANUNAVAIL… */
  onDialEnd(message: AmiMessage, now: number): void {
    const uniqueid = str(message, 'destuniqueid');
    const callee = this.channels.touch(uniqueid, now);
    const track = callee ? this.tracks.get(callee.linkedid) : this.trackOfChannel(str(message, 'uniqueid'));
    if (!track) return;
    track.ringing.delete(uniqueid);
    track.lastDialStatus = str(message, 'dialstatus');
    this.publish(track.call.id, now);
  }

  onBridgeEnter(message: AmiMessage, now: number): void {
    const channel = this.channels.touch(str(message, 'uniqueid'), now) ?? this.upsert(message, plain, now);
    if (!channel) return;
    this.bridges.enter(channel, str(message, 'bridgeuniqueid'));
    this.publishBridge(channel.bridgeId, now);
  }

  onBridgeLeave(message: AmiMessage, now: number): void {
    const channel = this.channels.touch(str(message, 'uniqueid'), now);
    if (!channel) return;
    const bridgeId = channel.bridgeId;
    this.bridges.leave(channel);
    this.publish(channel.linkedid, now);
    this.publishBridge(bridgeId, now);
  }

  onBridgeDestroy(message: AmiMessage, now: number): void {
    for (const channel of this.bridges.destroy(str(message, 'bridgeuniqueid'))) this.publish(channel.linkedid, now);
  }

  /** BridgeMerge: every channel of FromBridge moves to ToBridge without BridgeLeave/BridgeEnter of its own. */
  onBridgeMerge(message: AmiMessage, now: number): void {
    const to = str(message, 'tobridgeuniqueid');
    this.bridges.merge(str(message, 'frombridgeuniqueid'), to);
    this.publishBridge(to, now);
  }

  /** Hold / Unhold (the phone put the other side on hold). */
  onHold(message: AmiMessage, now: number, isHeld: boolean): void {
    const channel = this.channels.touch(str(message, 'uniqueid'), now);
    if (!channel) return;
    if (isHeld) channel.heldSince ??= now;
    else this.endHold(channel, now);
    this.publish(channel.linkedid, now);
  }

  /** Rename: Channel → Newname (masquerades, Local channel optimisation). */
  onRename(message: AmiMessage, now: number): void {
    const channel = this.channels.touch(str(message, 'uniqueid'), now);
    const newName = str(message, 'newname');
    if (!channel || !newName) return;
    channel.name = newName;
    const track = this.tracks.get(channel.linkedid);
    if (track) track.isChannelListStale = true;
    this.publish(channel.linkedid, now);
  }

  /**
   * AttendedTransfer / BlindTransfer: when the transferee and the target were
   * in different calls (different Linkedids), the target's channels join the
   * transferee's call so the caller keeps one call with its new agent.
   */
  onTransfer(message: AmiMessage, now: number): void {
    const transferee = this.channels.touch(str(message, 'transfereeuniqueid'), now);
    const target = this.channels.touch(str(message, 'transfertargetuniqueid'), now);
    if (!transferee) return;
    const into = this.tracks.get(transferee.linkedid);
    if (into) into.pendingTransferKind = message.event === 'BlindTransfer' ? 'blind' : 'attended';
    if (target && into && target.linkedid !== transferee.linkedid) {
      const from = this.tracks.get(target.linkedid);
      if (from) for (const channel of [...from.channels]) this.moveChannel(channel, into.call.id, now);
    }
    this.publish(transferee.linkedid, now);
  }

  onHangup(message: AmiMessage, now: number): string | undefined {
    const uniqueid = str(message, 'uniqueid');
    const channel = this.channels.peek(uniqueid);
    this.channels.hangUp(uniqueid);
    if (!channel) return undefined;
    this.endHold(channel, now);
    const track = this.detach(channel);
    if (!track) return channel.name;
    if (channel === track.first) track.hangupCause = str(message, 'cause') || undefined;
    if (track.channels.length === 0) this.finish(track, now);
    else this.publish(track.call.id, now);
    return channel.name;
  }

  /** Recording name: VarSet MIXMONITOR_FILENAME (full path), set on the channel running MixMonitor. */
  onRecording(message: AmiMessage, now: number): void {
    const track = this.trackOfChannel(str(message, 'uniqueid'));
    const value = str(message, 'value');
    if (!track || !value || track.call.recordingFile === value) return;
    track.call.recordingFile = value;
    this.publish(track.call.id, now);
  }

  /** Seconds the call of this channel spent on hold so far (closed holds). */
  holdSecondsOf(uniqueid: string): number {
    return this.trackOfChannel(uniqueid)?.call.holdSeconds ?? 0;
  }

  /**
   * A supervisor session: VarSet CALLBOARD_SESSION (our Originate tags its channel), CLICK2DIAL
   * (a click-to-dial Originate, s05), or a channel running ChanSpy / ExtenSpy (Newexten, OriginateResponse).
   */
  onSession(message: AmiMessage, kind: SessionKind, now: number): void {
    const channel = this.channels.touch(str(message, 'uniqueid'), now) ?? this.upsert(message, plain, now);
    const track = channel ? this.tracks.get(channel.linkedid) : undefined;
    if (!track || track.sessionKind === kind) return;
    track.sessionKind = kind;
    this.publish(track.call.id, now);
  }

  /** ChanSpyStart: the spyer's call observes the spyee's (SpyeeLinkedid). */
  onSpyStart(message: AmiMessage, now: number): void {
    const track = this.trackOfChannel(str(message, 'spyeruniqueid'));
    if (!track) return;
    track.sessionKind ??= 'listen';
    const observed = str(message, 'spyeelinkedid') || this.trackOfChannel(str(message, 'spyeeuniqueid'))?.call.id;
    if (observed) track.call.observedCallId = observed;
    this.publish(track.call.id, now);
  }

  /** Re-derive a call and put it in the model. */
  publish(callId: string, now: number): CallTrack | undefined {
    const track = this.tracks.get(callId);
    if (!track) return undefined;
    refreshCall(track, this.bridgeSize, now);
    this.model.putCall(track.call);
    return track;
  }

  private publishBridge(bridgeId: string | undefined, now: number): void {
    if (bridgeId === undefined) return;
    let previous: string | undefined;
    for (const channel of this.bridges.channelsOf(bridgeId)) {
      if (channel.linkedid !== previous) this.publish(channel.linkedid, now);
      previous = channel.linkedid;
    }
  }

  private endHold(channel: LiveChannel, now: number): void {
    if (channel.heldSince === undefined) return;
    const track = this.tracks.get(channel.linkedid);
    if (track) track.call.holdSeconds += Math.max(0, Math.round((now - channel.heldSince) / 1000));
    channel.heldSince = undefined;
  }

  /** Create or update the channel described by `k` in `message`; undefined for hung-up or nameless ones. */
  private upsert(message: AmiMessage, k: ChannelKeys, now: number): LiveChannel | undefined {
    const uniqueid = str(message, k.uniqueid);
    if (!uniqueid || this.channels.isHungUp(uniqueid)) return undefined;
    const linkedid = str(message, k.linkedid) || uniqueid;
    let channel = this.channels.touch(uniqueid, now);
    if (!channel) {
      const name = str(message, k.channel);
      if (!name) return undefined;
      this.makeRoom(now);
      channel = newChannel(name, uniqueid, linkedid, now);
      channel.extension = channel.isLocal ? undefined : this.extensions.extensionOfDevice(channel.device);
      channel.isTrunk = this.rules.isTrunkDevice(channel.device);
      this.channels.add(channel);
      this.addToTrack(channel, message, k);
    } else if (linkedid !== channel.linkedid) {
      this.moveChannel(channel, linkedid, now);
    }
    const state = message[k.state];
    if (typeof state === 'string') {
      channel.state = Number(state);
      if (channel.state === 6 && channel.answeredAt === undefined) channel.answeredAt = now;
    }
    const callerNum = message[k.callerNum];
    if (typeof callerNum === 'string' && callerNum !== channel.callerNum) this.setCallerId(channel, callerNum, str(message, k.callerName));
    const exten = message[k.exten];
    if (typeof exten === 'string') channel.exten = exten;
    return channel;
  }

  private setCallerId(channel: LiveChannel, callerNum: string, callerName: string): void {
    channel.callerNum = callerNum;
    channel.callerName = callerName;
    const track = this.tracks.get(channel.linkedid);
    if (!track || track.first !== channel || callerNum === '<unknown>') return;
    track.call.callerNum = callerNum;
    if (callerName && callerName !== '<unknown>') track.call.callerName = callerName;
  }

  private addToTrack(channel: LiveChannel, message: AmiMessage, k: ChannelKeys): void {
    let track = this.tracks.get(channel.linkedid);
    if (!track) {
      track = newCallTrack(channel);
      this.tracks.set(channel.linkedid, track);
    } else if (channel.uniqueid === channel.linkedid) {
      // The originating channel showed up after others (snapshot items come in any order).
      track.first = channel;
    } else {
      track.channels.push(channel);
      track.isChannelListStale = true;
      return;
    }
    track.channels.unshift(channel);
    track.isChannelListStale = true;
    const call = track.call;
    const callerNum = str(message, k.callerNum);
    if (callerNum && callerNum !== '<unknown>') call.callerNum = callerNum;
    const callerName = str(message, k.callerName);
    if (callerName && callerName !== '<unknown>') call.callerName = callerName;
    const did = channel.isTrunk ? chanVariable(message, k.chanVariable, this.calledNumVariable) : '';
    const exten = str(message, k.exten);
    if (did) call.calledNum = did;
    else if (exten && exten !== 's' && !call.calledNum) call.calledNum = exten;
  }

  private moveChannel(channel: LiveChannel, linkedid: string, now: number): void {
    const from = this.leaveTrack(channel);
    channel.linkedid = linkedid;
    const into = this.tracks.get(linkedid);
    if (into) {
      into.channels.push(channel);
      into.isChannelListStale = true;
    } else {
      this.addToTrack(channel, {}, plain);
    }
    // Its channels live on in another call: not a finished call of its own.
    if (from) this.endUnrecorded(from, now);
  }

  /**
   * Room for one more channel: past the bound the least recently active one is no
   * longer followed. It did not end, so it leaves no history record; a Hangup for
   * it later finds nothing, and any other event brings it back as a new channel.
   */
  private makeRoom(now: number): void {
    const oldest = this.channels.size >= this.caps.limits.maxChannels ? this.channels.oldest() : undefined;
    if (!oldest) return;
    this.caps.hit('channels');
    const track = this.detach(oldest);
    if (track) this.endUnrecorded(track, now);
  }

  /** Takes a channel out of the tracker, its bridge and its call; returns the call, still tracked. */
  private detach(channel: LiveChannel): CallTrack | undefined {
    this.channels.delete(channel.uniqueid);
    this.bridges.leave(channel);
    return this.leaveTrack(channel);
  }

  private leaveTrack(channel: LiveChannel): CallTrack | undefined {
    const track = this.tracks.get(channel.linkedid);
    if (!track) return undefined;
    track.ringing.delete(channel.uniqueid);
    const index = track.channels.indexOf(channel);
    if (index >= 0) track.channels.splice(index, 1);
    track.isChannelListStale = true;
    return track;
  }

  /** A call that lost a channel without hanging up: republished, or gone from the model when it has none left. */
  private endUnrecorded(track: CallTrack, now: number): void {
    if (track.channels.length > 0) {
      this.publish(track.call.id, now);
      return;
    }
    this.tracks.delete(track.call.id);
    this.model.endCall(track.call.id, now);
  }

  private finish(track: CallTrack, now: number): void {
    this.tracks.delete(track.call.id);
    refreshCall(track, this.bridgeSize, now);
    this.model.endCall(track.call.id, now);
    this.onFinished(track, now);
  }
}
