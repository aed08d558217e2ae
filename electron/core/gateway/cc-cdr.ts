import { header, type AmiMessage } from '../ami/message';
import { defaultDeviceRules, extensionOfDevice, type DeviceRules } from '../live/device-naming';
import { missCauseOf } from '../stats/miss-cause';
import type { ChannelFacts } from './channel-facts';
import type { IvrSummary } from './ivr-steps';
import type { VendorPushBody } from './simple-pushes';
import { epochOfUniqueid, hangupCauseName, wholeSeconds } from './wire-format';
import { formatLocal, parseLocalTime } from '../base/time-zone';

// The vendor's call-center record `cc_cdr` (coocenter-api.md "Pushed events",
// seed 通话日志2), assembled from app_queue's AMI events for every caller
// channel that joined a queue (or passed an IVR node of the README convention):
//   QueueCallerJoin → queueCode; AgentCalled / AgentRingNoAnswer / DialEnd → ring legs;
//   AgentConnect (HoldTime = queue wait, RingTime in seconds) → bridged, agentCode;
//   AgentComplete (TalkTime, Reason caller|agent|transfer) → talkingTime, hangupSide;
//   QueueCallerAbandon (HoldTime) → queue wait of a lost call; Hold/Unhold → holdTime;
//   Cdr (cdr_manager, local EndTime) → endTime; the caller's Hangup closes the record.
// Absolute times are the PBX's: a channel's Uniqueid is its creation second
// (s02: 1795487808.7 ↔ Cdr StartTime 02:36:48 UTC) and Cdr EndTime is PBX local
// time. Intervals AMI does not state (hold, a ring cut short) use the gateway clock.

export interface CcCdrOptions {
  mac: string;
  timeZone: string;
  /** False when no member of the queue is logged in (all unavailable / none); undefined = unknown. */
  isAnyMemberLoggedIn?: (queue: string) => boolean | undefined;
  rules?: DeviceRules;
}

/** A finished record, and what the wrap-up needs to find its pauseTime. */
export interface AssembledCcCdr {
  push: VendorPushBody;
  uniqueid: string;
  linkedid: string;
  /** The answering agent's extension, when the call was bridged. */
  agent?: string;
}

interface RingLeg {
  /** PBX ms. */
  startedAt: number;
  /** Gateway clock, for a ring cut short by DialEnd. */
  startAt: number;
  ringMs?: number;
}

interface QueueCall {
  queue: string;
  joinedAt: number;
  legs: Map<string, RingLeg>;
  connect?: { agent: string; agentUniqueid: string; queueSeconds: number; ringSeconds: number };
  talkSeconds?: number;
  completeReason?: string;
  abandonSeconds?: number;
  leftAt?: number;
  hasCallerHungUp: boolean;
  holdMs: number;
  holdSince?: number;
  cdrEndedAt?: number;
}

export class CcCdrAssembler {
  private readonly calls = new Map<string, QueueCall>();
  /** Agent channel uniqueid → caller uniqueid, for Hold/Unhold on the agent's side. */
  private readonly agentLegs = new Map<string, string>();
  private readonly rules: DeviceRules;

  constructor(private readonly options: CcCdrOptions) {
    this.rules = options.rules ?? defaultDeviceRules();
  }

  /** Calls being assembled (for diagnostics and tests). */
  get openCalls(): number {
    return this.calls.size;
  }

