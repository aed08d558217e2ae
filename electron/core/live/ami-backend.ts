import type { Logger } from '../base/logger';
import type { Connection, ConnectionState } from '../contract';
import { AmiLiveReducer, type AmiReducerOptions, type CallFinishedListener } from './ami-reducer';
import { defaultDeviceRules } from './device-naming';
import { LiveCaps, type LiveLimits } from './live-limits';
import { LiveModel } from './model';
import { QueueAttemptTracker } from './queue-attempts';
import { replaceOwned } from './replace-owned';
import { AmiClient, type AmiClientOptions } from '../ami/client';
import type { AmiError } from '../ami/errors';
import { messageChars, type AmiMessage } from '../ami/message';
import type { AmiActionFields, AmiListResult } from '../ami/session';
import { defaultBlacklistFamily, readBlacklist, takeSnapshot } from '../ami/snapshot';

export interface AmiTarget {
  /** Connection id in the model (e.g. "pbx1"). */
  id: string;
  host: string;
  port: number;
  username: string;
  secret: string;
}

export interface AmiBackendOptions {
  /** Timeouts, keep-alive, backoff, VarSet filter. */
  client?: Omit<Partial<AmiClientOptions>, 'host' | 'port' | 'username' | 'secret'>;
  /** Trunk/extension rules, DID variable. */
  reducer?: Omit<AmiReducerOptions, 'attempts' | 'caps'>;
  /** Bounds of the live model (live-limits.ts); reaching one is logged and shown as a notice. */
  limits?: Partial<LiveLimits>;
  /** How often channels are checked for going stale (`limits.staleChannelMs`); default 5 min. */
  staleCheckMs?: number;
  /** Queue passes in progress (restore the ledger's open ones before starting). */
  attempts?: QueueAttemptTracker;
  blacklistFamily?: string;
}

