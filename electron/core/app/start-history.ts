import type { CallRecord, IvrStep, QueueAttempt, WrapupEnded } from '../contract';
import { DayLedger } from '../live/day-ledger';
import type { LiveModel } from '../live/model';
import { recordAgentIntervals } from '../store/agent-interval-recorder';
import { createCallWriter } from '../store/call-writer';
import type { Db } from '../store/database';
import { localHourOf } from '../base/time-zone';
import { storeWriteWatch } from '../store/notices';
import { statsRulesBook } from '../store/settings';
import { recordWrapup } from '../store/wrapup-recorder';
import { historyStores } from './handlers/history';
import type { Lifetime } from '../base/lifetime';
import type { Logger } from '../base/logger';
import { redactUrlCredentials } from '../base/redact-url';
import type { CoreConfig } from '../config/config';
import { openPgDatabase, type PgPool } from '../store/postgres/pg-database';
import { createPgHistory, type PgHistory } from '../store/postgres/pg-history';
import { createPgMirror, unsentCount, type PgMirror } from '../store/postgres/pg-mirror';
import { noteUnsent } from '../store/shared-outbox';
import { qualifiedId } from '../contract';
import { useTimeZone } from '../store/postgres/pg-time-zone';
import { localAttempt, localCallRecord, localIvrStep } from '../live/pbx-qualify';
import type { ImportedBatch } from '../store/import';

export interface HistorySink {
  /** A finished call (a vendor record of a queue call brings its queue pass, store/call-store.ts). */
  recordCall(record: CallRecord): void;
  /** A queue pass as it changes (AMI: joined, connected, ended). */
  recordAttempt(attempt: QueueAttempt): void;
  recordIvrStep(step: IvrStep): void;
  recordWrapup(ended: WrapupEnded): void;
  /** Passes the ledger holds open (a restart found them waiting or talking). */
  openAttempts(): QueueAttempt[];
  /** Today's figures of every queue, from the ledger. */
  readonly days: DayLedger;
}

/**
 * The cache's writers for derived history: finished calls, queue passes and IVR
 * steps (group commit), agent state intervals from the live model, wrap-ups, and
 * the day ledger that follows every committed queue pass. The raw events are
 * already stored by then, so a failed write is logged, not fatal; a full or
 * read-only disk also becomes a notice on every console, taken down by the next
 * write that succeeds (space freed, disk remounted).
 */
export function startHistory(db: Db, model: LiveModel, timeZone: string, log: Logger, lifetime: Lifetime, mirror?: PgMirror): HistorySink {
  const { store } = historyStores(db);
  // The zone reports and "today" count in is the configured one: a changed --time-zone regroups the cache once.
  if (store.timeZone !== timeZone) {
    log.info(`regrouping the call history from ${store.timeZone} to ${timeZone}`);
    store.setTimeZone(timeZone);
  }
  const queueCalls = store.queueCalls;
  const days = new DayLedger({ model, timeZone, rules: () => statsRulesBook(db) });
  const today = Math.floor(localHourOf(model.now(), timeZone) / 24) * 24;
  days.restore(queueCalls.hourTallies(today, today + 24), queueCalls.openAttempts());
  const writer = createCallWriter(store);
  lifetime.defer(store.onLedgerChanges((changes) => days.apply(changes)));
  lifetime.defer(() => writer.close());
  lifetime.defer(recordAgentIntervals(model, store));
  lifetime.defer(model.subscribe((update) => {
    if (update.kind === 'queue') days.ensureQueue(update.queue.name);
    else if (update.kind === 'reset') for (const queue of update.snapshot.queues) days.ensureQueue(queue.name);
  }));
  const tick = setInterval(() => days.tick(model.now()), 1000);
  tick.unref();
  lifetime.defer(() => clearInterval(tick));
  const watch = storeWriteWatch(model, db.name);
  const logFailure = (error: unknown) => {
    log.error('writing call history failed', error);
    watch.failed(error);
  };
  const clearFailure = watch.succeeded;
  return {
    days,
    recordCall: (record) => {
      void writer.writeCalls([record]).then(clearFailure, logFailure);
      mirror?.write(record);
    },
    recordAttempt: (attempt) => {
      void writer.writeAttempts([attempt]).then(clearFailure, logFailure);
      mirror?.writeAttempt(attempt);
    },
    recordIvrStep: (step) => {
      void writer.writeIvrSteps([step]).then(clearFailure, logFailure);
      mirror?.writeIvrStep(step);
    },
    recordWrapup: (ended) => {
      try {
        const changes = recordWrapup(store, ended);
        if (changes === undefined) log.warn(`wrap-up of ${ended.extension} ended for call ${ended.callId}, which is not in the cache`);
        else {
          store.publishLedgerChanges(changes);
          // The shared history counts the wrap-up as the cache does: the call's and its last pass's seconds (AHT).
          const call = store.getCall(ended.callId);
          const last = queueCalls.getAttempts(ended.callId).at(-1);
          if (call) mirror?.write(call);
          if (last) mirror?.writeAttempt(last);
        }
        clearFailure();
      } catch (error) {
        logFailure(error);
      }
    },
    openAttempts: () => queueCalls.openAttempts().map(({ attempt }) => attempt),
  };
}

