import { header as str, varSetName, type AmiMessage } from '../ami/message';
import type { CallRecord, SessionKind } from '../contract';
import { callRecordOf, type CallTrack } from './call-track';
import { CallTracker } from './call-tracker';
import { defaultDeviceRules, type DeviceRules } from './device-naming';
import { ExtensionTracker } from './extension-tracker';
import { boundFields } from './field-bounds';
import { LiveCaps } from './live-limits';
import type { LiveModel } from './model';
import { QueueAttemptTracker } from './queue-attempts';
import { QueueTracker } from './queue-tracker';

export interface AmiReducerOptions {
  rules?: DeviceRules;
  /** Shared so queue passes in progress survive a resync (a new reducer per snapshot). */
  attempts?: QueueAttemptTracker;
  /** ChanVariable with the dialled DID on trunk channels (manager.conf channelvars). */
  calledNumVariable?: string;
  /** The model's bounds and who hears when one is reached; shared so a resync's reducer keeps counting (default: the limits' defaults, notices into this model). */
  caps?: LiveCaps;
}

export type CallFinishedListener = (record: CallRecord) => void;

/** VarSet variables that name a supervisor session: our own tag, and the click-to-dial convention (s05). */
const sessionVariables: Record<string, (value: string) => SessionKind | undefined> = {
  CALLBOARD_SESSION: (value) => (['listen', 'whisper', 'barge', 'dial'].includes(value) ? (value as SessionKind) : undefined),
  CLICK2DIAL: (value) => (value.toLowerCase() === 'yes' ? 'dial' : undefined),
};

/** ChanSpy options (app_chanspy): w whisper, B barge, anything else listens. */
function spyKindOf(appData: string): SessionKind {
  const options = appData.slice(appData.indexOf(',') + 1);
  return options.includes('B') ? 'barge' : options.includes('w') ? 'whisper' : 'listen';
}

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
  readonly attempts: QueueAttemptTracker;
  readonly caps: LiveCaps;
  private readonly finishedListeners = new Set<CallFinishedListener>();
  private readonly rules: DeviceRules;
  /** Events seen per name that the reducer does not use (diagnostics). */
  ignoredEvents = 0;

  constructor(
    private model: LiveModel,
    options: AmiReducerOptions = {},
  ) {
    this.rules = options.rules ?? defaultDeviceRules();
    this.caps = options.caps ?? new LiveCaps(model);
    this.extensions = new ExtensionTracker(model, this.rules, this.caps);
    this.queues = new QueueTracker(model, this.rules, this.caps);
    this.calls = new CallTracker(model, this.rules, this.extensions, (track, endedAt) => this.onCallEnded(track, endedAt), this.caps, {
      calledNumVariable: options.calledNumVariable,
    });
    this.attempts = options.attempts ?? newAttemptTracker(this.rules, this.caps);
    this.attempts.bind({
      isAnyMemberLoggedIn: (queue) => this.queues.isAnyMemberLoggedIn(queue),
      holdSecondsOf: (uniqueid) => this.calls.holdSecondsOf(uniqueid),
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

  apply(received: AmiMessage, now: number): void {
    const message = boundFields(received, this.caps.limits, () => this.caps.hit('fields'));
    const event = message.event;
    if (typeof event !== 'string') return;
    switch (event) {
      case 'VarSet':
        this.onVarSet(message, now);
        return;
      case 'Newexten':
      case 'OriginateResponse': {
        // Only the spy applications matter here; the rest of the dialplan's steps are ignored cheaply.
        const application = str(message, 'application');
        if (application === 'ChanSpy' || application === 'ExtenSpy') this.calls.onSession(message, spyKindOf(str(message, 'appdata') || str(message, 'data')), now);
        else this.ignoredEvents++;
        return;
      }
      case 'ChanSpyStart':
        this.calls.onSpyStart(message, now);
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
        this.attempts.channelGone(str(message, 'uniqueid'), now);
        const channel = this.calls.onHangup(message, now);
        this.queues.onChannelGone(channel ?? str(message, 'channel'));
        return;
      }
      case 'Rename':
        this.calls.onRename(message, now);
        return;
      case 'AttendedTransfer':
      case 'BlindTransfer':
        this.attempts.transfer(message, event === 'BlindTransfer' ? 'blind' : 'attended');
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
        this.queues.onQueueParams(message);
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
        this.attempts.abandon(message, now);
        return;
      case 'AgentCalled':
        this.attempts.called(message);
        return;
      case 'AgentRingNoAnswer':
        this.attempts.ringNoAnswer(message);
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

  private onVarSet(message: AmiMessage, now: number): void {
    const name = varSetName(message).toUpperCase();
    if (name === 'MIXMONITOR_FILENAME') this.calls.onRecording(message, now);
    else if (name === 'QUEUESTATUS') this.attempts.queueStatus(str(message, 'uniqueid'), str(message, 'value'), now);
    else {
      const kind = sessionVariables[name]?.(str(message, 'value'));
      if (kind) this.calls.onSession(message, kind, now);
    }
  }

  private onQueueJoin(message: AmiMessage, now: number, isSnapshot: boolean): void {
    const track = isSnapshot ? this.calls.trackOfChannel(str(message, 'uniqueid')) : this.calls.onChannel(message, now);
    const queue = str(message, 'queue');
    this.queues.onCallerJoin(message, track?.call.id ?? (str(message, 'linkedid') || str(message, 'uniqueid')), now, isSnapshot);
    this.attempts.join(message, now, isSnapshot);
    if (!track) return;
    track.call.queue = queue;
    track.isInQueue = true;
    const wait = Number(str(message, 'wait'));
    track.queueJoinedAt = isSnapshot && wait > 0 ? now - wait * 1000 : now;
    this.calls.publish(track.call.id, now);
  }

  private onQueueLeave(message: AmiMessage, now: number): void {
    this.queues.onCallerLeave(message, now);
    this.attempts.leave(message, now);
    const track = this.calls.trackOfChannel(str(message, 'uniqueid'));
    if (!track) return;
    track.isInQueue = false;
    track.queueLeftAt = now;
    this.calls.publish(track.call.id, now);
  }

  /** AgentConnect: the queue pass is connected (HoldTime, RingTime) and the member is in a call. */
  private onAgentConnect(message: AmiMessage, now: number): void {
    this.attempts.connect(message, now);
    this.queues.memberConnected(str(message, 'queue'), str(message, 'interface'), str(message, 'uniqueid'));
    const track = this.calls.trackOfChannel(str(message, 'uniqueid'));
    if (track) this.calls.publish(track.call.id, now);
  }

  /** AgentComplete: the pass ends (TalkTime, Reason); the member has taken one more call. */
  private onAgentComplete(message: AmiMessage, now: number): void {
    this.attempts.complete(message, now);
    this.queues.memberCompleted(str(message, 'queue'), str(message, 'interface'), now);
  }

  private onCallEnded(track: CallTrack, endedAt: number): void {
    const record = callRecordOf(track, endedAt, this.attempts.takeLastOfCall(track.call.id));
    for (const listener of this.finishedListeners) listener(record);
  }
}

function newAttemptTracker(rules: DeviceRules, caps: LiveCaps): QueueAttemptTracker {
  return new QueueAttemptTracker({ rules, maxOpen: caps.limits.maxChannels });
}
