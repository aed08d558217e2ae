import { ipcMain, type WebContents } from 'electron';
import { ipcChannels } from '../core/contract';
import type { Core } from '../core/app/core';
import { desktopCaller } from '../core/app/dispatcher';
import { LiveBatcher } from '../core/server/live-batcher';

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
    streamLive(core, event.sender);
  });
}

function streamLive(core: Core, contents: WebContents): void {
  const batcher = new LiveBatcher((updates) => {
    if (!contents.isDestroyed()) contents.send(ipcChannels.live, updates);
  });
  batcher.push({ kind: 'reset', snapshot: core.model.snapshot() });
  batcher.flush();
  const unsubscribe = core.model.subscribe((update) => batcher.push(update));
  const stop = () => {
    unsubscribe();
    batcher.stop();
  };
  contents.once('destroyed', stop);
  contents.once('did-start-navigation', stop);
}