/** The shared PostgreSQL history as the core holds it: the pool, one writer per PBX, and the mirror that routes to them. */
export interface SharedHistory {
  pool: PgPool;
  /** Each PBX's rows, by the name they are stored under (its connection id with several PBXs). */
  histories: ReadonlyMap<string, PgHistory>;
  mirror: PgMirror;
  /** With several PBXs the cache holds each one's ids qualified (`bj:800`); the shared history, the PBX's own. */
  isQualified: boolean;
}

/**
 * `--history postgres://…`: finished calls, queue passes and IVR steps are also upserted into a shared PostgreSQL
 * history (store/postgres/), migrated here first, under this PBX's name; start-history-sync.ts
 * brings the other consoles' rows back into the cache, which every page reads. A PostgreSQL
 * failure is logged and never stops the core. A console of several PBXs stores each PBX's calls
 * under its connection id, in the PBX's own ids: the rows a core of that one PBX started with
 * `--history-pbx <id>` writes too.
 */
export async function startHistoryMirror(config: CoreConfig, db: Db, log: Logger, lifetime: Lifetime, source: 'flags' | 'settings' = 'flags'): Promise<SharedHistory | undefined> {
  if (!config.history) return undefined;
  const where = redactUrlCredentials(config.history);
  const first = config.ami[0];
  const pbxs = config.ami.length > 1 ? config.ami.map((target) => target.id) : [config.historyPbx ?? (first ? `${first.host}:${first.port}` : 'pbx')];
  if (config.ami.length > 1 && config.historyPbx) log.warn(`--history-pbx ${config.historyPbx} is not used: with several PBXs, each is stored under its connection id`);
  let pool: PgPool | undefined;
  try {
    pool = await openPgDatabase(config.history);
    // Each PBX's rows count their hours in the configured zone: a changed --time-zone regroups them once, as the cache regroups.
    for (const pbx of pbxs) {
      const moved = await useTimeZone(pool, pbx, config.timeZone);
      if (moved) log.info(`regrouped PBX ${pbx}'s calls in the PostgreSQL history from ${moved.from} to ${config.timeZone}`);
    }
  } catch (error) {
    await pool?.end();
    const reason = `cannot open the PostgreSQL history at ${where}: ${error instanceof Error ? error.message : String(error)}`;
    // A flag is the operator's order: the start stops. A history stored in Settings must not keep the app from opening (and Settings from fixing it).
    if (source === 'flags') throw new Error(`--history: ${reason}`);
    log.warn(`the history stored in Settings is not used: ${reason}`);
    return undefined;
  }
  const open = pool;
  const histories = new Map(pbxs.map((pbx) => [pbx, createPgHistory(open, { pbx, timeZone: config.timeZone })]));
  const isQualified = config.ami.length > 1;
  const mirrorOf = (history: PgHistory) => createPgMirror(history, (error, unsent) => {
    // Noted in the cache's ids: the sync sends these calls again, as the cache then holds them, once PostgreSQL answers.
    const cacheId = (uniqueid: string) => (isQualified ? qualifiedId(history.pbx, uniqueid) : uniqueid);
    noteUnsent(db, [...unsent.calls.map((record) => record.uniqueid), ...unsent.attempts.map((attempt) => attempt.callId), ...unsent.steps.map((step) => step.uniqueid)].map(cacheId));
    log.error(`copying ${unsentCount(unsent)} calls, queue passes and IVR steps of PBX ${history.pbx} to the PostgreSQL history failed: they are sent again once it answers`, error);
  });
  const mirrors = new Map([...histories].map(([pbx, history]) => [pbx, mirrorOf(history)]));
  const mirror = mirrors.size === 1 ? (mirrors.values().next().value as PgMirror) : routeMirror(mirrors);
  lifetime.defer(async () => {
    await mirror.flush();
    await open.end();
  });
  log.info(`finished calls are also stored in the PostgreSQL history ${where} as PBX ${pbxs.join(', ')}`);
  return { pool: open, histories, mirror, isQualified };
}

/** Each record to its PBX's mirror, in the PBX's own ids; one that names no PBX (a vendor push) to the first. */
function routeMirror(mirrors: ReadonlyMap<string, PgMirror>): PgMirror {
  const [fallback] = mirrors.values() as MapIterator<PgMirror>;
  function route<T>(item: T, local: (pbx: string, item: T) => T | undefined, write: (mirror: PgMirror, item: T) => void): void {
    for (const [pbx, mirror] of mirrors) {
      const own = local(pbx, item);
      if (own) return write(mirror, own);
    }
    write(fallback as PgMirror, item);
  }
  return {
    write: (record) => route(record, localCallRecord, (mirror, own) => mirror.write(own)),
    writeAttempt: (attempt) => route(attempt, localAttempt, (mirror, own) => mirror.writeAttempt(own)),
    writeIvrStep: (step) => route(step, localIvrStep, (mirror, own) => mirror.writeIvrStep(own)),
    flush: async () => {
      await Promise.all([...mirrors.values()].map((mirror) => mirror.flush()));
    },
  };
}

/**
 * An imported batch into the shared history too, waited for: an import of millions of rows
 * goes at PostgreSQL's pace rather than past the mirror's backlog, whose oldest rows it drops.
 */
export async function mirrorImported(mirror: PgMirror, batch: ImportedBatch): Promise<void> {
  for (const attempt of batch.attempts) mirror.writeAttempt(attempt);
  for (const record of batch.calls) mirror.write(record);
  for (const step of batch.steps) mirror.writeIvrStep(step);
  await mirror.flush();
}
