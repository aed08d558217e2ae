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
  };
}
