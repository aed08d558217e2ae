import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultKeptVariables } from '../../../electron/core/ami/client';
import { startAmiBackend, type AmiBackend } from '../../../electron/core/live/ami-backend';
import { silentLogger } from '../../../electron/core/base/logger';
import { startDemoPbx, type DemoPbx, type VendorPush } from '../../../electron/core/demo';
import { VirtualClock } from '../../../electron/core/demo/clock';
import { virtualTime } from '../../support/virtual-time';
import { gatewayVariables } from '../../../electron/core/gateway/channel-facts';
import { defaultGatewayConfig, type GatewayConfig } from '../../../electron/core/gateway/config';
import { startGateway, type Gateway } from '../../../electron/core/gateway/gateway';
import { LiveModel } from '../../../electron/core/live/model';
import { openDatabase, type Db } from '../../../electron/core/store/database';
import { createEventLog, type EventLog } from '../../../electron/core/store/event-log';
import { createCoocenterClient, type CoocenterClient } from '../../../electron/core/vendor-api/client';
import { createReceiver, type Receiver } from '../../../electron/core/vendor-api/receiver';
import type { PushedEvent } from '../../../electron/core/vendor-api/push-schemas';

export const webkey = 'asjdfjklkasdf';
export const mac = '68:69:2e:03:8b:3e';
/** 2026-11-24 10:00 in Asia/Shanghai (the demo PBX's zone). */
export const startTime = Date.UTC(2026, 10, 24, 2, 0, 0);

/** Callboard's own push receiver on a temp SQLite file, on the virtual clock (WEBKEY date). */
export interface ReceiverSide {
  receiver: Receiver;
  db: Db;
  eventLog: EventLog;
  port: number;
  events: PushedEvent[];
  close(): Promise<void>;
}

export async function startReceiverSide(dir: string, clock: () => number, port = 0): Promise<ReceiverSide> {
  const db = openDatabase(join(dir, 'receiver.db'));
  const eventLog = createEventLog(db);
  const events: PushedEvent[] = [];
  const receiver = createReceiver({ eventLog, model: new LiveModel(), log: silentLogger, webkey, clock, onEvent: (event) => events.push(event) });
  const listening = await receiver.listen('127.0.0.1', port);
  return {
    receiver, db, eventLog, port: listening.port, events,
    async close() {
      await receiver.close();
      await eventLog.close();
      db.close();
    },
  };
}

export interface GatewayRig {
  dir: string;
  pbx: DemoPbx;
  model: LiveModel;
  backend: AmiBackend;
  clock: VirtualClock;
  db: Db;
  gateway: Gateway;
  receiverSide?: ReceiverSide;
  /** Client of OUR gateway (virtual-clock WEBKEY). */
  client: CoocenterClient;
  /** Client of the demo PBX's own vendor API (it checks WEBKEY against the real date). */
  demoClient: CoocenterClient;
  demoPushes: VendorPush[];
  advance(ms: number, stepMs?: number): Promise<void>;
  until(condition: () => boolean, what: string, stepMs?: number): Promise<void>;
  settle<T>(promise: Promise<T>): Promise<T>;
  /** Restart the gateway on the same database (a new process would do the same). */
  restartGateway(): Promise<void>;
  close(): Promise<void>;
}

export interface GatewayRigOptions {
  withReceiver?: boolean;
  config?: Partial<GatewayConfig>;
  agents?: number;
  /** Demo PBX load (AMI events per virtual second) once startSimulation() runs. */
  loadEventsPerSecond?: number;
}

export async function startGatewayRig(options: GatewayRigOptions = {}): Promise<GatewayRig> {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-gateway-'));
  const pbx = await startDemoPbx({ agents: options.agents ?? 10, seed: 1, startTime, ami: { secret: 'amp111' }, api: { port: 0 }, webkey,
    ...(options.loadEventsPerSecond ? { loadEventsPerSecond: options.loadEventsPerSecond } : {}) });
  const demoPushes: VendorPush[] = [];
  pbx.onPush((push) => demoPushes.push(push));
  const clock = new VirtualClock(pbx.now());
  const model = new LiveModel(() => clock.now());
  const backend = startAmiBackend({ id: 'pbx', host: '127.0.0.1', port: pbx.amiPort, username: 'admin', secret: 'amp111' }, model, silentLogger, {
    client: { pingIntervalMs: 0, actionTimeoutMs: 5_000, keptVariables: [...defaultKeptVariables, ...gatewayVariables] },
  });
  await backend.whenSynced();
  const receiverSide = options.withReceiver === false ? undefined : await startReceiverSide(dir, () => clock.now());
  const db = openDatabase(join(dir, 'gateway.db'));
  const config: GatewayConfig = {
    ...defaultGatewayConfig, bindHost: '127.0.0.1', bindPort: 0, webkey, mac, recordingsDir: join(dir, 'monitor'),
    backoff: { initialMs: 1_000, maxMs: 8_000 },
    ...(receiverSide ? { url: `http://127.0.0.1:${receiverSide.port}/` } : {}),
    ...options.config,
  };
  const start = () => startGateway({ config, backend, model, db, log: silentLogger, scheduler: clock, originateAnswerMs: 500, pushTimeoutMs: 2_000 });
  let gateway = await start();
  const client = createCoocenterClient({ baseUrl: `http://127.0.0.1:${gateway.port}`, webkey, clock: () => clock.now() });
  const demoClient = createCoocenterClient({ baseUrl: `http://127.0.0.1:${pbx.apiPort}`, webkey });

  const { advance, until } = virtualTime(pbx, clock);
  const rig: GatewayRig = {
    dir, pbx, model, backend, clock, db, gateway, client, demoClient, demoPushes, advance, until,
    ...(receiverSide ? { receiverSide } : {}),
    async settle(promise) {
      let isSettled = false;
      void promise.then(() => (isSettled = true), () => (isSettled = true));
      await until(() => isSettled, 'the request to settle');
      return promise;
    },
    async restartGateway() {
      await gateway.close();
      gateway = await start();
      rig.gateway = gateway;
    },
    async close() {
      await gateway.close();
      await backend.stop();
      await receiverSide?.close();
      await pbx.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}
