import type { Call, CallRecord, CallState, CallTransferKind, QueueAttempt, SessionKind } from '../contract';
import { deviceOfChannel, isLocalChannel } from './device-naming';

/** One Asterisk channel as the call tracker keeps it (keyed by Uniqueid). */
export interface LiveChannel {
  name: string;
  uniqueid: string;
  linkedid: string;
  device: string;
  /** Extension behind the device (SIP/800 → "800"); undefined for trunks and Local channels. */
  extension: string | undefined;
  isTrunk: boolean;
  isLocal: boolean;
  /** ChannelState: 0 Down, 4 Ring, 5 Ringing, 6 Up … */
  state: number;
  callerNum: string;
  callerName: string;
  exten: string;
  bridgeId: string | undefined;
  createdAt: number;
  answeredAt: number | undefined;
  heldSince: number | undefined;
  /** The last event about this channel (the call tracker drops the least recently active first). */
  lastEventAt: number;
}

/** A call: the channels sharing one Linkedid, plus what the queue and dial events told us. */
export interface CallTrack {
  call: Call;
  /** The originating channel (Uniqueid = Linkedid when seen), kept after it hangs up. */
  first: LiveChannel;
  channels: LiveChannel[];
  /** Dial destinations still ringing: Uniqueid → extension (or device). */
  ringing: Map<string, string>;
  isInQueue: boolean;
  queueJoinedAt: number | undefined;
  queueLeftAt: number | undefined;
  ringSeconds: number;
  lastDialStatus: string;
  hangupCause: string | undefined;
  hangupSide: string | undefined;
  /** Set when channels are added/removed: Call.channels must be rebuilt. */
  isChannelListStale: boolean;
  /** A supervisor session: tagged by our Originate (CALLBOARD_SESSION) or seen running ChanSpy. */
  sessionKind: SessionKind | undefined;
  /** The agent last seen talking in this call, to notice a transfer to another one. */
  lastTalkingAgent: string | undefined;
  /** A bridge transfer event named the kind of the next change of agent. */
  pendingTransferKind: CallTransferKind | undefined;
  /** The first change of agent: from whom, to whom, how. */
  transfer: { kind: CallTransferKind; from: string; to: string; at: number } | undefined;
}

export function newChannel(name: string, uniqueid: string, linkedid: string, now: number): LiveChannel {
  return {
    name,
    uniqueid,
    linkedid,
    device: deviceOfChannel(name),
    extension: undefined,
    isTrunk: false,
    isLocal: isLocalChannel(name),
    state: 0,
    callerNum: '',
    callerName: '',
    exten: '',
    bridgeId: undefined,
    createdAt: now,
    answeredAt: undefined,
    heldSince: undefined,
    lastEventAt: now,
  };
}

/** A new call whose first channel is `first` (its Linkedid is the call id). */
export function newCallTrack(first: LiveChannel): CallTrack {
  return {
    call: {
      id: first.linkedid,
      direction: 'internal',
      callClass: 'internal',
      state: 'dialing',
      callerNum: '',
      calledNum: '',
      startedAt: first.createdAt,
      holdSeconds: 0,
      channels: [],
    },
    first,
    channels: [],
    ringing: new Map(),
    isInQueue: false,
    queueJoinedAt: undefined,
    queueLeftAt: undefined,
    ringSeconds: 0,
    lastDialStatus: '',
    hangupCause: undefined,
    hangupSide: undefined,
    isChannelListStale: true,
    sessionKind: undefined,
    lastTalkingAgent: undefined,
    pendingTransferKind: undefined,
    transfer: undefined,
  };
}

