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
import { useTimeZone } from '../store/postgres/pg-time-zone';

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
  /** Commits what the writers hold now. */
  flush(): Promise<void>;
}

/**
 * The cache's writers for derived history: finished calls, queue passes and IVR
 * steps (group commit), agent state intervals from the live model, wrap-ups, and
 * the day ledger that follows every committed queue pass. The raw events are
 * already stored by then, so a failed write is logged, not fatal; a full or
 * read-only disk also becomes a notice on every console, taken down by the next
 * write that succeeds (space freed, disk remounted).
 */
export function startHistory(db: Db, model: LiveModel, timeZone: string, log: Logger, lifetime: Lifetime): HistorySink {
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
    recordCall: (record) => void writer.writeCalls([record]).then(clearFailure, logFailure),
    recordAttempt: (attempt) => void writer.writeAttempts([attempt]).then(clearFailure, logFailure),
    recordIvrStep: (step) => void writer.writeIvrSteps([step]).then(clearFailure, logFailure),
    recordWrapup: (ended) => {
      try {
        const changes = recordWrapup(store, ended);
        if (changes === undefined) log.warn(`wrap-up of ${ended.extension} ended for call ${ended.callId}, which is not in the cache`);
        else store.publishLedgerChanges(changes);
        clearFailure();
      } catch (error) {
        logFailure(error);
      }
    },
    openAttempts: () => queueCalls.openAttempts().map(({ attempt }) => attempt),
    flush: () => writer.flush(),
  };
}

/** The shared PostgreSQL history as the core holds it: the pool and each PBX's rows. */
export interface SharedHistory {
  pool: PgPool;
  /** Each PBX's rows, by the name they are stored under (its connection id with several PBXs). */
  histories: ReadonlyMap<string, PgHistory>;
  /** With several PBXs the cache holds each one's ids qualified (`bj:800`); the shared history, the PBX's own. */
  isQualified: boolean;
}

/**
 * `--history postgres://…`: the shared PostgreSQL history (store/postgres/), migrated here first.
 * What this console records is noted in the cache's outbox as it is stored (store/shared-outbox.ts)
 * and start-history-sync.ts sends it, then brings the other consoles' rows into the cache, which
 * every page reads. A PostgreSQL failure later is logged and never stops the core. A console of
 * several PBXs stores each PBX's calls under its connection id, in the PBX's own ids: the rows a
 * core of that one PBX started with `--history-pbx <id>` writes too.
 */
export async function openSharedHistory(config: CoreConfig, log: Logger, lifetime: Lifetime, source: 'flags' | 'settings' = 'flags'): Promise<SharedHistory | undefined> {
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
  lifetime.defer(() => open.end());
  log.info(`calls are shared through the PostgreSQL history ${where} as PBX ${pbxs.join(', ')}`);
  return { pool: open, histories: new Map(pbxs.map((pbx) => [pbx, createPgHistory(open, { pbx, timeZone: config.timeZone })])), isQualified: config.ami.length > 1 };
}
