import type { ActionResult } from '../contract/method';
import type { WaitingActionsBlock } from '../contract/methods/waiting';
import type { LiveModel } from '../live/model';
import { recordAct, type Act, type AuditLog } from '../store/audit-log';
import {
  actionFail, actionOk, matchesBlacklist,
  type BackendKind, type BlacklistEntry, type CallLeg, type DialOutcome, type PbxActions, type RecordingStream, type SpyMode, type TransferKind,
} from './backend';
import { findExtension, legOfCall, legOfExtension, membershipsOf, type KnownExtension } from './live-targets';
import { defaultPauseReasons, withWrapup, wrapupReason, type PauseReason } from './pause-reasons';
import { realScheduler, type Scheduler } from './scheduler';
import { watchScreenPops, type ScreenPop } from './screen-pop';
import { startWrapups, type ActiveWrapup, type WrapupEnded, type WrapupOptions } from './wrapup';
import { openLocalRecording } from './local-recordings';
import { auditSubject } from './audit-subject';
import { freeAgentOrFail, otherQueueOrFail, waitingCallerOrFail } from './waiting-targets';

/** Who asked (the dispatcher's Caller.who): "desktop", "web:192.168.1.20"; the service's own actions use "wrap-up". */
export interface ActionActor {
  who: string;
}

/** An action's target: an extension's call, or a call by its id (Call.id). */
export type CallTarget = { extension: string; callId?: undefined } | { callId: string; extension?: undefined };

export interface ActionServiceOptions {
  model: LiveModel;
  /** store/audit-log.ts AuditLog (only append is used). */
  audit: Pick<AuditLog, 'append'>;
  /** "both" mode: AMI when connected, the vendor API otherwise. Either may be absent. */
  backends: { ami?: PbxActions; coocenter?: PbxActions };
  scheduler?: Scheduler;
  pauseReasons?: PauseReason[];
  wrapup?: Partial<WrapupOptions>;
  /** api.conf `pop_url`; no screen pops without it. */
  popUrl?: string;
  /** Local or mounted recordings: they play with every PBX link down (offline review). */
  recordingsDir?: string;
  warn?(message: string, detail?: unknown): void;
}

export interface ActionService {
  pause(request: { extension: string; queue?: string; isPaused: boolean; reason?: string }, actor?: ActionActor): Promise<ActionResult>;
  queueLogin(request: { extension: string; queue: string; penalty: number; memberName?: string }, actor?: ActionActor): Promise<ActionResult>;
  queueLogout(request: { extension: string; queue: string }, actor?: ActionActor): Promise<ActionResult>;
  spy(request: { supervisor: string; target: string; mode: SpyMode }, actor?: ActionActor): Promise<ActionResult>;
  /** Switch a running listen/whisper/barge session (its Call.id) to another mode. */
  spyMode(request: { callId: string; mode: SpyMode }, actor?: ActionActor): Promise<ActionResult>;
  transfer(request: CallTarget & { destination: string; kind: TransferKind }, actor?: ActionActor): Promise<ActionResult>;
  hangup(request: CallTarget, actor?: ActionActor): Promise<ActionResult>;
  /** A caller waiting in a queue (its Call.id) out of the queue to an agent's phone, which rings as for a direct call. */
  pickUpWaiting(request: { callId: string; agent: string }, actor?: ActionActor): Promise<ActionResult>;
  /** A caller waiting in a queue into another queue, where it joins at the back. */
  moveWaiting(request: { callId: string; queue: string }, actor?: ActionActor): Promise<ActionResult>;
  dial(request: { source: string; destination: string }, actor?: ActionActor): Promise<ActionResult<DialOutcome>>;
  endWrapup(request: { extension: string }, actor?: ActionActor): Promise<ActionResult<WrapupEnded>>;
  blacklistList(request?: { query?: string }): Promise<ActionResult<BlacklistEntry[]>>;
  blacklistAdd(request: { number: string; note?: string }, actor?: ActionActor): Promise<ActionResult>;
  blacklistRemove(request: { number: string }, actor?: ActionActor): Promise<ActionResult>;
  /** Change a listed number's note (audited as blacklist.setNote). */
  blacklistSetNote(request: { number: string; note: string }, actor?: ActionActor): Promise<ActionResult>;
  /** A recording to stream (audited: listening to calls is a supervisor act). */
  recording(request: { file: string }, actor?: ActionActor): Promise<ActionResult<RecordingStream>>;
  pauseReasons(): PauseReason[];
  /** Replace the configurable reasons (Settings); wrap-up is always kept. */
  setPauseReasons(next: PauseReason[]): void;
  activeWrapups(): ActiveWrapup[];
  wrapupOptions(): WrapupOptions;
  /** Change wrap-up (audited as settings.setWrapup); persisting it is the caller's (action-settings.ts). */
  configureWrapup(options: WrapupOptions, actor?: ActionActor): ActionResult;
  /** Why pick-up and move of waiting callers cannot run now, if they cannot: no PBX link, or a backend without Redirect. */
  waitingActionsBlock(): WaitingActionsBlock | undefined;
  /** Which backend an action would use now, if any. */
  backendKind(): BackendKind | undefined;
  /** Wrap-up ended: its seconds are the call's pauseTime. */
  onWrapupEnded(listener: (ended: WrapupEnded) => void): () => void;
  onScreenPop(listener: (pop: ScreenPop) => void): () => void;
  close(): void;
}

