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

/**
 * Applies one update to `state` in place (the Maps are changed, never
 * replaced, so a holder may wrap them once) and says which part changed;
 * undefined when the update is an event, handed to `events` if given.
 */
export function applyLiveUpdate(state: LiveState, update: LiveUpdate, events?: LiveEvents): LivePart | undefined {
  switch (update.kind) {
    case 'reset':
      resetTo(state, update.snapshot);
      return 'all';
    case 'extension':
      state.extensions.set(update.extension.id, update.extension);
      return 'extensions';
    case 'extensionRemoved':
      state.extensions.delete(update.id);
      return 'extensions';
    case 'call':
      state.calls.set(update.call.id, update.call);
      return 'calls';
    case 'callEnded':
      state.calls.delete(update.call.id);
      return 'calls';
    case 'queue':
      state.queues.set(update.queue.name, update.queue);
      return 'queues';
    case 'queueRemoved':
      state.queues.delete(update.name);
      return 'queues';
    case 'queueDay':
      state.days.set(update.day.queue, update.day);
      return 'days';
    case 'connection':
      state.connections.set(update.connection.id, update.connection);
      return 'connections';
    case 'notice':
      state.notices.set(update.notice.id, update.notice);
      return 'notices';
    case 'noticeRemoved':
      state.notices.delete(update.id);
      return 'notices';
    case 'alerts':
      fill(state.alerts, update.alerts, (a) => a.id);
      return 'alerts';
    case 'job':
      events?.job(update.job);
      return undefined;
    case 'queueSamples':
      events?.samples(update.samples);
      return undefined;
    case 'settingsChanged':
      events?.settingsChanged(update.setting);
      return undefined;
    default:
      return unhandled(update);
  }
}

/** Compile time: every kind has a case above. Run time: a kind from a newer core is skipped, not fatal. */
function unhandled(update: never): undefined {
  void update;
  return undefined;
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
