import { defaultStatsRulesBook, type StatsRulesBook } from '../contract/figures';
import type { Db } from './database';
import { settingKeys, type SettingKey } from '../base/setting-keys';

// Key/value settings kept in the cache (004 `settings`), values as JSON; keys only from base/setting-keys.ts.

export function getSetting<T>(db: Db, key: SettingKey, fallback: T): T {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function setSetting(db: Db, key: SettingKey, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function statsRulesBook(db: Db): StatsRulesBook {
  return getSetting(db, settingKeys.statsRules, defaultStatsRulesBook);
}
