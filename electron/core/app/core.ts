import { TokenBucketLimiter } from '../base/token-bucket';
import type { AmiBackend } from '../live/ami-backend';
import { startActionService } from '../actions/start';
import type { ActionService } from '../actions/service';
import { cacheFileOf, type CoreConfig } from '../config/config';
import { LiveModel } from '../live/model';
import { startQueueSampler } from '../live/queue-sampler';
import { startAlertEngine } from '../alerts/engine';
import { createRequestListener, startHttpServer, type RunningHttpServer } from '../server/http-server';
import { inProcessFetch, type FetchHandler } from '../server/in-process-fetch';
import { openDatabase, type Db } from '../store/database';
import { recoveredNotice } from '../store/notices';
import type { Notice } from '../contract';
import type { CoreContext } from './context';
import type { Caller, Dispatch } from '../contract';
import { createDispatcher, desktopCaller } from './dispatcher';
import { allHandlers } from './handlers/all';
import { Lifetime } from '../base/lifetime';
import type { Logger } from '../base/logger';
import { openSharedHistory, startHistory } from './start-history';
import { shareWrites } from '../store/shared-outbox';
import { startHistorySync, type HistorySync, type HistorySyncOptions } from './start-history-sync';
import { settingKeys, type SettingKey } from '../base/setting-keys';
import { loadPauseReasons } from '../actions/action-settings';
import { createReads } from '../store/reads';
import { startRetention } from './start-retention';
import { startReportSchedules, type ReportSchedules } from './start-report-schedules';
import { rebuildCallsFromRawEvents } from '../store/rebuild-calls';
import { startPbxConnections } from './start-pbx';
import { startPushReceiver } from './start-receiver';
import { attributePushes } from './push-attribution';
import { gatewayConfigFromApiConfFile, gatewayConfigFromSettings, startAppGateway } from './start-gateway';
import { historyStores } from './handlers/history';
import type { SecretStore } from '../security/secret-store';
import { withStoredConnections, withStoredHistory } from './stored-connections';
import { appHost } from '../security/app-protocol';

export interface CoreOptions {
  log: Logger;
  /** Built renderer to serve over HTTP (headless mode); omit for API only. */
  webRoot?: string;
  /** Start the HTTP/WebSocket server (headless, LAN wallboard). */
  serveHttp: boolean;
  /** Where AMI secrets of the connections stored in Settings live; without one Settings cannot store them. */
  secrets?: SecretStore;
  /**
   * The desktop's app:// protocol: the bundled renderer and the same HTTP routes
   * (downloads, uploads, recordings) served in-process to its own windows, as the desktop user.
   */
  appProtocol?: { webRoot: string; responseHeaders?: Record<string, string> };
  /** The live model's clock (default Date.now): replays of recorded days run on the day they were recorded. */
  clock?: () => number;
  /** How often the shared PostgreSQL history is pulled into the cache (--history; tests pull faster). */
  historySync?: HistorySyncOptions;
}

export interface Core {
  config: CoreConfig;
  model: LiveModel;
  db: Db;
  dispatch: Dispatch;
  actions: ActionService;
  http?: RunningHttpServer;
  /** Answers the desktop's app:// requests (CoreOptions.appProtocol). */
  appFetch?: FetchHandler;
  /** One per configured PBX. */
  amiBackends: AmiBackend[];
  /** Port the push receiver listens on, when enabled. */
  receiverPort?: number;
  /** Scheduled reports: tests drive them with `clock` and `scheduler.runDue()`. */
  reportSchedules: ReportSchedules;
  /** With a shared PostgreSQL history: its pull into the cache (tests call syncNow rather than wait). */
  historySync?: HistorySync;
  close(): Promise<void>;
}

/**
 * Starts everything that is not Electron: the SQLite cache, the live model,
 * the PBX connections, the push receiver, supervisor actions and (optionally)
 * the HTTP server. Both `callboard serve` and the desktop main process call this.
 */
