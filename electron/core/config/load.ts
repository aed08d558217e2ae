import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import JSON5 from 'json5';
import { parseApiConf } from '../vendor-api/api-conf';
import { coreConfigSchema, defaultConfig, parseAmiUrl, parseHostPort, parseNamedToken, type CoreConfig, type OperatorToken } from './config';

/** The `callboard serve` flags; the same names (camel-cased) work in a JSON5 config file. */
export const serveFlags = {
  ami: { type: 'string', multiple: true },
  http: { type: 'string' },
  receiver: { type: 'string' },
  'no-receiver': { type: 'boolean' },
  'data-dir': { type: 'string' },
  webkey: { type: 'string' },
  /** Repeatable: `name=secret` is a named operator, a bare `secret` the unnamed one. */
  token: { type: 'string', multiple: true },
  'time-zone': { type: 'string' },
  'vendor-api': { type: 'string' },
  'recordings-dir': { type: 'string' },
  'pop-url': { type: 'string' },
  gateway: { type: 'string' },
  config: { type: 'string' },
  'public-host': { type: 'string', multiple: true },
  'allow-ip': { type: 'string', multiple: true },
  history: { type: 'string' },
  'history-pbx': { type: 'string' },
} as const;

type Env = Record<string, string | undefined>;

/** Settings as text, whatever their source (flag, environment, file); a file may also hold the live model's bounds. */
interface TextSettings {
  liveLimits?: unknown;
  /** Scheduled reports: PDF font and mail relay (config file only). */
  reports?: unknown;
  ami?: string[];
  http?: string;
  receiver?: string;
  dataDir?: string;
  webkey?: string;
  token?: string;
  /** Named operator tokens as given; checked by the schema. */
  tokens?: unknown[];
  timeZone?: string;
  vendorApi?: string;
  recordingsDir?: string;
  popUrl?: string;
  publicHosts?: string[];
  allowIps?: string[];
  history?: string;
  historyPbx?: string;
}

/**
 * Settings, lowest to highest precedence: defaults, a config file (`--config`
 * or CALLBOARD_CONFIG: JSON5, or the vendor's `api.conf`), environment
 * (CALLBOARD_AMI, CALLBOARD_HTTP, CALLBOARD_RECEIVER, CALLBOARD_DATA_DIR,
 * CALLBOARD_WEBKEY, CALLBOARD_TOKEN, CALLBOARD_TOKENS, CALLBOARD_TIME_ZONE, CALLBOARD_VENDOR_API,
 * CALLBOARD_RECORDINGS_DIR, CALLBOARD_PUBLIC_HOSTS, CALLBOARD_ALLOW_IPS, CALLBOARD_HISTORY,
 * CALLBOARD_HISTORY_PBX), then flags.
 * Throws with a readable message.
 */
export function loadConfig(argv: string[], env: Env, defaultDataDir: string): CoreConfig {
  const { values } = parseArgs({ args: argv, options: serveFlags, strict: true, allowPositionals: false });
  const config: CoreConfig = defaultConfig(defaultDataDir);
  const file = values.config ?? env.CALLBOARD_CONFIG;
  if (file) apply(config, readConfigFile(file));
  apply(config, {
    ami: env.CALLBOARD_AMI ? env.CALLBOARD_AMI.split(',') : undefined,
    http: env.CALLBOARD_HTTP,
    receiver: env.CALLBOARD_RECEIVER,
    dataDir: env.CALLBOARD_DATA_DIR,
    webkey: env.CALLBOARD_WEBKEY,
    token: env.CALLBOARD_TOKEN,
    tokens: namedTokens(env.CALLBOARD_TOKENS?.split(','), 'CALLBOARD_TOKENS'),
    timeZone: env.CALLBOARD_TIME_ZONE,
    vendorApi: env.CALLBOARD_VENDOR_API,
    recordingsDir: env.CALLBOARD_RECORDINGS_DIR,
    publicHosts: listOf(env.CALLBOARD_PUBLIC_HOSTS),
    allowIps: listOf(env.CALLBOARD_ALLOW_IPS),
    history: env.CALLBOARD_HISTORY,
    historyPbx: env.CALLBOARD_HISTORY_PBX,
  });
  apply(config, {
    ami: values.ami,
    http: values.http,
    receiver: values.receiver,
    dataDir: values['data-dir'],
    webkey: values.webkey,
    ...tokenFlags(values.token),
    timeZone: values['time-zone'],
    vendorApi: values['vendor-api'],
    recordingsDir: values['recordings-dir'],
    popUrl: values['pop-url'],
    publicHosts: values['public-host']?.flatMap((value) => listOf(value) ?? []),
    allowIps: values['allow-ip']?.flatMap((value) => listOf(value) ?? []),
    history: values.history,
    historyPbx: values['history-pbx'],
  });
  if (values['no-receiver']) config.receiver = false;
  if (values.gateway) config.gatewayApiConf = values.gateway;
  const parsed = coreConfigSchema.safeParse(config);
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const shared = parsed.data.tokens.find(({ token }) => token === parsed.data.token);
  if (shared) throw new Error(`Invalid configuration: operator "${shared.name}" has the unnamed operator token`);
  return parsed.data;
}

