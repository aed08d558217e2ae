import type { AllHandlers } from '../handlers';
import { actionsHandlers } from './actions';
import { auditHandlers } from './audit';
import { blacklistHandlers } from './blacklist';
import { callbacksHandlers } from './callbacks';
import { historyHandlers } from './history';
import { liveHandlers } from './live';
import { recordingsHandlers } from './recordings';
import { settingsHandlers } from './settings';
import { boardsHandlers } from './boards';
import { waitingHandlers } from './waiting';
import { alertsHandlers } from './alerts';
import { schedulesHandlers } from './schedules';

/** Every contract method's handler, one file per domain as in contract/methods/; the type says none is missing. */
export const allHandlers: AllHandlers = {
  ...liveHandlers,
  ...callbacksHandlers,
  ...historyHandlers,
  ...auditHandlers,
  ...actionsHandlers,
  ...blacklistHandlers,
  ...recordingsHandlers,
  ...settingsHandlers,
  ...boardsHandlers,
  ...waitingHandlers,
  ...alertsHandlers,
  ...schedulesHandlers,
};
