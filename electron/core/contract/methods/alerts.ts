import { z } from 'zod';
import { alertBounds, alertEvents, type AlertLogEntry, type AlertRulesBook } from '../alerts';
import { method, type ActionResult } from '../method';

// Alert rules (Settings), the alert log, acknowledge and snooze. The active alerts
// themselves travel in the live model (Snapshot.alerts, `alerts` updates).

const whole = (bounds: { min: number; max: number }) => z.number().int().min(bounds.min).max(bounds.max);

const queueAlertRulesSchema = z
  .object({
    waitingAtLeast: whole(alertBounds.waitingAtLeast).nullable(),
    longestWaitSeconds: whole(alertBounds.longestWaitSeconds).nullable(),
    serviceLevel: z
      .object({ belowPercent: whole(alertBounds.belowPercent), minutes: whole(alertBounds.minutes), minCalls: whole(alertBounds.minCalls) })
      .strict()
      .nullable(),
    noAgent: z.boolean(),
  })
  .strict();

const reasonCode = z.string().trim().regex(/^(?:[A-Za-z0-9_.-]{1,64}|\*)$/, "a pause reason code, or '*' for any other");

export const alertRulesBookSchema = z
  .object({
    defaults: queueAlertRulesSchema,
    queues: z
      .record(z.string().trim().min(1).max(64).refine((name) => name !== '*', 'the defaults are not a queue'), queueAlertRulesSchema)
      .refine((queues) => Object.keys(queues).length <= alertBounds.queues, `at most ${alertBounds.queues} queues`),
    watchdog: z
      .object({
        idleMinutes: whole(alertBounds.idleMinutes).nullable(),
        pauseLimitMinutes: z
          .record(reasonCode, whole(alertBounds.pauseLimitMinutes))
          .refine((limits) => Object.keys(limits).length <= alertBounds.pauseLimits, `at most ${alertBounds.pauseLimits} pause reasons`),
      })
      .strict(),
  })
  .strict() satisfies z.ZodType<AlertRulesBook>;

const alertId = z.string().min(1).max(200);

export const alertsMethods = {
  /** The rules every queue is watched with (the Settings page: the operator's configuration). */
  'alerts.rules': method<AlertRulesBook>()('act', z.object({}).strict()),
  /** Replaces the rules (audited); alerts of rules turned off clear at once. */
  'alerts.setRules': method<ActionResult>()('act', z.object({ book: alertRulesBookSchema }).strict()),
  /** Stops the sound and the flashing of one alert; it stays listed until its condition clears (audited). */
  'alerts.acknowledge': method<ActionResult>()('act', z.object({ id: alertId }).strict()),
  /** Takes an alert away and keeps its rule and subject quiet for K minutes (audited). */
  'alerts.snooze': method<ActionResult<{ until: number }>>()(
    'act',
    z.object({ id: alertId, minutes: whole(alertBounds.snoozeMinutes) }).strict(),
  ),
  /** The alert log, newest first. */
  'alerts.log': method<AlertLogEntry[]>()(
    'act',
    z
      .object({
        limit: z.number().int().min(1).max(1000).optional(),
        beforeId: z.number().int().min(1).optional(),
        event: z.enum(alertEvents).optional(),
      })
      .strict(),
  ),
};
