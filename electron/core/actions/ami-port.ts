import type { AmiClient } from '../ami/client';
import { AmiError } from '../ami/errors';
import { header, type AmiMessage } from '../ami/message';
import type { AmiActionFields, AmiListResult } from '../ami/session';
import type { ActionResult } from '../contract/method';
import { actionFail } from './backend';

/**
 * What the AMI actions need from a connection: send an action, send a list
 * action, and see live events (OriginateResponse arrives as an event carrying
 * the Originate's ActionID, s05). AmiClient fits directly; an AmiBackend fits
 * once it forwards its client's events (see amiPortFromBackend).
 */
export interface AmiActionPort {
  isConnected(): boolean;
  action(fields: AmiActionFields): Promise<AmiMessage>;
  listAction(fields: AmiActionFields): Promise<AmiListResult>;
  /** Live events; returns an unsubscribe. */
  onEvent(listener: (message: AmiMessage) => void): () => void;
}

export function amiPortFromClient(client: AmiClient): AmiActionPort {
  return {
    isConnected: () => client.isConnected,
    action: (fields) => client.action(fields),
    listAction: (fields) => client.listAction(fields),
    onEvent: (listener) => client.subscribe({ event: listener }),
  };
}

/** The parts of live/ami-backend.ts's AmiBackend used here (structural, so either side may grow). */
export interface AmiBackendLike {
  readonly state: string;
  action(fields: AmiActionFields): Promise<AmiMessage>;
  listAction(fields: AmiActionFields): Promise<AmiListResult>;
  onEvent?(listener: (message: AmiMessage) => void): () => void;
}

/**
 * An AmiBackend as a port. Without `onEvent` on the backend, Originate cannot
 * wait for its OriginateResponse and reports success once Asterisk queued it.
 */
export function amiPortFromBackend(backend: AmiBackendLike): AmiActionPort {
  return {
    isConnected: () => backend.state === 'connected' || backend.state === 'resyncing',
    action: (fields) => backend.action(fields),
    listAction: (fields) => backend.listAction(fields),
    onEvent: (listener) => (backend.onEvent ? backend.onEvent(listener) : () => undefined),
  };
}


/** A rejected AMI action as a typed failure: lost sessions read as `disconnected`. */
export function amiFailure<T>(error: unknown): ActionResult<T> {
  if (error instanceof AmiError) {
    if (error.code === 'timeout') return actionFail('timeout', error.message);
    return actionFail('disconnected', `AMI: ${error.message}`);
  }
  return actionFail('disconnected', `AMI: ${error instanceof Error ? error.message : String(error)}`);
}

/** `Response: Error` → pbx_refused with Asterisk's own Message (e.g. "Interface not found", s04). */
export function amiAnswer(answer: AmiMessage): ActionResult {
  if (header(answer, 'response').toLowerCase() === 'error') {
    return actionFail('pbx_refused', header(answer, 'message') || 'Asterisk answered Error');
  }
  return { ok: true, value: undefined };
}
