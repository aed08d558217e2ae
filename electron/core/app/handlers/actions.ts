import type { ActionService } from '../../actions/service';
import type { ActionResult } from '../../contract/method';
import type { actionsMethods } from '../../contract/methods/actions';
import type { CoreContext } from '../context';
import type { HandlerSet } from '../handlers';

// Handlers of contract/methods/actions.ts.
type ActionsHandlerSet = HandlerSet<keyof typeof actionsMethods>;

/** Runs `run` with the core's action service, the caller as actor. */
export function withService<T>(context: CoreContext, run: (service: ActionService, actor: { who: string }) => Promise<ActionResult<T>> | ActionResult<T>) {
  return run(context.actions, { who: context.caller?.who ?? 'core' });
}

export const actionsHandlers: ActionsHandlerSet = {
  'actions.pause': (request, context) => withService(context, (s, actor) => s.pause(request, actor)),
  'actions.queueLogin': (request, context) => withService(context, (s, actor) => s.queueLogin(request, actor)),
  'actions.queueLogout': (request, context) => withService(context, (s, actor) => s.queueLogout(request, actor)),
  'actions.spy': (request, context) => withService(context, (s, actor) => s.spy(request, actor)),
  'actions.spyMode': (request, context) => withService(context, (s, actor) => s.spyMode(request, actor)),
  'actions.transfer': (request, context) => withService(context, (s, actor) => s.transfer(request, actor)),
  'actions.hangup': (request, context) => withService(context, (s, actor) => s.hangup(request, actor)),
  'actions.dial': (request, context) => withService(context, (s, actor) => s.dial(request, actor)),
  'actions.endWrapup': (request, context) => withService(context, (s, actor) => s.endWrapup(request, actor)),
  'actions.wrapups': (_request, context) => context.actions.activeWrapups(),
};