/** Derived fields of the public Call from the track: state, agent, direction, answer and hold times. */
export function refreshCall(track: CallTrack, bridgeSizes: (bridgeId: string) => number, now: number): void {
  const call = track.call;
  const first = track.first;
  let isBridged = false;
  let talkingAgent: string | undefined;
  let heldSince: number | undefined;
  let isSomeoneRinging = false;
  let hasTrunk = first.isTrunk;
  let ringingAgents: string[] | undefined;
  for (const channel of track.channels) {
    if (channel.isTrunk) hasTrunk = true;
    // Snapshot channels ringing without a DialBegin we saw (CoreShowChannel ChannelState 5).
    if (channel.state === 5 && channel.extension !== undefined && !track.ringing.has(channel.uniqueid)) {
      (ringingAgents ??= []).push(channel.extension);
    }
    if (channel.heldSince !== undefined && (heldSince === undefined || channel.heldSince < heldSince)) heldSince = channel.heldSince;
    if (channel.state === 5 && channel !== first) isSomeoneRinging = true;
    if (channel.bridgeId !== undefined && bridgeSizes(channel.bridgeId) >= 2) {
      isBridged = true;
      if (channel !== first && channel.extension !== undefined) talkingAgent = channel.extension;
    }
  }
  // Sticky: an outbound call stays outbound after its trunk leg hangs up.
  call.direction = first.isTrunk ? 'inbound' : hasTrunk || call.direction === 'outbound' ? 'outbound' : 'internal';
  if (isBridged && call.answeredAt === undefined) call.answeredAt = now;
  if (call.direction === 'outbound' && first.extension !== undefined) call.agent = first.extension;
  else if (talkingAgent !== undefined) {
    call.agent = talkingAgent;
    noteTalkingAgent(track, talkingAgent, now);
  }
  call.callClass = track.sessionKind !== undefined && !(track.sessionKind === 'dial' && call.answeredAt !== undefined) ? 'supervisor' : call.direction === 'internal' ? 'internal' : 'customer';
  if (track.sessionKind !== undefined) call.sessionKind = track.sessionKind;
  if (heldSince !== undefined) call.holdSince = heldSince;
  else delete call.holdSince;
  if (track.ringing.size > 0 || ringingAgents) {
    call.ringingAgents = [...track.ringing.values(), ...(ringingAgents ?? [])];
    isSomeoneRinging = true;
  } else {
    delete call.ringingAgents;
  }
  call.state = stateOf(track, isBridged, heldSince !== undefined, isSomeoneRinging || (first.state === 5 && !isBridged));
  if (track.isChannelListStale) {
    call.channels = track.channels.map((c) => c.name);
    track.isChannelListStale = false;
  }
}

/** Another agent now talks with the caller than the one before: the call was transferred (Redirect, blind or attended). */
function noteTalkingAgent(track: CallTrack, agent: string, now: number): void {
  const previous = track.lastTalkingAgent;
  track.lastTalkingAgent = agent;
  if (previous === undefined || previous === agent || track.transfer) return;
  track.transfer = { kind: track.pendingTransferKind ?? 'redirect', from: previous, to: agent, at: now };
}

function stateOf(track: CallTrack, isBridged: boolean, isHeld: boolean, isRinging: boolean): CallState {
  if (isHeld) return 'hold';
  if (isBridged) return 'talking';
  if (track.isInQueue) return 'queued';
  if (isRinging) return 'ringing';
  // Up and with the PBX only: IVR, Playback, ChanSpy, voicemail…
  if (track.first.state === 6) return 'ivr';
  return 'dialing';
}

const answeredOutcomes: readonly QueueAttempt['outcome'][] = ['connected', 'answered', 'transferred'];

/**
 * A caller taken out of its queue straight to an agent (a supervisor's Redirect): the pass
 * ended unanswered, as Asterisk's queue_log says (ABANDON), but an agent answered the call after it.
 */
function isPickedUp(track: CallTrack, attempt: QueueAttempt): boolean {
  const { agent, answeredAt } = track.call;
  return !answeredOutcomes.includes(attempt.outcome) && agent !== undefined && answeredAt !== undefined
    && attempt.endedAt !== undefined && answeredAt >= attempt.endedAt;
}

