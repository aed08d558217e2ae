import { callClassOf, type Call, type CallDirection, type CallRecord } from '../contract';
import { extensionStateFromCode } from '../live/extension-state';
import { ccCdrToCallRecord, cdrToCallRecord } from './call-records';
import type { LiveModel } from '../live/model';
import type {
  CcCdrPush,
  CdrPush,
  DialBeginPush,
  DialEndPush,
  ExtensionStatusPush,
  HangupPush,
  IvrPush,
  KnownPushedEvent,
} from './push-schemas';

/** One IVR node a caller went through (vendor `ivr` push: sent when the caller leaves the node). */
export interface IvrJourneyStep {
  /** The call's uuid (vendor `uuid`, the Asterisk uniqueid). */
  callId: string;
  callerNum: string;
  calledNum: string;
  callType?: string;
  ivrId?: string;
  ivrName?: string;
  /** Keys pressed in this node. */
  dtmf?: string;
  /** Queue the caller was sent to next, if any (vendor `queueCode`). */
  nextQueue?: string;
  startedAt?: number;
  endedAt?: number;
  durationSeconds: number;
  trunkNumber?: string;
}

export interface PushTranslatorOptions {
  model: LiveModel;
  onCallRecord?: (record: CallRecord) => void;
  onIvrStep?: (step: IvrJourneyStep) => void;
}

/** Extensions are short digit strings; trunk numbers are long ones. Used when the model does not know the number. */
function looksLikeExtension(num: string | undefined): boolean {
  return !!num && /^\d{2,6}$/.test(num);
}

/**
 * The one place where vendor push fields become live-model changes (style.md,
 * convention 3). Calls are keyed by the `uniqueid` of the originating channel
 * (seed: `uniqueid` 呼叫唯一标识); the callee legs (`destuniqueid`) are
 * remembered so their hangup finds the call.
 */
