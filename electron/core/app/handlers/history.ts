import { historyMethods } from '../../contract/methods/history';
import { createAuditLog, type AuditLog } from '../../store/audit-log';
import { agentStateBreakdown, callHeatmap, callReport } from '../../store/call-reports';
import { callDetail } from '../../store/call-detail';
import { searchCalls } from '../../store/call-search';
import { createCallStore, type CallStore } from '../../store/call-store';
import type { Db } from '../../store/database';
import { exportCalls, exportReport } from '../../store/export';
import { importHistory } from '../../store/import';
import type { CoreContext } from '../context';
import type { HandlerSet } from '../handlers';

// Handlers of contract/methods/history.ts.
type HistoryHandlerSet = HandlerSet<keyof typeof historyMethods>;

/** One store and audit log per database: their prepared statements are built once. */
const perDatabase = new WeakMap<Db, { store: CallStore; audit: AuditLog }>();

export function historyStores(db: Db): { store: CallStore; audit: AuditLog } {
  let stores = perDatabase.get(db);
  if (!stores) perDatabase.set(db, (stores = { store: createCallStore(db), audit: createAuditLog(db) }));
  return stores;
}

/** Runs an `act` method and records it in the audit log, ok or not. */
async function audited<T>(context: CoreContext, action: string, target: string, params: unknown, run: () => Promise<T>): Promise<T> {
  const { audit } = historyStores(context.db);
  const who = context.caller?.who ?? 'core';
  try {
    const value = await run();
    audit.append({ who, action, target, params, result: 'ok' });
    return value;
  } catch (error) {
    audit.append({ who, action, target, params, result: 'error', message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

export const historyHandlers: HistoryHandlerSet = {
  'history.search': ({ filter, sort, page }, { db }) => searchCalls(db, filter, page, sort),
  'history.detail': ({ uniqueid }, { db }) => callDetail(db, uniqueid) ?? null,
  'history.report': (request, { db }) => callReport(db, request),
  'history.heatmap': (request, { db }) => callHeatmap(db, request),
  'history.agentStates': (request, { db }) => agentStateBreakdown(db, request),
  'history.export': (request, context) =>
    audited(context, 'history.export', request.file, { kind: request.kind, format: request.format }, () => {
      const { store } = historyStores(context.db);
      const target = { file: request.file, format: request.format, headers: request.headers, columns: request.columns };
      if (request.kind === 'calls') return exportCalls(context.db, store.timeZone, request.filter, request.sort, target);
      return exportReport(callReport(context.db, request.report), target);
    }),
  'history.import': (request, context) =>
    audited(context, 'history.import', request.file, { format: request.format, table: request.table }, () => {
      const { store } = historyStores(context.db);
      let lastLogged = 0;
      return importHistory(store, request.file, {
        format: request.format,
        table: request.table,
        onProgress: ({ rowsDone, bytesDone, totalBytes }) => {
          if (Date.now() - lastLogged < 2_000) return;
          lastLogged = Date.now();
          context.log.info(`import ${request.file}: ${rowsDone} rows, ${Math.round((bytesDone / Math.max(totalBytes, 1)) * 100)} %`);
        },
      });
    }),
  'audit.list': (filter, { db }) => historyStores(db).audit.list(filter),
};
