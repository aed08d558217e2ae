import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { settingKeys } from '../base/setting-keys';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';

// A cache's id in shared histories names its audit entries and agent intervals there (console +
// the cache's own row id). A data dir copied to a second desktop would carry the same id, and the
// two would write different entries under the same keys: the database keeps the first, the other
// is lost, and neither console pulls the other's (they look like its own). So the cache remembers
// where it lives; found elsewhere (copied or moved), it takes a new id and keeps the old one as
// former, so the entries it sent under that id are still told apart from the original's.

export interface ConsoleIdentity {
  id: string;
  /** Host and database file the id was made for. */
  home: string;
  /** Ids this cache wrote under before it was copied or moved, oldest first. */
  former: string[];
}

/** Where a database file lives: host and real path. */
export function homeOf(db: Db): string {
  let file = db.name;
  try {
    file = realpathSync(db.name);
  } catch {
    // an in-memory or vanished file keeps its given name
  }
  return `${hostname()}:${file}`;
}

/** This cache's identity, made once; a new id when the cache is found away from its home. */
export function consoleIdentityOf(db: Db, onMoved: (from: string, identity: ConsoleIdentity) => void): ConsoleIdentity {
  const home = homeOf(db);
  // Before homes were kept, the setting held the id alone: adopt it where the cache is now.
  const stored = getSetting<ConsoleIdentity | string | undefined>(db, settingKeys.consoleId, undefined);
  let identity: ConsoleIdentity;
  if (stored === undefined) identity = { id: randomUUID(), home, former: [] };
  else if (typeof stored === 'string') identity = { id: stored, home, former: [] };
  else if (stored.home === home) return stored;
  else {
    identity = { id: randomUUID(), home, former: [...stored.former, stored.id] };
    onMoved(stored.home, identity);
  }
  setSetting(db, settingKeys.consoleId, identity);
  return identity;
}
