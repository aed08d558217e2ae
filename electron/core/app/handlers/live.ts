import { snapshotFor } from '../../server/public-view';
import type { HandlerSet } from '../handlers';

export const liveHandlers: HandlerSet<'live.snapshot'> = {
  'live.snapshot': (_request, { model, caller }) => snapshotFor(model.snapshot(), caller?.role ?? 'read'),
};
