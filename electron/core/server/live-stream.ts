import type { LiveUpdate } from '../contract';
import type { LiveModel } from '../live/model';
import { LiveBatcher } from './live-batcher';

export interface LiveStreamOptions {
  send: (updates: LiveUpdate[]) => void;
  /** False while the subscriber is not reading (a slow WebSocket): batches wait and coalesce. */
  canSend?: () => boolean;
  /** What this subscriber may see of an update; undefined = not for it. Everything by default. */
  view?: (update: LiveUpdate) => LiveUpdate | undefined;
}

/**
 * One subscriber's live stream, the same for IPC and the WebSocket: a reset
 * with the current snapshot at once, then the model's updates in batches.
 * Returns the stop to call when the subscriber goes away.
 */
export function streamLive(model: LiveModel, options: LiveStreamOptions): () => void {
  const view = options.view ?? ((update: LiveUpdate) => update);
  const batcher = new LiveBatcher(options.send, undefined, options.canSend);
  const push = (update: LiveUpdate) => {
    const visible = view(update);
    if (visible) batcher.push(visible);
  };
  push({ kind: 'reset', snapshot: model.snapshot() });
  batcher.flush();
  const unsubscribe = model.subscribe(push);
  return () => {
    unsubscribe();
    batcher.stop();
  };
}
