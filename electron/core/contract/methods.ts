import type { z } from 'zod';
import type { MethodSpec } from './method';
import { actionsMethods } from './methods/actions';
import { auditMethods } from './methods/audit';
import { blacklistMethods } from './methods/blacklist';
import { callbacksMethods } from './methods/callbacks';
import { historyMethods } from './methods/history';
import { liveMethods } from './methods/live';
import { recordingsMethods } from './methods/recordings';
import { settingsMethods } from './methods/settings';
import { boardsMethods } from './methods/boards';
import { waitingMethods } from './methods/waiting';
import { alertsMethods } from './methods/alerts';
import { schedulesMethods } from './methods/schedules';

/**
 * The one contract between the renderer and the core. IPC (preload) and
 * WebSocket/HTTP (headless) both carry exactly these methods; a method named
 * `<domain>.<verb>` is declared in `methods/<domain>.ts`.
 */
export const methods = {
  ...liveMethods,
  ...callbacksMethods,
  ...historyMethods,
  ...auditMethods,
  ...actionsMethods,
  ...blacklistMethods,
  ...recordingsMethods,
  ...settingsMethods,
  ...boardsMethods,
  ...waitingMethods,
  ...alertsMethods,
  ...schedulesMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Methods[M]['request']>;
export type ReplyOf<M extends MethodName> = Methods[M] extends MethodSpec<z.ZodType, infer R> ? R : never;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
