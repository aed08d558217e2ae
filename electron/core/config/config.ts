import { join } from 'node:path';
import { z } from 'zod';
import { redactUrlCredentials } from '../base/redact-url';
import { DEFAULT_TIME_ZONE } from '../base/time-zone';
import { pbxIdPattern } from '../base/pbx-id';

const hostPort = z.object({ host: z.string().min(1), port: z.number().int().min(0).max(65535) });

export const amiTargetSchema = z.object({
  /** The connection's id; with several PBXs, the prefix of this PBX's ids and its label on screen (contract/pbx-ids.ts). */
  id: z.string().regex(pbxIdPattern, 'letters, digits, _ and - (at most 32)'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  username: z.string().min(1),
  secret: z.string(),
});

/** A name an audit entry can carry: printable, no control characters, short enough for a table cell. */
const operatorName = z
  .string()
  .trim()
  .min(1, 'an operator needs a name')
  .max(40, 'at most 40 characters')
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'no control characters');

export const operatorTokenSchema = z.object({
  name: operatorName,
  /** Shorter than this would be guessed sooner than anyone notices. */
  token: z.string().min(8, 'an operator token has at least 8 characters'),
});

export const coreConfigSchema = z.object({
  /** Where the SQLite cache and settings live. */
  dataDir: z.string().min(1),
  /** UI + contract (headless mode and the LAN wallboard). */
  http: hostPort,
  /** Receiver for events the PBX pushes; false disables it. */
  receiver: z.union([hostPort, z.literal(false)]),
  /** Vendor WEBKEY: checks pushes, signs API calls. Empty = no check. */
  webkey: z.string().optional(),
  /** The PBX's local time zone (vendor timestamps carry none). */
  timeZone: z.string().min(1),
  ami: z.array(amiTargetSchema).max(32).superRefine((targets, ctx) => {
    const ids = new Set<string>();
    for (const [index, { id }] of targets.entries()) {
      if (ids.has(id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `two AMI connections are named "${id}"` });
      ids.add(id);
    }
  }),
  /** Unnamed operator token for web clients; without any token, only loopback clients may act. */
  token: z.string().optional(),
  /** Named operator tokens: a client presenting one acts as that operator, and the audit log says so. */
  tokens: z
    .array(operatorTokenSchema)
    .max(200)
    .default([])
    .superRefine((tokens, ctx) => {
      const names = new Set<string>();
      const values = new Set<string>();
      for (const [index, { name, token }] of tokens.entries()) {
        if (names.has(name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `operator "${name}" is named twice` });
        // The message names the operator, never the value.
        if (values.has(token)) ctx.addIssue({ code: 'custom', path: [index, 'token'], message: `operator "${name}" has another operator's token` });
        names.add(name);
        values.add(token);
      }
    }),
  /** Names the console is reached by besides loopback and IP addresses (Host header check against DNS rebinding). */
  publicHosts: z.array(z.string().min(1)).default([]),
  /** Only these addresses (or CIDR ranges) may push to the receiver; empty = any. */
  allowIps: z.array(z.string().min(1)).default([]),
  /** A shared PostgreSQL history (postgres://…): finished calls are copied there besides the SQLite cache. */
  history: z.string().regex(/^postgres(ql)?:\/\/./, 'a postgres://… URL').optional(),
  /** The PBX these calls are stored under in the shared history (default: the first AMI connection's host:port). */
  historyPbx: z.string().min(1).optional(),
  /** The vendor box's HTTP API (e.g. http://192.168.12.183:8000): polled for live state when there is no AMI, action fallback otherwise. */
  vendorApi: z.object({ baseUrl: z.string().regex(/^https?:\/\/[^/]+/, 'an http(s):// URL'), pollSeconds: z.number().positive() }).optional(),
  /** Local or mounted copy of the PBX's monitor directory (plain Asterisk recordings). */
  recordingsDir: z.string().optional(),
  /** api.conf pop_url: screen pop for a ringing agent. */
  popUrl: z.string().optional(),
  /** An api.conf: serve the vendor API and push its events over the first AMI connection (the gateway). */
  gatewayApiConf: z.string().optional(),
  /** Bounds of the live model per PBX (live/live-limits.ts): config file only, e.g. `liveLimits: { maxChannels: 50000 }`. */
  liveLimits: z
    .object({
      maxChannels: z.number().int().min(100),
      maxExtensions: z.number().int().min(10),
      maxQueues: z.number().int().min(1),
      maxMembersPerQueue: z.number().int().min(10),
      maxCallersPerQueue: z.number().int().min(10),
      maxFieldChars: z.number().int().min(80),
      maxValueChars: z.number().int().min(80),
      staleChannelMs: z.number().int().min(60_000),
    })
    .partial()
    .strict()
    .optional(),
  /** Scheduled reports (config file only): the PDF's Chinese font and the SMTP relay that mails them. */
  reports: z
    .object({
      /** A TTF, OTF or TTC with Chinese glyphs; default: the first usual system font found. */
      pdfFont: z.string().min(1).max(400).optional(),
      /**
       * The folders (and their subfolders) a schedule may write into: an operator picks a folder
       * in the page, the machine's owner decides where that may be. Default: <dataDir>/reports.
       */
      folders: z.array(z.string().min(1).max(400)).min(1).max(20).optional(),
      smtp: z
        .object({
          host: z.string().min(1).max(253),
          port: z.number().int().min(1).max(65535).default(587),
          /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
          secure: z.boolean().default(false),
          user: z.string().min(1).max(200).optional(),
          password: z.string().max(200).optional(),
          from: z.email().max(254),
        })
        .strict()
        .optional(),
    })
    .strict()
    .optional(),
});

