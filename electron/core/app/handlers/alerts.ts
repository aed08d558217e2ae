import { defaultAlertRulesBook, type ActionResult } from '../../contract';
import type { AlertEngine } from '../../alerts/engine';
import type { CoreContext } from '../context';
import type { HandlerSet } from '../handlers';

const noEngine: ActionResult<never> = { ok: false, error: { code: 'unsupported', message: 'this core runs without alerts' } };

function engineOf(context: CoreContext): AlertEngine | undefined {
  return context.alerts;
}

export const alertsHandlers: HandlerSet<'alerts.rules' | 'alerts.setRules' | 'alerts.acknowledge' | 'alerts.snooze' | 'alerts.log'> = {
  'alerts.rules': (_request, context) => engineOf(context)?.rules() ?? defaultAlertRulesBook,
  'alerts.setRules': ({ book }, context) => engineOf(context)?.setRules(book, context.caller?.who ?? 'core') ?? noEngine,
  'alerts.acknowledge': ({ id }, context) => engineOf(context)?.acknowledge(id, context.caller?.who ?? 'core') ?? noEngine,
  'alerts.snooze': ({ id, minutes }, context) => engineOf(context)?.snooze(id, minutes, context.caller?.who ?? 'core') ?? noEngine,
  'alerts.log': (filter, context) => engineOf(context)?.list(filter) ?? [],
};
