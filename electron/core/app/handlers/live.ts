import { agentDay } from '../../store/agent-performance';
import { dismissCallback, openCallbacks } from '../../store/callbacks';
import { sampleWindowMs } from '../../live/queue-sampler';
import { snapshotFor } from '../../server/public-view';
import type { HandlerSet } from '../handlers';
import { historyStores } from './history';

export const liveHandlers: HandlerSet<'live.snapshot' | 'live.samples' | 'live.agentDay' | 'live.callbacks' | 'live.callbacksOpen' | 'callbacks.dismiss'> = {
  'live.snapshot': (_request, { model, caller }) => snapshotFor(model.snapshot(), caller?.role ?? 'read'),
  'live.agentDay': (_request, { model, db, actions }) => agentDay(db, actions.pauseReasons(), model.now()),
  'live.samples': (_request, { model, db }) => historyStores(db).samples.since(model.now() - sampleWindowMs),
  'live.callbacks': (_request, { model, db }) => openCallbacks(db, model.now()),
  'live.callbacksOpen': (_request, { model, db }) => ({ total: openCallbacks(db, model.now(), 0).total }),
  // Needs no PBX: the list is the cache's.
  'callbacks.dismiss': ({ number }, { model, db, caller }) => {
    dismissCallback(db, historyStores(db).audit, number, caller?.who ?? 'core', model.now());
    return { ok: true, value: undefined };
  },
};
