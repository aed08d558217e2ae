import type { Alert } from './alerts';
import type { QueueDay, QueueSample } from './figures';
import type { Call, Connection, Extension, Job, LiveUpdate, Notice, Queue, SharedSetting, Snapshot } from './model';

/**
 * The live model as both ends hold it: the core's LiveModel and the renderer's
 * store keep one of these and change it only through `applyLiveUpdate`, so a
 * new update kind is handled in one place. Maps keyed by id: an update costs
 * one set or delete, not a copy of a 2,000-entry list.
 */
export interface LiveState {
  /** When the last reset's snapshot was taken (0 before any). */
  at: number;
  extensions: Map<string, Extension>;
  calls: Map<string, Call>;
  queues: Map<string, Queue>;
  connections: Map<string, Connection>;
  notices: Map<string, Notice>;
  /** Keyed by queue name. */
  days: Map<string, QueueDay>;
  /** Keyed by alert id. */
  alerts: Map<string, Alert>;
}

/** The parts of the state an update can change; 'all' for a reset. */
export type LivePart = Exclude<keyof LiveState, 'at'> | 'all';

/**
 * Updates that are told, not kept (jobs, sample rounds, settings changes): the
 * state has no place for them, so whoever cares passes a handler for each.
 */
export interface LiveEvents {
  job(job: Job): void;
  samples(samples: Record<string, QueueSample>): void;
  settingsChanged(setting: SharedSetting): void;
}

export function createLiveState(snapshot?: Snapshot): LiveState {
  const state: LiveState = { at: 0, extensions: new Map(), calls: new Map(), queues: new Map(), connections: new Map(), notices: new Map(), days: new Map(), alerts: new Map() };
  if (snapshot) applyLiveUpdate(state, { kind: 'reset', snapshot });
  return state;
}

export function snapshotOf(state: LiveState, at: number): Snapshot {
  return {
    at,
    extensions: [...state.extensions.values()],
    calls: [...state.calls.values()],
    queues: [...state.queues.values()],
    connections: [...state.connections.values()],
    notices: [...state.notices.values()],
    days: [...state.days.values()],
    alerts: [...state.alerts.values()],
  };
}

type UpdateOf<K extends LiveUpdate['kind']> = Extract<LiveUpdate, { kind: K }>;

/** What each update kind means, in one place: a new kind is one entry here. */
interface KindRule<K extends LiveUpdate['kind']> {
  /** The entity the update is about: a later update with the same key supersedes it (server/live-batcher.ts). */
  key(update: UpdateOf<K>): string;
  /** Changes `state` in place and says which part changed; undefined for an event, handed to `events`. */
  apply(state: LiveState, update: UpdateOf<K>, events?: LiveEvents): LivePart | undefined;
}

