import type { PauseReason, WrapupOptions } from '../contract/methods/settings';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';
import { defaultPauseReasons, withWrapup } from './pause-reasons';
import { settingKeys } from '../base/setting-keys';

// The actions' settings in the cache's `settings` table (004), JSON values.
// Names follow api.conf where they mean the same (`pausetime`, `pop_url`).

const defaultWrapupOptions: WrapupOptions = { isEnabled: false, seconds: 30 };

/** The configured list, or the defaults; wrap-up is always present. */
export function loadPauseReasons(db: Db): PauseReason[] {
  const configured = getSetting<PauseReason[] | undefined>(db, settingKeys.pauseReasons, undefined);
  return withWrapup(Array.isArray(configured) && configured.length > 0 ? configured : defaultPauseReasons);
}

export function loadWrapupOptions(db: Db): WrapupOptions {
  return { ...defaultWrapupOptions, ...getSetting<Partial<WrapupOptions>>(db, settingKeys.wrapup, {}) };
}

export function saveWrapupOptions(db: Db, options: WrapupOptions): void {
  setSetting(db, settingKeys.wrapup, options);
}

export function loadPopUrl(db: Db): string | undefined {
  const url = getSetting<string | undefined>(db, settingKeys.popUrl, undefined);
  return typeof url === 'string' && url !== '' ? url : undefined;
}
