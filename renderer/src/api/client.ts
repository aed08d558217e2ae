import { type Bridge, type ContractError, type MethodName, type ReplyOf, type RequestOf } from '@contract';
import { CoreLinkSignal } from './link-status';
import { WebSocketBridge, socketUrlFor } from './websocket-bridge';
import { takeOperatorToken, withOperatorToken } from './operator-token';
import { invokeHonouringRetryAfter } from './read-retry';

/** A contract call that came back `ok: false`, thrown so callers can `try/await`. */
export class ApiError extends Error {
  constructor(
    readonly method: MethodName,
    readonly error: ContractError,
  ) {
    super(`${method}: ${error.code}: ${error.message}`);
  }
}

export interface CoreClient {
  bridge: Bridge;
  link: CoreLinkSignal;
  /** Invoke a contract method and unwrap the reply. */
  call<M extends MethodName>(method: M, params: RequestOf<M>): Promise<ReplyOf<M>>;
  reconnectNow(): void;
  /** A core URL for a plain browser fetch (<audio>, downloads), carrying the operator token when there is one. */
  resourceUrl(path: string): string;
}

/**
 * The one client of the contract: the preload bridge on the desktop (always
 * linked, full rights), else a WebSocket to the serving core.
 */
export function createCoreClient(): CoreClient {
  let bridge: Bridge;
  let link: CoreLinkSignal;
  let reconnectNow = () => {};
  let operatorToken: string | undefined;
  if (window.callboard) {
    bridge = window.callboard;
    link = new CoreLinkSignal({ state: 'open', since: Date.now(), role: 'act' });
  } else {
    operatorToken = takeOperatorToken(window.location, window.sessionStorage, window.history);
    const socketBridge = new WebSocketBridge(withOperatorToken(socketUrlFor(window.location), operatorToken));
    bridge = socketBridge;
    link = socketBridge.link;
    reconnectNow = () => socketBridge.reconnectNow();
  }
  return {
    bridge,
    link,
    async call(method, params) {
      const reply = await invokeHonouringRetryAfter(() => bridge.invoke(method, params));
      if (!reply.ok) throw new ApiError(method, reply.error);
      return reply.result;
    },
    reconnectNow,
    resourceUrl: (path) => withOperatorToken(path, operatorToken),
  };
}
