import { header as str, type AmiMessage } from '../ami/message';
import { openOutcomes, type QueueAttempt } from '../contract';
import { missCauseOf } from '../stats/miss-cause';
import { extensionOfDevice, type DeviceRules } from './device-naming';
import { defaultLiveLimits } from './live-limits';

// Queue passes (contract/figures.ts QueueAttempt) from app_queue's AMI events, with
// Asterisk's own numbers so each equals its queue_log line:
//   QueueCallerJoin            → ENTERQUEUE (waiting)
//   AgentConnect HoldTime/RingTime       → CONNECT holdtime/ringtime (connected)
//   AgentComplete TalkTime/Reason        → COMPLETECALLER/COMPLETEAGENT, or *TRANSFER when Reason is transfer
//   QueueCallerAbandon HoldTime          → ABANDON waittime (seconds, though the docs call it an epoch)
//   QueueCallerLeave + VarSet QUEUESTATUS → EXITWITHTIMEOUT / EXITEMPTY / WITHDRAW; a leave nothing else explains → EXITWITHKEY
//   AgentRingNoAnswer                    → RINGNOANSWER
// The caller's channel Uniqueid is queue_log's call id. QueueCallerLeave comes
// before AgentConnect (s06 #126, #130), so a leave only decides once the caller's
// next step is known.

/** Calls remembered for their history record after their queue pass ended, until the call finishes. */
const endedLimit = 20_000;

export interface QueueAttemptOptions {
  rules: DeviceRules;
  /**
   * Passes open at once (each belongs to a caller channel: the channel bound). Past it the
   * oldest ends as `unknown`, as one whose caller left while we could not see; a PBX that
   * never ends passes cannot grow the tracker. Default: the default channel bound.
   */
  maxOpen?: number;
  /** Told each time the bound closes a pass. */
  onCapped?: () => void;
}

/** What the passes need from the reducer of the moment (a resync builds a new one; the passes outlive it). */
export interface QueueAttemptContext {
  /** False when nobody in the queue is logged in and reachable; undefined = unknown. */
  isAnyMemberLoggedIn(queue: string): boolean | undefined;
  /** Seconds the call of this channel has been on hold so far (the call tracker keeps holds). */
  holdSecondsOf(uniqueid: string): number;
}

interface OpenPass {
  attempt: QueueAttempt;
  linkedid: string;
  wasRung: boolean;
  /** QueueCallerLeave seen, its reason not yet known. */
  hasLeft: boolean;
  exitStatus?: string;
  holdAtConnect: number;
}

export class QueueAttemptTracker {
  private readonly open = new Map<string, OpenPass>();
  /** Next seq per caller channel (its nth queue). */
  private readonly seqs = new Map<string, number>();
  /** The last pass of each call (by Linkedid), for its history record. */
  private readonly lastOfCall = new Map<string, QueueAttempt>();
  /** Agent channel Uniqueid → caller Uniqueid, for transfers reported on the agent's side. */
  private readonly agentLegs = new Map<string, string>();
  private readonly listeners = new Set<(attempt: QueueAttempt) => void>();
  private context: QueueAttemptContext = { isAnyMemberLoggedIn: () => undefined, holdSecondsOf: () => 0 };

  private readonly maxOpen: number;

  constructor(private readonly options: QueueAttemptOptions) {
    this.maxOpen = options.maxOpen ?? defaultLiveLimits.maxChannels;
  }

  bind(context: QueueAttemptContext): void {
    this.context = context;
  }

