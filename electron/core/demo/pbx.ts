import { VirtualClock } from './clock';
import { SeededRandom } from './prng';
import { DemoRecordings } from './recordings';
import { PbxState, EXTENSION_STATUS } from './pbx-state';
import type { Agent, Channel, DeviceState } from './pbx-state';
import type { AmiHeaders } from './ami/wire';
import { deviceStateChange, extensionStatus, memberEvent, rtcpSent } from './ami/events';
import { DEFAULT_TIME_ZONE } from '../base/time-zone';

/** A vendor push (coocenter-api.md "Pushed events"): one JSON object per POST. */
export type VendorPush = Record<string, string | number>;

export interface PbxConfig {
  seed: number;
  startTime: number;
  timeZone: string;
  /** api.conf `mac`, echoed in pushed events. */
  mac: string;
  /** Carrier DID per queue (QUEUE_DID, cc_cdr trunkNumber). */
  didByQueue: Record<string, string>;
  /** Where MixMonitor's files go (a stand-in for /var/spool/asterisk/monitor/); none: the vendor API serves them from memory. */
  recordingsDir?: string;
}

/**
 * The simulated PBX core: state, virtual clock, PRNG and the two outputs (AMI
 * events, vendor pushes). Stories and actions mutate state and emit here; the
 * AMI server and the pusher subscribe.
 */
export class Pbx {
  readonly state: PbxState;
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly config: PbxConfig;
  private amiListeners = new Set<(event: AmiHeaders) => void>();
  private pushListeners = new Set<(push: VendorPush) => void>();
  eventsEmitted = 0;

  constructor(config: Partial<PbxConfig> & { seed: number; startTime: number }) {
    this.config = {
      timeZone: DEFAULT_TIME_ZONE,
      mac: '68:69:2e:03:8b:3e',
      didByQueue: {},
      ...config,
    };
    this.state = new PbxState(config.startTime, new DemoRecordings(config.recordingsDir));
    this.clock = new VirtualClock(config.startTime);
    this.random = new SeededRandom(config.seed);
  }

  now(): number {
    return this.clock.now();
  }

  onAmiEvent(listener: (event: AmiHeaders) => void): () => void {
    this.amiListeners.add(listener);
    return () => this.amiListeners.delete(listener);
  }

  onPush(listener: (push: VendorPush) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  emit(event: AmiHeaders): void {
    this.eventsEmitted++;
    for (const listener of this.amiListeners) listener(event);
  }

  push(payload: VendorPush): void {
    for (const listener of this.pushListeners) listener(payload);
  }

  didFor(queue: string): string {
    return this.config.didByQueue[queue] ?? `020123456${queue.slice(-1)}`;
  }

  /**
   * Device-state fan-out of one agent, in the order given: E = ExtensionStatus,
   * D = DeviceStateChange, Q = QueueMemberStatus per membership. Asterisk emits
   * these from different threads, so their interleaving varies between
   * recordings; callers pass the order seen in the transcript they follow.
   */
  setDevice(agent: Agent, state: DeviceState, order: string): void {
    const changed = agent.deviceState !== state;
    agent.deviceState = state;
    for (const step of order) {
      if (step === 'E') {
        this.emit(extensionStatus(agent, state));
        if (changed) {
          const { code, text } = EXTENSION_STATUS[state];
          this.push({ event: 'extensionstatus', exten: agent.exten, status: String(code), statustext: text });
        }
      } else if (step === 'D') this.emit(deviceStateChange(agent.device, state));
      else if (step === 'Q') for (const member of this.state.memberships(agent)) this.emit(memberEvent('QueueMemberStatus', member));
    }
  }

  newChannel(fields: Omit<Channel, 'name' | 'uniqueid' | 'linkedid' | 'createdAt' | 'sipCallId' | 'application' | 'appData'> & { linkedid?: string; sipCallId?: string }): Channel {
    const at = this.now();
    const uniqueid = this.state.nextUniqueid(at);
    const channel: Channel = {
      ...fields,
      name: this.state.nextChannelName(fields.device),
      uniqueid,
      linkedid: fields.linkedid ?? uniqueid,
      createdAt: at,
      application: '',
      appData: '',
      sipCallId: fields.sipCallId ?? `${this.random.hex(32)}@127.0.0.1:5060`,
    };
    this.state.channels.set(channel.name, channel);
    return channel;
  }

  /** Answered SIP channels report RTCP every 5 s until hangup (RTCPSent events). */
  startRtcp(ch: Channel): void {
    let packets = 0;
    const tick = (): void => {
      packets += 250;
      this.emit(rtcpSent(ch, this.now(), packets));
      ch.rtcpTask = this.clock.after(5000, tick);
    };
    ch.rtcpTask = this.clock.after(5000, tick);
  }

  endChannel(ch: Channel): void {
    ch.rtcpTask?.cancel();
    this.state.channels.delete(ch.name);
  }
}
