import type { HandlerSet } from '../handlers';

export const liveHandlers: HandlerSet<'live.snapshot'> = {
  'live.snapshot': (_request, { model }) => model.snapshot(),
};
