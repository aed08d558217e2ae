import type { auditMethods } from '../../contract/methods/audit';
import type { HandlerSet } from '../handlers';
import { historyStores } from './history';

// Handlers of contract/methods/audit.ts.
export const auditHandlers: HandlerSet<keyof typeof auditMethods> = {
  'audit.list': (filter, { db }) => historyStores(db).audit.list(filter),
};
