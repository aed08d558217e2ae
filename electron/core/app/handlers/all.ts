import type { AllHandlers } from '../handlers';
import { actionsHandlers } from './actions';
import { historyHandlers } from './history';
import { settingsHandlers } from './settings';
import { liveHandlers } from './live';
import { schedulesHandlers } from './schedules';

/** Every contract method's handler; adding a domain is adding its set here. */
export const allHandlers: AllHandlers = {
  ...liveHandlers,
  ...historyHandlers,
  ...actionsHandlers,
  ...settingsHandlers,
  ...schedulesHandlers,
};
