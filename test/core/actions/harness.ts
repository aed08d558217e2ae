import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AmiClient } from '../../../electron/core/ami/client';
import { startAmiBackend, type AmiBackend } from '../../../electron/core/live/ami-backend';
import { AmiFrameParser } from '../../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../../electron/core/ami/message';
import { createAmiActions, type AmiActionsOptions } from '../../../electron/core/actions/ami-actions';
import { amiPortFromClient } from '../../../electron/core/actions/ami-port';
import type { PbxActions } from '../../../electron/core/actions/backend';
import { createSettingsBlacklistNotes } from '../../../electron/core/actions/blacklist-notes';
import { createCoocenterActions } from '../../../electron/core/actions/coocenter-actions';
import { createActionService, type ActionService, type ActionServiceOptions } from '../../../electron/core/actions/service';
import { silentLogger } from '../../../electron/core/base/logger';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { VirtualClock } from '../../../electron/core/demo/clock';
import { virtualTime } from '../../support/virtual-time';
import { LiveModel } from '../../../electron/core/live/model';
import { createAuditLog, type AuditLog } from '../../../electron/core/store/audit-log';
import { openDatabase, type Db } from '../../../electron/core/store/database';
import { createCoocenterClient } from '../../../electron/core/vendor-api/client';

/**
 * A TCP relay between the actions' AMI client and the demo PBX that parses
 * what the client sends, so tests can compare the frames with the actions
 * listed in the s04–s08 transcripts.
 */
export class AmiTap {
  readonly sent: AmiMessage[] = [];
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {}

  static async start(targetPort: number): Promise<{ tap: AmiTap; port: number }> {
    const server = createServer();
    const tap = new AmiTap(server);
    server.on('connection', (client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      const parser = new AmiFrameParser();
      tap.sockets.add(client).add(upstream);
      client.on('data', (chunk) => {
        tap.sent.push(...parser.push(chunk.toString('utf8')));
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => client.write(chunk));
      const end = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { tap, port: (server.address() as AddressInfo).port };
  }

  /** Actions sent so far, without the session's own Login/Logoff/Ping. */
  actions(name?: string): AmiMessage[] {
    return this.sent.filter((m) => !/^(login|logoff|ping)$/i.test(String(m.action)) && (name === undefined || String(m.action).toLowerCase() === name.toLowerCase()));
  }

  /** Cut every relayed connection (the PBX "goes away" for the actions' client). */
  cut(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}


export interface Rig {
  pbx: DemoPbx;
  model: LiveModel;
  tap: AmiTap;
  amiClient: AmiClient;
  amiBackend: AmiBackend;
  ami: PbxActions;
  vendor: PbxActions;
  clock: VirtualClock;
  db: Db;
  audit: AuditLog;
  service: ActionService;
  /** Advance the demo PBX and the wrap-up clock together, letting sockets deliver between steps. */
  advance(ms: number, stepMs?: number): Promise<void>;
  /** Step virtual time until `condition` holds (bounded). */
  until(condition: () => boolean, what: string, stepMs?: number): Promise<void>;
  /** Step virtual time until the promise settles (Originate waits for OriginateResponse). */
  settle<T>(promise: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const webkey = 'asjdfjklkasdf';
export const startTime = Date.UTC(2026, 10, 24, 2, 0, 0);

export interface RigOptions {
  backend: 'ami' | 'coocenter' | 'both';
  service?: Partial<Omit<ActionServiceOptions, 'model' | 'audit' | 'backends'>>;
  ami?: AmiActionsOptions;
}

/** The demo PBX (AMI over TCP + vendor API over HTTP), a live model fed by AMI, both action backends and the service. */
export async function startRig(options: RigOptions): Promise<Rig> {
  const pbx = await startDemoPbx({ agents: 10, seed: 1, startTime, ami: { secret: 'amp111' }, api: { port: 0 }, webkey });
  const { tap, port } = await AmiTap.start(pbx.amiPort);
  const model = new LiveModel();
  const amiBackend = startAmiBackend({ id: 'pbx', host: '127.0.0.1', port: pbx.amiPort, username: 'admin', secret: 'amp111' }, model, silentLogger, {
    client: { pingIntervalMs: 0 },
  });
  const amiClient = new AmiClient({ host: '127.0.0.1', port, username: 'admin', secret: 'amp111', pingIntervalMs: 0, actionTimeoutMs: 5_000 });
  await amiClient.connectOnce();
  await amiBackend.whenSynced();
  const dir = mkdtempSync(join(tmpdir(), 'callboard-actions-'));
  const db = openDatabase(join(dir, 'cache.db'));
  const audit = createAuditLog(db);
  const notes = createSettingsBlacklistNotes(db);
  const ami = createAmiActions(amiPortFromClient(amiClient), { notes, ...options.ami });
  let isVendorUp = true;
  const vendor = createCoocenterActions(createCoocenterClient({ baseUrl: `http://127.0.0.1:${pbx.apiPort}`, webkey }), {
    notes, isConnected: () => isVendorUp,
  });
  const clock = new VirtualClock(pbx.now());
  const backends = options.backend === 'ami' ? { ami } : options.backend === 'coocenter' ? { coocenter: vendor } : { ami, coocenter: vendor };
  const service = createActionService({ model, audit, backends, scheduler: clock, ...options.service });

  const { advance, until } = virtualTime(pbx, clock);
  const settle = async <T>(promise: Promise<T>): Promise<T> => {
    let isSettled = false;
    void promise.then(() => (isSettled = true), () => (isSettled = true));
    await until(() => isSettled, 'the action to settle');
    return promise;
  };
  return {
    pbx, model, tap, amiClient, amiBackend, ami, vendor, clock, db, audit, service, advance, until, settle,
    async close() {
      service.close();
      amiClient.stop();
      await amiBackend.stop();
      await tap.close();
      await pbx.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
      isVendorUp = false;
    },
  };
}
