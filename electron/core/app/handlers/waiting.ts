import { actionFail, actionOk } from '../../actions/backend';
import type { WaitingCallerDetail } from '../../contract/methods/waiting';
import { waitingMethods } from '../../contract/methods/waiting';
import { PREVIOUS_CALLS_LIMIT } from '../../store/waiting-caller';
import type { HandlerSet } from '../handlers';
import { readsOf } from '../../store/reads';

// Handlers of contract/methods/waiting.ts.
type WaitingHandlerSet = HandlerSet<keyof typeof waitingMethods>;

const actorOf = (who: string | undefined) => ({ who: who ?? 'core' });

export const waitingHandlers: WaitingHandlerSet = {
  'waiting.detail': async ({ callId }, context) => {
    const call = context.model.calls.get(callId);
    if (!call || call.state === 'ended') return actionFail<WaitingCallerDetail>('not_found', `call ${callId} is not live`);
    const history = await readsOf(context).run(context.caller, 'waiting.history', { callId, callerNum: call.callerNum, now: context.model.now() });
    const blocked = context.actions.waitingActionsBlock();
    return actionOk<WaitingCallerDetail>({
      callId, callerNum: call.callerNum, ...history, previousLimit: PREVIOUS_CALLS_LIMIT, ...(blocked ? { actionsBlocked: blocked } : {}),
    });
  },
  'waiting.pickUp': (request, context) => context.actions.pickUpWaiting(request, actorOf(context.caller?.who)),
  'waiting.move': (request, context) => context.actions.moveWaiting(request, actorOf(context.caller?.who)),
};
