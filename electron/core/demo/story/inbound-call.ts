import type { Pbx } from '../pbx';
import type { Agent, Channel, QueueStats } from '../pbx-state';
import type { TaskHandle } from '../clock';
import { channelEvent, deviceStateChange, dialEvent, newexten, varSet } from '../ami/events';
import { monfileStamp } from '../pbx-time';
import { emitDialBegin, emitDialEnd, localTime, pushHangup } from './leg';
import type { AgentLeg } from './leg';
import { abandonCall, connectCall, ringNoAnswer } from './queue-outcome';
import { redirectFromQueue } from './queue-redirect';

/** queues.conf [qtemplate]: timeout = 15, retry = 3. */
export const MEMBER_TIMEOUT_MS = 15_000;
export const RETRY_MS = 3_000;
/** The IVR waits this long for the digit in s02/s03 (SIP INFO after 1.5 s). */
export const IVR_DIGIT_MS = 1_500;

export interface InboundCallPlan {
  queue: string;
  callerNumber: string;
  /** ms after ringing starts that an agent picks up; undefined = never answers this ring. */
  answerDelay: (agent: Agent) => number | undefined;
  /** ms after joining the queue that the caller gives up; undefined = waits (300 s queue timeout). */
  patienceMs?: number;
  talkMs: number;
  holdMs?: number;
  hangupSide: 'caller' | 'agent';
}

/**
 * One inbound call, as in s02/s03: carrier channel → from-carrier DID dialplan
 * → IVR digit 1 → queues,630: MixMonitor + Queue(630,tT,,,300). The event
 * order follows s02 (extensions.conf in fixtures/ami/pbx-conf).
 */
export class InboundCall {
  readonly caller: Channel;
  /** The queue it is in (or was last in): a Redirect into another queue's number moves it. */
  queue: QueueStats;
  legs: AgentLeg[] = [];
  ringing: AgentLeg[] = [];
  joinedAt = 0;
  ivrStartedAt = 0;
  ivrEndedAt = 0;
  answered?: AgentLeg;
  /** The agent a supervisor sent the waiting caller to (Redirect out of the queue, queue-redirect.ts). */
  pickedUpBy?: Agent;
  ringTimer?: TaskHandle;
  patienceTimer?: TaskHandle;
  isOver = false;
  holdSeconds = 0;

  constructor(readonly pbx: Pbx, readonly plan: InboundCallPlan) {
    const queue = pbx.state.queues.get(plan.queue);
    if (!queue) throw new Error(`unknown queue ${plan.queue}`);
    this.queue = queue;
    const did = pbx.didFor(plan.queue);
    this.caller = pbx.newChannel({
      device: 'SIP/carrier', state: 0, callerIdNum: plan.callerNumber, callerIdName: `Caller ${plan.callerNumber}`,
      connectedNum: '<unknown>', connectedName: '<unknown>', context: 'from-carrier', exten: did, priority: 1,
      monfile: '', queueDid: '', sipCallId: `1-${pbx.random.int(10000, 99999)}@127.0.0.1`,
    });
  }

  start(): void {
    const { pbx, caller } = this;
    const did = caller.exten;
    if (this.carrierCalls(1) === 1) pbx.emit(deviceStateChange('SIP/carrier', 'INUSE'));
    pbx.emit(channelEvent('Newchannel', 'call,all', caller));
    pbx.emit(varSet(caller, 'SIPURI', `sip:${caller.callerIdNum}@127.0.0.1:5090`));
    pbx.emit(varSet(caller, 'SIPDOMAIN', '127.0.0.1'));
    pbx.emit(varSet(caller, 'SIPCALLID', caller.sipCallId));
    caller.state = 4;
    pbx.emit(channelEvent('Newstate', 'call,all', caller));
    pbx.emit([
      ['Event', 'SuccessfulAuth'], ['Privilege', 'security,all'], ['EventTV', new Date(pbx.now()).toISOString().replace('Z', '+0000')],
      ['Severity', 'Informational'], ['Service', 'SIP'], ['EventVersion', '1'], ['AccountID', did],
      ['SessionID', `0x${pbx.random.hex(12)}`], ['LocalAddress', 'IPV4/UDP/127.0.0.1/5060'],
      ['RemoteAddress', 'IPV4/UDP/127.0.0.1/5090'], ['UsingPassword', '0'],
    ]);
    pbx.emit(newexten(caller, 'NoOp', `Inbound DID ${did} from ${caller.callerIdNum}`));
    caller.priority = 2;
    pbx.emit(newexten(caller, 'Set', `__QUEUE_DID=${did}`));
    caller.queueDid = did;
    pbx.emit(varSet(caller, '__QUEUE_DID', did));
    caller.priority = 3;
    pbx.emit(newexten(caller, 'GotoIf', '0?blacklisted'));
    caller.priority = 4;
    pbx.emit(newexten(caller, 'Answer', ''));
    caller.state = 6;
    caller.answeredAt = pbx.now();
    pbx.emit(channelEvent('Newstate', 'call,all', caller));
    pbx.startRtcp(caller);
    caller.priority = 5;
    pbx.emit(newexten(caller, 'Goto', 'ivr,s,1'));
    Object.assign(caller, { context: 'ivr', exten: 's', priority: 1 });
    pbx.emit(newexten(caller, 'Set', 'TIMEOUT(digit)=2'));
    caller.priority = 2;
    pbx.emit(newexten(caller, 'Set', 'TIMEOUT(response)=3'));
    caller.priority = 3;
    this.ivrStartedAt = pbx.now();
    pbx.emit(newexten(caller, 'BackGround', 'queue-thankyou'));
    caller.onHangupRequest = () => this.callerHangsUp();
    this.patienceTimer = pbx.clock.after(IVR_DIGIT_MS, () => this.ivrDigit('1'));
  }

