import { historyMethods } from '../../contract/methods/history';
import { createAuditLog, type AuditLog } from '../../store/audit-log';
import { callDetail } from '../../store/call-detail';
import { createCallStore, type CallStore } from '../../store/call-store';
import type { Db } from '../../store/database';
import { createQueueSampleStore, type QueueSampleStore } from '../../store/queue-samples';
import type { HandlerSet } from '../handlers';
import { readsOf } from '../../store/reads';

// Handlers of contract/methods/history.ts.
type HistoryHandlerSet = HandlerSet<keyof typeof historyMethods>;

interface DatabaseStores {
  store: CallStore;
  audit: AuditLog;
  samples: QueueSampleStore;
}

/** One set of stores per database: their prepared statements are built once. */
const perDatabase = new WeakMap<Db, DatabaseStores>();

export function historyStores(db: Db): DatabaseStores {
  let stores = perDatabase.get(db);
  if (!stores) perDatabase.set(db, (stores = { store: createCallStore(db), audit: createAuditLog(db), samples: createQueueSampleStore(db) }));
  return stores;
}

export const historyHandlers: HistoryHandlerSet = {
  // Searches and reports may read millions of rows: the read pool runs them off the main thread.
  'history.search': ({ filter, sort, page }, context) => readsOf(context).run(context.caller, 'history.search', { filter, page, sort }),
  // One call by its key (an index lookup): answered here.
  'history.detail': ({ uniqueid }, { db }) => callDetail(db, uniqueid) ?? null,
  'history.report': (request, context) => readsOf(context).run(context.caller, 'history.report', request),
  'history.heatmap': (request, context) => readsOf(context).run(context.caller, 'history.heatmap', request),
  'history.totals': ({ filter }, context) => readsOf(context).run(context.caller, 'history.totals', { filter }),
  // Pause reasons grouped by the configured reason they mean: the service's list, else the cache's.
  'history.agentStates': (request, context) =>
    readsOf(context).run(context.caller, 'history.agentStates', { request, reasons: context.actions.pauseReasons() }),
  'history.agentPerformance': (request, context) =>
    readsOf(context).run(context.caller, 'history.agentPerformance', {
      request,
      reasons: context.actions.pauseReasons(),
      now: context.model.now(),
    }),
  'history.distributions': (request, context) => readsOf(context).run(context.caller, 'history.distributions', request),
  'history.breakdown': (request, context) => readsOf(context).run(context.caller, 'history.breakdown', { request, now: context.model.now() }),
  'history.transfers': (request, context) => readsOf(context).run(context.caller, 'history.transfers', request),
};
