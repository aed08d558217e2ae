import type { auditMethods } from '../../contract/methods/audit';
import { recordAct, type ActOutcome } from '../../store/audit-log';
import type { CoreContext } from '../context';
import type { HandlerSet } from '../handlers';
import { historyStores } from './history';

/** Audits an operator's change made through a handler, as the caller who made it (the core itself when none). */
export function auditAct(context: CoreContext, action: string, target: string, params: unknown, outcome: ActOutcome): void {
  recordAct(historyStores(context.db).audit, { who: context.caller?.who ?? 'core', action, target, params }, outcome, (message, error) => context.log.warn(message, error));
}

// Handlers of contract/methods/audit.ts.
export const auditHandlers: HandlerSet<keyof typeof auditMethods> = {
  'audit.list': (filter, { db }) => historyStores(db).audit.list(filter),
};
