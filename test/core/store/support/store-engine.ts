import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createAuditSync } from '../../../../electron/core/app/shared-audit-sync';
import { createIntervalSync } from '../../../../electron/core/app/shared-intervals-sync';
import { startSettingsSync } from '../../../../electron/core/app/shared-settings-sync';
import { DEFAULT_TIME_ZONE } from '../../../../electron/core/base/time-zone';
import { settingKeys } from '../../../../electron/core/base/setting-keys';
import type { CallRecord, IvrStep, QueueAttempt } from '../../../../electron/core/contract';
import { createCallStore, storeSharedPage } from '../../../../electron/core/store/call-store';
import type { Db } from '../../../../electron/core/store/database';
import { finishedBelow, historyIdentity, pullChanges, startOfChanges } from '../../../../electron/core/store/postgres/pg-changes';
import { openPgDatabase } from '../../../../electron/core/store/postgres/pg-database';
import { createPgHistory } from '../../../../electron/core/store/postgres/pg-history';
import { isUploaded, uploadBatch, uploadStart } from '../../../../electron/core/store/postgres/pg-upload';
import { getSetting } from '../../../../electron/core/store/settings';
import { startPostgres, type PostgresCluster } from '../../../support/postgres';
import type { tempDatabase } from './temp-db';

// The store's read suites run on two engines (vitest.config.ts runs them twice): 'sqlite', the
// cache that recorded the calls; 'postgres', the shared history: what the recording cache wrote
// is copied to a PostgreSQL history as a console copies it (pg-upload.ts, the interval and
// settings syncs), and the suite reads a second, empty cache filled only from that database
// (pg-changes.ts), as every other console of the site reads it.

export type StoreEngineName = 'sqlite' | 'postgres';
export const storeEngine: StoreEngineName = process.env.CALLBOARD_STORE_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

const PBX = 'p';
let databases = 0;

/** Call at a suite file's top: its `cacheOf` gives the cache the suite reads, on this run's engine. */
export function storeEngineSuite() {
  let cluster: PostgresCluster | undefined;
  afterAll(() => cluster?.stop());

  async function clusterOf(): Promise<PostgresCluster> {
    if (cluster) return cluster;
    const started = await startPostgres();
    // The postgres run exists only where the server binaries do (vitest.config.ts).
    if ('skip' in started) throw new Error(`the store's postgres run cannot start PostgreSQL: ${started.skip}`);
    return (cluster = started.cluster);
  }

  async function readBack(temp: ReturnType<typeof tempDatabase>, recorded: Db, observe: (db: Db) => void = () => undefined): Promise<Db> {
    let db = recorded;
    if (storeEngine === 'postgres') {
      db = temp.open(join(temp.dir, `read-${(databases += 1)}.db`));
      await fillFromPostgres((await clusterOf()).databaseUrl(`engine_${process.pid}_${databases}`), recorded, db);
    }
    observe(db);
    return db;
  }

  return {
    name: storeEngine,
    /**
     * A cache holding what `fill` writes, and what `observe` writes into the cache
     * read: a queue pass still in progress stays with the console that sees it (every console of
     * the PBX sees it live), so it is written where it is read, on both engines.
     */
    async cacheOf(temp: ReturnType<typeof tempDatabase>, fill: (db: Db) => void, observe: (db: Db) => void = () => undefined): Promise<Db> {
      const recorded = temp.open(storeEngine === 'sqlite' ? temp.file : join(temp.dir, 'recorded.db'));
      fill(recorded);
      return readBack(temp, recorded, observe);
    },
    /**
     * The cache to read what a suite wrote into `recorded` from: on sqlite `recorded` itself; on
     * postgres a new cache filled only from a new PostgreSQL history `recorded` was copied to
     * (what another console of the site reads), each call a copy of everything `recorded` holds then;
     * `observe` as cacheOf's.
     */
    readBack,
  };
}

/**
 * Copies what `recorded` holds to the PostgreSQL history at `url` as a console does (its calls,
 * passes and IVR steps, closed agent intervals, audit log, shared settings), then fills the empty cache
 * `filled` from that database alone, as another console of the same site (same zone) would.
 */
export async function fillFromPostgres(url: string, recorded: Db, filled: Db): Promise<void> {
  const pool = await openPgDatabase(url);
  try {
    const timeZone = getSetting(recorded, settingKeys.timeZone, DEFAULT_TIME_ZONE);
    const history = createPgHistory(pool, { pbx: PBX, timeZone });
    const own = { call: (record: CallRecord) => record, attempt: (attempt: QueueAttempt) => attempt, step: (step: IvrStep) => step };
    for (let progress = uploadStart(recorded); !isUploaded(progress);) progress = await uploadBatch(recorded, history, own, progress);
    const identity = await historyIdentity(pool);
    const consoleOf = (id: string) => ({ id, home: id, former: [] });
    const syncSettings = async (db: Db, id: string, below: string) => {
      const settings = startSettingsSync(pool, PBX, db, id, () => undefined, () => undefined, (message) => {
        throw new Error(message);
      });
      await settings.round(identity, below);
      settings.stop();
    };
    let below = await finishedBelow(pool);
    await createIntervalSync(pool, recorded, consoleOf('recorded'), [PBX], false).round(identity, below);
    await syncSettings(recorded, 'recorded', below);

    await createAuditSync(pool, recorded, consoleOf('recorded')).round(identity, below);

    const store = createCallStore(filled);
    store.setTimeZone(timeZone);
    below = await finishedBelow(pool);
    const apply = filled.transaction((page: Parameters<typeof storeSharedPage>[1]) => storeSharedPage(store, page));
    await pullChanges(pool, PBX, startOfChanges, below, 500, apply);
    await createIntervalSync(pool, filled, consoleOf('filled'), [PBX], false).round(identity, below);
    await createAuditSync(pool, filled, consoleOf('filled')).round(identity, below);
    await syncSettings(filled, 'filled', below);
  } finally {
    await pool.end();
  }
}
