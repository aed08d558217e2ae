import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';
import { settingKeys } from '../base/setting-keys';

// Who added a blacklisted number, when, and why. The vendor box stores numbers
// only (coocenter-api.md #12–#14) and AstDB stores one value, so the author and
// time live in Callboard's cache, keyed by number (settings `actions.blacklistNotes`).

export interface BlacklistNote {
  note: string;
  /** Unknown for a number listed outside Callboard whose note was edited here. */
  addedBy?: string;
  addedAt?: number;
}

/** The entry as listed: the author and time only when Callboard knows them. */
export function withAuthor<T extends { number: string; note: string }>(entry: T, local: BlacklistNote | undefined): T & { addedBy?: string; addedAt?: number } {
  return { ...entry, ...(local?.addedBy === undefined ? {} : { addedBy: local.addedBy }), ...(local?.addedAt === undefined ? {} : { addedAt: local.addedAt }) };
}

export interface BlacklistNotes {
  get(number: string): BlacklistNote | undefined;
  set(number: string, note: BlacklistNote): void;
  delete(number: string): void;
}

/** Notes kept in the SQLite settings table (survive restarts). */
export function createSettingsBlacklistNotes(db: Db): BlacklistNotes {
  const read = (): Record<string, BlacklistNote> => getSetting<Record<string, BlacklistNote>>(db, settingKeys.blacklistNotes, {});
  return {
    get: (number) => read()[number],
    set(number, note) {
      setSetting(db, settingKeys.blacklistNotes, { ...read(), [number]: note });
    },
    delete(number) {
      const notes = read();
      if (!(number in notes)) return;
      delete notes[number];
      setSetting(db, settingKeys.blacklistNotes, notes);
    },
  };
}
