import type { z } from 'zod';

/**
 * Who may call a method: `read` is open to anyone who reaches the core (the TV on the
 * LAN: the live model and what draws it); `act` is the operator's — every change, and
 * reads of history, the blacklist and configuration (hosts, URLs, retention).
 */
export type Role = 'read' | 'act';

export interface MethodSpec<Req extends z.ZodType, Reply> {
  role: Role;
  request: Req;
  /** Phantom: carries the reply type only. */
  reply?: Reply;
}

export function method<Reply>() {
  return <Req extends z.ZodType>(role: Role, request: Req): MethodSpec<Req, Reply> => ({ role, request });
}

/** Every action's reply: a typed success, or an error a supervisor can read. */
export type ActionResult<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; error: ActionError };

export interface ActionError {
  code:
    | 'not_found'
    | 'not_in_call'
    | 'pbx_refused'
    | 'disconnected'
    | 'invalid'
    | 'forbidden'
    | 'timeout'
    | 'unsupported'
    /** It is there already (a blacklisted number added again); nothing was changed. */
    | 'exists';
  message: string;
}