  private carrierCalls(delta: number): number {
    const counter = this.pbx.state as unknown as { carrierCalls?: number };
    counter.carrierCalls = (counter.carrierCalls ?? 0) + delta;
    return counter.carrierCalls;
  }

  private ivrDigit(digit: string): void {
    const { pbx, caller, queue } = this;
    pbx.emit(channelEvent('DTMFEnd', 'dtmf,all', caller, [['Digit', digit], ['DurationMs', '160'], ['Direction', 'Received']]));
    Object.assign(caller, { exten: digit, priority: 1 });
    pbx.emit(newexten(caller, 'BackGround', 'queue-thankyou'));
    pbx.emit(varSet(caller, 'BACKGROUNDSTATUS', 'SUCCESS'));
    caller.priority = 2;
    pbx.emit(newexten(caller, 'Goto', `queues,${queue.name},1`));
    this.ivrEndedAt = pbx.now();
    pbx.push({
      event: 'ivr', uuid: caller.uniqueid, caller: caller.callerIdNum, called: '', callType: 'IN', queueCode: queue.name,
      startTime: localTime(pbx, this.ivrStartedAt), endTime: localTime(pbx, this.ivrEndedAt),
      duration: String(Math.round((this.ivrEndedAt - this.ivrStartedAt) / 1000)), ivrId: '610', ivrName: 'main',
      ivrDtmf: digit, trunkNumber: caller.queueDid, mac: pbx.config.mac,
    });
    this.joinQueue(queue);
  }

  /** [queues] _63[0-2]: MixMonitor, then Queue(<queue>,tT,,,300), entered from the IVR or by a Redirect. */
  joinQueue(queue: QueueStats): void {
    const { pbx, caller } = this;
    this.queue = queue;
    Object.assign(caller, { context: 'queues', exten: queue.name, priority: 1 });
    pbx.emit(newexten(caller, 'NoOp', `Queue ${queue.name} for ${caller.callerIdNum}`));
    const monfile = `q${queue.name}-${monfileStamp(pbx.now(), pbx.config.timeZone)}-${caller.callerIdNum}-${caller.uniqueid}`;
    caller.priority = 2;
    pbx.emit(newexten(caller, 'Set', `__MONFILE=${monfile}`));
    caller.monfile = monfile;
    pbx.emit(varSet(caller, '__MONFILE', monfile));
    caller.priority = 3;
    pbx.emit(newexten(caller, 'MixMonitor', `${monfile}.wav,b`));
    pbx.emit(varSet(caller, 'MIXMONITOR_FILENAME', `/var/spool/asterisk/monitor/${monfile}.wav`));
    pbx.emit(channelEvent('MixMonitorStart', 'call,all', caller));
    caller.priority = 4;
    pbx.emit(newexten(caller, 'Queue', `${queue.name},tT,,,300`));
    for (const name of ['ANSWEREDTIME', 'ANSWEREDTIME_MS', 'DIALEDTIME', 'DIALEDTIME_MS', 'QUEUEWAIT', 'QUEUEWAIT_MS']) {
      pbx.emit(varSet(caller, name, ''));
    }
    queue.waiting.push({ channel: caller, joinedAt: pbx.now() });
    this.joinedAt = pbx.now();
    if (queue.waiting.length === 1) pbx.emit(deviceStateChange(`Queue:${queue.name}`, 'RINGING'));
    pbx.emit(channelEvent('QueueCallerJoin', 'agent,all', caller, [
      ['Queue', queue.name], ['Position', String(queue.waiting.length)], ['Count', String(queue.waiting.length)],
    ]));
    pbx.emit(channelEvent('MusicOnHoldStart', 'call,all', caller, [['Class', 'default']]));
    if (this.plan.patienceMs !== undefined) this.patienceTimer = pbx.clock.after(this.plan.patienceMs, () => abandonCall(this));
    // While it waits, a Redirect takes it out of the queue (queue-redirect.ts); once answered, it is a transfer.
    caller.onRedirect = (exten) => redirectFromQueue(this, exten);
    this.ringRound();
  }

