import type { callbacksMethods } from '../../contract/methods/callbacks';
import { dismissCallback } from '../../store/callbacks';
import type { HandlerSet } from '../handlers';
import { historyStores } from './history';

// Handlers of contract/methods/callbacks.ts.
export const callbacksHandlers: HandlerSet<keyof typeof callbacksMethods> = {
  // Needs no PBX: the list is the cache's.
  'callbacks.dismiss': ({ number }, { model, db, caller }) => {
    dismissCallback(db, historyStores(db).audit, number, caller?.who ?? 'core', model.now());
    return { ok: true, value: undefined };
  },
};
