import { z } from 'zod';
import { settingKeys, sharedSettingKeys, type SettingKey } from '../base/setting-keys';
import { alertRulesBookSchema } from '../contract/methods/alerts';
import { boardLimits, boardSchema } from '../contract/boards';
import { pauseReasonSchema, statsRulesBookSchema, thresholdsByQueueSchema } from '../contract/methods/settings';
import type { Db } from '../store/database';
import { getSetting, getSettingText, onSettingWritten, putSettingText, setSetting } from '../store/settings';
import { createPgSettings } from '../store/postgres/pg-settings';
import { mergeSettingText } from './setting-merge';
import type { PgPool } from '../store/postgres/pg-database';

// The site's settings (base/setting-keys.ts sharedSettingKeys) kept equal on every console of a
// shared history: a change made here is sent at the next round, merged entry by entry with what
// other consoles put there since the value this one last agreed on (setting-merge.ts, bases in
// shared_setting_bases); a change made elsewhere is stored here and announced (onPulled) so the
// screens and the day figures follow it. When a console first meets the database, what it has
// is offered: the database's value, if any, wins.

/**
 * What a pulled value must be, checked as the method that sets it here checks it: a row another
 * writer of the database put there is not trusted to be well formed.
 */
const pulledShapes: Record<string, z.ZodType> = {
  [settingKeys.statsRules]: statsRulesBookSchema,
  [settingKeys.pauseReasons]: z.array(pauseReasonSchema).min(1).max(50),
  [settingKeys.wallboardThresholds]: thresholdsByQueueSchema,
  [settingKeys.wallboardBoards]: z.array(boardSchema).max(boardLimits.boards),
  [settingKeys.alertRules]: alertRulesBookSchema,
  [settingKeys.blacklistNotes]: z.record(z.string().max(64), z.object({ note: z.string().max(200), addedBy: z.string().max(200).optional(), addedAt: z.number().optional() }).strict()),
};

/** The reason a pulled value is refused, or undefined when it has the shape its setter stores. */
export function pulledSettingProblem(key: string, text: string): string | undefined {
  const shape = pulledShapes[key];
  if (!shape) return `${key} is not a shared setting`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${key}: not JSON`;
  }
  const parsed = shape.safeParse(value);
  return parsed.success ? undefined : `${key}: ${parsed.error.issues[0]?.message ?? 'not the expected shape'}`;
}

/**
 * Per database and scope: the transaction the next pull starts at, and whether this cache's values
 * were offered; and the keys changed here not sent yet, so a restart before the database answered
 * still sends them.
 */
interface SettingsMarks {
  rounds?: Record<string, { from: string; isOffered: boolean }>;
  unsent?: SettingKey[];
}

export interface SettingsSync {
  /** Sends this console's changes, then applies the others' committed below `below`. */
  round(identity: string, below: string): Promise<void>;
  stop(): void;
}

export function startSettingsSync(
  pool: PgPool, scope: string, db: Db, consoleId: string, onPulled: (key: SettingKey) => void, onChange: () => void, warn: (message: string) => void,
): SettingsSync {
  const shared = createPgSettings(pool, scope);
  const isShared = (key: SettingKey) => sharedSettingKeys.includes(key);
  /** Changed here, not yet sent: the text as written (a rolled-back or overwritten value is not sent). */
  const pending = new Map<SettingKey, { text: string; at: number }>();
  const marks = () => getSetting<SettingsMarks>(db, settingKeys.sharedSettingsSync, {});
  const readBase = db.prepare('SELECT value FROM shared_setting_bases WHERE mark = ? AND key = ?').pluck();
  const writeBase = db.prepare('INSERT INTO shared_setting_bases (mark, key, value) VALUES (?, ?, ?) ON CONFLICT (mark, key) DO UPDATE SET value = excluded.value');
  /** What a change made here sends: merged into the database's value when another console changed it since the base. */
  const toSend = (key: SettingKey, base: string | undefined, local: string) => (current: string | undefined): string => {
    if (current === undefined || current === base || current === local) return local;
    const merged = mergeSettingText(key, base, local, current);
    const problem = pulledSettingProblem(key, merged);
    if (!problem) return merged;
    warn(`${key} changed here and at another console could not be merged (${problem}): this console's value is sent whole`);
    return local;
  };
  const saveMarks = (change: SettingsMarks) => setSetting(db, settingKeys.sharedSettingsSync, { ...marks(), ...change });
  const stopListening = onSettingWritten(db, (key, text) => {
    if (!isShared(key)) return;
    pending.set(key, { text, at: Date.now() });
    // In the writer's transaction: a rolled-back change is not noted either.
    saveMarks({ unsent: [...new Set([...(marks().unsent ?? []), key])] });
    onChange();
  });

  return {
    async round(identity, below) {
      const markKey = `${identity}/${scope}`;
      const mark = marks().rounds?.[markKey] ?? { from: '0', isOffered: false };
      for (const key of marks().unsent ?? []) {
        const text = getSettingText(db, key);
        if (!pending.has(key) && text !== undefined) pending.set(key, { text, at: Date.now() });
      }
      if (!mark.isOffered) {
        for (const key of sharedSettingKeys) {
          const text = getSettingText(db, key);
          if (text !== undefined) await shared.offer(key, text, Date.now(), consoleId);
        }
      }
      for (const [key, change] of [...pending]) {
        // Sent only if the cache still holds it: a write whose transaction rolled back, or a later one, is not this.
        if (getSettingText(db, key) === change.text) {
          const sent = await shared.putFrom(key, change.at, consoleId, toSend(key, readBase.get(markKey, key) as string | undefined, change.text));
          // A change made here while it was sent was made on change.text: that stays its base.
          if (sent !== change.text && getSettingText(db, key) === change.text) {
            putSettingText(db, key, sent);
            onPulled(key);
          }
          writeBase.run(markKey, key, getSettingText(db, key) === sent ? sent : change.text);
        }
        if (pending.get(key) === change) {
          pending.delete(key);
          saveMarks({ unsent: (marks().unsent ?? []).filter((unsent) => unsent !== key) });
        }
      }
      for (const row of await shared.changes(mark.from, below)) {
        const key = row.key as SettingKey;
        // A change made here meanwhile is newer: it is sent next round and wins there too.
        if (!isShared(key) || pending.has(key)) continue;
        if (getSettingText(db, key) !== row.value) {
          const problem = pulledSettingProblem(key, row.value);
          if (problem) {
            warn(`a shared setting from console ${row.changedBy} was not applied: ${problem}`);
            continue;
          }
          putSettingText(db, key, row.value);
          onPulled(key);
        }
        writeBase.run(markKey, key, row.value);
      }
      saveMarks({ rounds: { ...marks().rounds, [markKey]: { from: below, isOffered: true } } });
    },
    stop: stopListening,
  };
}
