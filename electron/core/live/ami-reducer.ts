import { header as str, varSetName, type AmiMessage } from '../ami/message';
import type { CallRecord } from '../contract';
import { CallTracker } from './call-tracker';
import { defaultDeviceRules, extensionOfDevice, type DeviceRules } from './device-naming';
import { ExtensionTracker } from './extension-tracker';
import type { LiveModel } from './model';
import { QueueDayCounters } from './queue-day-stats';
import { QueueTracker } from './queue-tracker';

export interface AmiReducerOptions {
  rules?: DeviceRules;
  /** Shared so today's counters survive a resync (a new reducer per snapshot). */
  counters?: QueueDayCounters;
  /** ChanVariable with the dialled DID on trunk channels (manager.conf channelvars). */
  calledNumVariable?: string;
}

export type CallFinishedListener = (record: CallRecord) => void;

/**
 * Applies AMI events (live ones and snapshot list items alike) to a LiveModel.
 * Deterministic: time comes in as `now`, nothing is read from the clock.
 * State is mutated in place and every change is published through the
 * model's put and end methods, so the model's listeners see an ordered stream.
 */
export class AmiLiveReducer {
  readonly extensions: ExtensionTracker;
  readonly calls: CallTracker;
  readonly queues: QueueTracker;
  readonly counters: QueueDayCounters;
  private readonly finishedListeners = new Set<CallFinishedListener>();
  private readonly rules: DeviceRules;
  /** Events seen per name that the reducer does not use (diagnostics). */
  ignoredEvents = 0;

  constructor(
    private model: LiveModel,
    options: AmiReducerOptions = {},
  ) {
    this.rules = options.rules ?? defaultDeviceRules();
    this.counters = options.counters ?? new QueueDayCounters();
    this.extensions = new ExtensionTracker(model, this.rules);
    this.queues = new QueueTracker(model, this.rules, this.counters);
    this.calls = new CallTracker(model, this.rules, this.extensions, (record) => this.onCallEnded(record), {
      calledNumVariable: options.calledNumVariable,
    });
  }

  /** Publish into another model from now on (after a resync built this reducer on a scratch model). */
  rebind(model: LiveModel): void {
    this.model = model;
    this.extensions.rebind(model);
    this.queues.rebind(model);
    this.calls.rebind(model);
  }

  /** Finished-call records (one per call, when its last channel hangs up). */
  onCallFinished(listener: CallFinishedListener): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /** Roll today's queue counters over at midnight even when no event arrives. */
  tick(now: number): void {
    this.queues.rollOver(now);
  }

  apply(message: AmiMessage, now: number): void {
    const event = message.event;
    if (typeof event !== 'string') return;
    switch (event) {
      case 'VarSet':
        if (varSetName(message).toUpperCase() === 'MIXMONITOR_FILENAME') this.calls.onRecording(message, now);
        return;
      case 'Newchannel':
      case 'Newstate':
      case 'NewCallerid':
      case 'NewConnectedLine':
        this.calls.onChannel(message, now);
        return;
      case 'CoreShowChannel':
        this.calls.onSnapshotChannel(message, now);
        return;
      case 'DialBegin':
        this.calls.onDialBegin(message, now);
        return;
      case 'DialEnd':
        this.calls.onDialEnd(message, now);
        return;
      case 'BridgeEnter':
        this.calls.onBridgeEnter(message, now);
        return;
      case 'BridgeLeave':
        this.calls.onBridgeLeave(message, now);
        return;
      case 'BridgeDestroy':
        this.calls.onBridgeDestroy(message, now);
        return;
      case 'BridgeMerge':
        this.calls.onBridgeMerge(message, now);
        return;
      case 'Hold':
        this.calls.onHold(message, now, true);
        return;
      case 'Unhold':
        this.calls.onHold(message, now, false);
        return;
      case 'Hangup': {
        const channel = this.calls.onHangup(message, now);
        this.queues.onChannelGone(channel ?? str(message, 'channel'));
        return;
      }
      case 'Rename':
        this.calls.onRename(message, now);
        return;
      case 'AttendedTransfer':
      case 'BlindTransfer':
        this.calls.onTransfer(message, now);
        return;
      case 'ExtensionStatus':
        this.extensions.onExtensionStatus(message, now);
        return;
      case 'DeviceStateChange':
        this.extensions.onDeviceStateChange(message, now);
        return;
      case 'PeerEntry':
        this.extensions.onPeerEntry(message, now);
        return;
      case 'PeerStatus':
        this.extensions.onPeerStatus(message, now);
        return;
      case 'ContactStatus':
        this.extensions.onContactStatus(message, now);
        return;
      case 'EndpointList':
        this.extensions.onEndpointList(message, now);
        return;
      case 'QueueParams':
        this.queues.onQueueParams(message, now);
        return;
      case 'QueueMember':
      case 'QueueMemberStatus':
      case 'QueueMemberAdded':
      case 'QueueMemberPenalty':
      case 'QueueMemberRinginuse':
        this.queues.onMember(message, now, false);
        return;
      case 'QueueMemberPause':
      case 'QueueMemberPaused':
        this.queues.onMember(message, now, true);
        return;
      case 'QueueMemberRemoved':
        this.queues.onMemberRemoved(message, now);
        return;
      case 'QueueCallerJoin':
      case 'QueueEntry':
        this.onQueueJoin(message, now, event === 'QueueEntry');
        return;
      case 'QueueCallerLeave':
        this.onQueueLeave(message, now);
        return;
      case 'QueueCallerAbandon':
        this.onQueueAbandon(message, now);
        return;
      case 'AgentConnect':
        this.onAgentConnect(message, now);
        return;
      case 'AgentComplete':
        this.onAgentComplete(message, now);
        return;
      default:
        this.ignoredEvents++;
    }
  }

