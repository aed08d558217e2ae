import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, isIPv4 } from 'node:net';
import { TokenBucketLimiter } from '../base/token-bucket';
import { listenHttp, normaliseIp, type ConnectionLimits, type Listening } from '../server/listening';
import type { CallRecord } from '../contract';
import type { Logger } from '../base/logger';
import type { LiveModel } from '../live/model';
import type { EventLog } from '../store/event-log';
import type { RejectKind } from '../store/rejected-samples';
import { decodePushBody } from './push-body';
import { canonicalEventType, validatePush, type KnownEventType, type KnownPushedEvent, type PushedEvent } from './push-schemas';
import { createPushTranslator, type IvrJourneyStep, type PushTranslator } from './push-to-model';
import { isWebkeyAuthorized } from './webkey';
import { storeErrorOf } from '../store/database';
import { DEFAULT_TIME_ZONE } from '../base/time-zone';

export interface ReceiverOptions {
  eventLog: EventLog;
  model: LiveModel;
  log: Logger;
  /** api.conf WEBKEY; empty/absent = no check (as on the vendor box). */
  webkey?: string;
  /** PBX time zone for local timestamps and the WEBKEY date (default Asia/Shanghai). */
  timeZone?: string;
  /** Only these remote addresses or CIDR ranges may push (IPv4-mapped IPv6 is normalised); absent/empty = everyone. */
  allowIps?: string[];
  /** Connection caps and slow-request timeouts (listening.ts); defaults: receiverConnectionLimits. */
  connectionLimits?: Partial<ConnectionLimits>;
  /** Pushes per remote IP (429 + Retry-After past it; the box retries); absent = no limit. */
  rateLimit?: TokenBucketLimiter;
  /** Body size limit in bytes (default 64 KiB; the largest vendor event, cc_cdr, is < 1 KiB). */
  maxBodyBytes?: number;
  onEvent?: (event: PushedEvent) => void;
  /** Finished calls from cdr / cc_cdr, for the history store. */
  onCallRecord?: (record: CallRecord) => void;
  onIvrStep?: (step: IvrJourneyStep) => void;
  /**
   * A console of several PBXs: the translator of the PBX that pushes from `remote`
   * (its own model and history, app/push-attribution.ts), undefined for an address
   * that is none of them, whose pushes are refused (403) before anything is stored.
   * Without it, every push goes to `model`, `onCallRecord` and `onIvrStep`.
   */
  translatorFor?: (remote: string) => PushTranslator | undefined;
  clock?: () => number;
}

export interface ReceiverStats {
  requests: number;
  accepted: number;
  /** Stored raw with is_known = 0. */
  unknown: number;
  /** Malformed / invalid (4xx, counted and sampled in rejected_events). */
  rejected: number;
  unauthorized: number;
  forbidden: number;
  tooLarge: number;
  rateLimited: number;
  storeFailures: number;
  modelFailures: number;
  /** Connections turned away at the connection caps. */
  dropped: number;
  byType: Record<string, number>;
}

/**
 * A vendor box pushes over one or a few keep-alive connections and each push takes
 * milliseconds; these leave it plenty while slow or idle strangers cannot hold the
 * process's file descriptors (the UI server and SQLite need them too).
 */
export const receiverConnectionLimits: ConnectionLimits = {
  maxConnections: 512,
  maxConnectionsPerIp: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

export interface Receiver {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  listen(host: string, port: number): Promise<{ port: number }>;
  close(): Promise<void>;
  readonly stats: ReceiverStats;
}

const EVENT_FIELD_NAMES = ['event', 'Event', 'type', 'eventType', 'event_type'];

/**
 * Where the event type is. The vendor document (seed 000_94bcca06c57417db.txt,
 * 主动推送事件) POSTs every event to the one configured `URL=` (api.conf: no path
 * per event) and names the event in the body: `{event:"dialbegein", …}`. So the
 * body's `event` field decides. Variants accepted for other gateways and hand-made
 * senders: `Event`/`type`/`eventType`/`event_type` fields, a `?event=` query, and a
 * known event name as the last path segment (`POST /dialend`, `/push/cc_cdr`).
 */
export function resolveEventType(fields: Record<string, unknown>, url: URL): string | undefined {
  for (const name of EVENT_FIELD_NAMES) {
    const value = fields[name];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value);
  }
  const fromQuery = url.searchParams.get('event');
  if (fromQuery) return fromQuery;
  const lastSegment = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
  return lastSegment && canonicalEventType(lastSegment).isKnown ? lastSegment : undefined;
}