export async function startCore(configured: CoreConfig, options: CoreOptions): Promise<Core> {
  const { log } = options;
  const lifetime = new Lifetime();
  // A damaged cache is moved aside and replaced (StoreError for read-only/full disks is thrown as is);
  // the supervisor is told on screen, as a notice in the live model once it exists.
  const dbFile = cacheFileOf(configured.dataDir);
  let recovered: Notice | undefined;
  const db = openDatabase(dbFile, {
    onWarning: (message, { movedTo }) => {
      log.warn(message);
      recovered = recoveredNotice(dbFile, movedTo, message, Date.now());
    },
    onUpgrade: ({ name }) => log.info(`upgrading the cache ${dbFile}: ${name} (a large cache can take a minute or more; the console opens after it)`),
  });
  lifetime.defer(() => db.close());
  let isReady = false;
  try {
    // Flags/env/file win; with no PBX there, the connections stored in Settings apply.
    const withConnections = withStoredConnections(configured, db, options.secrets, (message) => log.warn(message));
    const connectionsSource = withConnections.source;
    const { config, source: historySource } = withStoredHistory(withConnections.config, db, options.secrets, (message) => log.warn(message));
    // Before anything new arrives: acknowledged call records a crash left without their row, then retention.
    // Several PBXs: a push is known by its sender's address (app/push-attribution.ts), here and in the receiver.
    const attribution = config.ami.length > 1 ? await attributePushes(config.ami, log) : undefined;
    // With a shared history, everything this console stores from here on is noted for it, in the same transaction.
    shareWrites(db, config.history !== undefined);
    const { rebuilt } = rebuildCallsFromRawEvents(historyStores(db).store, config.timeZone, attribution?.pbxOf);
    if (rebuilt > 0) log.warn(`${rebuilt} acknowledged call records had no row in calls (the process stopped before writing them): rebuilt from raw_events`);
    await startRetention(db, log, lifetime);
    const model = new LiveModel(options.clock);
    if (recovered) model.putNotice(recovered);
    const shared = await openSharedHistory(config, log, lifetime, historySource);
    const history = startHistory(db, model, config.timeZone, log, lifetime);
    lifetime.defer(startQueueSampler(model, historyStores(db).samples).stop);
    const pbxBackends = startPbxConnections(config, model, history, log, lifetime);
    const amiBackends = pbxBackends.map(({ backend }) => backend);
    const several = attribution ? { attribution, pbxs: pbxBackends } : undefined;
    const receiverPort = config.receiver ? await startPushReceiver(config.receiver, config, db, model, history, log, lifetime, several) : undefined;
    const actions = startActionService({
      model,
      db,
      log,
      amiBackends: pbxBackends,
      ...(config.vendorApi ? { vendorApi: { baseUrl: config.vendorApi.baseUrl, webkey: config.webkey, timeZone: config.timeZone } } : {}),
      ...(config.recordingsDir ? { recordingsDir: config.recordingsDir } : {}),
      ...(config.popUrl ? { popUrl: config.popUrl } : {}),
    });
    lifetime.defer(() => actions.close());
    actions.onWrapupEnded(history.recordWrapup);
    const alerts = startAlertEngine({ model, db, audit: historyStores(db).audit, pauseReasons: () => actions.pauseReasons() });
    lifetime.defer(alerts.stop);
    // The site's settings another console changed follow the same paths as a change made here.
    const onPulledSetting = (key: SettingKey) => {
      if (key === settingKeys.statsRules) history.days.rulesChanged();
      else if (key === settingKeys.wallboardThresholds) model.settingsChanged('thresholds');
      else if (key === settingKeys.wallboardBoards) model.settingsChanged('boards');
      else if (key === settingKeys.alertRules) alerts.engine.reloadRules();
      else if (key === settingKeys.pauseReasons) {
        actions.setPauseReasons(loadPauseReasons(db));
        model.settingsChanged('pauseReasons');
      }
    };
    const historySync = shared ? startHistorySync(shared, db, log, lifetime, { onPulledSetting, flushWrites: () => history.flush() }, options.historySync) : undefined;
    // The flag wins; otherwise the gateway the Settings page enabled, when there is an AMI link to serve.
    const storedGateway = config.gatewayApiConf ? undefined : gatewayConfigFromSettings(db, config);
    if (config.gatewayApiConf) {
      if (!amiBackends[0]) throw new Error('--gateway needs an AMI connection (--ami user:secret@host:port)');
      // The vendor API speaks for one box: its extension "800" cannot say which PBX.
      if (amiBackends.length > 1) throw new Error('--gateway serves one PBX: run it on a core with a single --ami');
      await startAppGateway(gatewayConfigFromApiConfFile(config.gatewayApiConf, config), amiBackends[0], { model, db, actions, log }, lifetime);
    } else if (storedGateway && amiBackends.length === 1 && amiBackends[0]) {
      // A stored setting that cannot start (port taken) must not keep the app, and so the Settings page, from opening.
      await startAppGateway(storedGateway, amiBackends[0], { model, db, actions, log }, lifetime, 'settings').catch((error: unknown) =>
        log.warn(`vendor API gateway from Settings not started: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    // Searches, reports and exports run in worker threads on their own read-only connections.
    const reads = createReads(db);
    lifetime.defer(() => reads.close());
    const reportSchedules = startReportSchedules({ db, model, reads, actions, log, timeZone: historyStores(db).store.timeZone }, config, lifetime);
    const context: CoreContext = {
      model, db, log, actions, days: history.days, reads, alerts: alerts.engine, reportSchedules,
      config: {
        receiverPort, ...(config.receiver ? { receiverHost: config.receiver.host } : {}), timeZone: config.timeZone, connectionsSource, historySource,
        ...(config.vendorApi ? { vendorApiBaseUrl: config.vendorApi.baseUrl } : {}),
      },
      ...(options.secrets ? { secrets: options.secrets } : {}),
    };
    const dispatch = createDispatcher(allHandlers, context);
    const routes = {
      model,
      dispatch,
      log,
      isReady: () => isReady,
      recordings: (file: string, caller: Caller) => actions.recording({ file }, { who: caller.who }),
      exportImport: {
        db, timeZone: historyStores(db).store.timeZone, store: historyStores(db).store, audit: historyStores(db).audit,
        ...(config.ami.length > 1 ? { pbxs: config.ami.map((target) => target.id) } : {}),
      },
      reads,
    };
    const http = options.serveHttp
      ? await startHttpServer(config.http.host, config.http.port, {
          ...routes,
          access: { token: config.token, tokens: config.tokens },
          guard: { publicHosts: config.publicHosts },
          webRoot: options.webRoot,
          // Per client IP: the UI makes a few calls per user action; a script hammering the API gets 429.
          rateLimit: new TokenBucketLimiter({ ratePerSecond: 100, burst: 300 }),
        })
      : undefined;
    const appFetch = options.appProtocol
      ? inProcessFetch(
          createRequestListener({ ...routes, access: { fixedCaller: desktopCaller }, guard: { publicHosts: [appHost], isInProcess: true }, webRoot: options.appProtocol.webRoot }),
          {
            responseHeaders: options.appProtocol.responseHeaders,
          },
        )
      : undefined;
    if (http) lifetime.defer(() => http.close());
    isReady = true;
    return { config, model, db, dispatch, actions, http, appFetch, receiverPort, amiBackends, reportSchedules, ...(historySync ? { historySync } : {}), close: () => lifetime.close() };
  } catch (error) {
    await lifetime.close();
    throw error;
  }
}
