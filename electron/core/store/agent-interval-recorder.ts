import { carriesCall, type AgentIntervalKind, type Extension, type ExtensionState, type LiveUpdate, type Queue } from '../contract';
import type { LiveModel } from '../live/model';
import type { CallStore } from './call-store';

/** Which interval an extension state means for the agent behind it. */
function activityOf(state: ExtensionState): AgentIntervalKind | undefined {
  if (state === 'ringing') return 'ring';
  if (carriesCall(state)) return 'talk';
  return undefined;
}

interface MemberMark {
  isPaused: boolean;
  reason?: string;
  /** The queue update that last listed the member (marks of members gone are the ones not stamped). */
  listedIn: number;
}

/**
 * Turns the live model's stream into agent state intervals (agent_intervals):
 * ring and talk from extension states, login per queue from membership,
 * pause (with reason) per queue from member pauses. Only transitions write, so
 * a steady model costs nothing; a reset (resync) is diffed like any update. Marks
 * are kept per queue and changed in place: a queue's update costs one look at each
 * of its own members, not every queue's, and allocates nothing when none changed.
 */
export function recordAgentIntervals(model: LiveModel, store: CallStore): () => void {
  const activities = new Map<string, AgentIntervalKind>();
  /** Queue → extension → mark. */
  const marksByQueue = new Map<string, Map<string, MemberMark>>();
  let update = 0;

  const onExtension = (extension: Extension, at: number) => {
    const previous = activities.get(extension.id);
    const next = activityOf(extension.state);
    if (previous === next) return;
    if (previous) store.closeInterval({ agent: extension.id, kind: previous, endAt: at });
    if (next) {
      store.openInterval({ agent: extension.id, kind: next, startAt: extension.stateSince || at });
      activities.set(extension.id, next);
    } else activities.delete(extension.id);
  };

  const onQueue = (queue: Queue | { name: string; members: [] }, at: number) => {
    let members = marksByQueue.get(queue.name);
    if (!members) marksByQueue.set(queue.name, (members = new Map()));
    const listedIn = ++update;
    for (const member of queue.members) {
      const mark = members.get(member.extension);
      if (!mark) store.openInterval({ agent: member.extension, queue: queue.name, kind: 'login', startAt: at });
      const wasPaused = mark?.isPaused ?? false;
      if (wasPaused && (!member.isPaused || mark?.reason !== member.pauseReason)) {
        store.closeInterval({ agent: member.extension, queue: queue.name, kind: 'pause', endAt: at });
      }
      if (member.isPaused && (!wasPaused || mark?.reason !== member.pauseReason)) {
        store.openInterval({ agent: member.extension, queue: queue.name, kind: 'pause', reason: member.pauseReason, startAt: member.pausedSince ?? at });
      }
      if (!mark) {
        members.set(member.extension, { isPaused: member.isPaused, reason: member.pauseReason, listedIn });
      } else {
        mark.isPaused = member.isPaused;
        mark.reason = member.pauseReason;
        mark.listedIn = listedIn;
      }
    }
    for (const [agent, mark] of members) {
      if (mark.listedIn === listedIn) continue;
      if (mark.isPaused) store.closeInterval({ agent, queue: queue.name, kind: 'pause', endAt: at });
      store.closeInterval({ agent, queue: queue.name, kind: 'login', endAt: at });
      members.delete(agent);
    }
    if (members.size === 0) marksByQueue.delete(queue.name);
  };

  const apply = (update: LiveUpdate) => {
    const at = model.now();
    switch (update.kind) {
      case 'extension':
        onExtension(update.extension, at);
        break;
      case 'extensionRemoved':
        onExtension({ id: update.id, state: 'unknown', statusCode: -1, stateSince: at }, at);
        break;
      case 'queue':
        onQueue(update.queue, at);
        break;
      case 'queueRemoved':
        onQueue({ name: update.name, members: [] }, at);
        break;
      case 'reset': {
        const { extensions, queues } = update.snapshot;
        const present = new Set(extensions.map((e) => e.id));
        for (const id of activities.keys()) if (!present.has(id)) onExtension({ id, state: 'unknown', statusCode: -1, stateSince: at }, at);
        for (const extension of extensions) onExtension(extension, at);
        const queueNames = new Set(queues.map((q) => q.name));
        for (const name of [...marksByQueue.keys()]) if (!queueNames.has(name)) onQueue({ name, members: [] }, at);
        for (const queue of queues) onQueue(queue, at);
        break;
      }
      default:
        break;
    }
  };
  // What a run that stopped left open: what the model shows now is continued by the reset below
  // (openInterval closes the old interval where the new one starts); the rest ended while nobody
  // watched, so it closes at the last moment that run was seen alive instead of counting on until
  // the agent next changes state.
  const leftOpen = store.intervalsLeftOpen();
  const snapshot = model.snapshot();
  apply({ kind: 'reset', snapshot });
  store.closeLeftOpen(leftOpen);
  return model.subscribe(apply);
}
