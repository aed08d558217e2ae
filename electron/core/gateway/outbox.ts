import type { Scheduler } from '../actions/scheduler';
import { redactUrlCredentials } from '../base/redact-url';
import { realScheduler } from '../actions/scheduler';
import type { Db } from '../store/database';
import { webkeyToken } from '../vendor-api/webkey';
import type { VendorPushBody } from './simple-pushes';
import { DEFAULT_TIME_ZONE } from '../base/time-zone';

/** Delivery state of the gateway's pushes, for the UI (see `pushConnectionOf`). */
export interface PushDeliveryStatus {
  /** api.conf URL. */
  url: string;
  /** idle: nothing pending; sending: a POST is in flight; retrying: waiting after a failure; stopped. */
  state: 'idle' | 'sending' | 'retrying' | 'stopped';
  /** Rows waiting in the outbox (not delivered, not rejected). */
  pending: number;
  /** Delivered since start. */
  delivered: number;
  /** Refused for good by the receiver (kept in push_outbox with rejected_at), since start. */
  rejected: number;
  /** Failed attempts since start (each one is retried). */
  failedAttempts: number;
  /** UTC ms of the oldest pending event: how far behind the receiver is. */
  oldestPendingAt?: number;
  lastDeliveredAt?: number;
  lastError?: string;
  lastErrorAt?: number;
  /** UTC ms of the next attempt while retrying. */
  nextRetryAt?: number;
}

export interface PushOutboxOptions {
  url: string;
  /** api.conf WEBKEY: `Authorization: md5(WEBKEY + PBX date)` per request; empty = no header. */
  webkey?: string;
  timeZone?: string;
  /** Backoff after a failure: min(maxMs, initialMs × 2^(failures − 1)). Defaults 1 s and 60 s. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Per POST, until the answer (default 10 s). */
  timeoutMs?: number;
  /** Time and timers (injectable so an outage can be run on a virtual clock). */
  scheduler?: Scheduler;
  onStatus?: (status: PushDeliveryStatus) => void;
}