export type AmiTarget = z.infer<typeof amiTargetSchema>;
export type OperatorToken = z.infer<typeof operatorTokenSchema>;
export type CoreConfig = z.infer<typeof coreConfigSchema>;

/** The call cache (SQLite) of a data dir. */
export const cacheFileOf = (dataDir: string) => join(dataDir, 'callboard.db');

export const defaultConfig = (dataDir: string): CoreConfig => ({
  dataDir,
  http: { host: '127.0.0.1', port: 8080 },
  // The vendor document's receiver port; all interfaces, since the PBX is another host.
  receiver: { host: '0.0.0.0', port: 8090 },
  timeZone: DEFAULT_TIME_ZONE,
  ami: [],
  tokens: [],
  publicHosts: [],
  allowIps: [],
});

/** host:port, with the port required. */
export function parseHostPort(text: string, what: string): { host: string; port: number } {
  const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`${what}: expected host:port, got "${text}"`);
  return { host: match[1] || '0.0.0.0', port: Number(match[2]) };
}

/**
 * `user:secret@host:port` (the secret may contain ':' and '@'; the last '@' splits),
 * optionally named first, `beijing=user:secret@host:port`: the name is the PBX's label
 * and id prefix when a console watches several; `id` otherwise.
 */
export function parseAmiUrl(text: string, id: string): AmiTarget {
  const named = /^([A-Za-z0-9_-]{1,32})=(.*)$/s.exec(text.trim());
  if (named) return parseAmiUrl(named[2] as string, named[1] as string);
  const trimmed = text.trim().replace(/^ami:\/\//, '');
  const at = trimmed.lastIndexOf('@');
  if (at < 0) throw new Error(`--ami: expected user:secret@host:port, got "${redactAmi(text)}"`);
  const credentials = trimmed.slice(0, at);
  const colon = credentials.indexOf(':');
  if (colon <= 0) throw new Error(`--ami: expected user:secret@host:port, got "${redactAmi(text)}"`);
  const { host, port } = parseHostPort(trimmed.slice(at + 1), '--ami');
  return { id, host, port, username: decodeURIComponent(credentials.slice(0, colon)), secret: decodeURIComponent(credentials.slice(colon + 1)) };
}

/**
 * `name=secret` (`--token`, CALLBOARD_TOKENS): the name ends at the first '='.
 * Text without '=' is no named token: undefined, the caller's unnamed token.
 */
export function parseNamedToken(text: string): OperatorToken | undefined {
  const at = text.indexOf('=');
  if (at < 0) return undefined;
  return { name: text.slice(0, at).trim(), token: text.slice(at + 1) };
}

/** For error messages and logs: never print an AMI secret. */
export function redactAmi(text: string): string {
  return text.replace(/:[^:@]*@/, ':***@');
}

/** A copy safe to log or show: secrets replaced by a marker saying whether one is set, URL credentials by ***. */
export function redactConfig(config: CoreConfig): unknown {
  return {
    ...config,
    webkey: config.webkey ? '(set)' : undefined,
    token: config.token ? '(set)' : undefined,
    tokens: config.tokens.map(({ name }) => ({ name, token: '(set)' })),
    ami: config.ami.map((target) => ({ ...target, secret: target.secret ? '(set)' : '' })),
    ...(config.vendorApi ? { vendorApi: { ...config.vendorApi, baseUrl: redactUrlCredentials(config.vendorApi.baseUrl) } } : {}),
    ...(config.popUrl ? { popUrl: redactUrlCredentials(config.popUrl) } : {}),
    ...(config.history ? { history: redactUrlCredentials(config.history) } : {}),
    ...(config.reports?.smtp?.password ? { reports: { ...config.reports, smtp: { ...config.reports.smtp, password: '(set)' } } } : {}),
  };
}
