import { parseApiConf, type VendorApiConf } from '../vendor-api/api-conf';
import { DEFAULT_TIME_ZONE } from '../base/time-zone';

/** The gateway's settings: api.conf's names (coocenter-api.md "Configuration file") plus what a plain Asterisk needs. */
export interface GatewayConfig {
  /** Where the 15 endpoints listen (api.conf BINDPORT; host is ours, default all interfaces like the box). */
  bindHost: string;
  bindPort: number;
  /** api.conf URL: where the pushes go; absent = no pushes (API only). */
  url?: string;
  /** api.conf WEBKEY: checked on requests, sent on pushes; empty = no check, no header. */
  webkey: string;
  /** api.conf mac: echoed in dialbegein, ivr and cc_cdr. */
  mac: string;
  popUrl?: string;
  /** api.conf [enable] pausetime: wrap-up after each answered queue call, and cc_cdr pauseTime. */
  pauseTime: boolean;
  /** Wrap-up length (the vendor's default is 30 s). */
  wrapupSeconds: number;
  /** The PBX's zone: local times in pushes and the WEBKEY date. */
  timeZone: string;
  /** Local or mounted copy of /var/spool/asterisk/monitor/ for `/monitor/<file>`. */
  recordingsDir?: string;
  /** The UserEvent name of the IVR convention (README.md). */
  ivrUserEvent: string;
  /** Outbox retry backoff. */
  backoff: { initialMs: number; maxMs: number };
}

export const defaultGatewayConfig: GatewayConfig = {
  bindHost: '0.0.0.0', bindPort: 8000, webkey: '', mac: '', pauseTime: false, wrapupSeconds: 30,
  timeZone: DEFAULT_TIME_ZONE, ivrUserEvent: 'CallboardIvr', backoff: { initialMs: 1_000, maxMs: 60_000 },
};

/** Gateway settings from parsed api.conf values (vendor-api/api-conf.ts), then explicit overrides (CLI flags, Settings). */
export function gatewayConfigOf(conf: VendorApiConf, overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  const config: GatewayConfig = { ...defaultGatewayConfig, webkey: conf.webkey, mac: conf.mac ?? '', pauseTime: conf.pauseTime };
  if (conf.bindPort !== undefined) config.bindPort = conf.bindPort;
  if (conf.url !== undefined) config.url = conf.url;
  if (conf.popUrl !== undefined) config.popUrl = conf.popUrl;
  return { ...config, ...overrides };
}

/** Gateway settings from the text of an api.conf file. */
export function gatewayConfigFromApiConf(text: string, overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return gatewayConfigOf(parseApiConf(text), overrides);
}
