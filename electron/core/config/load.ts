import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import JSON5 from 'json5';
import { coreConfigSchema, defaultConfig, parseAmiUrl, parseHostPort, type CoreConfig } from './config';

/** The `callboard serve` flags; the same names (camel-cased) work in a JSON5 config file. */
export const serveFlags = {
  ami: { type: 'string', multiple: true },
  http: { type: 'string' },
  receiver: { type: 'string' },
  'no-receiver': { type: 'boolean' },
  'data-dir': { type: 'string' },
  webkey: { type: 'string' },
  token: { type: 'string' },
  'time-zone': { type: 'string' },
  config: { type: 'string' },
} as const;

type Env = Record<string, string | undefined>;

/**
 * Settings, lowest to highest precedence: defaults, a JSON5 config file
 * (`--config` or CALLBOARD_CONFIG), environment (CALLBOARD_AMI, CALLBOARD_HTTP,
 * CALLBOARD_RECEIVER, CALLBOARD_DATA_DIR, CALLBOARD_WEBKEY, CALLBOARD_TOKEN,
 * CALLBOARD_TIME_ZONE), then flags. Throws with a readable message.
 */
export function loadConfig(argv: string[], env: Env, defaultDataDir: string): CoreConfig {
  const { values } = parseArgs({ args: argv, options: serveFlags, strict: true, allowPositionals: false });
  const config: CoreConfig = defaultConfig(defaultDataDir);
  const file = values.config ?? env.CALLBOARD_CONFIG;
  if (file) Object.assign(config, fromFile(file));
  applyStrings(config, {
    ami: env.CALLBOARD_AMI ? env.CALLBOARD_AMI.split(',') : undefined,
    http: env.CALLBOARD_HTTP,
    receiver: env.CALLBOARD_RECEIVER,
    dataDir: env.CALLBOARD_DATA_DIR,
    webkey: env.CALLBOARD_WEBKEY,
    token: env.CALLBOARD_TOKEN,
    timeZone: env.CALLBOARD_TIME_ZONE,
  });
  applyStrings(config, {
    ami: values.ami,
    http: values.http,
    receiver: values.receiver,
    dataDir: values['data-dir'],
    webkey: values.webkey,
    token: values.token,
    timeZone: values['time-zone'],
  });
  if (values['no-receiver']) config.receiver = false;
  const parsed = coreConfigSchema.safeParse(config);
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

interface StringSettings {
  ami?: string[];
  http?: string;
  receiver?: string;
  dataDir?: string;
  webkey?: string;
  token?: string;
  timeZone?: string;
}

function applyStrings(config: CoreConfig, settings: StringSettings): void {
  if (settings.ami?.length) config.ami = settings.ami.map((url, i) => parseAmiUrl(url, i === 0 ? 'pbx' : `pbx${i + 1}`));
  if (settings.http) config.http = parseHostPort(settings.http, '--http');
  if (settings.receiver) config.receiver = parseHostPort(settings.receiver, '--receiver');
  if (settings.dataDir) config.dataDir = settings.dataDir;
  if (settings.webkey !== undefined) config.webkey = settings.webkey;
  if (settings.token) config.token = settings.token;
  if (settings.timeZone) config.timeZone = settings.timeZone;
}

function fromFile(path: string): Partial<CoreConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  const raw = JSON5.parse(text) as Record<string, unknown>;
  const result: Partial<CoreConfig> = {};
  const strings: StringSettings = {};
  if (Array.isArray(raw.ami) && raw.ami.every((x) => typeof x === 'string')) strings.ami = raw.ami as string[];
  else if (Array.isArray(raw.ami)) result.ami = raw.ami as CoreConfig['ami'];
  for (const key of ['http', 'receiver', 'dataDir', 'webkey', 'token', 'timeZone'] as const) {
    if (typeof raw[key] === 'string') strings[key] = raw[key] as string;
  }
  if (raw.receiver === false) result.receiver = false;
  const merged = { ...defaultConfig('.'), ...result } as CoreConfig;
  applyStrings(merged, strings);
  for (const key of Object.keys(strings) as (keyof StringSettings)[]) Object.assign(result, { [key]: merged[key] });
  return result;
}