export function createPushTranslator(options: PushTranslatorOptions) {
  const { model } = options;
  /** destuniqueid -> { callId, agent } for the legs a dialbegin created. */
  const legs = new Map<string, { callId: string; agent?: string }>();

  const isLocal = (num: string | undefined) => !!num && (model.extensions.has(num) || looksLikeExtension(num));

  function direction(caller: string | undefined, callee: string | undefined): CallDirection {
    if (isLocal(caller)) return isLocal(callee) ? 'internal' : 'outbound';
    return 'inbound';
  }

  function extensionStatus(fields: ExtensionStatusPush): void {
    const existing = model.extensions.get(fields.exten);
    const state = extensionStateFromCode(fields.status);
    const isSameState = existing?.state === state;
    model.putExtension({
      ...existing,
      id: fields.exten,
      state,
      statusCode: fields.status,
      stateSince: isSameState && existing ? existing.stateSince : model.now(),
    });
  }

  function dialBegin(fields: DialBeginPush): void {
    const callId = fields.uniqueid;
    const agent = isLocal(fields.destcalleridnum) ? fields.destcalleridnum : undefined;
    if (fields.destuniqueid) legs.set(fields.destuniqueid, { callId, agent });
    const existing = model.calls.get(callId);
    const channels = new Set(existing?.channels ?? []);
    if (fields.channel) channels.add(fields.channel);
    if (fields.destchannel) channels.add(fields.destchannel);
    const ringing = new Set(existing?.ringingAgents ?? []);
    if (agent) ringing.add(agent);
    const call: Call = existing
      ? { ...existing, channels: [...channels], ringingAgents: [...ringing] }
      : {
          id: callId,
          direction: direction(fields.calleridnum, fields.destcalleridnum),
          callClass: callClassOf(direction(fields.calleridnum, fields.destcalleridnum)),
          state: 'ringing',
          callerNum: fields.calleridnum ?? '',
          calledNum: fields.destcalleridnum ?? '',
          startedAt: fields.timestamp ?? model.now(),
          holdSeconds: 0,
          channels: [...channels],
          ringingAgents: [...ringing],
        };
    if (existing && existing.state !== 'talking' && existing.state !== 'hold') call.state = 'ringing';
    model.putCall(call);
  }

  function dialEnd(fields: DialEndPush): void {
    const call = model.calls.get(fields.uniqueid);
    if (!call) return;
    const agent = isLocal(fields.destcalleridnum) ? fields.destcalleridnum : undefined;
    const ringingAgents = (call.ringingAgents ?? []).filter((a) => a !== agent);
    // Asterisk DialEnd DialStatus: ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL
    // (the vendor sample shows "hangup"); only ANSWER connects the call.
    if ((fields.dialstatus ?? '').toUpperCase() === 'ANSWER') {
      model.putCall({
        ...call,
        state: 'talking',
        answeredAt: call.answeredAt ?? fields.timestamp ?? model.now(),
        agent: agent ?? call.agent,
        calledNum: call.calledNum || (fields.destcalleridnum ?? ''),
        ringingAgents,
      });
    } else {
      model.putCall({ ...call, ringingAgents });
    }
  }

  function hangup(fields: HangupPush): void {
    const now = model.now();
    if (model.calls.has(fields.uniqueid)) {
      endCall(fields.uniqueid, now);
      return;
    }
    const leg = legs.get(fields.uniqueid);
    if (!leg) return;
    legs.delete(fields.uniqueid);
    const call = model.calls.get(leg.callId);
    if (!call) return;
    // The answered callee hanging up ends a two-party call; a losing ringing leg does not.
    if ((call.state === 'talking' || call.state === 'hold') && call.agent === leg.agent) endCall(call.id, now);
    else model.putCall({ ...call, ringingAgents: (call.ringingAgents ?? []).filter((a) => a !== leg.agent) });
  }

  function endCall(callId: string, at: number): void {
    model.endCall(callId, at);
    for (const [legId, leg] of legs) if (leg.callId === callId) legs.delete(legId);
  }

  function ivr(fields: IvrPush): void {
    options.onIvrStep?.({
      callId: fields.uuid,
      callerNum: fields.caller ?? '',
      calledNum: fields.called ?? '',
      callType: fields.callType || undefined,
      ivrId: fields.ivrId || undefined,
      ivrName: fields.ivrName || undefined,
      dtmf: fields.ivrDtmf || undefined,
      nextQueue: fields.queueCode || undefined,
      startedAt: fields.startTime,
      endedAt: fields.endTime,
      durationSeconds: fields.duration,
      trunkNumber: fields.trunkNumber || undefined,
    });
    const call = model.calls.get(fields.uuid);
    if (call && fields.queueCode && call.state !== 'talking') model.putCall({ ...call, state: 'queued', queue: fields.queueCode });
  }

  function cdr(fields: CdrPush): void {
    finishCall(cdrToCallRecord(fields, { now: model.now() }));
  }

  function ccCdr(fields: CcCdrPush): void {
    finishCall(ccCdrToCallRecord(fields, { now: model.now(), guessDirection: direction }));
  }

  /** A finished-call record also ends the live call if its hangup push was missed. */
  function finishCall(record: CallRecord): void {
    if (model.calls.has(record.uniqueid)) endCall(record.uniqueid, record.endedAt);
    options.onCallRecord?.(record);
  }

  return {
    apply(event: KnownPushedEvent): void {
      switch (event.type) {
        case 'extensionstatus':
          return extensionStatus(event.fields);
        case 'dialbegin':
          return dialBegin(event.fields);
        case 'dialend':
          return dialEnd(event.fields);
        case 'hangup':
          return hangup(event.fields);
        case 'ivr':
          return ivr(event.fields);
        case 'cdr':
          return cdr(event.fields);
        case 'cc_cdr':
          return ccCdr(event.fields);
      }
    },
  };
}

export type PushTranslator = ReturnType<typeof createPushTranslator>;
