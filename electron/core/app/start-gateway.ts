import { readFileSync } from 'node:fs';
import type { AmiBackend } from '../live/ami-backend';
import type { ActionService } from '../actions/service';
import type { CoreConfig } from '../config/config';
import type { GatewaySettings } from '../contract/methods/settings';
import { defaultGatewayConfig, gatewayConfigFromApiConf, pushConnectionOf, startGateway, type GatewayConfig } from '../gateway';
import type { LiveModel } from '../live/model';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';
import { parseApiConf } from '../vendor-api/api-conf';
import { redactUrlCredentials } from '../base/redact-url';
import type { Lifetime } from '../base/lifetime';
import type { Logger } from '../base/logger';
import { settingKeys } from '../base/setting-keys';

/** The gateway settings of the Settings page, in the cache's `settings` table. */
/** What is stored: the page's fields with the WEBKEY itself (the page only learns whether one is set). */
export type StoredGatewaySettings = Omit<GatewaySettings, 'isWebkeySet'> & { webkey: string };

export const defaultStoredGatewaySettings: StoredGatewaySettings = {
  isEnabled: false,
  bindHost: defaultGatewayConfig.bindHost,
  bindPort: defaultGatewayConfig.bindPort,
  webkey: '',
  mac: '',
  pauseTime: false,
  wrapupSeconds: defaultGatewayConfig.wrapupSeconds,
};

export function readGatewaySettings(db: Db): StoredGatewaySettings {
  return { ...defaultStoredGatewaySettings, ...getSetting<Partial<StoredGatewaySettings>>(db, settingKeys.gateway, {}) };
}

export function writeGatewaySettings(db: Db, settings: StoredGatewaySettings): void {
  setSetting(db, settingKeys.gateway, settings);
}

/** The page's view of the stored settings: the WEBKEY never leaves the core, nor credentials in a URL. */
export function publicGatewaySettings({ webkey, url, popUrl, ...settings }: StoredGatewaySettings): GatewaySettings {
  return {
    ...settings,
    ...(url ? { url: redactUrlCredentials(url) } : {}),
    ...(popUrl ? { popUrl: redactUrlCredentials(popUrl) } : {}),
    isWebkeySet: webkey !== '',
  };
}

/**
 * An imported api.conf over the stored settings: the file's BINDPORT, URL,
 * WEBKEY, mac, pop_url and pausetime (coocenter-api.md "Configuration file");
 * a key the file lacks clears the stored value, as the box would run without it.
 * Whether the gateway is on, where it binds and the wrap-up length stay ours.
 */
export function importApiConf(stored: StoredGatewaySettings, text: string): StoredGatewaySettings {
  const conf = parseApiConf(text);
  const { url: _url, popUrl: _popUrl, ...kept } = stored;
  return {
    ...kept,
    bindPort: conf.bindPort ?? stored.bindPort,
    webkey: conf.webkey,
    mac: conf.mac ?? '',
    pauseTime: conf.pauseTime,
    ...(conf.url !== undefined ? { url: conf.url } : {}),
    ...(conf.popUrl !== undefined ? { popUrl: conf.popUrl } : {}),
  };
}

/** What the core adds to either source: the PBX zone and the recordings folder. */
function coreOverrides(config: CoreConfig): Partial<GatewayConfig> {
  return { timeZone: config.timeZone, ...(config.recordingsDir ? { recordingsDir: config.recordingsDir } : {}) };
}

/** Gateway settings from an api.conf file (`--gateway api.conf`). */
export function gatewayConfigFromApiConfFile(apiConfPath: string, config: CoreConfig): GatewayConfig {
  return gatewayConfigFromApiConf(readFileSync(apiConfPath, 'utf8'), coreOverrides(config));
}

/** Gateway settings from the Settings page; undefined when the page left the gateway off. */
export function gatewayConfigFromSettings(db: Db, config: CoreConfig): GatewayConfig | undefined {
  const stored = readGatewaySettings(db);
  if (!stored.isEnabled) return undefined;
  const { isEnabled: _isEnabled, url, popUrl, ...fields } = stored;
  return {
    ...defaultGatewayConfig,
    ...fields,
    ...(url ? { url } : {}),
    ...(popUrl ? { popUrl } : {}),
    ...coreOverrides(config),
  };
}

/**
 * The vendor API gateway inside the app (`--gateway api.conf` or Settings):
 * the 15 endpoints and the pushes over the first AMI connection, sharing the
 * app's action service (so wrap-up and audit are one), with the push delivery
 * state shown as the 'gateway-push' connection.
 */
export async function startAppGateway(
  gatewayConfig: GatewayConfig,
  backend: AmiBackend,
  services: { model: LiveModel; db: Db; actions: ActionService; log: Logger },
  lifetime: Lifetime,
  source: 'api.conf' | 'settings' = 'api.conf',
): Promise<void> {
  const { model, db, actions, log } = services;
  if (gatewayConfig.pauseTime) actions.configureWrapup({ isEnabled: true, seconds: gatewayConfig.wrapupSeconds }, { who: source });
  const gateway = await startGateway({ config: gatewayConfig, backend, model, db, log, service: actions });
  lifetime.defer(() => gateway.close());
  gateway.onPushStatus((status) => model.putConnection(pushConnectionOf(status, model.now())));
  log.info(`vendor API gateway (${source}) on ${gatewayConfig.bindHost}:${gateway.port ?? gatewayConfig.bindPort}, pushing to ${redactUrlCredentials(gatewayConfig.url ?? '(no URL)')}`);
}
