// Alerts that reach a person: per-queue rules and an agent watchdog, evaluated in the
// core (electron/core/alerts/) so every console, wallboard and TV shows the same ones.

/** queue rules: waiting, longestWait, serviceLevel, noAgent; watchdog (per agent): agentIdle, pausedTooLong. */
export const alertKinds = ['waiting', 'longestWait', 'serviceLevel', 'noAgent', 'agentIdle', 'pausedTooLong'] as const;
export type AlertKind = (typeof alertKinds)[number];

/** An alert standing now. `value` is what was seen when it was raised, in the rule's unit. */
export interface Alert {
  /** One per raise: `<kind>:<subject>:<raisedAt>`. */
  id: string;
  kind: AlertKind;
  /** The queue of a queue rule, or the queue where callers wait for an idle agent. */
  queue?: string;
  /** The agent's extension (watchdog). */
  agent?: string;
  agentName?: string;
  /** The pause reason's code (pausedTooLong). */
  pauseReason?: string;
  /** serviceLevel: the window the service level was taken over, minutes. */
  windowMinutes?: number;
  /** Callers, seconds, percent or minutes, as the rule counts. */
  value: number;
  threshold: number;
  raisedAt: number;
  acknowledgedAt?: number;
  acknowledgedBy?: string;
}

/** What the log keeps of each alert's life. */
export const alertEvents = ['raised', 'cleared', 'acknowledged', 'snoozed'] as const;
export type AlertEvent = (typeof alertEvents)[number];

export interface AlertLogEntry {
  id: number;
  at: number;
  event: AlertEvent;
  alertId: string;
  kind: AlertKind;
  queue?: string;
  agent?: string;
  value: number;
  threshold: number;
  /** Who acknowledged or snoozed. */
  who?: string;
  /** Snooze: until when (UTC ms). */
  until?: number;
}

/** One queue's rules; null = that rule is off. */
export interface QueueAlertRules {
  /** Callers waiting ≥ N. */
  waitingAtLeast: number | null;
  /** The longest waiting caller has waited ≥ S seconds. */
  longestWaitSeconds: number | null;
  /** Service level (the queue's own definition, contract/figures.ts) below X % over the last M minutes, once at least `minCalls` were counted. */
  serviceLevel: { belowPercent: number; minutes: number; minCalls: number } | null;
  /** Nobody logged in and not paused while the queue is staffed or has callers. */
  noAgent: boolean;
}

export interface AlertWatchdog {
  /** An agent available with no call for N minutes while callers wait in one of their queues; null = off. */
  idleMinutes: number | null;
  /**
   * Pause reason code → longest pause in minutes. `anyPauseReason` holds the limit of every
   * other pause, one with no reason included (the vendor API reports none); absent = no limit.
   */
  pauseLimitMinutes: Record<string, number>;
}

/** Key '*' of `queues` is not used: `defaults` holds every queue's rules, a queue listed overrides them whole. */
/** The pause limit key of "any other reason, or none". */
export const anyPauseReason = '*';

export interface AlertRulesBook {
  defaults: QueueAlertRules;
  queues: Record<string, QueueAlertRules>;
  watchdog: AlertWatchdog;
}

/** Bounds of every rule, shared by the core's schema and the Settings form. */
export const alertBounds = {
  waitingAtLeast: { min: 1, max: 1000 },
  longestWaitSeconds: { min: 5, max: 7200 },
  belowPercent: { min: 1, max: 100 },
  minutes: { min: 5, max: 240 },
  minCalls: { min: 1, max: 1000 },
  idleMinutes: { min: 1, max: 480 },
  pauseLimitMinutes: { min: 1, max: 600 },
  snoozeMinutes: { min: 1, max: 240 },
  queues: 200,
  pauseLimits: 50,
} as const;

export const defaultQueueAlertRules: QueueAlertRules = {
  waitingAtLeast: 10,
  longestWaitSeconds: 120,
  serviceLevel: { belowPercent: 60, minutes: 30, minCalls: 10 },
  noAgent: true,
};

export const defaultAlertRulesBook: AlertRulesBook = {
  defaults: defaultQueueAlertRules,
  queues: {},
  watchdog: { idleMinutes: 10, pauseLimitMinutes: { break: 15, lunch: 60, 'after-call-work': 10 } },
};

export function alertRulesOf(book: AlertRulesBook, queue: string): QueueAlertRules {
  return book.queues[queue] ?? book.defaults;
}

/** Unacknowledged alerts sound, notify and flash; acknowledged ones stay listed until they clear. */
export function isAlertLoud(alert: Alert): boolean {
  return alert.acknowledgedAt === undefined;
}