const kindRules: { [K in LiveUpdate['kind']]: KindRule<K> } = {
  reset: { key: () => 'reset', apply: (state, { snapshot }) => (resetTo(state, snapshot), 'all') },
  extension: { key: ({ extension }) => `x:${extension.id}`, apply: (state, { extension }) => (state.extensions.set(extension.id, extension), 'extensions') },
  extensionRemoved: { key: ({ id }) => `x:${id}`, apply: (state, { id }) => (state.extensions.delete(id), 'extensions') },
  call: { key: ({ call }) => `c:${call.id}`, apply: (state, { call }) => (state.calls.set(call.id, call), 'calls') },
  callEnded: { key: ({ call }) => `c:${call.id}`, apply: (state, { call }) => (state.calls.delete(call.id), 'calls') },
  queue: { key: ({ queue }) => `q:${queue.name}`, apply: (state, { queue }) => (state.queues.set(queue.name, queue), 'queues') },
  queueRemoved: { key: ({ name }) => `q:${name}`, apply: (state, { name }) => (state.queues.delete(name), 'queues') },
  // Keyed apart from its queue: a whole queue later in a batch carries this member too, one earlier is superseded by it.
  queueMember: { key: ({ queue, member }) => `q:${queue}|${member.interface}`, apply: (state, update) => replaceMember(state, update) },
  queueDay: { key: ({ day }) => `d:${day.queue}`, apply: (state, { day }) => (state.days.set(day.queue, day), 'days') },
  connection: { key: ({ connection }) => `n:${connection.id}`, apply: (state, { connection }) => (state.connections.set(connection.id, connection), 'connections') },
  notice: { key: ({ notice }) => `i:${notice.id}`, apply: (state, { notice }) => (state.notices.set(notice.id, notice), 'notices') },
  noticeRemoved: { key: ({ id }) => `i:${id}`, apply: (state, { id }) => (state.notices.delete(id), 'notices') },
  // The whole list each time: the last one in a batch is all that matters.
  alerts: { key: () => 'a:', apply: (state, { alerts }) => (fill(state.alerts, alerts, (a) => a.id), 'alerts') },
  // Events: told, not kept.
  job: { key: ({ job }) => `j:${job.id}`, apply: (_state, { job }, events) => void events?.job(job) },
  // Each round carries every queue's latest sample: the last round in a batch is all that matters.
  queueSamples: { key: () => 's:', apply: (_state, { samples }, events) => void events?.samples(samples) },
  settingsChanged: { key: ({ setting }) => `g:${setting}`, apply: (_state, { setting }, events) => void events?.settingsChanged(setting) },
};

/** A new queue object, so a holder that compares queues by identity sees the change; a member not held is ignored. */
function replaceMember(state: LiveState, { queue, member }: UpdateOf<'queueMember'>): LivePart | undefined {
  const held = state.queues.get(queue);
  const index = held?.members.findIndex((m) => m.interface === member.interface) ?? -1;
  if (!held || index < 0) return undefined;
  state.queues.set(queue, { ...held, members: held.members.map((m, i) => (i === index ? member : m)) });
  return 'queues';
}

/** A kind from a newer core has no rule here: it is skipped, not fatal. */
function ruleOf(update: LiveUpdate): KindRule<LiveUpdate['kind']> | undefined {
  return (kindRules as Partial<Record<string, KindRule<LiveUpdate['kind']>>>)[update.kind];
}

/**
 * Applies one update to `state` in place (the Maps are changed, never
 * replaced, so a holder may wrap them once) and says which part changed;
 * undefined when the update is an event, handed to `events` if given.
 */
export function applyLiveUpdate(state: LiveState, update: LiveUpdate, events?: LiveEvents): LivePart | undefined {
  return ruleOf(update)?.apply(state, update as never, events);
}

/** Which entity an update is about; updates with equal keys supersede each other. */
export function liveUpdateKey(update: LiveUpdate): string {
  return ruleOf(update)?.key(update as never) ?? `?:${update.kind}`;
}

/**
 * The PBX's part (extensions, calls, queues), the notices and the alerts are replaced;
 * connections and days are the core's own and survive a resync, so a snapshot
 * that carries none keeps the ones held.
 */
function resetTo(state: LiveState, snapshot: Snapshot): void {
  fill(state.extensions, snapshot.extensions, (e) => e.id);
  fill(state.calls, snapshot.calls, (c) => c.id);
  fill(state.queues, snapshot.queues, (q) => q.name);
  fill(state.notices, snapshot.notices, (n) => n.id);
  if (snapshot.connections.length > 0) fill(state.connections, snapshot.connections, (c) => c.id);
  if (snapshot.days.length > 0) fill(state.days, snapshot.days, (d) => d.queue);
  // A snapshot from an older core carries none.
  fill(state.alerts, snapshot.alerts ?? [], (a) => a.id);
  state.at = snapshot.at;
}

function fill<T>(map: Map<string, T>, items: readonly T[], keyOf: (item: T) => string): void {
  map.clear();
  for (const item of items) map.set(keyOf(item), item);
}
