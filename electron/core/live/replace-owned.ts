import type { AmiLiveReducer } from './ami-reducer';
import type { LiveModel } from './model';

/**
 * Put a resync's result (built by `next` on the scratch model) into the shared
 * model. When `previous` (the reducer being replaced) published everything the
 * model holds, one `reset` replaces it all. When other sources share the model
 * (a second PBX, vendor pushes), only what `previous` published is replaced:
 * entries it had that the snapshot lacks are removed, the snapshot's are put.
 */
export function replaceOwned(model: LiveModel, previous: AmiLiveReducer, scratch: LiveModel): void {
  const oldExtensions = new Set(previous.extensions.extensionIds());
  const oldCalls = new Set(previous.calls.callIds());
  const oldQueues = new Set(previous.queues.queueNames());
  const isSoleSource =
    model.extensions.size === oldExtensions.size &&
    model.calls.size === oldCalls.size &&
    model.queues.size === oldQueues.size &&
    [...model.extensions.keys()].every((id) => oldExtensions.has(id)) &&
    [...model.calls.keys()].every((id) => oldCalls.has(id)) &&
    [...model.queues.keys()].every((name) => oldQueues.has(name));
  if (isSoleSource) {
    model.reset({ extensions: [...scratch.extensions.values()], calls: [...scratch.calls.values()], queues: [...scratch.queues.values()] });
    return;
  }
  const now = model.now();
  for (const id of oldExtensions) if (!scratch.extensions.has(id)) model.removeExtension(id);
  for (const id of oldCalls) if (!scratch.calls.has(id)) model.endCall(id, now);
  for (const name of oldQueues) if (!scratch.queues.has(name)) model.removeQueue(name);
  for (const extension of scratch.extensions.values()) model.putExtension(extension);
  for (const call of scratch.calls.values()) model.putCall(call);
  for (const queue of scratch.queues.values()) model.putQueue(queue);
}
