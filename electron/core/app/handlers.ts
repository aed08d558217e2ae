import type { MethodName, ParsedRequestOf, ReplyOf } from '../contract';
import type { CoreContext } from './context';

export type Handler<M extends MethodName> = (request: ParsedRequestOf<M>, context: CoreContext) => Promise<ReplyOf<M>> | ReplyOf<M>;

/** Handlers for a subset of the contract, one file per domain (see handlers/*.ts). */
export type HandlerSet<Names extends MethodName> = { [M in Names]: Handler<M> };

/** The full set: the type system makes sure no contract method lacks a handler. */
export type AllHandlers = HandlerSet<MethodName>;
