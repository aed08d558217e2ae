import type { Alert, AlertEvent } from '../contract';
import type { Observation } from './observe';

/** A condition must stay away this long before its alert clears: a count dancing around its threshold raises once. */
export const clearAfterMs = 20_000;
/** At most this many alerts stand at once; beyond it nothing new is raised until some clear. */
export const maxAlerts = 300;

interface Track {
  alert: Alert;
  /** When its condition last stopped holding; undefined while it holds. */
  offSince?: number;
}

/** What the engine remembers between ticks: the standing alerts by rule+subject key, and the snoozes. */
export interface AlertState {
  tracks: Map<string, Track>;
  /** Rule+subject key → until (UTC ms). */
  snoozes: Map<string, number>;
}

export interface AlertChange {
  event: AlertEvent;
  alert: Alert;
  at: number;
  who?: string;
  until?: number;
}

export function createAlertState(): AlertState {
  return { tracks: new Map(), snoozes: new Map() };
}

/**
 * One evaluation: `holding` are the conditions true now (observe.ts). A condition that
 * starts holding raises an alert unless its key is snoozed; one that stops holding clears
 * its alert after `holdMs` away (0: at once, used when the rules change). Changes the
 * state and says what happened, for the log and the screens.
 */
export function step(state: AlertState, holding: readonly Observation[], now: number, holdMs = clearAfterMs): AlertChange[] {
  const changes: AlertChange[] = [];
  for (const [key, until] of state.snoozes) if (until <= now) state.snoozes.delete(key);
  const seen = new Set<string>();
  for (const observation of holding) {
    seen.add(observation.key);
    const track = state.tracks.get(observation.key);
    if (track) {
      delete track.offSince;
      continue;
    }
    if (state.snoozes.has(observation.key) || state.tracks.size >= maxAlerts) continue;
    const alert = alertOf(observation, now);
    state.tracks.set(observation.key, { alert });
    changes.push({ event: 'raised', alert, at: now });
  }
  for (const [key, track] of state.tracks) {
    if (seen.has(key)) continue;
    track.offSince ??= now;
    if (now - track.offSince >= holdMs) {
      state.tracks.delete(key);
      changes.push({ event: 'cleared', alert: track.alert, at: now });
    }
  }
  return changes;
}

/** Quiets one alert: it stays listed until its condition clears. Undefined when no such alert stands (or it was already acknowledged). */
export function acknowledge(state: AlertState, id: string, who: string, now: number): AlertChange | undefined {
  const key = keyOf(state, id);
  const track = key === undefined ? undefined : state.tracks.get(key);
  if (!track || track.alert.acknowledgedAt !== undefined) return undefined;
  track.alert = { ...track.alert, acknowledgedAt: now, acknowledgedBy: who };
  return { event: 'acknowledged', alert: track.alert, at: now, who };
}

/** Takes the alert away and keeps its rule and subject quiet until `now + minutes`; then, if it still holds, it is raised again. */
export function snooze(state: AlertState, id: string, minutes: number, who: string, now: number): AlertChange | undefined {
  const key = keyOf(state, id);
  if (key === undefined) return undefined;
  const { alert } = state.tracks.get(key) as Track;
  const until = now + minutes * 60_000;
  state.tracks.delete(key);
  state.snoozes.set(key, until);
  return { event: 'snoozed', alert, at: now, who, until };
}

/** The standing alerts, loud ones first, then newest first. */
export function standing(state: AlertState): Alert[] {
  return [...state.tracks.values()]
    .map((track) => track.alert)
    .sort((a, b) => Number(a.acknowledgedAt !== undefined) - Number(b.acknowledgedAt !== undefined) || b.raisedAt - a.raisedAt);
}

function keyOf(state: AlertState, id: string): string | undefined {
  for (const [key, track] of state.tracks) if (track.alert.id === id) return key;
  return undefined;
}

function alertOf(observation: Observation, now: number): Alert {
  const { key, ...rest } = observation;
  return { ...rest, id: `${key}:${now}`, raisedAt: now };
}
