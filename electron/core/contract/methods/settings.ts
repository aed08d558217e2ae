import { z } from 'zod';
import { waitEdges, type StatsRulesBook } from '../figures';
import { method, type ActionResult } from '../method';
import { reasonCodePattern } from '../patterns';
import { pbxIdPattern } from '../../base/pbx-id';

// Settings the core keeps for every client (the Settings page): wallboard
// thresholds shared by the TV and every browser, data retention, the receiver URLs
// to give the PBX (api.conf `URL=`), connection tests, pause reasons, wrap-up. Values live in
// the cache's `settings` table (store/settings.ts). Secrets are taken, never echoed.

/**
 * A pause reason: `code` goes to the PBX (QueuePause `Reason`) and to history; the
 * renderer shows i18n `pauseReason.<code>`, falling back to the label of its language.
 */
export interface PauseReason {
  code: string;
  labels: { 'zh-CN': string; en: string };
  /** Set by Callboard itself (wrap-up), not offered in the pause menu. */
  isSystem?: boolean;
}

export interface WrapupOptions {
  isEnabled: boolean;
  /** Longest wrap-up, seconds (vendor default 30). */
  seconds: number;
}

/** Per-queue alert levels of the wallboard tiles. */
export interface QueueThresholds {
  waitingAmber: number;
  waitingRed: number;
  longestWaitAmberSeconds: number;
  longestWaitRedSeconds: number;
  /** Service level target, percent; amber below it, red 10 points below. */
  serviceLevelTarget: number;
  abandonRateAmber: number;
  abandonRateRed: number;
}

export const thresholdFields = [
  'waitingAmber', 'waitingRed', 'longestWaitAmberSeconds', 'longestWaitRedSeconds',
  'serviceLevelTarget', 'abandonRateAmber', 'abandonRateRed',
] as const satisfies readonly (keyof QueueThresholds)[];

export const defaultThresholds: QueueThresholds = {
  waitingAmber: 3,
  waitingRed: 6,
  longestWaitAmberSeconds: 30,
  longestWaitRedSeconds: 60,
  serviceLevelTarget: 80,
  abandonRateAmber: 5,
  abandonRateRed: 10,
};

/** Key '*' holds the defaults of every queue; a queue name overrides them field by field. */
export type ThresholdsByQueue = Record<string, Partial<QueueThresholds>>;

/** The amber/red pairs: amber must stay below red. */
export const thresholdPairs = [
  ['waitingAmber', 'waitingRed'],
  ['longestWaitAmberSeconds', 'longestWaitRedSeconds'],
  ['abandonRateAmber', 'abandonRateRed'],
] as const satisfies readonly (readonly [keyof QueueThresholds, keyof QueueThresholds])[];

/** Fields in percent. */
const percentFields: readonly (keyof QueueThresholds)[] = ['serviceLevelTarget', 'abandonRateAmber', 'abandonRateRed'];

/** Why a set of thresholds cannot be kept; `scope` is '*' or the queue whose levels (with the defaults under them) clash. */
export type ThresholdProblem =
  | { code: 'negative' | 'notWhole'; scope: string; field: keyof QueueThresholds }
  | { code: 'overHundred'; scope: string; field: keyof QueueThresholds }
  | { code: 'amberNotBelowRed'; scope: string; field: keyof QueueThresholds; red: keyof QueueThresholds; amberValue: number; redValue: number };

/** The levels a queue ends up with: built-in defaults, then '*', then its own overrides. */
export function effectiveThresholds(byQueue: ThresholdsByQueue, scope: string): QueueThresholds {
  return { ...defaultThresholds, ...byQueue['*'], ...(scope === '*' ? {} : byQueue[scope]) };
}

/**
 * Everything wrong with a thresholds map, checked on each scope's effective levels (a queue
 * overriding only red must still be above the amber it inherits). Core and page share it:
 * the page says why it did not save, the core refuses what a script sends.
 */