/** allowIps entries (`10.0.0.5`, `192.168.12.0/24`, `fd00::/8`) as a matcher; undefined = everyone may push. */
function allowListOf(entries: readonly string[]): ((address: string) => boolean) | undefined {
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = normaliseIp(entry).split('/');
    const family = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (address) => address !== '' && list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}

function sendJson(res: ServerResponse, status: number, body: Record<string, unknown>, close = false): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/** The embedded HTTP server the vendor box POSTs its events to (api.conf `URL=`). */
export function createReceiver(options: ReceiverOptions): Receiver {
  const { eventLog, model, log } = options;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const isAllowed = allowListOf(options.allowIps ?? []);
  const clock = options.clock ?? Date.now;
  const single = options.translatorFor ? undefined : createPushTranslator({ model, onCallRecord: options.onCallRecord, onIvrStep: options.onIvrStep });
  const translatorOf = (remote: string): PushTranslator | undefined => single ?? options.translatorFor?.(remote);
  const stats: ReceiverStats = {
    requests: 0,
    accepted: 0,
    unknown: 0,
    rejected: 0,
    unauthorized: 0,
    forbidden: 0,
    tooLarge: 0,
    rateLimited: 0,
    storeFailures: 0,
    modelFailures: 0,
    dropped: 0,
    byType: {},
  };

  let listening: Listening | undefined;

  /** Count the refusal (and keep a sample of the body), then answer 4xx with the reason. */
  async function refuse(res: ServerResponse, status: number, kind: RejectKind, reason: string, remote: string, contentType: string | undefined, body: string) {
    try {
      await eventLog.reject({ kind, remote, reason, contentType, body });
    } catch (error) {
      stats.storeFailures += 1;
      log.error(`push receiver: could not keep a rejected push (${reason})`, error);
    }
    sendJson(res, status, { status: 'error', message: reason }, status === 413);
  }

  async function accept(req: IncomingMessage, res: ServerResponse, text: string, remote: string): Promise<void> {
    const contentType = req.headers['content-type'];
    if (!isWebkeyAuthorized(req.headers.authorization, options.webkey, clock(), timeZone)) {
      stats.unauthorized += 1;
      const reason = req.headers.authorization ? 'Authorization does not match WEBKEY' : 'missing Authorization (WEBKEY is set)';
      return refuse(res, 401, 'unauthorized', reason, remote, contentType, text);
    }
    const decoded = decodePushBody(text, contentType);
    if (!decoded.ok) {
      stats.rejected += 1;
      return refuse(res, 400, 'undecodable', decoded.reason, remote, contentType, text);
    }
    const url = new URL(req.url ?? '/', 'http://receiver');
    const rawType = resolveEventType(decoded.fields, url);
    if (rawType === undefined) {
      stats.rejected += 1;
      return refuse(res, 400, 'invalid', 'missing event type (no "event" field)', remote, contentType, text);
    }
    const { eventType, isKnown } = canonicalEventType(rawType);
    let validFields: KnownPushedEvent['fields'] | undefined;
    if (isKnown) {
      const validated = validatePush(eventType as KnownEventType, decoded.fields, timeZone);
      if (!validated.ok) {
        stats.rejected += 1;
        return refuse(res, 400, 'invalid', validated.reason, remote, contentType, text);
      }
      validFields = validated.fields;
    }
    const receivedAt = clock();
    let id: number;
    try {
      id = await eventLog.append({ source: 'push', eventType, isKnown, remote, body: JSON.stringify(decoded.fields), receivedAt });
    } catch (error) {
      // Not stored, so not acknowledged: the box may send it again.
      stats.storeFailures += 1;
      // StoreError says disk full / read-only / damaged in words a supervisor can act on.
      log.error(`push receiver: could not store an event: ${storeErrorOf(error)?.message ?? String(error)}`);
      return sendJson(res, 503, { status: 'error', message: 'event not stored, retry later' });
    }
    stats.byType[eventType] = (stats.byType[eventType] ?? 0) + 1;
    const event = (
      validFields
        ? { id, receivedAt, remote, type: eventType, fields: validFields }
        : { id, receivedAt, remote, type: 'unknown', eventType, fields: decoded.fields }
    ) as PushedEvent;
    if (event.type === 'unknown') stats.unknown += 1;
    else stats.accepted += 1;
    try {
      if (event.type !== 'unknown') translatorOf(remote)?.apply(event);
      options.onEvent?.(event);
    } catch (error) {
      // Stored already; a bug in a consumer must not turn into a lost or repeated event.
      stats.modelFailures += 1;
      log.error(`push receiver: applying ${eventType} failed`, error);
    }
    sendJson(res, 200, { status: 'success', message: isKnown ? 'stored' : 'stored (unknown event type)', id });
  }

  function handler(req: IncomingMessage, res: ServerResponse): void {
    stats.requests += 1;
    const remote = normaliseIp(req.socket.remoteAddress);
    req.on('error', (error) => log.warn(`push receiver: request from ${remote} failed`, error.message));
    if (options.rateLimit && !options.rateLimit.take(remote)) {
      stats.rateLimited += 1;
      req.resume();
      res.setHeader('retry-after', String(Math.max(1, options.rateLimit.retryAfterSeconds(remote))));
      return sendJson(res, 429, { status: 'error', message: 'too many pushes from this address, retry later' });
    }
    if (isAllowed && !isAllowed(remote)) {
      stats.forbidden += 1;
      req.resume();
      return sendJson(res, 403, { status: 'error', message: `address ${remote} is not allowed to push` });
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      req.resume();
      return sendJson(res, 200, { status: 'success', message: 'Callboard push receiver' });
    }
    if (!translatorOf(remote)) {
      stats.forbidden += 1;
      req.resume();
      return sendJson(res, 403, { status: 'error', message: `address ${remote} is none of the PBXs this console watches: a push carries no PBX, so it is known by its sender` });
    }
    if (req.method !== 'POST') {
      req.resume();
      return sendJson(res, 405, { status: 'error', message: `method ${req.method ?? ''} not allowed, POST events` });
    }
    const contentType = req.headers['content-type'];
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      stats.tooLarge += 1;
      req.resume();
      void refuse(res, 413, 'too_large', `body of ${declared} bytes exceeds ${maxBodyBytes}`, remote, contentType, '');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let isTooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (isTooLarge) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        isTooLarge = true;
        stats.tooLarge += 1;
        const head = Buffer.concat(chunks).subarray(0, 1024).toString('utf8');
        chunks.length = 0;
        void refuse(res, 413, 'too_large', `body exceeds ${maxBodyBytes} bytes`, remote, contentType, head);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (isTooLarge) return;
      const text = Buffer.concat(chunks).toString('utf8');
      accept(req, res, text, remote).catch((error: unknown) => {
        log.error('push receiver: unexpected failure', error);
        sendJson(res, 500, { status: 'error', message: 'internal error' });
      });
    });
  }

  return {
    handler,
    stats,
    async listen(host, port) {
      // Addresses outside allowIps share a few connections: a flood from elsewhere cannot crowd the box out.
      listening = await listenHttp(handler, host, port, { ...receiverConnectionLimits, ...options.connectionLimits, ...(isAllowed ? { isAllowed } : {}) }, stats);
      return { port: listening.port };
    },
    async close() {
      const current = listening;
      listening = undefined;
      await current?.close();
    },
  };
}
