import { settingKeys, type SettingKey } from '../base/setting-keys';

// A site setting changed at two consoles between two rounds of the shared history: each
// supervisor changed some entries (a blacklist number's note, a pause reason, a queue's
// thresholds or rules, a board), so the value sent is the database's with this console's own
// changes applied entry by entry, measured against the value both last agreed on. An entry both
// changed takes this console's, the later send.

/** A setting as entries by id, and back. */
interface EntryCodec {
  /** The setting with no entries: the base when this console and the database never agreed on one. */
  empty: unknown;
  split(value: unknown): Map<string, unknown>;
  join(entries: ReadonlyMap<string, unknown>): unknown;
}

const byKey: EntryCodec = {
  empty: {},
  split: (value) => new Map(Object.entries(value as Record<string, unknown>)),
  join: (entries) => Object.fromEntries(entries),
};

/** A list whose items are told apart by `id`; merged, the database's order, new items last. */
const listBy = (id: string): EntryCodec => ({
  empty: [],
  split: (value) => new Map((value as Record<string, unknown>[]).map((item) => [String(item[id]), item])),
  join: (entries) => [...entries.values()],
});

/** A rules book: whole fields (`defaults`, …) and one entry per queue. */
const book = (fields: readonly string[]): EntryCodec => ({
  empty: { queues: {} },
  split(value) {
    const { queues, ...rest } = value as { queues: Record<string, unknown> };
    const entries = new Map<string, unknown>(fields.filter((field) => field in rest).map((field) => [field, rest[field as keyof typeof rest]]));
    for (const [queue, rules] of Object.entries(queues)) entries.set(`queue:${queue}`, rules);
    return entries;
  },
  join(entries) {
    const value: Record<string, unknown> = { queues: {} };
    for (const [id, entry] of entries) {
      if (id.startsWith('queue:')) (value.queues as Record<string, unknown>)[id.slice('queue:'.length)] = entry;
      else value[id] = entry;
    }
    return value;
  },
});

const codecs: Partial<Record<SettingKey, EntryCodec>> = {
  [settingKeys.blacklistNotes]: byKey,
  [settingKeys.wallboardThresholds]: byKey,
  [settingKeys.pauseReasons]: listBy('code'),
  [settingKeys.wallboardBoards]: listBy('name'),
  [settingKeys.statsRules]: book(['defaults']),
  [settingKeys.alertRules]: book(['defaults', 'watchdog']),
};

/**
 * `local` (this console's, changed from `base`; no base: every entry is this console's) applied
 * entry by entry to `remote` (the database's now). JSON texts in and out; `local` itself when the
 * key has no entries or a text does not parse.
 */
export function mergeSettingText(key: SettingKey, base: string | undefined, local: string, remote: string): string {
  const codec = codecs[key];
  if (!codec) return local;
  let entries: [Map<string, unknown>, Map<string, unknown>, Map<string, unknown>];
  try {
    entries = [codec.split(base === undefined ? codec.empty : JSON.parse(base)), codec.split(JSON.parse(local)), codec.split(JSON.parse(remote))];
  } catch {
    return local;
  }
  const [before, mine, theirs] = entries;
  const merged = new Map(theirs);
  for (const id of new Set([...before.keys(), ...mine.keys()])) {
    const entry = mine.get(id);
    if (JSON.stringify(entry) === JSON.stringify(before.get(id))) continue; // not changed here
    if (entry === undefined) merged.delete(id);
    else merged.set(id, entry);
  }
  return JSON.stringify(codec.join(merged));
}