const systemActor: ActionActor = { who: 'wrap-up' };

/** The extension or call an action's params name: `extension`, spy's `target`, dial's `source`, or `callId`. */
function subjectOf(params: unknown): { extension?: string; callId?: string } {
  const named = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const extension = text(named.extension) ?? text(named.target) ?? text(named.source);
  const callId = text(named.callId);
  return { ...(extension === undefined ? {} : { extension }), ...(callId === undefined ? {} : { callId }) };
}

/**
 * The one place supervisor actions run: it picks the backend, checks the
 * target against the live model, runs the action, writes the audit row, and
 * turns every failure (including a thrown one) into an ActionResult.
 */
export function createActionService(options: ActionServiceOptions): ActionService {
  const { model, audit, backends } = options;
  const scheduler = options.scheduler ?? realScheduler;
  let reasons = withWrapup(options.pauseReasons ?? defaultPauseReasons);
  const popListeners = new Set<(pop: ScreenPop) => void>();

  function pickBackend(): PbxActions | undefined {
    if (backends.ami?.isConnected()) return backends.ami;
    if (backends.coocenter?.isConnected()) return backends.coocenter;
    return undefined;
  }

  /** One audit row per action, ok or not; a failing audit write is logged, never thrown. */
  function record(action: string, target: string | undefined, params: unknown, actor: ActionActor | undefined, result: ActionResult<unknown>): void {
    const act: Act = { at: scheduler.now(), who: actor?.who ?? 'core', action, params };
    if (target !== undefined) act.target = target;
    recordAct(audit, act, result, (message, error) => options.warn?.(message, error));
  }

  /** Run, audit, never throw. `run` gets the backend; validation failures are audited too. */
  async function audited<T>(
    action: string, target: string | undefined, params: unknown, actor: ActionActor | undefined,
    run: (backend: PbxActions) => Promise<ActionResult<T>>,
    /** What still works with no PBX link. */
    offline?: () => Promise<ActionResult<T>>,
  ): Promise<ActionResult<T>> {
    let result: ActionResult<T>;
    // Named before running: a hung-up call is gone afterwards.
    const about = auditSubject(model, subjectOf(params));
    const backend = pickBackend();
    if (!backend && offline) {
      result = await offline();
    } else if (!backend) {
      result = actionFail('disconnected', 'no PBX connection can take actions (AMI and vendor API are both down or not configured)');
    } else {
      try {
        result = await run(backend);
      } catch (error) {
        result = actionFail('pbx_refused', error instanceof Error ? error.message : String(error));
      }
    }
    record(action, target, about ? { ...(params as object), about } : params, actor, result);
    return result;
  }

  async function isListed(backend: PbxActions, number: string): Promise<ActionResult<boolean>> {
    const list = await backend.blacklistList();
    return list.ok ? actionOk(list.value.some((entry) => entry.number === number)) : list;
  }

  function extensionOrFail(id: string): ActionResult<KnownExtension> {
    const found = findExtension(model, id);
    return found ? actionOk(found) : actionFail('not_found', `extension ${id} not found`);
  }

  function legOrFail(target: CallTarget): ActionResult<CallLeg> {
    if (target.callId !== undefined) {
      const leg = legOfCall(model, target.callId);
      return leg ? actionOk(leg) : actionFail('not_found', `call ${target.callId} is not live`);
    }
    const extension = extensionOrFail(target.extension);
    if (!extension.ok) return extension;
    const leg = legOfExtension(model, extension.value);
    return leg ? actionOk(leg) : actionFail('not_in_call', `extension ${target.extension} is not in a call`);
  }

  /** The audit row says which queue the caller was taken out of (`from`), as the model knew it before the action. */
  function withFromQueue<T extends { callId: string }>(request: T): T & { from?: string } {
    const caller = waitingCallerOrFail(model, request.callId);
    return caller.ok ? { ...request, from: caller.value.queue } : request;
  }

  async function setPaused(backend: PbxActions, extension: KnownExtension, queue: string | undefined, isPaused: boolean, reason?: string): Promise<ActionResult> {
    const memberQueues = membershipsOf(model, extension.id).map((m) => m.queue);
    if (queue !== undefined && !model.queues.has(queue)) return actionFail('not_found', `queue ${queue} not found`);
    if (queue === undefined && memberQueues.length === 0) return actionFail('not_found', `extension ${extension.id} is not a member of any queue`);
    const request = { extension: extension.id, device: extension.device, isPaused, memberQueues, ...(queue === undefined ? {} : { queue }), ...(reason === undefined ? {} : { reason }) };
    return backend.pause(request);
  }

  const wrapups = startWrapups(model, scheduler, {
    setPaused: (extension, isPaused, callId) =>
      audited('actions.wrapup', extension, { isPaused, callId }, systemActor, (backend) => {
        const known = extensionOrFail(extension);
        return known.ok ? setPaused(backend, known.value, undefined, isPaused, isPaused ? wrapupReason : undefined) : Promise.resolve(known);
      }),
    isPausedEverywhere: (extension) => {
      const memberships = membershipsOf(model, extension);
      return memberships.length > 0 && memberships.every((m) => m.isPaused);
    },
  }, { isEnabled: options.wrapup?.isEnabled ?? false, seconds: options.wrapup?.seconds ?? 30 });

  const stopPops = options.popUrl
    ? watchScreenPops(model, options.popUrl, (pop) => {
        for (const listener of popListeners) listener(pop);
      })
    : () => undefined;

  return {
    pause: (request, actor) =>
      audited('actions.pause', request.extension, request, actor, async (backend) => {
        if (request.isPaused && request.reason !== undefined && !reasons.some((r) => r.code === request.reason)) {
          return actionFail('invalid', `unknown pause reason ${request.reason}`);
        }
        const extension = extensionOrFail(request.extension);
        if (!extension.ok) return extension;
        const result = await setPaused(backend, extension.value, request.queue, request.isPaused, request.reason);
        // A supervisor's unpause ends a wrap-up early; a new pause (lunch…) supersedes it.
        if (result.ok && wrapups.isActive(request.extension)) {
          await wrapups.end(request.extension, request.isPaused ? 'superseded' : 'early', false);
        }
        return result;
      }),

    queueLogin: (request, actor) =>
      audited('actions.queueLogin', request.extension, request, actor, async (backend) => {
        const extension = extensionOrFail(request.extension);
        if (!extension.ok) return extension;
        if (!model.queues.has(request.queue)) return actionFail('not_found', `queue ${request.queue} not found`);
        const memberName = request.memberName ?? extension.value.name ?? `Agent ${request.extension}`;
        return backend.queueLogin({ extension: request.extension, device: extension.value.device, queue: request.queue, penalty: request.penalty, memberName });
      }),

    queueLogout: (request, actor) =>
      audited('actions.queueLogout', request.extension, request, actor, async (backend) => {
        const extension = extensionOrFail(request.extension);
        if (!extension.ok) return extension;
        if (!membershipsOf(model, request.extension).some((m) => m.queue === request.queue)) {
          return actionFail('not_found', `extension ${request.extension} is not a member of queue ${request.queue}`);
        }
        return backend.queueLogout({ extension: request.extension, device: extension.value.device, queue: request.queue });
      }),

    spy: (request, actor) =>
      audited('actions.spy', request.target, request, actor, async (backend) => {
        const supervisor = extensionOrFail(request.supervisor);
        if (!supervisor.ok) return supervisor;
        const target = extensionOrFail(request.target);
        if (!target.ok) return target;
        if (!legOfExtension(model, target.value)) return actionFail('not_in_call', `extension ${request.target} is not in a call`);
        return backend.spy({
          supervisorExtension: supervisor.value.id, supervisorDevice: supervisor.value.device,
          targetExtension: target.value.id, targetDevice: target.value.device, mode: request.mode,
        });
      }),

    spyMode: (request, actor) =>
      audited('actions.spyMode', request.callId, request, actor, async (backend) => {
        const session = model.calls.get(request.callId);
        const kind = session?.callClass === 'supervisor' ? session.sessionKind : undefined;
        const channel = session?.channels[0];
        if (!channel || (kind !== 'listen' && kind !== 'whisper' && kind !== 'barge')) {
          return actionFail('not_found', `no listen, whisper or barge session ${request.callId} is live`);
        }
        return kind === request.mode ? actionOk() : backend.spyMode({ callId: request.callId, channel, mode: request.mode });
      }),

    transfer: (request, actor) =>
      audited('actions.transfer', request.extension ?? request.callId, request, actor, async (backend) => {
        // A caller still waiting in a queue talks to nobody: its own channel moves, as a pick-up does.
        const waiting = request.callId !== undefined && request.kind === 'blind' ? waitingCallerOrFail(model, request.callId) : undefined;
        if (waiting?.ok) return backend.redirect({ callId: waiting.value.callId, channel: waiting.value.channel, destination: request.destination });
        const leg = legOrFail(request);
        if (!leg.ok) return leg;
        return backend.transfer({ leg: leg.value, destination: request.destination, kind: request.kind });
      }),

    hangup: (request, actor) =>
      audited('actions.hangup', request.extension ?? request.callId, request, actor, async (backend) => {
        const leg = legOrFail(request);
        return leg.ok ? backend.hangup(leg.value) : leg;
      }),

    pickUpWaiting: (request, actor) =>
      audited('waiting.pickUp', request.callId, withFromQueue(request), actor, async (backend) => {
        const caller = waitingCallerOrFail(model, request.callId);
        if (!caller.ok) return caller;
        const agent = freeAgentOrFail(model, request.agent, request.callId);
        if (!agent.ok) return agent;
        return backend.redirect({ callId: caller.value.callId, channel: caller.value.channel, destination: agent.value.id });
      }),

    moveWaiting: (request, actor) =>
      audited('waiting.move', request.callId, withFromQueue(request), actor, async (backend) => {
        const caller = waitingCallerOrFail(model, request.callId);
        if (!caller.ok) return caller;
        const queue = otherQueueOrFail(model, caller.value, request.queue);
        if (!queue.ok) return queue;
        return backend.redirect({ callId: caller.value.callId, channel: caller.value.channel, destination: queue.value });
      }),

    dial: (request, actor) =>
      audited('actions.dial', request.source, request, actor, async (backend) => {
        const source = extensionOrFail(request.source);
        if (!source.ok) return source;
        return backend.dial({ sourceExtension: source.value.id, sourceDevice: source.value.device, destination: request.destination });
      }),

    endWrapup: (request, actor) =>
      audited('actions.endWrapup', request.extension, request, actor, () => wrapups.end(request.extension, 'early', true)),

    async blacklistList(request = {}) {
      const backend = pickBackend();
      if (!backend) return actionFail('disconnected', 'no PBX connection');
      try {
        const list = await backend.blacklistList();
        return list.ok ? actionOk(list.value.filter((entry) => matchesBlacklist(entry, request.query ?? ''))) : list;
      } catch (error) {
        return actionFail('pbx_refused', error instanceof Error ? error.message : String(error));
      }
    },

    // Adding a listed number again must not replace its note: that is blacklist.setNote's job.
    blacklistAdd: (request, actor) =>
      audited('blacklist.add', request.number, request, actor, async (backend) => {
        const listed = await isListed(backend, request.number);
        if (!listed.ok) return listed;
        if (listed.value) return actionFail('exists', `${request.number} is already blacklisted; its note was left as it was`);
        return backend.blacklistAdd({ number: request.number, note: request.note ?? '', who: actor?.who ?? 'core', at: scheduler.now() });
      }),

    blacklistSetNote: (request, actor) =>
      audited('blacklist.setNote', request.number, request, actor, async (backend) => {
        const listed = await isListed(backend, request.number);
        if (!listed.ok) return listed;
        if (!listed.value) return actionFail('not_found', `${request.number} is not blacklisted`);
        return backend.blacklistSetNote({ number: request.number, note: request.note, who: actor?.who ?? 'core' });
      }),

    blacklistRemove: (request, actor) =>
      audited('blacklist.remove', request.number, request, actor, (backend) => backend.blacklistRemove(request.number)),

    recording: (request, actor) =>
      audited('recordings.open', request.file, request, actor, (backend) => backend.recording(request.file), options.recordingsDir === undefined ? undefined : () => openLocalRecording(options.recordingsDir, request.file)),

    pauseReasons: () => reasons.map((r) => ({ ...r, labels: { ...r.labels } })),
    setPauseReasons: (next) => {
      reasons = withWrapup(next);
    },
    activeWrapups: () => wrapups.active(),
    wrapupOptions: () => wrapups.options(),
    configureWrapup(next, actor) {
      wrapups.configure(next);
      const result = actionOk();
      record('settings.setWrapup', undefined, next, actor, result);
      return result;
    },
    backendKind: () => pickBackend()?.kind,
    waitingActionsBlock() {
      const backend = pickBackend();
      return !backend ? 'disconnected' : backend.canRedirect ? undefined : 'unsupported';
    },
    onWrapupEnded: (listener) => wrapups.onEnded(listener),
    onScreenPop(listener) {
      popListeners.add(listener);
      return () => popListeners.delete(listener);
    },
    close() {
      wrapups.stop();
      stopPops();
      popListeners.clear();
    },
  };
}
