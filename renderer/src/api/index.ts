import { inject, type App, type InjectionKey } from 'vue';
import type { CoreClient } from './client';

export { ApiError, createCoreClient, type CoreClient } from './client';
export type { CoreLinkState, CoreLinkStatus } from './link-status';

const coreClientKey: InjectionKey<CoreClient> = Symbol('callboard.core');

export function provideCoreClient(app: App, client: CoreClient): void {
  app.provide(coreClientKey, client);
}

/** The core client, for stores (they run inside the app's injection context). */
export function useCoreClient(): CoreClient {
  const client = inject(coreClientKey);
  if (!client) throw new Error('Core client not provided: call provideCoreClient() in main.ts');
  return client;
}