  /** Members app_queue would ring now: ringall = the lowest free penalty tier; rrmemory = the next one. */
  private candidates(): Agent[] {
    const free = this.queue.members.filter((m) => !m.isPaused && m.agent.isRegistered && !m.agent.isBusy);
    if (free.length === 0) return [];
    if (this.queue.strategy === 'ringall') {
      const tier = Math.min(...free.map((m) => m.penalty));
      return free.filter((m) => m.penalty === tier).map((m) => m.agent);
    }
    const members = this.queue.members;
    for (let i = 0; i < members.length; i++) {
      const member = members[(this.queue.rrIndex + i) % members.length];
      if (member && free.includes(member)) {
        this.queue.rrIndex = (this.queue.rrIndex + i + 1) % members.length;
        return [member.agent];
      }
    }
    return [];
  }

  /** Only the first caller in line is offered to agents (app_queue is_our_turn). */
  ringRound(): void {
    if (this.isOver) return;
    const isOurTurn = this.queue.waiting[0]?.channel === this.caller;
    const agents = isOurTurn ? this.candidates() : [];
    if (agents.length === 0) {
      this.ringTimer = this.pbx.clock.after(RETRY_MS, () => this.ringRound());
      return;
    }
    const { pbx, caller } = this;
    this.ringing = agents.map((agent, index) => this.dialAgent(agent, index));
    for (const leg of [...this.ringing].reverse()) {
      leg.channel.state = 5;
      pbx.emit(channelEvent('Newstate', 'call,all', leg.channel));
    }
    for (const leg of [...this.ringing].reverse()) pbx.emit(deviceStateChange(leg.agent.device, 'RINGING'));
    for (const leg of [...this.ringing].reverse()) {
      pbx.emit(dialEvent('DialState', 'call,all', caller, leg.channel, [['DialStatus', 'RINGING']]));
    }
    let first: { leg: AgentLeg; delay: number } | undefined;
    for (const leg of this.ringing) {
      const delay = this.plan.answerDelay(leg.agent);
      if (delay !== undefined && delay < MEMBER_TIMEOUT_MS && (!first || delay < first.delay)) first = { leg, delay };
    }
    this.ringTimer = first
      ? pbx.clock.after(first.delay, () => connectCall(this, first.leg))
      : pbx.clock.after(MEMBER_TIMEOUT_MS, () => ringNoAnswer(this));
  }

  private dialAgent(agent: Agent, index: number): AgentLeg {
    const { pbx, caller, queue } = this;
    agent.isBusy = true;
    const ch = pbx.newChannel({
      device: agent.device, state: 0, callerIdNum: agent.exten, callerIdName: agent.name,
      connectedNum: '<unknown>', connectedName: '<unknown>', context: 'internal', exten: 's', priority: 1,
      monfile: caller.monfile, queueDid: '', linkedid: caller.linkedid,
    });
    const leg: AgentLeg = { agent, channel: ch, startedAt: pbx.now() };
    this.legs.push(leg);
    ch.peer = caller;
    ch.onHangupRequest = () => this.callerHangsUp();
    pbx.emit(channelEvent('Newchannel', 'call,all', ch));
    pbx.emit(varSet(ch, 'SIPCALLID', ch.sipCallId));
    ch.exten = '';
    pbx.emit(newexten(ch, 'AppQueue', '(Outgoing Line)'));
    Object.assign(ch, { connectedNum: caller.callerIdNum, connectedName: caller.callerIdName });
    pbx.emit(channelEvent('NewConnectedLine', 'call,all', ch));
    pbx.emit(varSet(ch, '__MONFILE', caller.monfile));
    pbx.emit(varSet(ch, '__QUEUE_DID', caller.queueDid));
    ch.queueDid = caller.queueDid;
    ch.exten = queue.name;
    pbx.emit(newexten(ch, 'AppQueue', '(Outgoing Line)'));
    pbx.emit(varSet(ch, 'DIALEDPEERNUMBER', agent.exten));
    pbx.setDevice(agent, 'RINGING', index === 0 ? 'EDQ' : 'EQD');
    pbx.emit(dialEvent('AgentCalled', 'agent,all', caller, ch, [
      ['Queue', queue.name], ['Interface', agent.device], ['MemberName', agent.name],
    ]));
    emitDialBegin(pbx, caller, leg);
    return leg;
  }

  /** A hangup from the outside (Hangup action, caller patience): route to the right outcome. */
  callerHangsUp(): void {
    if (this.isOver) return;
    if (this.answered) this.endTalk?.('caller');
    else abandonCall(this);
  }

  /** Set by queue-outcome once connected: ends the conversation. */
  endTalk?: (side: 'caller' | 'agent') => void;

  /** The simulation's hook: the agent is free again (wrap-up starts here). */
  onEnded?: (agent: Agent) => void;

  finish(): void {
    this.isOver = true;
    this.ringTimer?.cancel();
    this.patienceTimer?.cancel();
  }

  /** DeviceStateChange of the trunk once its last call is gone (s02 #201, s03 #177). */
  releaseCarrier(): void {
    if (this.carrierCalls(-1) === 0) this.pbx.emit(deviceStateChange('SIP/carrier', 'NOT_INUSE'));
  }

  pushChannelHangup(ch: Channel): void {
    pushHangup(this.pbx, ch);
  }
}

export { emitDialEnd };
