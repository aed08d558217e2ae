import { saveWrapupOptions } from '../../actions/action-settings';
import { wrapupReason } from '../../actions/pause-reasons';
import { AmiClient } from '../../ami/client';
import { AmiError } from '../../ami/errors';
import type { ActionResult } from '../../contract/method';
import { describeThresholdProblem, settingsMethods, thresholdProblems, type ConnectionTestResult, type GatewaySettings, type ThresholdsByQueue } from '../../contract/methods/settings';
import { DEFAULT_RAW_EVENT_RETENTION_DAYS } from '../../store/maintenance';
import { getSetting, setSetting, statsRulesBook } from '../../store/settings';
import { receiverUrls } from '../../vendor-api/api-conf';
import { isLoopback } from '../../server/access';
import { probeVendorApi } from '../../vendor-api/probe';
import { CredentialsChangedTargetError, redactUrlCredentials, restoreUrlCredentials } from '../../base/redact-url';
import type { CoreContext } from '../context';
import { importApiConf, publicGatewaySettings, readGatewaySettings, writeGatewaySettings } from '../start-gateway';
import type { HandlerSet } from '../handlers';
import { ConnectionsUnsupportedError, readStoredConnections, saveStoredConnections, storedConnectionsView } from '../stored-connections';
import { withService } from './actions';
import { auditAct } from './audit';
import { settingKeys } from '../../base/setting-keys';
import { probeHistoryDatabase } from '../../store/postgres/pg-probe';
import { secretNames } from '../../security/headless-secrets';

// Handlers of contract/methods/settings.ts.
type SettingsHandlerSet = HandlerSet<keyof typeof settingsMethods>;

/** Wallboard thresholds shared by the TV and every browser (were per-browser localStorage). */
/** Connection tests answer within this, whatever the far side does. */
const TEST_TIMEOUT_MS = 5_000;


/** Never let a secret travel back, even inside a peer's error text. */
function withoutSecret(message: string | undefined, secret: string | undefined): string | undefined {
  return message && secret ? message.split(secret).join('***') : message;
}

export async function testAmiLogin(target: { host: string; port: number; username: string; secret: string }): Promise<ConnectionTestResult> {
  const startedAt = Date.now();
  const client = new AmiClient({ ...target, loginTimeoutMs: TEST_TIMEOUT_MS, pingIntervalMs: 0 });
  try {
    await client.connectOnce();
    return { code: 'ok', elapsedMs: Date.now() - startedAt };
  } catch (error) {
    const amiCode = error instanceof AmiError ? error.code : 'socket';
    const code = amiCode === 'auth_failed' || amiCode === 'refused' || amiCode === 'timeout' ? amiCode : 'error';
    const message = error instanceof Error ? error.message : String(error);
    return { code, message: withoutSecret(message, target.secret), elapsedMs: Date.now() - startedAt };
  } finally {
    client.stop();
  }
}

/** The vendor API the core is configured with (flags or Settings): the only internal address a test may reach. */
function configuredVendorOrigins(context: CoreContext): string[] {
  const urls = [context.config?.vendorApiBaseUrl, readStoredConnections(context.db).vendorApi?.baseUrl];
  return urls.flatMap((url) => (url ? [new URL(url).origin] : []));
}

function connectionsView(context: CoreContext) {
  return storedConnectionsView(context.db, context.secrets, context.config?.connectionsSource ?? 'flags', context.config?.historySource ?? 'settings');
}