  /**
   * One live event about channel `facts`. Returns the record when the caller's
   * Hangup closed a queue (or IVR) call. `ivr` is the call's IVR summary.
   */
  observe(message: AmiMessage, at: number, facts: ChannelFacts, ivr: IvrSummary | undefined): AssembledCcCdr | undefined {
    const uniqueid = facts.uniqueid;
    const call = this.calls.get(uniqueid);
    switch (message.event) {
      case 'QueueCallerJoin':
        if (!call) this.calls.set(uniqueid, { queue: header(message, 'queue'), joinedAt: at, legs: new Map(), hasCallerHungUp: false, holdMs: 0 });
        else call.queue = header(message, 'queue');
        return undefined;
      case 'AgentCalled': {
        const destUniqueid = header(message, 'destuniqueid');
        if (call && destUniqueid) call.legs.set(destUniqueid, { startedAt: epochOfUniqueid(destUniqueid) ?? pbxTimeAt(facts, at), startAt: at });
        return undefined;
      }
      case 'AgentRingNoAnswer': {
        // RingTime is in ms here but seconds in AgentConnect (fixtures/ami/README.md).
        const leg = call?.legs.get(header(message, 'destuniqueid'));
        if (leg && leg.ringMs === undefined) leg.ringMs = Number(header(message, 'ringtime')) || at - leg.startAt;
        return undefined;
      }
      case 'DialEnd': {
        const leg = call?.legs.get(header(message, 'destuniqueid'));
        // Legs cancelled because the caller hung up rang until the end (s03 #131–138); others stopped now.
        if (call && leg && leg.ringMs === undefined && !call.hasCallerHungUp) leg.ringMs = at - leg.startAt;
        return undefined;
      }
      case 'AgentConnect':
        if (call) {
          const agentUniqueid = header(message, 'destuniqueid');
          call.connect = {
            agent: this.agentOf(message), agentUniqueid, queueSeconds: Number(header(message, 'holdtime')) || 0, ringSeconds: Number(header(message, 'ringtime')) || 0,
          };
          if (agentUniqueid) this.agentLegs.set(agentUniqueid, uniqueid);
        }
        return undefined;
      case 'AgentComplete':
        if (call) {
          call.talkSeconds = Number(header(message, 'talktime')) || 0;
          call.completeReason = header(message, 'reason');
        }
        return undefined;
      case 'QueueCallerAbandon':
        if (call) call.abandonSeconds = Number(header(message, 'holdtime')) || 0;
        return undefined;
      case 'QueueCallerLeave':
        if (call) call.leftAt ??= at;
        return undefined;
      case 'HangupRequest':
        if (call && !call.connect) call.hasCallerHungUp = true;
        return undefined;
      case 'Hold':
      case 'Unhold':
        this.hold(message.event === 'Hold', this.calls.get(this.agentLegs.get(uniqueid) ?? uniqueid), at);
        return undefined;
      case 'Cdr': {
        const ended = parseLocalTime(header(message, 'endtime'), this.options.timeZone);
        if (call && ended !== undefined) call.cdrEndedAt = Math.max(call.cdrEndedAt ?? 0, ended);
        return undefined;
      }
      case 'Hangup':
        return this.finish(message, at, facts, ivr);
      default:
        return undefined;
    }
  }

  private agentOf(message: AmiMessage): string {
    const iface = header(message, 'interface');
    return extensionOfDevice(iface, this.rules) ?? (header(message, 'destcalleridnum') || iface);
  }

  private hold(isHold: boolean, call: QueueCall | undefined, at: number): void {
    if (!call) return;
    if (isHold) call.holdSince ??= at;
    else if (call.holdSince !== undefined) {
      call.holdMs += at - call.holdSince;
      call.holdSince = undefined;
    }
  }

