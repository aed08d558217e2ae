import { agentDay } from '../../store/agent-performance';
import { sampleWindowMs } from '../../live/queue-sampler';
import { snapshotFor } from '../../server/public-view';
import type { HandlerSet } from '../handlers';
import { historyStores } from './history';

export const liveHandlers: HandlerSet<'live.snapshot' | 'live.samples' | 'live.agentDay'> = {
  'live.snapshot': (_request, { model, caller }) => snapshotFor(model.snapshot(), caller?.role ?? 'read'),
  'live.agentDay': (_request, { model, db, actions }) => agentDay(db, actions.pauseReasons(), model.now()),
  'live.samples': (_request, { model, db }) => historyStores(db).samples.since(model.now() - sampleWindowMs),
};
