import { isMethodName, methods, type Caller, type Dispatch, type MethodName } from '../contract';
import type { CoreContext } from './context';
import type { AllHandlers, Handler } from './handlers';
import { ReadRefused } from '../store/reads';

/** The supervisor at the desktop app: its IPC calls and its app:// requests. */
export const desktopCaller: Caller = { role: 'act', who: 'desktop' };

/**
 * The one entry for every contract call, whichever transport carried it:
 * checks the method exists, the caller's role allows it, and the params match
 * the method's schema, then runs its handler. Errors become values.
 */
export function createDispatcher(handlers: AllHandlers, context: CoreContext): Dispatch {
  return async function dispatch(name, params, caller) {
    if (!isMethodName(name)) return { ok: false, error: { code: 'unknown_method', message: `Unknown method ${name}` } };
    const spec = methods[name];
    if (spec.role === 'act' && caller.role !== 'act') {
      return { ok: false, error: { code: 'forbidden', message: `${name} needs the operator role; this connection is read-only` } };
    }
    const parsed = spec.request.safeParse(params ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad_request', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ') } };
    }
    const handler = handlers[name] as Handler<MethodName>;
    try {
      const result = await handler(parsed.data as never, { ...context, caller });
      return { ok: true, result };
    } catch (error) {
      if (error instanceof ReadRefused) return { ok: false, error: { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds } };
      context.log.error(`handler ${name} failed`, error);
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
