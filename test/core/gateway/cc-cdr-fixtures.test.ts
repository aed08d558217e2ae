import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmiFrameParser } from '../../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { createPushAssembly } from '../../../electron/core/gateway/push-assembly';
import type { VendorPushBody } from '../../../electron/core/gateway/simple-pushes';
import { canonicalEventType, validatePush, type KnownEventType } from '../../../electron/core/vendor-api/push-schemas';

import { AMI_FIXTURE_DIR as fixtureDir } from '../../support/ami-fixtures';
const mac = '68:69:2e:03:8b:3e';

function events(name: string): AmiMessage[] {
  return new AmiFrameParser().push(readFileSync(join(fixtureDir, `${name}.ami`), 'latin1')).filter((m) => m.event !== undefined);
}

/**
 * Replays a transcript through the push assembly. The recordings carry no event
 * times, so the gateway clock advances 10 ms per message; every cc_cdr field
 * checked below comes from AMI headers and the PBX's own clock (Uniqueid
 * seconds, Cdr EndTime), not from that replay clock. The recording PBX ran on
 * UTC (Uniqueid 1795487808 = Cdr StartTime 02:36:48), hence timeZone UTC.
 */
function replay(messages: AmiMessage[], isAnyMemberLoggedIn: (queue: string) => boolean | undefined = () => true): VendorPushBody[] {
  const pushes: VendorPushBody[] = [];
  const assembly = createPushAssembly({ mac, timeZone: 'UTC', emit: (push) => pushes.push(push), isAnyMemberLoggedIn });
  messages.forEach((message, i) => assembly.apply(message, Date.UTC(2026, 10, 24, 2, 36, 0) + i * 10));
  return pushes;
}

const byEvent = (pushes: VendorPushBody[], event: string) => pushes.filter((p) => p.event === event);

