import type { blacklistMethods } from '../../contract/methods/blacklist';
import type { HandlerSet } from '../handlers';
import { withService } from './actions';

// Handlers of contract/methods/blacklist.ts: the action service picks the PBX and audits.
export const blacklistHandlers: HandlerSet<keyof typeof blacklistMethods> = {
  'blacklist.list': (request, context) => withService(context, (s) => s.blacklistList(request)),
  'blacklist.add': (request, context) => withService(context, (s, actor) => s.blacklistAdd(request, actor)),
  'blacklist.remove': (request, context) => withService(context, (s, actor) => s.blacklistRemove(request, actor)),
  'blacklist.setNote': (request, context) => withService(context, (s, actor) => s.blacklistSetNote(request, actor)),
};
