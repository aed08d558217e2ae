export { LiveModel, type LiveListener } from './model';
export { AmiLiveReducer, type AmiReducerOptions, type CallFinishedListener } from './ami-reducer';
export { QueueDayCounters, localDay, emptyDayStats } from './queue-day-stats';
export { defaultDeviceRules, deviceOfChannel, extensionOfDevice, type DeviceRules } from './device-naming';
export { extensionStateFromCode, extensionStateFromDeviceState } from './extension-state';
export { summarizeQueue, type QueueSummary } from './queue-summary';
export { defaultServiceLevelSeconds } from './queue-tracker';
