import { methods, type Bridge, type ContractError, type MethodName, type ReplyOf, type RequestOf } from '@contract';
import { CoreLinkSignal } from './link-status';
import { WebSocketBridge, socketUrlFor } from './websocket-bridge';

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
  /** Whether this build's contract has the method; action UIs render only for methods that exist. */
  hasMethod(name: string): boolean;
  /** Whether any method of a domain (`actions`, `history`, …) exists. */
  hasDomain(domain: string): boolean;
  reconnectNow(): void;
}

/**
 * The one client of the contract: the preload bridge on the desktop (always
 * linked, full rights), else a WebSocket to the serving core.
 */
export function createCoreClient(): CoreClient {
  let bridge: Bridge;
  let link: CoreLinkSignal;
  let reconnectNow = () => {};
  if (window.callboard) {
    bridge = window.callboard;
    link = new CoreLinkSignal({ state: 'open', since: Date.now(), role: 'act' });
  } else {
    const socketBridge = new WebSocketBridge(socketUrlFor(window.location));
    bridge = socketBridge;
    link = socketBridge.link;
    reconnectNow = () => socketBridge.reconnectNow();
  }
  const names = Object.keys(methods);
  return {
    bridge,
    link,
    async call(method, params) {
      const reply = await bridge.invoke(method, params);
      if (!reply.ok) throw new ApiError(method, reply.error);
      return reply.result;
    },
    hasMethod: (name) => names.includes(name),
    hasDomain: (domain) => names.some((name) => name.startsWith(`${domain}.`)),
    reconnectNow,
  };
}
