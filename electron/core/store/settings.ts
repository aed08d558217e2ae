import { defaultStatsRulesBook, type StatsRulesBook } from '../contract/figures';
import type { Db } from './database';
import { settingKeys, type SettingKey } from '../base/setting-keys';

// Key/value settings kept in the cache (004 `settings`), values as JSON; keys only from base/setting-keys.ts.

export function getSetting<T>(db: Db, key: SettingKey, fallback: T): T {
  const text = getSettingText(db, key);
  return text === undefined ? fallback : (JSON.parse(text) as T);
}

/** The stored JSON text, as it is kept. */
export function getSettingText(db: Db, key: SettingKey): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

/** Told of every setSetting on a database (the shared history copies the site's settings). */
type WriteListener = (key: SettingKey, text: string) => void;
const writeListeners = new WeakMap<Db, Set<WriteListener>>();

export function onSettingWritten(db: Db, listener: WriteListener): () => void {
  let listeners = writeListeners.get(db);
  if (!listeners) writeListeners.set(db, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setSetting(db: Db, key: SettingKey, value: unknown): void {
  const text = JSON.stringify(value);
  putSettingText(db, key, text);
  for (const listener of writeListeners.get(db) ?? []) listener(key, text);
}

/** Stores JSON text as it came (a value another console set), telling no listener. */
export function putSettingText(db: Db, key: SettingKey, text: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, text);
}

export function statsRulesBook(db: Db): StatsRulesBook {
  return getSetting(db, settingKeys.statsRules, defaultStatsRulesBook);
}