export interface AmiBackend {
  readonly state: ConnectionState;
  readonly connection: Connection;
  /** AstDB blacklist (number → reason) as of the last resync or refreshBlacklist(). */
  readonly blacklist: ReadonlyMap<string, string>;
  readonly blacklistFamily: string;
  /** Queue passes as they change (the ledger's input), across resyncs. */
  readonly attempts: QueueAttemptTracker;
  /** The live model's bounds and how often each was reached. */
  readonly caps: LiveCaps;
  /** The last connect/login/session error, if any (code: auth_failed, refused, timeout, closed…). */
  readonly lastError: AmiError | undefined;
  action(fields: AmiActionFields): Promise<AmiMessage>;
  listAction(fields: AmiActionFields): Promise<AmiListResult>;
  command(command: string): Promise<string[]>;
  refreshBlacklist(): Promise<ReadonlyMap<string, string>>;
  /** Live AMI events as they arrive (after the VarSet filter), e.g. OriginateResponse for actions. */
  onEvent(listener: (message: AmiMessage) => void): () => void;
  /** Finished calls, across resyncs. */
  onCallFinished(listener: CallFinishedListener): () => void;
  /** Live events the reducers threw on (should stay 0; logged). */
  readonly rejectedEvents: number;
  /** Resolves the next time a resync completes (immediately if connected and synced). */
  whenSynced(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Live events held while a snapshot is taken, at most: a PBX that floods events instead of
 * answering the snapshot's lists (or a very slow snapshot) ends the session rather than memory.
 */
const MAX_BUFFERED_EVENTS = 200_000;
const MAX_BUFFERED_CHARS = 64 * 1024 * 1024;

/**
 * Keeps one PBX's AMI connection and its part of the live model. After every
 * (re)connect the model is rebuilt from a full snapshot; live events that
 * arrive while the snapshot is taken are buffered and applied on top of it,
 * so nothing is lost and nothing is applied to a half-built model. A channel
 * with no event for hours (a lost Hangup) makes it take the snapshot again.
 */
export function startAmiBackend(target: AmiTarget, model: LiveModel, log: Logger, options: AmiBackendOptions = {}): AmiBackend {
  const client = new AmiClient({ ...options.client, host: target.host, port: target.port, username: target.username, secret: target.secret });
  const caps = new LiveCaps(model, options.limits, (message) => log.warn(`AMI ${target.host}:${target.port}: ${message}`));
  const attempts =
    options.attempts ?? new QueueAttemptTracker({ rules: options.reducer?.rules ?? defaultDeviceRules(), maxOpen: caps.limits.maxChannels, onCapped: () => caps.hit('channels') });
  const blacklistFamily = options.blacklistFamily ?? defaultBlacklistFamily;
  const finishedListeners = new Set<CallFinishedListener>();
  const forwardFinished: CallFinishedListener = (record) => {
    for (const listener of finishedListeners) listener(record);
  };
  const newReducer = (into: LiveModel): AmiLiveReducer => {
    const reducer = new AmiLiveReducer(into, { ...options.reducer, attempts, caps });
    reducer.onCallFinished(forwardFinished);
    return reducer;
  };

  let reducer = newReducer(model);
  let buffered: AmiMessage[] | undefined;
  let bufferedChars = 0;
  let blacklist = new Map<string, string>();
  let lastError: AmiError | undefined;
  let generation = 0;
  let syncWaiters: (() => void)[] = [];
  let rejectedEvents = 0;
  let connection: Connection = { id: target.id, kind: 'ami', target: `${target.host}:${target.port}`, state: 'connecting', since: model.now() };
  model.putConnection(connection);

  const setState = (state: ConnectionState, detail?: string): void => {
    const since = state === connection.state ? connection.since : model.now();
    connection = { id: target.id, kind: 'ami', target: connection.target, state, since };
    if (detail) connection.detail = detail;
    model.putConnection(connection);
  };

  const resync = async (): Promise<void> => {
    const mine = ++generation;
    if (!buffered) {
      buffered = [];
      bufferedChars = 0;
    }
    setState('resyncing');
    try {
      const snapshot = await takeSnapshot(client, blacklistFamily);
      if (mine !== generation || !buffered) return;
      const scratch = new LiveModel(() => model.now());
      const next = newReducer(scratch);
      const now = model.now();
      for (const item of snapshot.items) next.apply(item, now);
      for (const event of buffered) next.apply(event, model.now());
      // (Snapshot and buffered events go to a scratch model: listeners see one 'reset', not thousands of puts.)
      buffered = undefined;
      blacklist = snapshot.blacklist;
      replaceOwned(model, reducer, scratch);
      next.rebind(model);
      reducer = next;
      // Passes whose caller left while we were not listening end now, as "not seen".
      attempts.reconcile((uniqueid) => next.calls.hasChannel(uniqueid), model.now());
      setState('connected', snapshot.peerSource === 'pjsip' ? 'PJSIP' : undefined);
      log.info(`AMI ${connection.target}: resynced (${snapshot.items.length} snapshot items)`);
      const waiters = syncWaiters;
      syncWaiters = [];
      for (const resolve of waiters) resolve();
    } catch (error) {
      if (mine !== generation) return;
      buffered = undefined;
      log.warn(`AMI ${connection.target}: resync failed, reconnecting`, String(error));
      client.dropSession();
    }
  };

  const buffer = (message: AmiMessage): void => {
    if (!buffered) return;
    buffered.push(message);
    bufferedChars += messageChars(message);
    if (buffered.length <= MAX_BUFFERED_EVENTS && bufferedChars <= MAX_BUFFERED_CHARS) return;
    log.warn(`AMI ${connection.target}: ${buffered.length} events (${bufferedChars} characters) arrived while the snapshot was taken: reconnecting`);
    generation++;
    buffered = undefined;
    client.dropSession();
  };

  // Channels that had no event for hours: ask the PBX what is really open (a resync), rather than guess.
  const staleCheck = setInterval(() => {
    if (connection.state !== 'connected' || buffered) return;
    const idle = reducer.calls.channelsIdleSince(model.now() - caps.limits.staleChannelMs);
    if (idle === 0) return;
    log.info(`AMI ${connection.target}: ${idle} channels had no event for ${Math.round(caps.limits.staleChannelMs / 60_000)} min: taking the snapshot again`);
    void resync();
  }, options.staleCheckMs ?? 5 * 60_000);
  staleCheck.unref();

  client.subscribe({
    event: (message) => {
      if (buffered) return buffer(message);
      try {
        reducer.apply(message, model.now());
      } catch (error) {
        // A reducer bug must not take the socket down; the next resync repairs the model.
        rejectedEvents++;
        log.error(`AMI ${connection.target}: event ${String(message.event)} rejected`, error);
      }
    },
    connecting: () => {
      // Buffer from before the Login answer: events can share its TCP chunk.
      buffered = [];
      bufferedChars = 0;
      if (connection.state !== 'lost') setState('connecting');
    },
    connected: () => {
      lastError = undefined;
      void resync();
    },
    disconnected: (error, retryInMs) => {
      generation++;
      buffered = undefined;
      lastError = error;
      const retry = retryInMs !== undefined ? `, retry in ${Math.round(retryInMs / 100) / 10} s` : '';
      setState('lost', `${error.code}: ${error.message}${retry}`);
      log.warn(`AMI ${connection.target}: ${error.code} (${error.message})${retry}`);
    },
  });

  client.start();

  return {
    get state() {
      return connection.state;
    },
    get connection() {
      return connection;
    },
    get blacklist() {
      return blacklist;
    },
    blacklistFamily,
    attempts,
    caps,
    get lastError() {
      return lastError;
    },
    get rejectedEvents() {
      return rejectedEvents;
    },
    action: (fields) => client.action(fields),
    listAction: (fields) => client.listAction(fields),
    command: (command) => client.command(command),
    refreshBlacklist: async () => {
      blacklist = await readBlacklist(client, blacklistFamily);
      return blacklist;
    },
    onEvent: (listener) => client.subscribe({ event: listener }),
    onCallFinished: (listener) => {
      finishedListeners.add(listener);
      return () => finishedListeners.delete(listener);
    },
    whenSynced: () =>
      connection.state === 'connected' && !buffered ? Promise.resolve() : new Promise<void>((resolve) => syncWaiters.push(resolve)),
    stop: async () => {
      generation++;
      clearInterval(staleCheck);
      client.stop();
      setState('disabled');
    },
  };
}
