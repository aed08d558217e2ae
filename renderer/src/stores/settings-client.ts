import type { z } from 'zod';
import type { InvokeReply, MethodName, MethodSpec } from '@contract';
import type { settingsMethods } from '../../../electron/core/contract/methods/settings';
import { ApiError, type CoreClient } from '../api';

// The settings.* domain (contract/methods/settings.ts), typed from its own method table
// so the renderer compiles whether or not the aggregator (contract/methods.ts) lists it yet.

type SettingsMethods = typeof settingsMethods;
export type SettingsMethodName = keyof SettingsMethods;
type SettingsReply<M extends SettingsMethodName> = SettingsMethods[M] extends MethodSpec<z.ZodType, infer R> ? R : never;

export async function callSettings<M extends SettingsMethodName>(client: CoreClient, method: M, params: z.input<SettingsMethods[M]['request']>): Promise<SettingsReply<M>> {
  const reply = (await client.bridge.invoke(method as MethodName, params as never)) as InvokeReply;
  if (!reply.ok) throw new ApiError(method as MethodName, reply.error);
  return reply.result as SettingsReply<M>;
}
