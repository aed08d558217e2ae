import { defaultAlertRulesBook, type ActionResult, type AlertRulesBook, type PauseReason } from '../contract';
import type { LiveModel } from '../live/model';
import { createAlertLog, type AlertLog, type AlertLogInput } from '../store/alert-log';
import { recordAct, type AuditLog } from '../store/audit-log';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';
import { acknowledge, createAlertState, snooze, standing, step, type AlertChange } from './evaluate';
import { observe } from './observe';
import { SlWindow } from './sl-window';
import { settingKeys } from '../base/setting-keys';

export const evaluateEveryMs = 1_000;
const pruneEveryMs = 3_600_000;

export interface AlertEngineOptions {
  model: LiveModel;
  db: Db;
  audit: AuditLog;
  /** The pause reasons as Settings has them now (the watchdog's limits are per reason code). */
  pauseReasons(): readonly PauseReason[];
}

const notFound = (id: string): ActionResult<never> => ({ ok: false, error: { code: 'not_found', message: `no standing alert ${id}` } });

/**
 * The alert rules at work: every second the live model (queues, agents, today's figures)
 * is checked against the rules (observe.ts), the standing alerts are updated (evaluate.ts),
 * every raise, clear, acknowledgement and snooze is written to the alert log, and the
 * standing list goes to every screen through the live model.
 */
export class AlertEngine {
  private readonly state = createAlertState();
  private readonly window = new SlWindow();
  private readonly log: AlertLog;
  private book: AlertRulesBook;
  private lastPrune = 0;

  constructor(private readonly options: AlertEngineOptions) {
    this.log = createAlertLog(options.db);
    this.book = getSetting(options.db, settingKeys.alertRules, defaultAlertRulesBook);
  }

  rules(): AlertRulesBook {
    return this.book;
  }

  /** Stores the rules with their audit row; what no longer holds under them clears at once. */
  setRules(book: AlertRulesBook, who: string): ActionResult {
    const { db, audit, model } = this.options;
    db.transaction(() => {
      setSetting(db, settingKeys.alertRules, book);
      recordAct(audit, { at: model.now(), who, action: 'alerts.setRules', target: Object.keys(book.queues).join(',') || '*', params: { book } }, { code: 'ok' });
    })();
    this.book = book;
    this.tick(model.now(), 0);
    return { ok: true, value: undefined };
  }

  /** The rules as the cache holds them now (another console of a shared history changed them); what no longer holds clears at once. */
  reloadRules(): void {
    this.book = getSetting(this.options.db, settingKeys.alertRules, defaultAlertRulesBook);
    this.tick(this.options.model.now(), 0);
  }

  tick(now = this.options.model.now(), holdMs?: number): void {
    const { model } = this.options;
    this.window.note(model.days.values(), now);
    const holding = observe({
      now, queues: model.queues.values(), extensions: model.extensions, days: model.days, book: this.book,
      pauseReasons: this.options.pauseReasons(), serviceLevel: (day, minutes) => this.window.serviceLevel(day, minutes, now),
    });
    this.record(step(this.state, holding, now, holdMs));
    if (now - this.lastPrune >= pruneEveryMs) {
      this.log.prune(now);
      this.lastPrune = now;
    }
  }

  acknowledge(id: string, who: string): ActionResult {
    const now = this.options.model.now();
    const change = acknowledge(this.state, id, who, now);
    if (!change) return this.refused('alerts.acknowledge', id, who, {}, notFound(id));
    this.record([change], { action: 'alerts.acknowledge', params: {} });
    return { ok: true, value: undefined };
  }

  snooze(id: string, minutes: number, who: string): ActionResult<{ until: number }> {
    const now = this.options.model.now();
    const change = snooze(this.state, id, minutes, who, now);
    if (!change) return this.refused('alerts.snooze', id, who, { minutes }, notFound(id));
    this.record([change], { action: 'alerts.snooze', params: { minutes } });
    return { ok: true, value: { until: change.until as number } };
  }

  list(filter: Parameters<AlertLog['list']>[0]) {
    return this.log.list(filter);
  }

  /** Logs the changes (with the operator's audit row, in one transaction) and tells every screen. */
  private record(changes: readonly AlertChange[], audited?: { action: string; params: Record<string, unknown> }): void {
    if (changes.length === 0) return;
    const entries = changes.map(entryOf);
    const first = changes[0]!;
    this.log.append(
      entries,
      audited && {
        log: this.options.audit,
        act: { at: first.at, who: first.who ?? 'core', action: audited.action, target: first.alert.id, params: { ...audited.params, kind: first.alert.kind, queue: first.alert.queue, agent: first.alert.agent } },
      },
    );
    this.options.model.putAlerts(standing(this.state));
  }

  private refused<T>(action: string, id: string, who: string, params: Record<string, unknown>, result: ActionResult<T>): ActionResult<T> {
    if (!result.ok) recordAct(this.options.audit, { at: this.options.model.now(), who, action, target: id, params }, result);
    return result;
  }
}

function entryOf(change: AlertChange): AlertLogInput {
  const { alert } = change;
  const entry: AlertLogInput = { at: change.at, event: change.event, alertId: alert.id, kind: alert.kind, value: alert.value, threshold: alert.threshold };
  if (alert.queue !== undefined) entry.queue = alert.queue;
  if (alert.agent !== undefined) entry.agent = alert.agent;
  if (change.who !== undefined) entry.who = change.who;
  if (change.until !== undefined) entry.until = change.until;
  return entry;
}

/** Evaluates once a second until stopped. */
export function startAlertEngine(options: AlertEngineOptions, everyMs = evaluateEveryMs): { engine: AlertEngine; stop(): void } {
  const engine = new AlertEngine(options);
  const timer = setInterval(() => engine.tick(), everyMs);
  timer.unref();
  return { engine, stop: () => clearInterval(timer) };
}