  private finish(message: AmiMessage, at: number, facts: ChannelFacts, ivr: IvrSummary | undefined): AssembledCcCdr | undefined {
    const uniqueid = facts.uniqueid;
    if (this.agentLegs.has(uniqueid)) {
      this.agentLegs.delete(uniqueid);
      return undefined;
    }
    const call = this.calls.get(uniqueid);
    this.calls.delete(uniqueid);
    if (!call && !ivr) return undefined;
    if (call?.connect) this.agentLegs.delete(call.connect.agentUniqueid);
    if (call) this.hold(false, call, at);
    const startedAt = facts.startedAt;
    const endedAt = Math.max(startedAt, call?.cdrEndedAt ?? pbxTimeAt(facts, at));
    const duration = wholeSeconds(endedAt - startedAt);
    const connect = call?.connect;
    const queueSeconds = connect?.queueSeconds ?? call?.abandonSeconds ?? (call ? wholeSeconds((call.leftAt ?? at) - call.joinedAt) : 0);
    const ringSeconds = connect ? connect.ringSeconds : call ? wholeSeconds(ringUnionMs(call, endedAt)) : 0;
    const hasCallerHungUp = call?.hasCallerHungUp ?? false;
    const cause = header(message, 'cause');
    // A caller who hangs up while app_queue holds the channel gets Cause 0 (s03): that is a normal clearing.
    const hangupCause = hasCallerHungUp && (cause === '0' || cause === '') ? 'NORMAL_CLEARING' : hangupCauseName(cause);
    const agent = connect?.agent ?? '';
    const push: VendorPushBody = {
      event: 'cc_cdr', uuid: uniqueid, caller: facts.callerIdNum, called: agent, queueCode: call?.queue ?? '', agentCode: agent,
      callType: facts.isTrunk ? 'incoming' : 'internal', cdrState: connect ? 'bridged' : call ? 'queue' : 'ivr',
      hangupSide: hangupSideOf(call), hangupCause,
      startTime: formatLocal(startedAt, this.options.timeZone), endTime: formatLocal(endedAt, this.options.timeZone), duration: String(duration),
      queueTime: String(queueSeconds), feedbackTime: '0', ivrTime: ivr ? String(ivr.seconds) : '', ringTime: String(ringSeconds),
      holdTime: wholeSeconds(call?.holdMs ?? 0), pauseTime: 0, talkingTime: String(call?.talkSeconds ?? 0), voicemailState: '0',
      ivrId: ivr?.ivrId ?? '', ivrName: ivr?.ivrName ?? '', ivrDtmf: ivr?.ivrDtmf ?? '', fwType: '', score: '0', trunkNumber: facts.did,
      forwardNumber: '', filePath: facts.recordingFile, missCause: connect || !call ? '' : this.missCause(call, queueSeconds), mac: this.options.mac,
    };
    const assembled: AssembledCcCdr = { push, uniqueid, linkedid: facts.linkedid };
    if (agent) assembled.agent = agent;
    return assembled;
  }

  /** Why a queued call was lost: the one rule of the console's own ledger (stats/miss-cause.ts). */
  private missCause(call: QueueCall, queueSeconds: number): string {
    const isCallerGone = call.hasCallerHungUp || call.abandonSeconds !== undefined;
    return missCauseOf({
      outcome: isCallerGone ? 'abandoned' : 'exitwithtimeout', waitSeconds: queueSeconds, wasRung: call.legs.size > 0,
      isAnyMemberLoggedIn: this.options.isAnyMemberLoggedIn?.(call.queue),
    });
  }
}

/** The gateway clock `at` on the PBX's clock, anchored at the channel's creation. */
function pbxTimeAt(facts: ChannelFacts, at: number): number {
  return facts.startedAt + (at - facts.firstSeenAt);
}

/** Time during which at least one member rang (ringall rings in parallel): the union of the ring intervals. */
function ringUnionMs(call: QueueCall, endedAt: number): number {
  const spans = [...call.legs.values()]
    .map((leg) => [leg.startedAt, leg.ringMs === undefined ? endedAt : leg.startedAt + leg.ringMs] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cursor = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    const start = Math.max(from, cursor);
    if (to > start) total += to - start;
    cursor = Math.max(cursor, to);
  }
  return total;
}

function hangupSideOf(call: QueueCall | undefined): string {
  if (call?.completeReason) return call.completeReason;
  if (!call || call.hasCallerHungUp || call.abandonSeconds !== undefined) return 'caller';
  return 'system';
}
