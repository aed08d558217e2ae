import { historyMethods } from '../../contract/methods/history';
import { createAuditLog, type AuditLog } from '../../store/audit-log';
import { loadPauseReasons } from '../../actions/action-settings';
import { agentPerformance } from '../../store/agent-performance';
import { agentStateBreakdown } from '../../store/agent-state-report';
import { historyTotals, queueHeatmap, queueReport } from '../../store/queue-reports';
import { callDetail } from '../../store/call-detail';
import { searchCalls } from '../../store/call-search';
import { createCallStore, type CallStore } from '../../store/call-store';
import type { Db } from '../../store/database';
import { createQueueSampleStore, type QueueSampleStore } from '../../store/queue-samples';
import type { HandlerSet } from '../handlers';

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
  'history.search': ({ filter, sort, page }, { db }) => searchCalls(db, filter, page, sort),
  'history.detail': ({ uniqueid }, { db }) => callDetail(db, uniqueid) ?? null,
  'history.report': (request, { db }) => queueReport(db, request),
  'history.heatmap': (request, { db }) => queueHeatmap(db, request),
  'history.totals': ({ filter }, { db }) => historyTotals(db, filter),
  // Pause reasons grouped by the configured reason they mean: the service's list, else the cache's.
  'history.agentStates': (request, { db, actions }) => agentStateBreakdown(db, request, actions?.pauseReasons() ?? loadPauseReasons(db)),
  'history.agentPerformance': (request, { db, actions, model }) => agentPerformance(db, request, actions?.pauseReasons() ?? loadPauseReasons(db), model.now()),
  'audit.list': (filter, { db }) => historyStores(db).audit.list(filter),
};