export interface PushOutbox {
  /** Queue one push; it is in SQLite once the current event-loop turn ends (group commit). */
  enqueue(push: VendorPushBody): void;
  /** Commit queued pushes now (before a shutdown, in tests). */
  commit(): void;
  status(): PushDeliveryStatus;
  /** Try now instead of waiting for the backoff (e.g. "retry now" in the UI). */
  retryNow(): void;
  /** Resolves once nothing is pending (or the outbox stopped). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

type Row = { id: number; created_at: number; body: string; attempts: number };

/** 4xx answers worth retrying: auth (WEBKEY/date mismatch being fixed), timeout, rate limit. */
const retryableClientErrors = new Set([401, 403, 408, 425, 429]);

function dedupKeyOf(push: VendorPushBody): string | null {
  const key = push.uniqueid ?? push.uuid ?? push.exten;
  return key === undefined ? null : String(key);
}

/**
 * At-least-once delivery of the gateway's pushes. Each push is first
 * written to `push_outbox` (005_push_outbox.sql), then POSTed to api.conf URL
 * one at a time in id order; a row is deleted only after a 2xx, so a crash or a
 * restart re-sends it (the receiver de-duplicates by uniqueid). While the
 * receiver is down the head row is retried with capped exponential backoff and
 * everything behind it waits: order is kept.
 */
export function createPushOutbox(db: Db, options: PushOutboxOptions): PushOutbox {
  const scheduler = options.scheduler ?? realScheduler;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const initialMs = options.backoff?.initialMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const insert = db.prepare('INSERT INTO push_outbox (created_at, event_type, dedup_key, body) VALUES (?, ?, ?, ?)');
  const head = db.prepare('SELECT id, created_at, body, attempts FROM push_outbox WHERE rejected_at IS NULL ORDER BY id LIMIT 1');
  const countPending = db.prepare('SELECT count(*) AS n FROM push_outbox WHERE rejected_at IS NULL');
  const remove = db.prepare('DELETE FROM push_outbox WHERE id = ?');
  const noteFailure = db.prepare('UPDATE push_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ?');
  const markRejected = db.prepare('UPDATE push_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?, rejected_at = ? WHERE id = ?');
  const insertBatch = db.transaction((rows: { at: number; push: VendorPushBody }[]) => {
    for (const { at, push } of rows) insert.run(at, String(push.event ?? ''), dedupKeyOf(push), JSON.stringify(push));
  });

  let queued: { at: number; push: VendorPushBody }[] = [];
  let commitTimer: NodeJS.Immediate | undefined;
  let isStopped = false;
  let inFlight: Promise<void> | undefined;
  let retryTimer: { cancel(): void } | undefined;
  let consecutiveFailures = 0;
  let drainWaiters: (() => void)[] = [];
  const status: PushDeliveryStatus = {
    url: options.url, state: 'idle', pending: (countPending.get() as { n: number }).n, delivered: 0, rejected: 0, failedAttempts: 0,
  };

  function publish(): void {
    const oldest = head.get() as Row | undefined;
    if (oldest) status.oldestPendingAt = oldest.created_at;
    else delete status.oldestPendingAt;
    if (status.pending === 0 && queued.length === 0) {
      const waiters = drainWaiters;
      drainWaiters = [];
      for (const resolve of waiters) resolve();
    }
    options.onStatus?.({ ...status });
  }

  function commit(): void {
    if (commitTimer) clearImmediate(commitTimer);
    commitTimer = undefined;
    if (queued.length === 0) return;
    const rows = queued;
    queued = [];
    insertBatch(rows);
    status.pending += rows.length;
    pump();
  }

  function pump(): void {
    if (isStopped || inFlight || retryTimer) return;
    const row = head.get() as Row | undefined;
    if (!row) {
      status.state = 'idle';
      status.pending = 0;
      publish();
      return;
    }
    status.state = 'sending';
    inFlight = deliver(row).finally(() => {
      inFlight = undefined;
      if (!isStopped && !retryTimer) setImmediate(pump);
    });
  }

  async function deliver(row: Row): Promise<void> {
    const outcome = await post(row.body);
    if (isStopped && outcome.kind !== 'ok') return;
    const at = scheduler.now();
    if (outcome.kind === 'ok') {
      remove.run(row.id);
      consecutiveFailures = 0;
      status.delivered += 1;
      status.pending = Math.max(0, status.pending - 1);
      status.lastDeliveredAt = at;
      delete status.nextRetryAt;
    } else if (outcome.kind === 'rejected') {
      markRejected.run(at, outcome.error, at, row.id);
      status.rejected += 1;
      status.pending = Math.max(0, status.pending - 1);
      status.lastError = outcome.error;
      status.lastErrorAt = at;
    } else {
      noteFailure.run(at, outcome.error, row.id);
      consecutiveFailures += 1;
      status.failedAttempts += 1;
      status.lastError = outcome.error;
      status.lastErrorAt = at;
      const delay = Math.min(maxMs, initialMs * 2 ** (consecutiveFailures - 1));
      status.state = 'retrying';
      status.nextRetryAt = at + delay;
      retryTimer = scheduler.after(delay, () => {
        retryTimer = undefined;
        pump();
      });
    }
    publish();
  }

  async function post(body: string): Promise<{ kind: 'ok' } | { kind: 'retry' | 'rejected'; error: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Computed per request: the token changes at the PBX's midnight (coocenter-api.md "Authentication").
    if (options.webkey) headers.authorization = webkeyToken(options.webkey, scheduler.now(), timeZone);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    timer.unref();
    try {
      const response = await fetch(options.url, { method: 'POST', headers, body, signal: controller.signal });
      const text = await response.text();
      if (response.ok) return { kind: 'ok' };
      const error = `HTTP ${response.status}: ${text.slice(0, 200)}`;
      const isFinal = response.status >= 400 && response.status < 500 && !retryableClientErrors.has(response.status);
      return { kind: isFinal ? 'rejected' : 'retry', error };
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'retry', error: `no answer within ${timeoutMs} ms` };
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      return { kind: 'retry', error: redactUrlCredentials(`cannot reach ${options.url}: ${cause}`) };
    } finally {
      clearTimeout(timer);
    }
  }

  // Rows left by a previous run go out first, in their original order.
  setImmediate(pump);

  return {
    enqueue(push) {
      if (isStopped) throw new Error('push outbox is stopped');
      queued.push({ at: scheduler.now(), push });
      commitTimer ??= setImmediate(commit);
    },
    commit,
    status: () => ({ ...status }),
    retryNow() {
      if (!retryTimer) return;
      retryTimer.cancel();
      retryTimer = undefined;
      pump();
    },
    drained() {
      if (status.pending === 0 && queued.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => drainWaiters.push(resolve));
    },
    async stop() {
      if (isStopped) return;
      commit();
      isStopped = true;
      retryTimer?.cancel();
      retryTimer = undefined;
      await inFlight;
      status.state = 'stopped';
      publish();
      const waiters = drainWaiters;
      drainWaiters = [];
      for (const resolve of waiters) resolve();
    },
  };
}