  private onQueueJoin(message: AmiMessage, now: number, isSnapshot: boolean): void {
    const track = isSnapshot ? this.calls.trackOfChannel(str(message, 'uniqueid')) : this.calls.onChannel(message, now);
    const queue = str(message, 'queue');
    this.queues.onCallerJoin(message, track?.call.id ?? (str(message, 'linkedid') || str(message, 'uniqueid')), now, isSnapshot);
    if (!track) return;
    track.call.queue = queue;
    track.isInQueue = true;
    const wait = Number(str(message, 'wait'));
    track.queueJoinedAt = isSnapshot && wait > 0 ? now - wait * 1000 : now;
    this.calls.touch(track.call.id, now);
  }

  private onQueueLeave(message: AmiMessage, now: number): void {
    this.queues.onCallerLeave(message, now);
    const track = this.calls.trackOfChannel(str(message, 'uniqueid'));
    if (!track) return;
    track.isInQueue = false;
    track.queueLeftAt = now;
    this.calls.touch(track.call.id, now);
  }

  /** QueueCallerAbandon: the caller hung up while waiting (HoldTime = seconds waited). */
  private onQueueAbandon(message: AmiMessage, now: number): void {
    const queue = str(message, 'queue');
    this.queues.today(queue, now).abandoned++;
    this.queues.changed(queue);
    const track = this.calls.trackOfChannel(str(message, 'uniqueid'));
    if (track) track.isAbandoned = true;
  }

  /** AgentConnect: HoldTime = seconds the caller waited, RingTime = seconds the agent rang. */
  private onAgentConnect(message: AmiMessage, now: number): void {
    const queue = str(message, 'queue');
    const holdTime = Number(str(message, 'holdtime')) || 0;
    const stats = this.queues.today(queue, now);
    stats.answered++;
    stats.answeredWaitSeconds += holdTime;
    if (holdTime <= this.queues.serviceLevelOf(queue)) stats.answeredWithinSl++;
    this.queues.changed(queue);
    const track = this.calls.trackOfChannel(str(message, 'uniqueid'));
    if (!track) return;
    track.ringSeconds = Number(str(message, 'ringtime')) || 0;
    const agent = extensionOfDevice(str(message, 'interface'), this.rules) ?? this.calls.trackOfChannel(str(message, 'destuniqueid'))?.call.agent;
    if (agent) track.call.agent = agent;
    this.calls.touch(track.call.id, now);
  }

  /** AgentComplete: TalkTime seconds, Reason caller|agent|transfer. */
  private onAgentComplete(message: AmiMessage, now: number): void {
    const queue = str(message, 'queue');
    this.queues.today(queue, now).talkSeconds += Number(str(message, 'talktime')) || 0;
    const track = this.calls.trackOfChannel(str(message, 'uniqueid'));
    if (track) track.hangupSide = str(message, 'reason') || track.hangupSide;
    this.queues.changed(queue);
  }

  private onCallEnded(record: CallRecord): void {
    // Hold time of a queue call counts in its queue's day (QueueDayStats.holdSeconds).
    if (record.queue !== undefined && record.holdSeconds > 0) {
      this.queues.today(record.queue, record.endedAt).holdSeconds += record.holdSeconds;
      this.queues.changed(record.queue);
    }
    for (const listener of this.finishedListeners) listener(record);
  }
}
