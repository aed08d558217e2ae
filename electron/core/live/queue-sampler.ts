import { allQueuesKey, allQueuesKeyOf, countMembers, type Queue, type QueueSample } from '../contract';
import type { QueueSampleStore } from '../store/queue-samples';
import type { LiveModel } from './model';

export const sampleEveryMs = 15_000;
/** What the wallboard's chart shows. */
export const sampleWindowMs = 4 * 3_600_000;

function sampleOf(queues: readonly Queue[], at: number): QueueSample {
  const counts = countMembers(queues);
  const waiting = queues.reduce((sum, queue) => sum + queue.callers.length, 0);
  return { at, waiting, available: counts.available, onCall: counts.onCall, ringing: counts.ringing, paused: counts.paused };
}

/**
 * Samples every queue (and all together) every 15 s with the wallboard's own counting
 * (contract countMembers), keeps them in the cache and tells every screen: the TV, a
 * browser opened later and a reloaded page all draw the same last hours.
 */
export function startQueueSampler(model: LiveModel, store: QueueSampleStore, everyMs = sampleEveryMs): { stop(): void; sampleNow(): void } {
  let lastPrune = 0;
  const sampleNow = () => {
    const at = model.now();
    const queues = [...model.queues.values()];
    if (queues.length === 0) return;
    const samples: Record<string, QueueSample> = { [allQueuesKey]: sampleOf(queues, at) };
    for (const queue of queues) samples[queue.name] = sampleOf([queue], at);
    // A console of several PBXs: each PBX's queues together too, for a wallboard narrowed to one PBX.
    const pbxs = new Set(queues.flatMap((queue) => (queue.pbx === undefined ? [] : [queue.pbx])));
    for (const pbx of pbxs) samples[allQueuesKeyOf(pbx)] = sampleOf(queues.filter((queue) => queue.pbx === pbx), at);
    store.add(samples);
    model.putSamples(samples);
    if (at - lastPrune > 3_600_000) {
      store.prune(at);
      lastPrune = at;
    }
  };
  const timer = setInterval(sampleNow, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sampleNow };
}
