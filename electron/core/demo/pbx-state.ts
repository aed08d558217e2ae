import type { TaskHandle } from './clock';
import { DemoRecordings } from './recordings';

/** chan_sip channel states as AMI prints them (ChannelState / ChannelStateDesc). */
export const CHANNEL_STATE_DESC: Record<number, string> = { 0: 'Down', 4: 'Ring', 5: 'Ringing', 6: 'Up' };

export interface Channel {
  name: string;
  /** `SIP/800`: the name without the `-0000000a` suffix. */
  device: string;
  state: 0 | 4 | 5 | 6;
  callerIdNum: string;
  callerIdName: string;
  connectedNum: string;
  connectedName: string;
  context: string;
  exten: string;
  priority: number;
  uniqueid: string;
  linkedid: string;
  /** manager.conf `channelvars=MONFILE,QUEUE_DID`. */
  monfile: string;
  queueDid: string;
  application: string;
  appData: string;
  createdAt: number;
  answeredAt?: number;
  bridgeId?: string;
  sipCallId: string;
  rtcpTask?: TaskHandle;
  /** The channel it talks to (for Status, Redirect, Hangup). */
  peer?: Channel;
  /** Hooks the story installs so Hangup/Redirect actions reach the call. */
  onHangupRequest?: () => void;
  /** AMI Redirect of this channel to internal,<exten>,1 (and the vendor `transfer` endpoint), s06 (a). */
  onRedirect?: (exten: string) => void;
  /** AMI Atxfer on this channel to <exten>, s06 (b). */
  onAtxfer?: (exten: string) => void;
  /** A DTMF digit arriving from the phone (AMI PlayDTMF with `Receive`): ChanSpy's `d` mode keys. */
  onDtmfReceived?: (digit: string) => void;
}

/** Asterisk device states (DeviceStateChange `State:`). */
export type DeviceState = 'NOT_INUSE' | 'INUSE' | 'BUSY' | 'UNAVAILABLE' | 'RINGING' | 'RINGINUSE' | 'ONHOLD';

/** ExtensionStatus `Status:` codes (coocenter-api.md: 0 idle, 1 in use, 8 ringing, 16 hold, 4 offline). */
export const EXTENSION_STATUS: Record<DeviceState, { code: number; text: string }> = {
  NOT_INUSE: { code: 0, text: 'Idle' },
  INUSE: { code: 1, text: 'InUse' },
  BUSY: { code: 2, text: 'Busy' },
  UNAVAILABLE: { code: 4, text: 'Unavailable' },
  RINGING: { code: 8, text: 'Ringing' },
  RINGINUSE: { code: 9, text: 'InUse&Ringing' },
  ONHOLD: { code: 16, text: 'Hold' },
};

/** QueueMemberStatus `Status:` (app_queue: AST_DEVICE_* numbering). */
export const MEMBER_STATUS: Record<DeviceState, number> = {
  NOT_INUSE: 1, INUSE: 2, BUSY: 3, UNAVAILABLE: 5, RINGING: 6, RINGINUSE: 7, ONHOLD: 8,
};

export interface Agent {
  exten: string;
  name: string;
  device: string;
  deviceState: DeviceState;
  isRegistered: boolean;
  ip: string;
  port: number;
  /** A call (ringing or talking) currently holds the agent. */
  isBusy: boolean;
}

export interface QueueMember {
  queue: string;
  agent: Agent;
  penalty: number;
  membership: 'static' | 'dynamic';
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  loginTime: number;
  isInCall: boolean;
  isPaused: boolean;
  pausedReason: string;
}

export interface QueueStats {
  name: string;
  strategy: 'ringall' | 'rrmemory';
  members: QueueMember[];
  /** Callers waiting, in arrival order (QueueEntry Position). */
  waiting: Array<{ channel: Channel; joinedAt: number }>;
  completed: number;
  abandoned: number;
  holdTimeAvg: number;
  talkTimeAvg: number;
  serviceLevelCalls: number;
  rrIndex: number;
}

export class PbxState {
  readonly agents = new Map<string, Agent>();
  readonly queues = new Map<string, QueueStats>();
  readonly channels = new Map<string, Channel>();
  /** AstDB, keyed `/family/key` like `database show`. */
  readonly astdb = new Map<string, string>();
  private uniqueSeq = 0;
  private channelSeq = 0;
  startedAt: number;
  processedCalls = 0;

  constructor(startedAt: number, readonly recordings = new DemoRecordings()) {
    this.startedAt = startedAt;
  }

  /** `1795487808.7`: Unix seconds and a global sequence, as Asterisk prints Uniqueid. */
  nextUniqueid(at: number): string {
    return `${Math.floor(at / 1000)}.${this.uniqueSeq++}`;
  }

  /** `SIP/800-0000000a`: chan_sip's per-process hex counter. */
  nextChannelName(device: string): string {
    return `${device}-${(this.channelSeq++).toString(16).padStart(8, '0')}`;
  }

  memberships(agent: Agent): QueueMember[] {
    const out: QueueMember[] = [];
    for (const queue of this.queues.values()) {
      const member = queue.members.find((m) => m.agent === agent);
      if (member) out.push(member);
    }
    return out;
  }

  findMember(queue: string, iface: string): QueueMember | undefined {
    const lower = iface.toLowerCase();
    return this.queues.get(queue)?.members.find((m) => m.agent.device.toLowerCase() === lower);
  }

  agentByInterface(iface: string): Agent | undefined {
    const exten = iface.replace(/^sip\//i, '');
    return this.agents.get(exten);
  }

  channelsOf(agent: Agent): Channel[] {
    return [...this.channels.values()].filter((c) => c.device === agent.device);
  }
}