function apply(config: CoreConfig, settings: TextSettings & { noReceiver?: boolean }): void {
  if (settings.ami?.length) config.ami = settings.ami.map((url, i) => parseAmiUrl(url, i === 0 ? 'pbx' : `pbx${i + 1}`));
  if (settings.http) config.http = parseHostPort(settings.http, '--http');
  if (settings.receiver) config.receiver = parseHostPort(settings.receiver, '--receiver');
  if (settings.noReceiver) config.receiver = false;
  if (settings.dataDir) config.dataDir = settings.dataDir;
  if (settings.webkey !== undefined) config.webkey = settings.webkey;
  if (settings.token) config.token = settings.token;
  // Checked with the rest of the configuration by the schema.
  if (settings.tokens?.length) config.tokens = settings.tokens as OperatorToken[];
  if (settings.timeZone) config.timeZone = settings.timeZone;
  if (settings.vendorApi) config.vendorApi = { baseUrl: settings.vendorApi.replace(/\/+$/, ''), pollSeconds: config.vendorApi?.pollSeconds ?? 5 };
  if (settings.recordingsDir) config.recordingsDir = settings.recordingsDir;
  if (settings.popUrl) config.popUrl = settings.popUrl;
  if (settings.publicHosts?.length) config.publicHosts = settings.publicHosts;
  if (settings.allowIps?.length) config.allowIps = settings.allowIps.map(checkAllowIp);
  if (settings.history) config.history = settings.history;
  if (settings.historyPbx) config.historyPbx = settings.historyPbx;
  // Checked with the rest of the configuration by the schema.
  if (settings.liveLimits !== undefined) config.liveLimits = settings.liveLimits as CoreConfig['liveLimits'];
  if (settings.reports !== undefined) config.reports = settings.reports as CoreConfig['reports'];
}

/** `--token` given several times: `name=secret` ones are named operators, the last bare one is the unnamed token. */
function tokenFlags(values: string[] | undefined): { token?: string; tokens?: OperatorToken[] } {
  if (!values?.length) return {};
  const bare = values.filter((value) => !value.includes('='));
  if (bare.length > 1) throw new Error('--token: one unnamed token at most; name the others (--token name=secret)');
  return { ...(bare[0] ? { token: bare[0] } : {}), tokens: namedTokens(values.filter((value) => value.includes('=')), '--token') };
}

/** `name=secret` items; the error names the source and the item's position, never its text (a secret). */
function namedTokens(items: string[] | undefined, source: string): OperatorToken[] | undefined {
  const named = items?.filter((item) => item.trim() !== '').map((item, index) => {
    const token = parseNamedToken(item);
    if (!token) throw new Error(`${source}: item ${index + 1} is not name=secret`);
    return token;
  });
  return named?.length ? named : undefined;
}

/** `a,b , c` → ['a', 'b', 'c']; undefined when nothing is given. */
function listOf(text: string | undefined): string[] | undefined {
  const items = text?.split(',').map((item) => item.trim()).filter(Boolean);
  return items?.length ? items : undefined;
}

/** An address or a CIDR range (`192.168.12.183`, `10.0.0.0/8`, `fd00::/8`). */
function checkAllowIp(text: string): string {
  const [address = '', bits, ...rest] = text.split('/');
  const family = isIP(address);
  const maxBits = family === 6 ? 128 : 32;
  const isValidBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
  if (family === 0 || !isValidBits || rest.length > 0) throw new Error(`allowIps: "${text}" is not an IP address or CIDR range`);
  return text;
}

function readConfigFile(path: string): TextSettings & { noReceiver?: boolean } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  return path.endsWith('.conf') ? fromApiConf(text) : fromJson5(text, path);
}

/**
 * The vendor box's api.conf: its WEBKEY and pop_url are ours too, and the port
 * of its URL= is where it pushes, so our receiver listens there.
 */
function fromApiConf(text: string): TextSettings {
  const conf = parseApiConf(text);
  const settings: TextSettings = { webkey: conf.webkey };
  if (conf.popUrl) settings.popUrl = conf.popUrl;
  if (conf.url) {
    const port = new URL(conf.url).port || '80';
    settings.receiver = `0.0.0.0:${port}`;
  }
  return settings;
}

function fromJson5(text: string, path: string): TextSettings & { noReceiver?: boolean } {
  let raw: Record<string, unknown>;
  try {
    raw = JSON5.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Config file ${path} is not JSON5: ${(error as Error).message}`);
  }
  const settings: TextSettings & { noReceiver?: boolean } = {};
  if (Array.isArray(raw.ami)) settings.ami = raw.ami.map(String);
  for (const key of ['http', 'dataDir', 'webkey', 'token', 'timeZone', 'vendorApi', 'recordingsDir', 'popUrl'] as const) {
    if (typeof raw[key] === 'string') settings[key] = raw[key] as string;
  }
  for (const key of ['publicHosts', 'allowIps'] as const) {
    const value = raw[key];
    settings[key] = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? listOf(value) : undefined;
  }
  if (raw.liveLimits !== undefined) settings.liveLimits = raw.liveLimits;
  if (raw.reports !== undefined) settings.reports = raw.reports;
  if (raw.tokens !== undefined) {
    if (!Array.isArray(raw.tokens)) throw new Error(`Config file ${path}: tokens must be a list of { name, token }`);
    settings.tokens = raw.tokens;
  }
  if (typeof raw.receiver === 'string') settings.receiver = raw.receiver;
  if (raw.receiver === false) settings.noReceiver = true;
  return settings;
}