  /** Every change of a pass (joined, connected, ended), as a fresh object. */
  onChange(listener: (attempt: QueueAttempt) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Passes the ledger held open when the core last stopped: the snapshot decides what became of them. */
  restore(attempts: readonly QueueAttempt[]): void {
    for (const attempt of attempts) {
      if (!openOutcomes.includes(attempt.outcome)) continue;
      this.open.set(attempt.callId, { attempt: { ...attempt }, linkedid: attempt.callId, wasRung: attempt.ringNoAnswer > 0, hasLeft: false, holdAtConnect: 0 });
      this.seqs.set(attempt.callId, Math.max(this.seqs.get(attempt.callId) ?? 0, attempt.seq + 1));
    }
  }

  get openCount(): number {
    return this.open.size;
  }

  /** The pass a call's history record reports: the last one it made, taken once. */
  takeLastOfCall(linkedid: string): QueueAttempt | undefined {
    const attempt = this.lastOfCall.get(linkedid);
    this.lastOfCall.delete(linkedid);
    return attempt;
  }

  /** QueueCallerJoin (live) or QueueEntry (QueueStatus item: `Wait` seconds so far). */
  join(message: AmiMessage, now: number, isSnapshot: boolean): void {
    const uniqueid = str(message, 'uniqueid');
    const queue = str(message, 'queue');
    if (!uniqueid || !queue) return;
    const existing = this.open.get(uniqueid);
    if (existing && existing.attempt.queue === queue) return; // a snapshot item of a pass we already follow
    if (existing) this.close(existing, { outcome: 'exitwithkey' }, now);
    const wait = Number(str(message, 'wait'));
    const enteredAt = isSnapshot && wait > 0 ? now - wait * 1000 : now;
    const attempt: QueueAttempt = {
      callId: uniqueid, seq: this.nextSeq(uniqueid), queue, enteredAt, callerNum: str(message, 'calleridnum'), outcome: 'waiting',
      holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'ami',
    };
    const position = Number(str(message, 'position'));
    if (position > 0) attempt.entryPosition = position;
    this.track(uniqueid, attempt, str(message, 'linkedid') || uniqueid, now);
  }

  /** AgentCalled: a member rings for this caller. */
  called(message: AmiMessage): void {
    const pass = this.open.get(str(message, 'uniqueid'));
    if (pass) pass.wasRung = true;
  }

  /** AgentRingNoAnswer (RingTime in ms here, RINGNOANSWER's number). */
  ringNoAnswer(message: AmiMessage): void {
    const pass = this.open.get(str(message, 'uniqueid'));
    if (!pass) return;
    pass.wasRung = true;
    pass.attempt.ringNoAnswer += 1;
  }

  /** AgentConnect: HoldTime = the caller's wait, RingTime = seconds the answering member rang. */
  connect(message: AmiMessage, now: number): void {
    const uniqueid = str(message, 'uniqueid');
    const holdTime = wholeSeconds(str(message, 'holdtime'));
    const pass = this.open.get(uniqueid) ?? this.lateJoin(message, now - holdTime * 1000, now);
    if (!pass) return;
    const attempt = pass.attempt;
    attempt.outcome = 'connected';
    attempt.connectedAt = now;
    attempt.waitSeconds = holdTime;
    attempt.ringSeconds = wholeSeconds(str(message, 'ringtime'));
    const agent = this.agentOf(message);
    if (agent) attempt.agent = agent;
    pass.hasLeft = false;
    pass.holdAtConnect = this.context.holdSecondsOf(uniqueid);
    const agentUniqueid = str(message, 'destuniqueid');
    if (agentUniqueid) boundedSet(this.agentLegs, agentUniqueid, uniqueid, this.maxOpen);
    this.emit(pass);
  }

  /** AgentComplete: TalkTime, Reason caller | agent | transfer (queue_log COMPLETECALLER / COMPLETEAGENT / *TRANSFER). */
  complete(message: AmiMessage, now: number): void {
    const uniqueid = str(message, 'uniqueid');
    const holdTime = wholeSeconds(str(message, 'holdtime'));
    const talkTime = wholeSeconds(str(message, 'talktime'));
    const pass = this.open.get(uniqueid) ?? this.lateJoin(message, now - (holdTime + talkTime) * 1000, now);
    if (!pass) return;
    const attempt = pass.attempt;
    if (attempt.outcome === 'waiting') {
      // Connected before we were listening: complete the CONNECT part from the same event.
      attempt.waitSeconds = holdTime;
      attempt.connectedAt = now - talkTime * 1000;
      const agent = this.agentOf(message);
      if (agent) attempt.agent = agent;
    }
    const reason = str(message, 'reason');
    attempt.talkSeconds = talkTime;
    attempt.hangupSide = reason === 'agent' ? 'agent' : reason === 'transfer' ? 'transfer' : 'caller';
    attempt.holdSeconds = Math.max(0, this.context.holdSecondsOf(uniqueid) - pass.holdAtConnect);
    this.close(pass, { outcome: reason === 'transfer' ? 'transferred' : 'answered' }, now);
  }

  /** QueueCallerAbandon: the caller hung up while waiting; HoldTime = seconds waited. */
  abandon(message: AmiMessage, now: number): void {
    const pass = this.open.get(str(message, 'uniqueid'));
    if (!pass || pass.attempt.outcome !== 'waiting') return;
    const position = Number(str(message, 'position'));
    if (position > 0) pass.attempt.exitPosition = position;
    this.close(pass, { outcome: 'abandoned', waitSeconds: wholeSeconds(str(message, 'holdtime')) }, now);
  }

  /** QueueCallerLeave: answered, abandoned, timed out… decided by what comes next. */
  leave(message: AmiMessage, now: number): void {
    const pass = this.open.get(str(message, 'uniqueid'));
    if (!pass || pass.attempt.outcome !== 'waiting') return;
    pass.hasLeft = true;
    const position = Number(str(message, 'position'));
    if (position > 0) pass.attempt.exitPosition = position;
    if (pass.exitStatus) this.exitWith(pass, pass.exitStatus, now);
  }

  /** VarSet QUEUESTATUS, set when Queue() returns: TIMEOUT, LEAVEEMPTY, WITHDRAW… */
  queueStatus(uniqueid: string, status: string, now: number): void {
    const pass = this.open.get(uniqueid);
    if (!pass || pass.attempt.outcome !== 'waiting') return;
    pass.exitStatus = status.toUpperCase();
    if (pass.hasLeft) this.exitWith(pass, pass.exitStatus, now);
  }

  /** BlindTransfer / AttendedTransfer of a connected queue call (queue_log BLINDTRANSFER / ATTENDEDTRANSFER). */
  transfer(message: AmiMessage, kind: 'blind' | 'attended'): void {
    const candidates = ['transfereeuniqueid', 'transfereruniqueid', 'origtransfereruniqueid', 'secondtransfereruniqueid'].map((name) => str(message, name));
    for (const uniqueid of candidates) {
      const pass = this.open.get(uniqueid) ?? this.open.get(this.agentLegs.get(uniqueid) ?? '');
      if (!pass || pass.attempt.outcome !== 'connected') continue;
      pass.attempt.transferKind = kind;
      const to = kind === 'blind'
        ? `${str(message, 'extension')}@${str(message, 'context')}`
        : str(message, 'destbridgeuniqueid') || str(message, 'destapp') || str(message, 'transfertargetchannel');
      if (to && to !== '@') pass.attempt.transferTo = to;
      return;
    }
  }

  /** A channel hung up: a pass it still held open ends now, with what we know. */
  channelGone(uniqueid: string, now: number): void {
    this.agentLegs.delete(uniqueid);
    const pass = this.open.get(uniqueid);
    this.seqs.delete(uniqueid);
    if (!pass) return;
    const attempt = pass.attempt;
    if (attempt.outcome === 'connected') {
      // No AgentComplete (a dropped event, or the queue app died): talk up to now.
      attempt.talkSeconds ??= elapsedSeconds(attempt.connectedAt ?? now, now);
      attempt.hangupSide ??= 'caller';
      this.close(pass, { outcome: 'answered' }, now);
    } else if (pass.hasLeft) {
      this.exitWith(pass, pass.exitStatus ?? '', now);
    } else {
      this.close(pass, { outcome: 'abandoned', waitSeconds: elapsedSeconds(attempt.enteredAt, now) }, now);
    }
  }

  /**
   * After a resync: passes whose caller channel no longer exists ended while we could
   * not see: a waiting one's fate is unknown; a connected one was answered, its talk unknown.
   */
  reconcile(isLiveChannel: (uniqueid: string) => boolean, now: number): void {
    for (const [uniqueid, pass] of [...this.open]) {
      if (isLiveChannel(uniqueid)) continue;
      this.seqs.delete(uniqueid);
      this.close(pass, { outcome: pass.attempt.outcome === 'connected' ? 'answered' : 'unknown' }, now);
    }
  }

  private exitWith(pass: OpenPass, status: string, now: number): void {
    const outcome = status === 'TIMEOUT' ? 'exitwithtimeout'
      : status === 'LEAVEEMPTY' || status === 'LEAVEUNAVAIL' || status === 'JOINEMPTY' || status === 'JOINUNAVAIL' ? 'exitempty'
        : status === 'WITHDRAW' ? 'withdraw' : 'exitwithkey';
    this.close(pass, { outcome, waitSeconds: elapsedSeconds(pass.attempt.enteredAt, now) }, now);
  }

  private close(pass: OpenPass, end: Pick<QueueAttempt, 'outcome'> & { waitSeconds?: number }, now: number): void {
    const attempt = pass.attempt;
    attempt.outcome = end.outcome;
    attempt.endedAt = now;
    if (end.waitSeconds !== undefined) attempt.waitSeconds = end.waitSeconds;
    if (end.outcome !== 'answered' && end.outcome !== 'transferred' && end.outcome !== 'unknown') {
      attempt.hangupSide ??= end.outcome === 'abandoned' ? 'caller' : 'system';
      attempt.missCause = missCauseOf({
        outcome: end.outcome, waitSeconds: attempt.waitSeconds ?? 0, wasRung: pass.wasRung,
        isAnyMemberLoggedIn: this.context.isAnyMemberLoggedIn(attempt.queue),
      });
    }
    this.open.delete(attempt.callId);
    this.emit(pass);
  }

  /** A pass that began before we connected (no QueueCallerJoin seen): entered `enteredAt`. */
  private lateJoin(message: AmiMessage, enteredAt: number, now: number): OpenPass | undefined {
    const uniqueid = str(message, 'uniqueid');
    const queue = str(message, 'queue');
    if (!uniqueid || !queue) return undefined;
    const attempt: QueueAttempt = {
      callId: uniqueid, seq: this.nextSeq(uniqueid), queue, enteredAt, callerNum: str(message, 'calleridnum'), outcome: 'waiting',
      holdSeconds: 0, wrapupSeconds: 0, ringNoAnswer: 0, source: 'ami',
    };
    return this.track(uniqueid, attempt, str(message, 'linkedid') || uniqueid, now, false);
  }

  private track(uniqueid: string, attempt: QueueAttempt, linkedid: string, now: number, shouldEmit = true): OpenPass {
    const oldest = this.open.size >= this.maxOpen ? this.open.values().next().value : undefined;
    if (oldest) {
      this.options.onCapped?.();
      this.close(oldest, { outcome: 'unknown' }, now);
    }
    const pass: OpenPass = { attempt, linkedid, wasRung: false, hasLeft: false, holdAtConnect: 0 };
    this.open.set(uniqueid, pass);
    if (shouldEmit) this.emit(pass);
    return pass;
  }

  private nextSeq(uniqueid: string): number {
    const seq = this.seqs.get(uniqueid) ?? 0;
    boundedSet(this.seqs, uniqueid, seq + 1, 2 * this.maxOpen);
    return seq;
  }

  private agentOf(message: AmiMessage): string | undefined {
    const iface = str(message, 'interface');
    return extensionOfDevice(iface, this.options.rules) ?? (iface || undefined);
  }

  private emit(pass: OpenPass): void {
    const snapshot = { ...pass.attempt };
    if (this.lastOfCall.size >= endedLimit && !this.lastOfCall.has(pass.linkedid)) {
      const oldest = this.lastOfCall.keys().next().value;
      if (oldest !== undefined) this.lastOfCall.delete(oldest);
    }
    this.lastOfCall.set(pass.linkedid, snapshot);
    for (const listener of this.listeners) listener(snapshot);
  }
}

/** Map.set that first drops the oldest key when a new one would pass `limit` (channels that never hang up). */
function boundedSet<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  if (!map.has(key) && map.size >= limit) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

/** Asterisk's whole seconds; garbage or negatives read as 0 (and a day at most, a bound on hostile input). */
function wholeSeconds(text: string): number {
  const value = Math.floor(Number(text));
  return Number.isFinite(value) && value > 0 ? Math.min(value, 86_400) : 0;
}

/** Seconds between two instants the way app_queue counts them: a difference of whole-second clock readings. */
function elapsedSeconds(from: number, to: number): number {
  return Math.max(0, Math.floor(to / 1000) - Math.floor(from / 1000));
}
