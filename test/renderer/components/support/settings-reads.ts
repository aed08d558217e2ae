import { defaultPauseReasons, type GatewaySettings, type StoredConnectionsView, type WrapupOptions } from '@contract';
import type { Answers } from './fake-core';

export interface StoredSettings {
  gateway?: GatewaySettings;
  connections?: StoredConnectionsView;
  wrapup?: WrapupOptions;
}

export const gatewayOff: GatewaySettings = { isEnabled: false, bindHost: '0.0.0.0', bindPort: 8000, isWebkeySet: false, mac: '', pauseTime: false, wrapupSeconds: 30 };

/** Every read the Settings page's store makes on load (settings store `load`), answered with a quiet install's values. */
export function settingsReads(stored: StoredSettings = {}): Answers {
  return {
    'settings.pauseReasons': () => defaultPauseReasons,
    'settings.wrapup': () => stored.wrapup ?? { isEnabled: true, seconds: 30 },
    'settings.retention': () => ({ rawEventDays: 30 }),
    'settings.receiverUrls': () => ({ port: 8088, urls: ['http://10.0.0.2:8088/'] }),
    'settings.gateway': () => stored.gateway ?? gatewayOff,
    'settings.connections': () => stored.connections ?? { ami: [], source: 'settings', historySource: 'settings' },
  };
}
