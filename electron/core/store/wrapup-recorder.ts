import type { WrapupEnded } from '../contract';
import type { CallStore } from './call-store';
import type { AttemptChange } from './queue-call-store';
import { noteOwnWrites } from './shared-outbox';

/**
 * A finished wrap-up becomes the call's `wrapupSeconds` (vendor cc_cdr pauseTime),
 * its last queue pass's (so AHT counts it), and a closed `wrapup` agent interval.
 * The rows were written at hangup, before the wrap-up ended. Returns the ledger's
 * changes for the day ledger, or undefined when the call is not cached.
 */
export function recordWrapup(store: CallStore, ended: WrapupEnded): AttemptChange[] | undefined {
  return store.db.transaction(() => {
    store.openInterval({ agent: ended.extension, queue: ended.queue, kind: 'wrapup', uniqueid: ended.callId, startAt: ended.startedAt });
    store.closeInterval({ agent: ended.extension, queue: ended.queue, kind: 'wrapup', endAt: ended.endedAt });
    const call = store.getCall(ended.callId);
    if (!call) return undefined;
    const changes = store.upsertCalls([{ ...call, wrapupSeconds: ended.seconds }]);
    const last = store.queueCalls.getAttempts(ended.callId).at(-1);
    if (last) changes.push(...store.queueCalls.upsertAttempts([{ ...last, wrapupSeconds: ended.seconds }]));
    // The shared history counts the wrap-up as the cache does: the call's and its last pass's seconds (AHT).
    noteOwnWrites(store.db, { calls: [call] });
    return changes;
  })();
}
