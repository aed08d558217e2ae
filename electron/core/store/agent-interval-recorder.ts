import type { AgentIntervalKind, Extension, ExtensionState, LiveUpdate, Queue } from '../contract';
import type { LiveModel } from '../live/model';
import type { CallStore } from './call-store';

/** Which interval an extension state means for the agent behind it. */
function activityOf(state: ExtensionState): AgentIntervalKind | undefined {
  if (state === 'ringing') return 'ring';
  if (state === 'inuse' || state === 'busy' || state === 'onhold' || state === 'inuse_onhold' || state === 'ringinuse') return 'talk';
  return undefined;
}

interface MemberMark {
  isPaused: boolean;
  reason?: string;
}

/**
 * Turns the live model's stream into agent state intervals (agent_intervals):
 * ring and talk from extension states, login per queue from membership,
 * pause (with reason) per queue from member pauses. Only transitions write, so
 * a steady model costs nothing; a reset (resync) is diffed like any update.
 */
export function recordAgentIntervals(model: LiveModel, store: CallStore): () => void {
  const activities = new Map<string, AgentIntervalKind>();
  const members = new Map<string, MemberMark>();

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
    const seen = new Set<string>();
    for (const member of queue.members) {
      const key = `${queue.name}|${member.extension}`;
      seen.add(key);
      const mark = members.get(key);
      if (!mark) store.openInterval({ agent: member.extension, queue: queue.name, kind: 'login', startAt: at });
      const wasPaused = mark?.isPaused ?? false;
      if (wasPaused && (!member.isPaused || mark?.reason !== member.pauseReason)) {
        store.closeInterval({ agent: member.extension, queue: queue.name, kind: 'pause', endAt: at });
      }
      if (member.isPaused && (!wasPaused || mark?.reason !== member.pauseReason)) {
        store.openInterval({ agent: member.extension, queue: queue.name, kind: 'pause', reason: member.pauseReason, startAt: member.pausedSince ?? at });
      }
      members.set(key, { isPaused: member.isPaused, reason: member.pauseReason });
    }
    for (const [key, mark] of members) {
      if (!key.startsWith(`${queue.name}|`) || seen.has(key)) continue;
      const agent = key.slice(queue.name.length + 1);
      if (mark.isPaused) store.closeInterval({ agent, queue: queue.name, kind: 'pause', endAt: at });
      store.closeInterval({ agent, queue: queue.name, kind: 'login', endAt: at });
      members.delete(key);
    }
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
        for (const key of [...members.keys()]) {
          const name = key.slice(0, key.indexOf('|'));
          if (!queueNames.has(name)) onQueue({ name, members: [] }, at);
        }
        for (const queue of queues) onQueue(queue, at);
        break;
      }
      default:
        break;
    }
  };
  const snapshot = model.snapshot();
  apply({ kind: 'reset', snapshot });
  return model.subscribe(apply);
}
