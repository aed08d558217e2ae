import { createAmiActions } from '../actions/ami-actions';
import { redactUrlCredentials } from '../base/redact-url';
import { amiPortFromBackend } from '../actions/ami-port';
import { createSettingsBlacklistNotes } from '../actions/blacklist-notes';
import { realScheduler, type Scheduler } from '../actions/scheduler';
import { createActionService, type ActionService } from '../actions/service';
import type { AmiBackend } from '../live/ami-backend';
import type { Logger } from '../base/logger';
import type { Connection } from '../contract';
import type { LiveModel } from '../live/model';
import { createAuditLog } from '../store/audit-log';
import type { Db } from '../store/database';
import type { GatewayConfig } from './config';
import { createGatewayHttp, type GatewayHttp } from './http-api';
import { createPushOutbox, type PushDeliveryStatus, type PushOutbox } from './outbox';
import { createPushAssembly, type PushAssembly } from './push-assembly';

export interface GatewayOptions {
  config: GatewayConfig;
  /** The PBX's AMI connection (live/ami-backend.ts); its client must keep the VarSets of `gatewayVariables`. */
  backend: AmiBackend;
  /** The live model the backend feeds (queue members for NO_AGENT_LOGIN, names, action targets). */
  model: LiveModel;
  /** SQLite with migration 005 (push_outbox); audit rows go to 004's audit_log when the gateway makes its own service. */
  db: Db;
  log: Logger;
  /** The app's ActionService when running inside Callboard (one wrap-up, one audit); else the gateway makes one over AMI. */
  service?: ActionService;
  /** Time, timers and the WEBKEY date (injectable: tests run on the demo PBX's virtual clock). */
  scheduler?: Scheduler;
  /** Outbox per-POST timeout. */
  pushTimeoutMs?: number;
  originateAnswerMs?: number;
  /** False: do not listen (the caller mounts `http.handler` itself). Default true. */
  listen?: boolean;
}

export interface Gateway {
  /** Port the vendor API listens on (undefined when not listening). */
  port?: number;
  http: GatewayHttp;
  service: ActionService;
  /** Push delivery state; undefined when api.conf has no URL. */
  pushStatus(): PushDeliveryStatus | undefined;
  onPushStatus(listener: (status: PushDeliveryStatus) => void): () => void;
  /** The outbox, when pushing (tests, "retry now"). */
  outbox?: PushOutbox;
  assembly?: PushAssembly;
  close(): Promise<void>;
}

/**
 * Callboard as the vendor box: the 15 endpoints over AMI and the seven
 * pushes from AMI events, delivered at least once through the SQLite outbox.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { config, backend, model, db, log } = options;
  const scheduler = options.scheduler ?? realScheduler;
  const ownsService = options.service === undefined;
  const service = options.service ?? createActionService({
    model,
    audit: createAuditLog(db),
    backends: {
      ami: createAmiActions(amiPortFromBackend(backend), {
        notes: createSettingsBlacklistNotes(db), blacklistFamily: backend.blacklistFamily,
        ...(config.recordingsDir ? { recordingsDir: config.recordingsDir } : {}),
      }),
    },
    scheduler,
    wrapup: { isEnabled: config.pauseTime, seconds: config.wrapupSeconds },
    ...(config.popUrl ? { popUrl: config.popUrl } : {}),
    warn: (message, detail) => log.warn(message, detail),
  });

  const statusListeners = new Set<(status: PushDeliveryStatus) => void>();
  let outbox: PushOutbox | undefined;
  let assembly: PushAssembly | undefined;
  let stopEvents: (() => void) | undefined;
  if (config.url) {
    outbox = createPushOutbox(db, {
      url: config.url, webkey: config.webkey, timeZone: config.timeZone, backoff: config.backoff, scheduler,
      ...(options.pushTimeoutMs ? { timeoutMs: options.pushTimeoutMs } : {}),
      onStatus: (status) => {
        for (const listener of statusListeners) listener(status);
      },
    });
    const sink = outbox;
    assembly = createPushAssembly({
      mac: config.mac, timeZone: config.timeZone, ivrUserEvent: config.ivrUserEvent, scheduler,
      emit: (push) => sink.enqueue(push),
      isAnyMemberLoggedIn: (queue) => {
        const found = model.queues.get(queue);
        return found ? found.members.some((member) => member.state !== 'unavailable') : undefined;
      },
      wrapup: {
        isEnabled: () => service.wrapupOptions().isEnabled,
        seconds: () => service.wrapupOptions().seconds,
        isActive: (extension) => service.activeWrapups().some((wrapup) => wrapup.extension === extension),
        onEnded: (listener) => service.onWrapupEnded(listener),
      },
    });
    const events = assembly;
    stopEvents = backend.onEvent((message) => {
      try {
        events.apply(message, scheduler.now());
      } catch (error) {
        // A bug in one record must not stop the others (style.md: errors are values at the edge).
        log.error(`gateway: event ${String(message.event)} could not be turned into pushes`, error);
      }
    });
  }

  const http = createGatewayHttp({
    webkey: config.webkey, timeZone: config.timeZone, ami: backend, service, scheduler, log,
    ...(config.recordingsDir ? { recordingsDir: config.recordingsDir } : {}),
    ...(options.originateAnswerMs === undefined ? {} : { originateAnswerMs: options.originateAnswerMs }),
  });
  const port = options.listen === false ? undefined : (await http.listen(config.bindHost, config.bindPort)).port;
  if (port !== undefined) log.info(`gateway: vendor API on http://${config.bindHost}:${port}/coocenter-api/${config.url ? `, pushing to ${redactUrlCredentials(config.url)}` : ''}`);

  return {
    ...(port === undefined ? {} : { port }),
    http,
    service,
    outbox,
    assembly,
    pushStatus: () => outbox?.status(),
    onPushStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    async close() {
      stopEvents?.();
      assembly?.stop();
      await http.close();
      await outbox?.stop();
      if (ownsService) service.close();
    },
  };
}

/**
 * The delivery state as a model connection, for the connections panel: id
 * "gateway-push", kind 'receiver' (the other end of a push link; a 'gateway'
 * kind would need a contract change), connected while idle/sending, lost while retrying.
 */
export function pushConnectionOf(status: PushDeliveryStatus, since: number): Connection {
  const state = status.state === 'retrying' ? 'lost' : status.state === 'stopped' ? 'disabled' : 'connected';
  const parts = [`${status.pending} pending`, `${status.delivered} delivered`];
  if (status.rejected > 0) parts.push(`${status.rejected} refused by the receiver`);
  if (status.state === 'retrying' && status.lastError) parts.push(`last error: ${redactUrlCredentials(status.lastError)}`);
  if (status.nextRetryAt !== undefined) parts.push(`next retry at ${new Date(status.nextRetryAt).toISOString()}`);
  return { id: 'gateway-push', kind: 'receiver', target: redactUrlCredentials(status.url), state, since, detail: parts.join('; ') };
}
