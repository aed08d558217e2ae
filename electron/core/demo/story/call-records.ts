import type { InboundCall } from './inbound-call';
import type { AgentLeg } from './leg';
import { localTime } from './leg';
import { cdrEvent } from '../ami/events';

/**
 * cdr_manager writes one Cdr per agent leg, NO ANSWER legs included (README of
 * fixtures/ami); with no leg at all the caller's own record remains (the IVR
 * answered it, so ANSWERED). Each one is also pushed as the vendor `cdr` event.
 */
export function emitLegCdrs(call: InboundCall, legs: AgentLeg[]): void {
  const { pbx, caller, queue } = call;
  const end = pbx.now();
  const rows = legs.length > 0 || call.legs.length > 0
    ? legs.map((leg) => {
      const start = leg === call.legs[0] || leg === call.answered ? caller.createdAt : leg.startedAt;
      return { start, end: leg.endedAt ?? end, dest: leg.channel.name, disposition: leg.dialStatus === 'ANSWER' ? 'ANSWERED' as const : 'NO ANSWER' as const };
    })
    : [{ start: caller.createdAt, end, dest: '', disposition: 'ANSWERED' as const }];
  for (const row of rows) {
    const seconds = Math.round((row.end - row.start) / 1000);
    const fields = {
      source: caller.callerIdNum, callerName: caller.callerIdName, destination: queue.name, destinationContext: 'queues',
      channel: caller.name, destinationChannel: row.dest, lastApplication: 'Queue', lastData: `${queue.name},tT,,,300`,
      start: localTime(pbx, row.start), answer: localTime(pbx, row.start), end: localTime(pbx, row.end),
      duration: seconds, billable: seconds, disposition: row.disposition, uniqueid: caller.uniqueid,
    };
    pbx.emit(cdrEvent(fields));
    pbx.push({
      event: 'cdr', callerid: `"${caller.callerIdName}" <${caller.callerIdNum}>`, source: fields.source,
      destination: fields.destination, starttime: fields.start, answertime: fields.answer, endtime: fields.end,
      disposition: fields.disposition, duration: String(seconds), billableseconds: String(seconds), calltype: 'inbound',
      recordfile: caller.monfile ? `${caller.monfile}.wav` : '', uniqueid: caller.uniqueid,
    });
  }
}

export interface CcCdrOutcome {
  cdrState: 'bridged' | 'queue' | 'ivr';
  hangupSide: 'caller' | 'agent';
  talkSeconds: number;
  missCause: string;
}

/** The vendor's call-center record (coocenter-api.md `cc_cdr`), one per inbound call. */
export function pushCcCdr(call: InboundCall, outcome: CcCdrOutcome): void {
  const { pbx, caller, queue } = call;
  const end = pbx.now();
  const answered = call.answered;
  const fileName = caller.monfile ? `${caller.monfile}.wav` : '';
  if (fileName) pbx.state.recordings.add(fileName, Math.max(1, Math.round((end - call.joinedAt) / 1000)));
  const ringMs = answered ? (answered.answeredAt ?? end) - answered.startedAt : 0;
  const agent = answered?.agent.exten ?? call.pickedUpBy?.exten ?? '';
  pbx.push({
    event: 'cc_cdr', uuid: caller.uniqueid, caller: caller.callerIdNum, called: agent,
    queueCode: queue.name, agentCode: agent, callType: 'incoming', cdrState: outcome.cdrState,
    hangupSide: outcome.hangupSide, hangupCause: 'NORMAL_CLEARING',
    startTime: localTime(pbx, caller.createdAt), endTime: localTime(pbx, end),
    duration: String(Math.round((end - caller.createdAt) / 1000)),
    queueTime: String(Math.round(((answered?.answeredAt ?? end) - call.joinedAt) / 1000)),
    feedbackTime: '0', ivrTime: String(Math.round((call.ivrEndedAt - call.ivrStartedAt) / 1000)),
    ringTime: String(Math.round(ringMs / 1000)), holdTime: call.holdSeconds, pauseTime: 0,
    talkingTime: String(outcome.talkSeconds), voicemailState: '0', ivrId: '610', ivrName: 'main', ivrDtmf: '1',
    fwType: '', score: '0', trunkNumber: caller.queueDid, forwardNumber: '', filePath: fileName,
    missCause: outcome.missCause, mac: pbx.config.mac,
  });
}
