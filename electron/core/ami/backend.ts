import type { Logger } from '../app/logger';
import type { Connection, ConnectionState } from '../contract';
import { AmiLiveReducer, type AmiReducerOptions, type CallFinishedListener } from '../live/ami-reducer';
import { defaultDeviceRules } from '../live/device-naming';
import { LiveModel } from '../live/model';
import { QueueAttemptTracker } from '../live/queue-attempts';
import { replaceOwned } from '../live/replace-owned';
import { AmiClient, type AmiClientOptions } from './client';
import type { AmiError } from './errors';
import type { AmiMessage } from './message';
import type { AmiActionFields, AmiListResult } from './session';
import { defaultBlacklistFamily, readBlacklist, takeSnapshot } from './snapshot';

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
  reducer?: Omit<AmiReducerOptions, 'attempts'>;
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
 * Keeps one PBX's AMI connection and its part of the live model. After every
 * (re)connect the model is rebuilt from a full snapshot; live events that
 * arrive while the snapshot is taken are buffered and applied on top of it,
 * so nothing is lost and nothing is applied to a half-built model.
 */
export function startAmiBackend(target: AmiTarget, model: LiveModel, log: Logger, options: AmiBackendOptions = {}): AmiBackend {
  const client = new AmiClient({ ...options.client, host: target.host, port: target.port, username: target.username, secret: target.secret });
  const attempts = options.attempts ?? new QueueAttemptTracker({ rules: options.reducer?.rules ?? defaultDeviceRules() });
  const blacklistFamily = options.blacklistFamily ?? defaultBlacklistFamily;
  const finishedListeners = new Set<CallFinishedListener>();
  const forwardFinished: CallFinishedListener = (record) => {
    for (const listener of finishedListeners) listener(record);
  };
  const newReducer = (into: LiveModel): AmiLiveReducer => {
    const reducer = new AmiLiveReducer(into, { ...options.reducer, attempts });
    reducer.onCallFinished(forwardFinished);
    return reducer;
  };

  let reducer = newReducer(model);
  let buffered: AmiMessage[] | undefined;
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
    buffered ??= [];
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

  client.subscribe({
    event: (message) => {
      if (buffered) {
        buffered.push(message);
        return;
      }
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
      client.stop();
      setState('disabled');
    },
  };
}
