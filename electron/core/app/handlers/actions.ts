import type { ActionService } from '../../actions/service';
import { saveWrapupOptions } from '../../actions/action-settings';
import type { ActionResult } from '../../contract/method';
import { actionsMethods, recordingUrl } from '../../contract/methods/actions';
import type { CoreContext } from '../context';
import type { HandlerSet } from '../handlers';

// Handlers of contract/methods/actions.ts.
type ActionsHandlerSet = HandlerSet<keyof typeof actionsMethods>;

/** Runs `run` with the core's action service, the caller as actor. */
function withService<T>(context: CoreContext, run: (service: ActionService, actor: { who: string }) => Promise<ActionResult<T>> | ActionResult<T>) {
  return run(context.actions, { who: context.caller?.who ?? 'core' });
}

/** MixMonitor/vendor names: no `..` segments, no NUL (the stream side re-checks against its directory). */
function isSafeRecordingName(file: string): boolean {
  return !file.includes('\0') && !file.split(/[\\/]/).includes('..');
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
  'blacklist.list': (request, context) => withService(context, (s) => s.blacklistList(request)),
  'blacklist.add': (request, context) => withService(context, (s, actor) => s.blacklistAdd(request, actor)),
  'blacklist.remove': (request, context) => withService(context, (s, actor) => s.blacklistRemove(request, actor)),
  'blacklist.setNote': (request, context) => withService(context, (s, actor) => s.blacklistSetNote(request, actor)),
  'recordings.url': ({ file }, context) =>
    withService(context, () =>
      isSafeRecordingName(file)
        ? { ok: true, value: { url: recordingUrl(file) } }
        : { ok: false, error: { code: 'invalid', message: `recording name ${JSON.stringify(file)} is not allowed` } }),
  'settings.pauseReasons': (_request, context) => context.actions.pauseReasons(),
  'settings.wrapup': (_request, context) => context.actions.wrapupOptions(),
  'settings.setWrapup': (request, context) =>
    withService(context, (s, actor) => {
      const result = s.configureWrapup(request, actor);
      if (result.ok) saveWrapupOptions(context.db, request);
      return result;
    }),
};
