import { agentDay } from '../../store/agent-performance';
import type { liveMethods } from '../../contract/methods/live';
import { openCallbacks } from '../../store/callbacks';
import { readsOf } from '../../store/reads';
import { sampleWindowMs } from '../../live/queue-sampler';
import { snapshotFor } from '../../server/public-view';
import type { HandlerSet } from '../handlers';
import { historyStores } from './history';

// Handlers of contract/methods/live.ts.
export const liveHandlers: HandlerSet<keyof typeof liveMethods> = {
  'live.snapshot': (_request, { model, caller }) => snapshotFor(model.snapshot(), caller?.role ?? 'read'),
  'live.agentDay': (_request, { model, db, actions }) => agentDay(db, actions.pauseReasons(), model.now()),
  'live.samples': (_request, { model, db }) => historyStores(db).samples.since(model.now() - sampleWindowMs),
  'live.callbacks': ({ pbx }, { model, db }) => openCallbacks(db, model.now(), undefined, pbx),
  'live.callbacksOpen': ({ pbx }, { model, db }) => ({ total: openCallbacks(db, model.now(), 0, pbx).total }),
  // A scan of today's stored queue calls: in the read pool, under the client's allowance.
  'live.slTrend': ({ queue, pbx }, context) => {
    // A PBX's queues as the live model knows them now; a PBX it does not know has none.
    const queues = pbx === undefined ? undefined : [...context.model.queues.values()].filter((known) => known.pbx === pbx).map((known) => known.name);
    return readsOf(context).run(context.caller, 'live.slTrend', { ...(queue === undefined ? {} : { queue }), ...(queues ? { queues } : {}), now: context.model.now() });
  },
};
