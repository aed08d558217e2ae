import { alertBounds, anyPauseReason, defaultQueueAlertRules, type AlertRulesBook, type AlertWatchdog, type QueueAlertRules } from '@contract';

/** One queue's rules as the Settings form edits them: each rule on or off, its numbers kept while off. */
export interface QueueRulesForm {
  waiting: { on: boolean; n: number };
  longestWait: { on: boolean; seconds: number };
  serviceLevel: { on: boolean; belowPercent: number; minutes: number; minCalls: number };
  noAgent: boolean;
}

export interface WatchdogForm {
  idle: { on: boolean; minutes: number };
  /** Reason code → minutes; empty = no limit. */
  pauseLimits: Record<string, number | ''>;
}

/** A field out of its bounds (or not a whole number): the form names it with its range. */
export interface RuleProblem {
  field: 'waitingAtLeast' | 'longestWaitSeconds' | 'belowPercent' | 'minutes' | 'minCalls' | 'idleMinutes' | 'pauseLimitMinutes';
  min: number;
  max: number;
  reason?: string;
}

export function toForm(rules: QueueAlertRules): QueueRulesForm {
  const sl = rules.serviceLevel ?? defaultQueueAlertRules.serviceLevel!;
  return {
    waiting: { on: rules.waitingAtLeast !== null, n: rules.waitingAtLeast ?? defaultQueueAlertRules.waitingAtLeast! },
    longestWait: { on: rules.longestWaitSeconds !== null, seconds: rules.longestWaitSeconds ?? defaultQueueAlertRules.longestWaitSeconds! },
    serviceLevel: { on: rules.serviceLevel !== null, ...sl },
    noAgent: rules.noAgent,
  };
}

export function watchdogToForm(watchdog: AlertWatchdog, reasonCodes: readonly string[]): WatchdogForm {
  return {
    idle: { on: watchdog.idleMinutes !== null, minutes: watchdog.idleMinutes ?? 10 },
    pauseLimits: Object.fromEntries([...new Set([...reasonCodes, ...Object.keys(watchdog.pauseLimitMinutes), anyPauseReason])].map((code) => [code, watchdog.pauseLimitMinutes[code] ?? ''])),
  };
}

const check = (problems: RuleProblem[], field: RuleProblem['field'], value: number, extra: Partial<RuleProblem> = {}) => {
  const bounds = alertBounds[field];
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) problems.push({ field, min: bounds.min, max: bounds.max, ...extra });
};

/** The form's rules as the core takes them, or what is out of bounds (only rules that are on are checked). */
export function fromForm(form: QueueRulesForm): { rules: QueueAlertRules } | { problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  if (form.waiting.on) check(problems, 'waitingAtLeast', form.waiting.n);
  if (form.longestWait.on) check(problems, 'longestWaitSeconds', form.longestWait.seconds);
  if (form.serviceLevel.on) {
    check(problems, 'belowPercent', form.serviceLevel.belowPercent);
    check(problems, 'minutes', form.serviceLevel.minutes);
    check(problems, 'minCalls', form.serviceLevel.minCalls);
  }
  if (problems.length > 0) return { problems };
  const { belowPercent, minutes, minCalls } = form.serviceLevel;
  return {
    rules: {
      waitingAtLeast: form.waiting.on ? form.waiting.n : null,
      longestWaitSeconds: form.longestWait.on ? form.longestWait.seconds : null,
      serviceLevel: form.serviceLevel.on ? { belowPercent, minutes, minCalls } : null,
      noAgent: form.noAgent,
    },
  };
}

export function watchdogFromForm(form: WatchdogForm): { watchdog: AlertWatchdog } | { problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  if (form.idle.on) check(problems, 'idleMinutes', form.idle.minutes);
  const pauseLimitMinutes: Record<string, number> = {};
  for (const [reason, minutes] of Object.entries(form.pauseLimits)) {
    if (minutes === '') continue;
    check(problems, 'pauseLimitMinutes', minutes, { reason });
    pauseLimitMinutes[reason] = minutes;
  }
  return problems.length > 0 ? { problems } : { watchdog: { idleMinutes: form.idle.on ? form.idle.minutes : null, pauseLimitMinutes } };
}

/** The book with `scope`'s rules replaced: '*' the defaults; a queue its own (equal to the defaults: none of its own). */
export function withScope(book: AlertRulesBook, scope: string, rules: QueueAlertRules): AlertRulesBook {
  if (scope === '*') return { ...book, defaults: rules };
  const queues = { ...book.queues };
  if (JSON.stringify(rules) === JSON.stringify(book.defaults)) delete queues[scope];
  else queues[scope] = rules;
  return { ...book, queues };
}