export function thresholdProblems(byQueue: ThresholdsByQueue): ThresholdProblem[] {
  const problems: ThresholdProblem[] = [];
  for (const scope of Object.keys(byQueue)) {
    for (const [field, value] of Object.entries(byQueue[scope] ?? {}) as [keyof QueueThresholds, number][]) {
      if (!Number.isInteger(value)) problems.push({ code: 'notWhole', scope, field });
      else if (value < 0) problems.push({ code: 'negative', scope, field });
      else if (value > 100 && percentFields.includes(field)) problems.push({ code: 'overHundred', scope, field });
    }
    const levels = effectiveThresholds(byQueue, scope);
    for (const [amber, red] of thresholdPairs) {
      if (levels[amber] >= levels[red]) problems.push({ code: 'amberNotBelowRed', scope, field: amber, red, amberValue: levels[amber], redValue: levels[red] });
    }
  }
  return problems;
}

/** A problem in plain English, for API callers and the audit log (the page has its own words). */
export function describeThresholdProblem(problem: ThresholdProblem): string {
  const where = problem.scope === '*' ? 'every queue' : `queue ${problem.scope}`;
  switch (problem.code) {
    case 'negative':
      return `${problem.field} of ${where} must not be negative`;
    case 'notWhole':
      return `${problem.field} of ${where} must be a whole number`;
    case 'overHundred':
      return `${problem.field} of ${where} is a percentage: at most 100`;
    case 'amberNotBelowRed':
      return `${problem.field} (${problem.amberValue}) of ${where} must be below ${problem.red} (${problem.redValue})`;
  }
}

export interface RetentionSettings {
  /** Days of raw AMI/vendor events kept (store/maintenance.ts pruneRawEvents). Calls are kept forever. */
  rawEventDays: number;
}

export interface ReceiverUrls {
  /** The push receiver's port; absent when the core runs without a receiver. */
  port?: number;
  /**
   * The `URL=` values the PBX can reach: the receiver's own address when it listens on one,
   * else one per non-internal IPv4 address of the core's machine; none when it listens only locally.
   */
  urls: string[];
  /** The receiver listens on a loopback address: no other machine, so no PBX, can push to it. */
  localOnly?: { host: string };
}

/**
 * Outcome of a one-off connection test. AMI: ok / auth_failed (Login answered
 * Response: Error) / refused / timeout / error. Vendor API: ok / forbidden (WEBKEY)
 * / refused / timeout / error, or blocked: an internal address that is not the
 * configured vendor API (the core does not fetch arbitrary URLs for a form).
 */
export type ConnectionTestCode = 'ok' | 'auth_failed' | 'forbidden' | 'refused' | 'timeout' | 'blocked' | 'error';

export interface ConnectionTestResult {
  code: ConnectionTestCode;
  /** What the PBX or the socket said (AMI), or our own reading of the vendor API's status; never a secret, never an answer body. */
  message?: string;
  elapsedMs: number;
  /** Vendor API: the HTTP status of its answer (the only thing read from it). */
  httpStatus?: number;
}

/**
 * The vendor API gateway as Settings stores it: api.conf's names
 * (coocenter-api.md "Configuration file") plus where to listen. Applied at the
 * next start of the core; a `--gateway api.conf` flag wins over it.
 */
export interface GatewaySettings {
  isEnabled: boolean;
  bindHost: string;
  bindPort: number;
  /** api.conf URL: where the pushes go; absent = API only. */
  url?: string;
  /** api.conf WEBKEY is kept by the core and never sent back. */
  isWebkeySet: boolean;
  mac: string;
  popUrl?: string;
  /** api.conf [enable] pausetime. */
  pauseTime: boolean;
  wrapupSeconds: number;
}

/** One stored AMI target as Settings shows it: the secret is kept by the core, only whether one is set comes back. */
export interface StoredAmiConnection {
  id: string;
  host: string;
  port: number;
  username: string;
  isSecretSet: boolean;
}

