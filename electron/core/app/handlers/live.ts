import { sampleWindowMs } from '../../live/queue-sampler';
import type { HandlerSet } from '../handlers';
import { historyStores } from './history';

export const liveHandlers: HandlerSet<'live.snapshot' | 'live.samples'> = {
  'live.snapshot': (_request, { model }) => model.snapshot(),
  'live.samples': (_request, { model, db }) => historyStores(db).samples.since(model.now() - sampleWindowMs),
};
