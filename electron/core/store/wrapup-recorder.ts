import type { WrapupEnded } from '../contract';
import type { CallStore } from './call-store';

/**
 * A finished wrap-up becomes the call's `wrapupSeconds` (vendor cc_cdr
 * pauseTime) and a closed `wrapup` agent interval. The call row was written at
 * hangup, before the wrap-up ended; merging through upsertCalls keeps the
 * rollups' wrap-up sums right. Returns false when the call is not cached.
 */
export function recordWrapup(store: CallStore, ended: WrapupEnded): boolean {
  store.openInterval({ agent: ended.extension, queue: ended.queue, kind: 'wrapup', uniqueid: ended.callId, startAt: ended.startedAt });
  store.closeInterval({ agent: ended.extension, queue: ended.queue, kind: 'wrapup', endAt: ended.endedAt });
  const call = store.getCall(ended.callId);
  if (!call) return false;
  store.upsertCalls([{ ...call, wrapupSeconds: ended.seconds }]);
  return true;
}
