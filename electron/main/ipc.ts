import { ipcMain } from 'electron';
import { ipcChannels } from '../core/contract';
import type { Core } from '../core/app/core';
import { desktopCaller } from '../core/app/dispatcher';
import { streamLive } from '../core/server/live-stream';

/**
 * The contract over IPC: one invoke channel dispatched like the HTTP one, and
 * per-window live batches. Only frames loaded from our own bundle may call.
 */
export function registerIpc(core: Core, isTrustedUrl: (url: string) => boolean): void {
  ipcMain.handle(ipcChannels.invoke, (event, method: unknown, params: unknown) => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '')) {
      return { ok: false, error: { code: 'forbidden', message: 'untrusted frame' } };
    }
    // The dispatcher checks the name against the contract and the params with its zod schema.
    if (typeof method !== 'string' || method.length > 100) {
      return { ok: false, error: { code: 'bad_request', message: 'method must be a contract method name' } };
    }
    return core.dispatch(method, params, desktopCaller);
  });
  ipcMain.on(ipcChannels.subscribe, (event) => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '')) return;
    const contents = event.sender;
    const stop = streamLive(core.model, {
      send: (updates) => {
        if (!contents.isDestroyed()) contents.send(ipcChannels.live, updates);
      },
    });
    contents.once('destroyed', stop);
    contents.once('did-start-navigation', stop);
  });
}
