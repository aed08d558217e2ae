import { join } from 'node:path';
import type { CoreConfig } from '../config/config';
import { LiveModel } from '../live/model';
import { openDatabase, type Db } from '../store/database';
import { startHttpServer, type RunningHttpServer } from '../server/http-server';
import { createEventLog } from '../store/event-log';
import { createReceiver } from '../vendor-api/receiver';
import { startAmiBackend, type AmiBackend } from '../ami/backend';
import { createCallWriter, type CallWriter } from '../store/call-writer';
import { historyStores } from './handlers/history';
import { recordAgentIntervals } from '../store/agent-interval-recorder';
import { persistQueueCounters, restoreQueueCounters } from '../store/queue-counters-cache';
import { QueueDayCounters } from '../live/queue-day-stats';
import { pbxDate } from '../vendor-api/webkey';
import type { IvrJourneyStep } from '../vendor-api/push-to-model';
import type { IvrStep } from '../contract';
import { createDispatcher, type Dispatch } from './dispatcher';
import type { CoreContext } from './context';
import { allHandlers } from './handlers/all';
import type { Logger } from './logger';

export interface CoreOptions {
  log: Logger;
  /** Built renderer to serve over HTTP (headless mode); omit for API only. */
  webRoot?: string;
  /** Start the HTTP/WebSocket server (headless, LAN wallboard). */
  serveHttp: boolean;
}

export interface Core {
  config: CoreConfig;
  model: LiveModel;
  db: Db;
  dispatch: Dispatch;
  http?: RunningHttpServer;
  /** One per configured PBX. */
  amiBackends: AmiBackend[];
  /** Port the push receiver listens on, when enabled. */
  receiverPort?: number;
  close(): Promise<void>;
}

/**
 * Starts everything that is not Electron: the SQLite cache, the live model,
 * the PBX connections, the push receiver and (optionally) the HTTP server.
 * Both `callboard serve` and the desktop main process call this.
 */
export async function startCore(config: CoreConfig, options: CoreOptions): Promise<Core> {
  const { log } = options;
  const db = openDatabase(join(config.dataDir, 'callboard.db'));
  const model = new LiveModel();
  const context: CoreContext = { model, db, log };
  const dispatch = createDispatcher(allHandlers, context);
  const closers: (() => Promise<void> | void)[] = [() => void db.close()];
  let isReady = false;

  try {
    const callWriter = createCallWriter(historyStores(db).store);
    closers.unshift(() => callWriter.close());
    closers.unshift(recordAgentIntervals(model, historyStores(db).store));
    const amiBackends = config.ami.map((target) => {
      // "Today" is the PBX's day; the counters survive restarts through the cache.
      const counters = new QueueDayCounters((at) => pbxDate(at, config.timeZone));
      restoreQueueCounters(db, target.id, counters, model.now());
      const backend = startAmiBackend(target, model, log, { counters });
      closers.unshift(persistQueueCounters(db, target.id, counters), () => backend.stop());
      return backend;
    });
    for (const backend of amiBackends) backend.onCallFinished((record) => void persist(callWriter.writeCalls([record]), log));
    const receiverPort = config.receiver ? await startReceiver(config, context, callWriter, closers) : undefined;
    const http = options.serveHttp
      ? await startHttpServer(config.http.host, config.http.port, {
          model,
          dispatch,
          log,
          access: { token: config.token },
          webRoot: options.webRoot,
          isReady: () => isReady,
        })
      : undefined;
    if (http) closers.unshift(() => http.close());
    isReady = true;
    return {
      config,
      model,
      db,
      dispatch,
      http,
      receiverPort,
      amiBackends,
      close: async () => {
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await close();
    throw error;
  }
}

/** The push receiver (vendor events), acknowledging each push only after it is in SQLite. */
async function startReceiver(config: CoreConfig, context: CoreContext, callWriter: CallWriter, closers: (() => Promise<void> | void)[]): Promise<number> {
  if (!config.receiver) throw new Error('receiver disabled');
  const eventLog = createEventLog(context.db);
  closers.unshift(() => eventLog.close());
  const { log } = context;
  const receiver = createReceiver({
    eventLog,
    model: context.model,
    log,
    webkey: config.webkey,
    timeZone: config.timeZone,
    onCallRecord: (record) => void persist(callWriter.writeCalls([record]), log),
    onIvrStep: (step) => void persist(callWriter.writeIvrSteps([ivrStepOf(step)]), log),
  });
  const { port } = await receiver.listen(config.receiver.host, config.receiver.port);
  closers.unshift(() => receiver.close());
  const target = `${config.receiver.host}:${port}`;
  context.model.putConnection({ id: 'receiver', kind: 'receiver', target, state: 'connected', since: context.model.now(), detail: `listening for pushes on ${target}` });
  context.log.info(`push receiver listening on http://${target}/`);
  return port;
}

/** Call records are derived data (the raw push is already stored): a failed write is logged, not fatal. */
async function persist(write: Promise<void>, log: Logger): Promise<void> {
  try {
    await write;
  } catch (error) {
    log.error('writing call history failed', error);
  }
}

function ivrStepOf(step: IvrJourneyStep): IvrStep {
  return {
    uniqueid: step.callId,
    ivrId: step.ivrId ?? '',
    ivrName: step.ivrName,
    dtmf: step.dtmf,
    startAt: step.startedAt ?? step.endedAt ?? Date.now(),
    endAt: step.endedAt,
  };
}