describe('cc_cdr assembled from the real transcripts', () => {
  it('s02: inbound call answered by 800 after IVR digit 1, caller hangs up', () => {
    const [record, ...more] = byEvent(replay(events('s02_inbound_answered')), 'cc_cdr');
    expect(more).toEqual([]);
    expect(record).toEqual({
      event: 'cc_cdr',
      uuid: '1795487808.7', // Uniqueid of SIP/carrier-00000007 (Newchannel)
      caller: '0611000101', // CallerIDNum of the carrier channel
      called: '800', // the answering agent, as the vendor sample (called = agentCode) and the demo PBX
      queueCode: '630', // QueueCallerJoin Queue
      agentCode: '800', // AgentConnect Interface SIP/800
      callType: 'incoming', // SIP/carrier is a trunk (vendor sample: 'incoming')
      cdrState: 'bridged', // AgentConnect happened
      hangupSide: 'caller', // AgentComplete Reason: caller
      hangupCause: 'NORMAL_CLEARING', // caller's Hangup Cause 16
      startTime: '2026-11-24 02:36:48', // Uniqueid seconds 1795487808 in UTC = Cdr StartTime
      endTime: '2026-11-24 02:36:57', // Cdr EndTime (both Cdr rows; the later one)
      duration: '9', // 02:36:57 − 02:36:48 (Cdr Duration: 9)
      queueTime: '2', // AgentConnect HoldTime: 2
      feedbackTime: '0',
      ivrTime: '', // no IVR convention events in this dialplan (vendor sample: ivrTime '')
      ringTime: '2', // AgentConnect RingTime: 2 (seconds)
      holdTime: 0, // no Hold events
      pauseTime: 0, // no wrap-up here
      talkingTime: '6', // AgentComplete TalkTime: 6
      voicemailState: '0',
      ivrId: '',
      ivrName: '',
      ivrDtmf: '',
      fwType: '',
      score: '0',
      trunkNumber: '0201234567', // ChanVariable QUEUE_DID (dialled DID, Newchannel Exten)
      forwardNumber: '',
      filePath: 'q630-20261124-023649-0611000101-1795487808.7.wav', // VarSet MIXMONITOR_FILENAME under /var/spool/asterisk/monitor/
      missCause: '', // answered
      mac,
    });
  });

  it('s03: caller abandons after 22 s while 800/801 ring in two rounds', () => {
    const [record, ...more] = byEvent(replay(events('s03_abandon')), 'cc_cdr');
    expect(more).toEqual([]);
    expect(record).toEqual({
      event: 'cc_cdr',
      uuid: '1795487827.10', // Uniqueid of SIP/carrier-0000000a
      caller: '0611000301',
      called: '',
      queueCode: '630',
      agentCode: '',
      callType: 'incoming',
      cdrState: 'queue', // ended waiting in the queue
      hangupSide: 'caller', // HangupRequest on the caller's channel (#131)
      hangupCause: 'NORMAL_CLEARING', // Hangup Cause 0 "Unknown" after the caller's own hang-up request
      startTime: '2026-11-24 02:37:07', // Uniqueid 1795487827 = first Cdr StartTime
      endTime: '2026-11-24 02:37:31', // latest Cdr EndTime
      duration: '24', // 02:37:31 − 02:37:07
      queueTime: '22', // QueueCallerAbandon HoldTime: 22
      feedbackTime: '0',
      ivrTime: '',
      // Round 1: agent channels created at 1795487829 (DestUniqueid), AgentRingNoAnswer RingTime 15000 ms → 15 s;
      // round 2: created at 1795487847, cancelled by the caller's hang-up at 02:37:31 (…851) → 4 s. Rung in parallel: 15 + 4.
      ringTime: '19',
      holdTime: 0,
      pauseTime: 0,
      talkingTime: '0',
      voicemailState: '0',
      ivrId: '',
      ivrName: '',
      ivrDtmf: '',
      fwType: '',
      score: '0',
      trunkNumber: '0201234567', // __QUEUE_DID
      forwardNumber: '',
      filePath: 'q630-20261124-023709-0611000301-1795487827.10.wav', // MIXMONITOR_FILENAME
      missCause: 'NO_AGENT_ANSWER', // waited 22 s (≥ 10), members were rung (AgentCalled ×4), none answered
      mac,
    });
  });

  it('s03 with every member logged out is NO_AGENT_LOGIN; a caller gone within 10 s is MEMBER_CANCEL', () => {
    const noLogin = byEvent(replay(events('s03_abandon'), () => false), 'cc_cdr')[0];
    expect(noLogin?.missCause).toBe('NO_AGENT_LOGIN');
    // The same call with QueueCallerAbandon HoldTime 7 (the vendor sample's queueTime) and no agent rung.
    const quick = events('s03_abandon')
      .filter((m) => !['AgentCalled', 'AgentRingNoAnswer'].includes(String(m.event)))
      .map((m) => (m.event === 'QueueCallerAbandon' ? { ...m, holdtime: '7' } : m));
    const record = byEvent(replay(quick), 'cc_cdr')[0];
    expect(record).toMatchObject({ missCause: 'MEMBER_CANCEL', queueTime: '7', ringTime: '0', cdrState: 'queue' });
  });

  it('the one-to-one pushes of s02 match its AMI events and pass the receiver schemas', () => {
    const pushes = replay(events('s02_inbound_answered'));
    const counts = Object.fromEntries(['dialbegein', 'dialend', 'hangup', 'extensionstatus', 'cdr', 'cc_cdr', 'ivr'].map((e) => [e, byEvent(pushes, e).length]));
    // s02.md counts: DialBegin 2, DialEnd 3 (801's cancelled leg ends twice: one push per leg), Hangup 3,
    // ExtensionStatus 5, Cdr 2; one queue call; no IVR convention.
    expect(counts).toEqual({ dialbegein: 2, dialend: 2, hangup: 3, extensionstatus: 5, cdr: 2, cc_cdr: 1, ivr: 0 });
    expect(byEvent(pushes, 'dialbegein')[0]).toEqual({
      event: 'dialbegein', timestamp: expect.stringMatching(/^\d{10}\.\d{6}$/), channel: 'SIP/carrier-00000007', calleridnum: '0611000101',
      destchannel: 'SIP/800-00000008', destcalleridnum: '800', destuniqueid: '1795487809.8', dialstring: 'SIP/800', uniqueid: '1795487808.7', mac,
    });
    expect(byEvent(pushes, 'cdr')[0]).toEqual({
      event: 'cdr', callerid: '"Caller 0611000101" <0611000101>', source: '0611000101', destination: '630', starttime: '2026-11-24 02:36:48',
      answertime: '2026-11-24 02:36:48', endtime: '2026-11-24 02:36:57', disposition: 'ANSWERED', duration: '9', billableseconds: '9',
      calltype: 'inbound', recordfile: 'q630-20261124-023649-0611000101-1795487808.7.wav', uniqueid: '1795487808.7',
    });
    expect(byEvent(pushes, 'extensionstatus')[0]).toEqual({ event: 'extensionstatus', exten: '800', status: '8', statustext: 'Ringing' });
    // hangup of the caller (last Hangup), then its cc_cdr last of all.
    expect(pushes.at(-2)).toEqual({
      event: 'hangup', calleridnum: '0611000101', calleridname: 'Caller 0611000101', connectedlinenum: '800', connectedlinename: 'Agent 800', uniqueid: '1795487808.7',
    });
    expect(pushes.at(-1)?.event).toBe('cc_cdr');
    for (const push of pushes) {
      const { eventType, isKnown } = canonicalEventType(String(push.event));
      expect(isKnown).toBe(true);
      expect(validatePush(eventType as KnownEventType, push, 'UTC')).toMatchObject({ ok: true });
    }
  });

  it('IVR convention: UserEvent CallboardIvr becomes an ivr push and fills the cc_cdr IVR fields', () => {
    const messages = events('s02_inbound_answered');
    const digit = messages.findIndex((m) => m.event === 'DTMFEnd');
    // What `UserEvent(CallboardIvr,IvrId: 610,IvrName: main,Dtmf: 1)` in the dialplan sends (README "IVR convention").
    const [userEvent] = new AmiFrameParser().push(
      'Event: UserEvent\r\nPrivilege: user,all\r\nChannel: SIP/carrier-00000007\r\nCallerIDNum: 0611000101\r\nUniqueid: 1795487808.7\r\n'
      + 'Linkedid: 1795487808.7\r\nUserEvent: CallboardIvr\r\nIvrId: 610\r\nIvrName: main\r\nDtmf: 1\r\n\r\n',
    );
    messages.splice(digit + 1, 0, userEvent as AmiMessage);
    const pushes = replay(messages);
    const [ivr] = byEvent(pushes, 'ivr');
    // The node ran from the channel's first event to the UserEvent: `digit` messages at 10 ms each on the replay clock.
    expect(ivr).toEqual({
      event: 'ivr', uuid: '1795487808.7', caller: '0611000101', called: '', callType: 'IN', queueCode: '630',
      startTime: '2026-11-24 02:36:00', endTime: '2026-11-24 02:36:00', duration: '0', ivrId: '610', ivrName: 'main', ivrDtmf: '1',
      trunkNumber: '0201234567', mac,
    });
    // Pushed when the caller joined 630 (queueCode known), before the first ring.
    expect(pushes.findIndex((p) => p.event === 'ivr')).toBeLessThan(pushes.findIndex((p) => p.event === 'dialbegein'));
    expect(byEvent(pushes, 'cc_cdr')[0]).toMatchObject({ ivrId: '610', ivrName: 'main', ivrDtmf: '1', ivrTime: '0' });
  });
});