export const settingsHandlers: SettingsHandlerSet = {
  'settings.thresholds': (_request, { db }) => getSetting<ThresholdsByQueue>(db, settingKeys.wallboardThresholds, {}),
  'settings.setThresholds': ({ byQueue }, context) => {
    const problems = thresholdProblems(byQueue);
    let result: ActionResult;
    if (problems.length > 0) {
      result = { ok: false, error: { code: 'invalid', message: problems.map(describeThresholdProblem).join('; ') } };
    } else {
      setSetting(context.db, settingKeys.wallboardThresholds, byQueue);
      context.model.settingsChanged('thresholds');
      result = { ok: true, value: undefined };
    }
    auditAct(context, 'settings.setThresholds', Object.keys(byQueue).join(','), byQueue, result);
    return result;
  },
  'settings.statsRules': (_request, { db }) => statsRulesBook(db),
  'settings.setStatsRules': ({ book }, context) => {
    setSetting(context.db, settingKeys.statsRules, book);
    context.days?.rulesChanged();
    const result: ActionResult = { ok: true, value: undefined };
    auditAct(context, 'settings.setStatsRules', Object.keys(book.queues).join(',') || '*', book, result);
    return result;
  },
  'settings.retention': (_request, { db }) => ({
    rawEventDays: getSetting(db, settingKeys.rawEventRetentionDays, DEFAULT_RAW_EVENT_RETENTION_DAYS),
  }),
  'settings.setRetention': ({ rawEventDays }, context) => {
    setSetting(context.db, settingKeys.rawEventRetentionDays, rawEventDays);
    const result: ActionResult = { ok: true, value: undefined };
    auditAct(context, 'settings.setRetention', 'raw_events', { rawEventDays }, result);
    return result;
  },
  'settings.receiverUrls': (_request, context) => {
    const port = context.config?.receiverPort;
    if (port === undefined) return { urls: [] };
    const host = context.config?.receiverHost ?? '0.0.0.0';
    // Only a receiver on every interface is reachable at each LAN address; one bound to an address only there.
    if (isLoopback(host) || host === 'localhost') return { port, urls: [], localOnly: { host } };
    if (host !== '0.0.0.0' && host !== '::' && host !== '') return { port, urls: [`http://${host.includes(':') ? `[${host}]` : host}:${port}`] };
    return { port, urls: receiverUrls(port) };
  },
  'settings.testAmi': async (request, context) => {
    const result = await testAmiLogin(request);
    auditAct(context, 'settings.testAmi', `${request.host}:${request.port}`, { username: request.username }, result);
    return result;
  },
  'settings.testVendorApi': async (request, context) => {
    const options = { timeZone: context.config?.timeZone, timeoutMs: TEST_TIMEOUT_MS, configuredOrigins: configuredVendorOrigins(context) };
    const result = await probeVendorApi(request, options);
    auditAct(context, 'settings.testVendorApi', redactUrlCredentials(request.baseUrl), {}, result);
    return result;
  },
  'settings.testHistory': async (request, context) => {
    let result: ConnectionTestResult;
    try {
      const url = restoreUrlCredentials(request.url, context.secrets?.get(secretNames.history));
      result = await probeHistoryDatabase(url, TEST_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof CredentialsChangedTargetError)) throw error;
      result = { code: 'error', message: error.message, elapsedMs: 0 };
    }
    auditAct(context, 'settings.testHistory', redactUrlCredentials(request.url), {}, result);
    return result;
  },
  'settings.gateway': (_request, { db }) => publicGatewaySettings(readGatewaySettings(db)),
  'settings.setGateway': (request, context) => {
    const stored = readGatewaySettings(context.db);
    let result: ActionResult<GatewaySettings>;
    try {
      const next =
        'apiConfText' in request
          ? importApiConf(stored, request.apiConfText)
          : (({ webkey, url, popUrl, mac, isConfirmed: _isConfirmed, ...fields }) => ({
              ...fields,
              mac: mac ?? '',
              webkey: webkey ?? stored.webkey,
              // The page shows URLs with their credentials as ***: those come back only to the same origin.
              ...(url ? { url: restoreUrlCredentials(url, stored.url) } : {}),
              ...(popUrl ? { popUrl: restoreUrlCredentials(popUrl, stored.popUrl) } : {}),
            }))(request);
      writeGatewaySettings(context.db, next);
      result = { ok: true, value: publicGatewaySettings(next) };
    } catch (error) {
      if (!(error instanceof CredentialsChangedTargetError)) throw error;
      result = { ok: false, error: { code: 'invalid', message: error.message } };
    }
    const shown = result.ok ? result.value : undefined;
    // The audit row names what changed, never the WEBKEY itself.
    auditAct(context, 'settings.setGateway', 'apiConfText' in request ? 'api.conf import' : 'gateway', shown ?? {}, result);
    return result;
  },
  'settings.connections': (_request, context) => connectionsView(context),
  'settings.setConnections': (request, context) => {
    let result: ActionResult<ReturnType<typeof storedConnectionsView>>;
    try {
      saveStoredConnections(context.db, context.secrets, request);
      result = { ok: true, value: connectionsView(context) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { ok: false, error: { code: error instanceof ConnectionsUnsupportedError ? 'unsupported' : 'invalid', message } };
    }
    // The audit row names the targets and whether a secret changed, never the secret itself.
    const params = {
      ami: request.ami.map(({ secret, ...target }) => ({ ...target, secret: secret === undefined ? 'kept' : secret === '' ? 'cleared' : 'set' })),
      vendorApi: request.vendorApi ? { ...request.vendorApi, baseUrl: redactUrlCredentials(request.vendorApi.baseUrl) } : request.vendorApi,
      history: request.history ? { ...request.history, url: redactUrlCredentials(request.history.url) } : request.history,
    };
    auditAct(context, 'settings.setConnections', 'connections', params, result);
    return result;
  },
  'settings.pauseReasons': (_request, context) => context.actions.pauseReasons(),
  'settings.wrapup': (_request, context) => context.actions.wrapupOptions(),
  'settings.setWrapup': (request, context) =>
    withService(context, (s, actor) => {
      const result = s.configureWrapup(request, actor);
      if (result.ok) saveWrapupOptions(context.db, request);
      return result;
    }),
  'settings.setPauseReasons': ({ reasons }, context) => {
    // The system wrap-up reason is Callboard's own (pause-reasons.ts); loadPauseReasons adds it back.
    const saved = reasons.filter((reason) => reason.code !== wrapupReason).map(({ isSystem: _isSystem, ...reason }) => reason);
    let result: ActionResult;
    if (saved.length === 0) {
      result = { ok: false, error: { code: 'invalid', message: 'at least one pause reason besides wrap-up is needed' } };
    } else if (new Set(saved.map((reason) => reason.code)).size !== saved.length) {
      result = { ok: false, error: { code: 'invalid', message: 'pause reason codes must be unique' } };
    } else {
      setSetting(context.db, settingKeys.pauseReasons, saved);
      context.actions.setPauseReasons(saved);
      context.model.settingsChanged('pauseReasons');
      result = { ok: true, value: undefined };
    }
    auditAct(context, 'settings.setPauseReasons', 'pause reasons', { codes: saved.map((reason) => reason.code) }, result);
    return result;
  },
};
