import type { Pbx } from '../pbx';
import type { Agent, Channel } from '../pbx-state';
import { bridgeEvent, channelBlock, channelEvent, dialEvent, hangupEvent, newexten, varSet } from '../ami/events';
import { pushHangup } from './leg';

export interface InternalCallOptions {
  from: Agent;
  to: string;
  /** Originate: ring `from` first, then dial (s05); the OriginateResponse event carries this ActionID. */
  originateActionId?: string;
  /** Originate into ChanSpy(to) instead of dialling (s07). */
  isSpy?: boolean;
  /** ChanSpy options: q (listen), qw (whisper), qB (barge); default q. */
  spyOptions?: string;
  /** Originate `Variable:` headers: set on the first channel, each announced by a VarSet (s05 CLICK2DIAL). */
  variables?: Record<string, string>;
  talkMs: number;
}

/**
 * A call between two extensions (click-to-dial, internal or spy). A condensed
 * form of s05/s07: Newchannel, ringing, OriginateResponse, DialBegin/End, a
 * bridge and the hangups, with device states kept right for the wallboard.
 */
export function placeInternalCall(pbx: Pbx, options: InternalCallOptions): Channel | undefined {
  const { from } = options;
  const target = pbx.state.agents.get(options.to);
  const src = pbx.newChannel({
    device: from.device, state: 0, callerIdNum: from.exten, callerIdName: options.originateActionId ? 'Click2Dial' : from.name,
    connectedNum: '<unknown>', connectedName: '<unknown>', context: 'internal', exten: '', priority: 1, monfile: '', queueDid: '',
  });
  from.isBusy = true;
  pbx.emit(channelEvent('Newchannel', 'call,all', src));
  for (const [name, value] of Object.entries(options.variables ?? {})) pbx.emit(varSet(src, name, value));
  pbx.setDevice(from, 'RINGING', 'ED');
  const fail = (): void => {
    pbx.emit(hangupEvent(src, 17, 'User busy'));
    pbx.endChannel(src);
    from.isBusy = false;
    pbx.setDevice(from, 'NOT_INUSE', 'ED');
  };
  pbx.clock.after(1500, () => {
    src.state = 6;
    src.answeredAt = pbx.now();
    pbx.emit(channelEvent('Newstate', 'call,all', src));
    pbx.setDevice(from, 'INUSE', 'ED');
    if (options.originateActionId !== undefined) {
      pbx.emit([['Event', 'OriginateResponse'], ['Privilege', 'call,all'], ['ActionID', options.originateActionId],
        ['Response', 'Success'], ['Channel', src.name], ['Context', 'internal'], ['Exten', options.to], ['Reason', '4'],
        ['Uniqueid', src.uniqueid], ['CallerIDNum', src.callerIdNum], ['CallerIDName', src.callerIdName],
        [`ChanVariable(${src.name})`, 'MONFILE='], [`ChanVariable(${src.name})`, 'QUEUE_DID=']]);
    }
    Object.assign(src, { exten: options.to, priority: 1 });
    pbx.emit(newexten(src, options.isSpy ? 'ChanSpy' : 'Dial', options.isSpy ? `SIP/${options.to},${options.spyOptions ?? 'q'}` : `SIP/${options.to},30`));
    if (!target || !target.isRegistered || (target.isBusy && !options.isSpy)) return void pbx.clock.after(500, fail);
    if (options.isSpy) return void spyOn(target);
    const dst = pbx.newChannel({
      device: target.device, state: 0, callerIdNum: target.exten, callerIdName: target.name,
      connectedNum: from.exten, connectedName: from.name, context: 'internal', exten: '', priority: 1,
      monfile: '', queueDid: '', linkedid: src.linkedid,
    });
    target.isBusy = true;
    pbx.emit(channelEvent('Newchannel', 'call,all', dst));
    pbx.emit(dialEvent('DialBegin', 'call,all', src, dst, [['DialString', options.to]]));
    pbx.setDevice(target, 'RINGING', 'EDQ');
    pbx.clock.after(2000, () => {
      dst.state = 6;
      dst.answeredAt = pbx.now();
      pbx.emit(channelEvent('Newstate', 'call,all', dst));
      pbx.emit(dialEvent('DialEnd', 'call,all', src, dst, [['DialStatus', 'ANSWER']]));
      pbx.setDevice(target, 'INUSE', 'EDQ');
      src.peer = dst;
      dst.peer = src;
      const bridge = { id: `${pbx.random.hex(8)}-${pbx.random.hex(4)}-4${pbx.random.hex(3)}-${pbx.random.hex(4)}-${pbx.random.hex(12)}`, channels: 0 };
      pbx.emit(bridgeEvent('BridgeCreate', bridge));
      for (const ch of [src, dst]) {
        bridge.channels++;
        ch.bridgeId = bridge.id;
        pbx.emit(bridgeEvent('BridgeEnter', bridge, ch));
      }
      const end = pbx.clock.after(options.talkMs, () => hangupAll([src, dst], bridge));
      src.onHangupRequest = dst.onHangupRequest = () => { end.cancel(); hangupAll([src, dst], bridge); };
    });
  });

  function hangupAll(channels: Channel[], bridge?: { id: string; channels: number }): void {
    for (const ch of channels) {
      if (!pbx.state.channels.has(ch.name)) continue;
      if (bridge) {
        bridge.channels--;
        pbx.emit(bridgeEvent('BridgeLeave', bridge, ch));
      }
      pbx.emit(hangupEvent(ch, 16, 'Normal Clearing'));
      pushHangup(pbx, ch);
      pbx.endChannel(ch);
      const agent = pbx.state.agentByInterface(ch.device);
      if (agent) {
        agent.isBusy = false;
        pbx.setDevice(agent, 'NOT_INUSE', 'EDQ');
      }
    }
    if (bridge) pbx.emit(bridgeEvent('BridgeDestroy', bridge));
  }
  /** s07: ChanSpyStart once the spyer is up and the spied phone has a channel; ChanSpyStop before the spyer's Hangup. */
  function spyOn(target: Agent): void {
    const spyee = pbx.state.channelsOf(target)[0];
    const spyOptions = options.spyOptions ?? 'q';
    // app_chanspy `d`: 4 = listen, 5 = whisper, 6 = barge; the running ChanSpy's data shows the mode now in force.
    if (spyOptions.includes('d')) {
      src.onDtmfReceived = (digit) => {
        const mode = ({ 4: '', 5: 'w', 6: 'B' } as Record<string, string>)[digit];
        if (mode === undefined) return;
        src.appData = `SIP/${options.to},${spyOptions.replace(/[wB]/g, '')}${mode}`;
      };
    }
    const spyEvent = (name: string, on: Channel): void => pbx.emit([['Event', name], ['Privilege', 'call,all'], ...channelBlock(src, 'Spyer'), ...channelBlock(on, 'Spyee')]);
    if (spyee) pbx.clock.after(100, () => {
      if (pbx.state.channels.has(src.name) && pbx.state.channels.has(spyee.name)) spyEvent('ChanSpyStart', spyee);
    });
    const end = (): void => {
      if (spyee && pbx.state.channels.has(src.name)) spyEvent('ChanSpyStop', spyee);
      hangupAll([src]);
    };
    const timer = pbx.clock.after(options.talkMs, end);
    src.onHangupRequest = () => { timer.cancel(); end(); };
  }

  src.onHangupRequest = () => hangupAll([src]);
  return src;
}