/**
 * The finished-call record (contract/history.ts) of a call that just ended. A queue
 * call takes its queue figures from its last queue pass (Asterisk's own seconds), so
 * the row agrees with queue_log; other calls are timed from the events' arrival.
 */
export function callRecordOf(track: CallTrack, endedAt: number, attempt?: QueueAttempt): CallRecord {
  const call = track.call;
  const seconds = (from: number | undefined, to: number | undefined): number =>
    from !== undefined && to !== undefined && to > from ? Math.round((to - from) / 1000) : 0;
  const isAnswered = attempt ? answeredOutcomes.includes(attempt.outcome) || isPickedUp(track, attempt) : call.answeredAt !== undefined;
  const queueSeconds = attempt?.waitSeconds ?? (track.queueJoinedAt !== undefined ? seconds(track.queueJoinedAt, track.queueLeftAt ?? endedAt) : 0);
  const ivrEnd = attempt?.enteredAt ?? track.queueJoinedAt ?? call.answeredAt ?? endedAt;
  const record: CallRecord = {
    uniqueid: call.id,
    source: 'ami',
    direction: call.direction,
    callClass: call.callClass,
    callerNum: call.callerNum,
    calledNum: call.calledNum,
    startedAt: call.startedAt,
    endedAt,
    duration: seconds(call.startedAt, endedAt),
    queueSeconds,
    ringSeconds: attempt?.ringSeconds ?? track.ringSeconds,
    // Like Asterisk's TalkTime and the CDR's billsec: answer to end, hold included.
    talkSeconds: (attempt && !isPickedUp(track, attempt) ? attempt.talkSeconds : undefined) ?? (isAnswered ? seconds(call.answeredAt, endedAt) : 0),
    holdSeconds: call.holdSeconds,
    wrapupSeconds: 0,
    ivrSeconds: call.direction === 'inbound' ? seconds(track.first.answeredAt, ivrEnd) : 0,
    isAnswered,
    // A queue caller the IVR answered but no agent took is not ANSWERED; an IVR-only call is, as the CDR says.
    disposition: isAnswered || (!attempt && track.first.answeredAt !== undefined) ? 'ANSWERED' : dispositionOf(track.lastDialStatus),
  };
  const agent = attempt?.agent ?? call.agent;
  const optional: Partial<CallRecord> = {
    queue: attempt?.queue ?? call.queue, agent, answeredAt: call.answeredAt, hangupCause: track.hangupCause,
    hangupSide: attempt?.hangupSide ?? track.hangupSide, recordingFile: call.recordingFile, queueOutcome: attempt?.outcome,
    missCause: isAnswered ? undefined : attempt?.missCause, sessionKind: track.sessionKind, observedUniqueid: call.observedCallId,
    // The trunk device the caller came in on (the vendor's cc_cdr names its number instead).
    trunkNumber: call.direction === 'inbound' && track.first.isTrunk ? track.first.device : undefined,
  };
  if (record.queue !== undefined || optional.queue !== undefined) optional.cdrState = isAnswered ? 'bridged' : 'queue';
  if (attempt?.transferKind) {
    optional.transferKind = attempt.transferKind;
    optional.transferTo = track.transfer?.to ?? attempt.transferTo;
    optional.transferAt = track.transfer?.at ?? attempt.endedAt;
  } else if (track.transfer) {
    optional.transferKind = track.transfer.kind;
    optional.transferTo = track.transfer.to;
    optional.transferAt = track.transfer.at;
  }
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
  return record;
}

/** DialEnd DialStatus → CDR disposition words. */
function dispositionOf(dialStatus: string): string {
  switch (dialStatus) {
    case 'BUSY':
      return 'BUSY';
    case 'CONGESTION':
    case 'CHANUNAVAIL':
      return 'FAILED';
    default:
      return 'NO ANSWER';
  }
}
