import type { CallRecord, IvrStep, WrapupEnded } from '../contract';
import type { LiveModel } from '../live/model';
import { recordAgentIntervals } from '../store/agent-interval-recorder';
import { createCallWriter } from '../store/call-writer';
import type { Db } from '../store/database';
import { storeWriteWatch } from '../store/notices';
import { recordWrapup } from '../store/wrapup-recorder';
import { historyStores } from './handlers/history';
import type { Lifetime } from './lifetime';
import type { Logger } from './logger';

export interface HistorySink {
  recordCall(record: CallRecord): void;
  recordIvrStep(step: IvrStep): void;
  recordWrapup(ended: WrapupEnded): void;
}

/**
 * The cache's writers for derived history: finished calls and IVR steps
 * (group commit), agent state intervals from the live model, wrap-ups. The raw
 * events are already stored by then, so a failed write is logged, not fatal;
 * a full or read-only disk also becomes a notice on every console, taken down
 * by the next write that succeeds (space freed, disk remounted).
 */
export function startHistory(db: Db, model: LiveModel, log: Logger, lifetime: Lifetime): HistorySink {
  const { store } = historyStores(db);
  const writer = createCallWriter(store);
  lifetime.defer(() => writer.close());
  lifetime.defer(recordAgentIntervals(model, store));
  const watch = storeWriteWatch(model, db.name);
  const logFailure = (error: unknown) => {
    log.error('writing call history failed', error);
    watch.failed(error);
  };
  const clearFailure = watch.succeeded;
  return {
    recordCall: (record) => void writer.writeCalls([record]).then(clearFailure, logFailure),
    recordIvrStep: (step) => void writer.writeIvrSteps([step]).then(clearFailure, logFailure),
    recordWrapup: (ended) => {
      try {
        if (!recordWrapup(store, ended)) log.warn(`wrap-up of ${ended.extension} ended for call ${ended.callId}, which is not in the cache`);
        clearFailure();
      } catch (error) {
        logFailure(error);
      }
    },
  };
}
