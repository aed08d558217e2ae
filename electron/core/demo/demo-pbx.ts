import { randomBytes } from 'node:crypto';
import { writeQueueLog } from './queue-log-writer';
import { Pbx } from './pbx';
import type { VendorPush } from './pbx';
import { DemoAmiServer } from './ami/server';
import { DemoVendorApi } from './api/server';
import { VendorPusher } from './push/pusher';
import { Simulation } from './simulation';
import { defaultMembership, populate } from './setup';
import type { MemberSpec } from './setup';
import { InboundCall } from './story/inbound-call';
import { pauseMember } from './story/members';
import type { DeviceState } from './pbx-state';

export interface DemoPbxOptions {
  ami?: { host?: string; port?: number; username?: string; secret?: string } | false;
  api?: { host?: string; port?: number } | false;
  push?: { url: string } | false;
  webkey?: string;
  agents?: number;
  queues?: string[];
  /** Explicit membership; default follows pbx-conf/queues.conf's pattern. */
  queueMembers?: Record<string, MemberSpec[]>;
  seed?: number;
  /** Virtual seconds per real second while autoStart runs the clock. */
  speed?: number;
  loadEventsPerSecond?: number;
  /** Traffic of the daily peak whatever the hour (SimulationOptions.isAlwaysPeak). */
  isAlwaysPeak?: boolean;
  /** Append a queue_log in Asterisk's format here (queue-log-writer.ts). */
  queueLogFile?: string;
  /** Write each recorded call's WAV here, as MixMonitor does into /var/spool/asterisk/monitor/. */
  recordingsDir?: string;
  /** Start the random call center and drive the clock in real time. */
  autoStart?: boolean;
  /** Virtual start time (Unix ms); default now. Fix it for byte-identical runs. */
  startTime?: number;
}

export interface ScriptedInboundCall {
  queue: string;
  callerNumber?: string;
  /** Extension that answers; others ring until cancelled. */
  answerBy?: string;
  answerAfterMs?: number;
  abandonAfterMs?: number;
  talkMs?: number;
}

export interface DemoPbx {
  amiPort: number;
  apiPort?: number;
  credentials: { username: string; secret: string };
  webkey: string;
  /** Advance the virtual clock by `ms`, running everything due, synchronously. */
  step(ms: number): void;
  /** Start the random call center without the real-time driver (drive it with step). */
  startSimulation(): void;
  now(): number;
  placeInboundCall(call: ScriptedInboundCall): { uniqueid: string; channel: string };
  setExtensionState(exten: string, state: DeviceState): void;
  pauseAgent(exten: string, isPaused: boolean, reason?: string, queue?: string): void;
  /** Counters for benchmarks and tests. */
  stats(): { amiEvents: number; pushesDelivered: number; pushesDropped: number; pushesPending: number };
  onPush(listener: (push: VendorPush) => void): () => void;
  /** Resolves once every recording file started so far is on disk. */
  recordingsWritten(): Promise<void>;
  close(): Promise<void>;
}

const TICK_MS = 50;

export async function startDemoPbx(options: DemoPbxOptions = {}): Promise<DemoPbx> {
  const queues = options.queues ?? ['630', '631', '632'];
  const agentCount = Math.max(1, Math.min(options.agents ?? 10, 2000));
  const pbx = new Pbx({
    seed: options.seed ?? 1, startTime: options.startTime ?? Date.now(),
    ...(options.recordingsDir ? { recordingsDir: options.recordingsDir } : {}),
  });
  populate(pbx, agentCount, options.queueMembers ?? defaultMembership(agentCount, queues));
  const webkey = options.webkey ?? '';
  const credentials = {
    username: (options.ami && options.ami.username) || 'admin',
    secret: (options.ami && options.ami.secret) || randomBytes(9).toString('base64url'),
  };
  const ami = options.ami === false ? undefined : new DemoAmiServer(pbx, {
    host: options.ami?.host ?? '127.0.0.1', port: options.ami?.port ?? 0, ...credentials,
  });
  const amiPort = ami ? await ami.listen() : 0;
  const api = options.api === false || options.api === undefined ? undefined : new DemoVendorApi(pbx, webkey);
  const apiPort = api && options.api ? await api.listen(options.api.host ?? '127.0.0.1', options.api.port ?? 0) : undefined;
  const pusher = options.push ? new VendorPusher({ url: options.push.url, webkey, timeZone: pbx.config.timeZone }) : undefined;
  if (pusher) pbx.onPush((p) => pusher.enqueue(p));
  const stopQueueLog = options.queueLogFile ? writeQueueLog(pbx, options.queueLogFile) : undefined;
  const simulation = new Simulation(pbx, {
    ...(options.loadEventsPerSecond ? { loadEventsPerSecond: options.loadEventsPerSecond } : {}),
    ...(options.isAlwaysPeak ? { isAlwaysPeak: true } : {}),
  });
  let timer: NodeJS.Timeout | undefined;
  if (options.autoStart) {
    simulation.start();
    const speed = options.speed ?? 1;
    let last = Date.now();
    timer = setInterval(() => {
      const now = Date.now();
      pbx.clock.advance((now - last) * speed);
      last = now;
    }, TICK_MS);
  }
  return {
    amiPort,
    ...(apiPort === undefined ? {} : { apiPort }),
    credentials,
    webkey,
    step: (ms) => pbx.clock.advance(ms),
    startSimulation: () => simulation.start(),
    now: () => pbx.now(),
    placeInboundCall(call) {
      const inbound = new InboundCall(pbx, {
        queue: call.queue,
        callerNumber: call.callerNumber ?? '0611000101',
        answerDelay: (agent) => (agent.exten === call.answerBy ? call.answerAfterMs ?? 2000 : undefined),
        ...(call.abandonAfterMs === undefined ? {} : { patienceMs: call.abandonAfterMs }),
        talkMs: call.talkMs ?? 5500,
        hangupSide: 'caller',
      });
      pbx.state.processedCalls++;
      inbound.start();
      return { uniqueid: inbound.caller.uniqueid, channel: inbound.caller.name };
    },
    setExtensionState(exten, state) {
      const agent = pbx.state.agents.get(exten);
      if (!agent) throw new Error(`unknown extension ${exten}`);
      agent.isRegistered = state !== 'UNAVAILABLE';
      pbx.setDevice(agent, state, 'EDQ');
    },
    pauseAgent(exten, isPaused, reason = '', queue = '') {
      pauseMember(pbx, `SIP/${exten}`, queue, isPaused, reason);
    },
    stats: () => ({
      amiEvents: pbx.eventsEmitted, pushesDelivered: pusher?.delivered ?? 0,
      pushesDropped: pusher?.dropped ?? 0, pushesPending: pusher?.pending ?? 0,
    }),
    onPush: (listener) => pbx.onPush(listener),
    recordingsWritten: () => pbx.state.recordings.flushed(),
    async close() {
      if (timer) clearInterval(timer);
      stopQueueLog?.();
      simulation.stop();
      pusher?.close();
      await Promise.all([ami?.close(), api?.close(), pbx.state.recordings.flushed()]);
    },
  };
}
