import {
  alertRulesOf, anyPauseReason, countMembers, matchPauseReason, memberBucketOf,
  type Alert, type AlertKind, type AlertRulesBook, type Extension, type PauseReason, type Queue, type QueueDay, type SlSums,
} from '../contract';

/** A rule's condition holding for one subject now: what an Alert carries, before it is raised. `key` names the rule and subject: it is what a snooze silences. */
export type Observation = Pick<Alert, 'kind' | 'queue' | 'agent' | 'agentName' | 'pauseReason' | 'windowMinutes' | 'value' | 'threshold'> & { key: string };

export interface WatchInput {
  now: number;
  queues: Iterable<Queue>;
  extensions: ReadonlyMap<string, Extension>;
  days: ReadonlyMap<string, QueueDay>;
  book: AlertRulesBook;
  pauseReasons: readonly PauseReason[];
  /** The queue's service level over its last `minutes` (sl-window.ts). */
  serviceLevel(day: QueueDay, minutes: number): (SlSums & { serviceLevel: number | null }) | undefined;
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const minutes = (ms: number) => Math.floor(ms / 60_000);

/** Every rule whose condition holds now, queue rules first, then the watchdog's one per agent. */
export function observe(input: WatchInput): Observation[] {
  const found: Observation[] = [];
  const queues = [...input.queues];
  for (const queue of queues) found.push(...observeQueue(queue, input));
  found.push(...watchAgents(queues, input));
  return found;
}

function observeQueue(queue: Queue, input: WatchInput): Observation[] {
  const rules = alertRulesOf(input.book, queue.name);
  const found: Observation[] = [];
  const at = (kind: AlertKind, value: number, threshold: number, windowMinutes?: number) =>
    found.push({ key: `${kind}:${queue.name}`, kind, queue: queue.name, value, threshold, ...(windowMinutes === undefined ? {} : { windowMinutes }) });
  const waiting = queue.callers.length;
  if (rules.waitingAtLeast !== null && waiting >= rules.waitingAtLeast) at('waiting', waiting, rules.waitingAtLeast);
  if (rules.longestWaitSeconds !== null && waiting > 0) {
    const longest = seconds(input.now - Math.min(...queue.callers.map((caller) => caller.joinedAt)));
    if (longest >= rules.longestWaitSeconds) at('longestWait', longest, rules.longestWaitSeconds);
  }
  const day = input.days.get(queue.name);
  if (rules.serviceLevel && day) {
    const window = input.serviceLevel(day, rules.serviceLevel.minutes);
    if (window && window.serviceLevel !== null && window.slBase >= rules.serviceLevel.minCalls && window.serviceLevel * 100 < rules.serviceLevel.belowPercent) {
      at('serviceLevel', Math.round(window.serviceLevel * 100), rules.serviceLevel.belowPercent, rules.serviceLevel.minutes);
    }
  }
  if (rules.noAgent) {
    const counts = countMembers([queue]);
    // Logged in and not paused: available, ringing or on a call.
    const ready = counts.staffed - counts.paused;
    if (ready === 0 && (counts.staffed > 0 || waiting > 0)) at('noAgent', waiting, 0);
  }
  return found;
}

/** Idle while callers wait, and paused past the reason's limit: one of each per agent, whatever queues they sit in. */
function watchAgents(queues: readonly Queue[], input: WatchInput): Observation[] {
  const { idleMinutes, pauseLimitMinutes } = input.book.watchdog;
  const idle = new Map<string, Observation>();
  const paused = new Map<string, Observation>();
  for (const queue of queues) {
    for (const member of queue.members) {
      const agent = member.extension;
      const extension = input.extensions.get(agent);
      const agentName = extension?.name ?? member.name;
      const bucket = memberBucketOf(member);
      if (idleMinutes !== null && bucket === 'available' && queue.callers.length > 0 && !idle.has(agent)) {
        const since = Math.max(member.lastCallAt ?? 0, member.unpausedAt ?? 0, member.loggedInAt ?? 0, extension?.stateSince ?? 0);
        const idleFor = since > 0 ? minutes(input.now - since) : 0;
        if (idleFor >= idleMinutes) idle.set(agent, { key: `agentIdle:${agent}`, kind: 'agentIdle', queue: queue.name, agent, agentName, value: idleFor, threshold: idleMinutes });
      }
      if (bucket === 'paused' && member.pausedSince !== undefined && !paused.has(agent)) {
        const reason = matchPauseReason(input.pauseReasons, member.pauseReason)?.code ?? member.pauseReason ?? '';
        const limit = pauseLimitMinutes[reason] ?? pauseLimitMinutes[anyPauseReason];
        const pausedFor = minutes(input.now - member.pausedSince);
        if (limit !== undefined && pausedFor >= limit) {
          paused.set(agent, { key: `pausedTooLong:${agent}`, kind: 'pausedTooLong', agent, agentName, pauseReason: reason, value: pausedFor, threshold: limit });
        }
      }
    }
  }
  return [...idle.values(), ...paused.values()];
}
