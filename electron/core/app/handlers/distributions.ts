import type { distributionMethods } from '../../contract/methods/distributions';
import type { HandlerSet } from '../handlers';
import { readsOf } from '../reads';

// Handlers of contract/methods/distributions.ts: every one a scan or a fold of the ledger, run in the read pool.
export const distributionHandlers: HandlerSet<keyof typeof distributionMethods> = {
  'history.distributions': (request, context) => readsOf(context).run(context.caller, 'history.distributions', request),
  'history.breakdown': (request, context) => readsOf(context).run(context.caller, 'history.breakdown', { request, now: context.model.now() }),
  'history.transfers': (request, context) => readsOf(context).run(context.caller, 'history.transfers', request),
  'live.slTrend': ({ queue }, context) =>
    readsOf(context).run(context.caller, 'live.slTrend', { ...(queue === undefined ? {} : { queue }), now: context.model.now() }),
};
