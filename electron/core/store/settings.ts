import { defaultStatsRulesBook, type StatsRulesBook } from '../contract/figures';
import type { Db } from './database';

// Key/value settings kept in the cache (004 `settings`), values as JSON.

export const settingKeys = {
  /** IANA zone reports group in; default Asia/Shanghai (local-time.ts). */
  timeZone: 'store.timeZone',
  /** Days of raw_events to keep (maintenance.ts). */
  rawEventRetentionDays: 'store.rawEventRetentionDays',
  /** Longest closed agent interval so far, ms: bounds the interval range scans. */
  longestIntervalMs: 'store.longestIntervalMs',
  /** contract/figures.ts StatsRulesBook: service level threshold and formula, short abandons, per queue. */
  statsRules: 'stats.rules',
} as const;

export function getSetting<T>(db: Db, key: string, fallback: T): T {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function setSetting(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function statsRulesBook(db: Db): StatsRulesBook {
  return getSetting(db, settingKeys.statsRules, defaultStatsRulesBook);
}