/**
 * The PBX connections stored in Settings, applied at the next start. `source`:
 * 'flags' = the running core got its connections from flags/env/config file,
 * which win (the stored ones wait until those are removed); 'settings' = these apply.
 */
export interface StoredConnectionsView {
  ami: StoredAmiConnection[];
  vendorApi?: { baseUrl: string; pollSeconds: number };
  source: 'flags' | 'settings';
  /** The shared PostgreSQL history stored here (its password shown as ***), and the PBX name its calls go under. */
  history?: { url: string; pbx?: string };
  /** Whether the running core's history came from flags/env/file (they win) or from here. */
  historySource: 'flags' | 'settings';
}

const count = z.number().int().min(0).max(100_000);
const thresholdsSchema = z
  .object(Object.fromEntries(thresholdFields.map((field) => [field, count.optional()])) as Record<(typeof thresholdFields)[number], z.ZodOptional<typeof count>>)
  .strict();
const queueKey = z.string().trim().min(1).max(64);
/** A whole thresholds map ('*' and queue names), as Settings keeps it and a wallboard layout may carry its own. */
export const thresholdsByQueueSchema = z.record(queueKey, thresholdsSchema);
const host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:[\]_-]+$/, 'a host name or address');

const httpUrl = z.string().trim().url().max(300).regex(/^https?:\/\//i, 'http:// or https://');
const postgresUrl = z.string().trim().max(500).regex(/^postgres(ql)?:\/\/./, 'a postgres://… URL');

/**
 * The settings that open a listener, send secrets somewhere or make the core fetch a
 * URL carry this: the Settings page asks the supervisor first and says so, so a
 * request assembled elsewhere (a script, a replayed form) is refused by its shape.
 */
const isConfirmed = z.literal(true, { error: 'this change must be confirmed (isConfirmed: true): the Settings page asks first' });

/** Either the form's fields (webkey absent = keep the stored one, '' = no check) or an api.conf text to import. */
export const gatewaySettingsSchema = z.union([
  z
    .object({
      isEnabled: z.boolean(),
      bindHost: host,
      bindPort: z.number().int().min(1).max(65535),
      url: httpUrl.optional(),
      webkey: z.string().max(200).optional(),
      mac: z.string().trim().max(64).optional(),
      popUrl: httpUrl.optional(),
      pauseTime: z.boolean(),
      wrapupSeconds: z.number().int().min(0).max(3600),
      isConfirmed,
    })
    .strict(),
  z.object({ apiConfText: z.string().min(1).max(20_000), isConfirmed }).strict(),
]);

/**
 * AMI targets (secret absent = keep the stored one, '' = clear) and the vendor API (null = none).
 * A target whose host or port changed must come with its secret again: a stored secret never
 * follows a connection to another address.
 */
export const connectionsSettingsSchema = z
  .object({
    ami: z
      .array(
        z
          .object({
            id: z.string().trim().regex(pbxIdPattern, 'letters, digits, _ -').optional(),
            host,
            port: z.number().int().min(1).max(65535),
            username: z.string().trim().min(1).max(80),
            secret: z.string().max(200).optional(),
          })
          .strict(),
      )
      .max(16),
    vendorApi: z.union([z.object({ baseUrl: httpUrl, pollSeconds: z.number().min(1).max(3600).optional() }).strict(), z.null()]).optional(),
    /** A shared PostgreSQL history (postgres://user:password@host/db): absent = keep, null = none. The URL is kept in the secret store. */
    history: z.union([
      z.object({ url: postgresUrl, pbx: z.string().trim().min(1).max(80).optional() }).strict(),
      z.null(),
    ]).optional(),
    isConfirmed,
  })
  .strict();

export const pauseReasonSchema = z
  .object({
    code: z.string().trim().regex(reasonCodePattern, 'letters, digits, _ . -'),
    labels: z.object({ 'zh-CN': z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(40) }).strict(),
    isSystem: z.boolean().optional(),
  })
  .strict();

const statsRulesSchema = z
  .object({
    slSeconds: z.literal(waitEdges),
    slFormula: z.enum(['offered', 'answered', 'answeredAbandoned']),
    shortAbandonSeconds: z.literal([0, ...waitEdges.filter((edge) => edge <= 60)]),
  })
  .strict();
export const statsRulesBookSchema = z.object({ defaults: statsRulesSchema, queues: z.record(z.string().min(1).max(64), statsRulesSchema) }).strict() satisfies z.ZodType<StatsRulesBook>;

export const settingsMethods = {
  'settings.thresholds': method<ThresholdsByQueue>()('read', z.object({}).strict()),
  /** Replaces the whole map (the page sends what it shows). */
  'settings.setThresholds': method<ActionResult>()('act', z.object({ byQueue: thresholdsByQueueSchema }).strict()),
  /** How each queue's figures are counted (contract/figures.ts): service level threshold and formula, short abandons. */
  'settings.statsRules': method<StatsRulesBook>()('read', z.object({}).strict()),
  'settings.setStatsRules': method<ActionResult>()('act', z.object({ book: statsRulesBookSchema }).strict()),
  'settings.retention': method<RetentionSettings>()('act', z.object({}).strict()),
  'settings.setRetention': method<ActionResult>()('act', z.object({ rawEventDays: z.number().int().min(1).max(3650) }).strict()),
  'settings.receiverUrls': method<ReceiverUrls>()('act', z.object({}).strict()),
  /** One AMI Login with these credentials, then Logoff; the live connections are not touched. */
  'settings.testAmi': method<ConnectionTestResult>()(
    'act',
    z.object({ host, port: z.number().int().min(1).max(65535), username: z.string().min(1).max(80), secret: z.string().max(200) }).strict(),
  ),
  /**
   * One extension-hints-status call (coocenter-api.md #3) with this base URL and WEBKEY, answered by
   * its HTTP status only; internal addresses only when they are the configured vendor API.
   */
  'settings.testVendorApi': method<ConnectionTestResult>()('act', z.object({ baseUrl: httpUrl, webkey: z.string().max(200).optional(), isConfirmed }).strict()),
  /**
   * One connection to a shared PostgreSQL history and `SELECT 1` (nothing migrated or written). A URL shown
   * with *** gets the stored password back only for the same server.
   */
  'settings.testHistory': method<ConnectionTestResult>()('act', z.object({ url: postgresUrl }).strict()),
  /** The stored gateway settings, without the WEBKEY. */
  'settings.gateway': method<GatewaySettings>()('act', z.object({}).strict()),
  /** Stores the gateway settings (from the form or an api.conf text); the core applies them when restarted. */
  'settings.setGateway': method<ActionResult<GatewaySettings>>()('act', gatewaySettingsSchema),
  /** The PBX connections stored in Settings (AMI secrets never returned) and which ones the running core uses. */
  'settings.connections': method<StoredConnectionsView>()('act', z.object({}).strict()),
  /** Replaces the stored connections; the core applies them at its next start, when no flag/env/file gives any. */
  'settings.setConnections': method<ActionResult<StoredConnectionsView>>()('act', connectionsSettingsSchema),
  'settings.pauseReasons': method<PauseReason[]>()('read', z.object({}).strict()),
  'settings.wrapup': method<WrapupOptions>()('act', z.object({}).strict()),
  /** Audited as settings.setWrapup by the action service, which runs the wrap-up timers. */
  'settings.setWrapup': method<ActionResult>()('act', z.object({ isEnabled: z.boolean(), seconds: z.number().int().min(1).max(3600) }).strict()),
  /** Replaces the pause reasons; the system wrap-up reason is kept whatever is sent. */
  'settings.setPauseReasons': method<ActionResult>()(
    'act',
    z.object({ reasons: z.array(pauseReasonSchema).min(1).max(50) }).strict(),
  ),
};
