import { dialablePattern, type BlacklistEntry } from '@contract';

/** Numbers a blacklist entry can hold: the contract's dialable numbers. */
export const blacklistNumberPattern = dialablePattern;

/** Newest first; entries added outside Callboard (no addedAt) after, by number. */
export function sortBlacklist(entries: BlacklistEntry[]): BlacklistEntry[] {
  return [...entries].sort((a, b) => (b.addedAt ?? 0) - (a.addedAt ?? 0) || a.number.localeCompare(b.number, undefined, { numeric: true }));
}

/** Filter by number or note, case-insensitive (the core's own search is the same, see actions/backend matchesBlacklist). */
export function matchesQuery(entry: BlacklistEntry, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return !needle || entry.number.includes(needle) || entry.note.toLowerCase().includes(needle) || (entry.addedBy?.toLowerCase().includes(needle) ?? false);
}
