import type { Lifetime } from '../base/lifetime';
import type { Logger } from '../base/logger';
import { settingKeys, type SettingKey } from '../base/setting-keys';
import { localAttempt, localCallRecord, localIvrStep, qualifyAttempt, qualifyCallRecord, qualifyIvrStep } from '../live/pbx-qualify';
import type { Db } from '../store/database';
import { getSetting, setSetting } from '../store/settings';
import { finishedBelow, historyIdentity, pullChanges, startOfChanges, type ChangeCursors, type ChangePage } from '../store/postgres/pg-changes';
import { isUploaded, uploadBatch, uploadStart, type OwnRows, type UploadProgress } from '../store/postgres/pg-upload';
import { historyStores } from './handlers/history';
import { forgetUnsent, onNoted, readUnsent } from '../store/shared-outbox';
import { storeSharedPage } from '../store/call-store';
import type { SharedHistory } from './start-history';
import { startSettingsSync } from './shared-settings-sync';
import { createAuditSync } from './shared-audit-sync';
import { createIntervalSync } from './shared-intervals-sync';
import { consoleIdentityOf } from './console-identity';

// The shared history and the cache kept as one: what the cache held before it met the
// database is copied up once (pg-upload.ts), and the rows other consoles and cores write
// for this console's PBXs come down into the cache (pg-changes.ts), merged as the cache
// merges its own. Every page, export and wallboard reads the cache, so they show every
// core's calls with the cache's figures, and still do with the database unreachable.
// A round starts with what this console stored since the last one (the cache's outbox,
// shared-outbox.ts: noted in the transaction that stored it, so nothing acknowledged is lost
// to a crash or an outage), and also sends and pulls the site's settings
// (shared-settings-sync.ts), the audit log (shared-audit-sync.ts) and the agents' state
// intervals (shared-intervals-sync.ts). A write to the outbox starts a round at once.

export interface HistorySyncOptions {
  /** Between two pulls (default 2 s). */
  everyMs?: number;
  /** Rows per table per page (default 2,000: a page is one cache transaction of a few ms). */
  pageRows?: number;
}

export interface HistorySyncHooks {
  /** A site setting another console changed is in the cache now: tell what follows it. */
  onPulledSetting(key: SettingKey): void;
  /** Commits what the cache's writers hold (at stop, before the last send). */
  flushWrites(): Promise<void>;
}

/** Upload batches or pulled pages per PBX in one round (of 2,000 to 5,000 rows each). */
const ROUND_PAGES = 25;

/** At stop, the last send of the outbox waits at most this long (PostgreSQL may be the reason for stopping). */
const LAST_SEND_MS = 5_000;

/** Per database and PBX (`<database id>/<pbx>`): how far the cache has pulled, and its one-off upload. */
type SyncMarks = Record<string, { cursors: ChangeCursors; upload?: UploadProgress }>;

export interface HistorySync {
  /** Runs a round now (the outbox, settings, audit, intervals, then a bounded share of the upload and of the changes committed so far) and resolves when it is done. */
  syncNow(): Promise<void>;
}

export function startHistorySync(shared: SharedHistory, db: Db, log: Logger, lifetime: Lifetime, hooks: HistorySyncHooks, options: HistorySyncOptions = {}): HistorySync {
  const everyMs = options.everyMs ?? 2_000;
  const pageRows = options.pageRows ?? 2_000;
  const { store } = historyStores(db);
  const marks = () => getSetting<SyncMarks>(db, settingKeys.sharedHistorySync, {});
  const applyPage = db.transaction((key: string, page: ChangePage) => {
    const changes = storeSharedPage(store, page);
    const all = marks();
    setSetting(db, settingKeys.sharedHistorySync, { ...all, [key]: { ...all[key], cursors: page.cursors } });
    return changes;
  });
  const saveUpload = (key: string, upload: UploadProgress) => {
    const all = marks();
    setSetting(db, settingKeys.sharedHistorySync, { ...all, [key]: { cursors: all[key]?.cursors ?? startOfChanges, upload } });
  };

  // The PBX names say which consoles share a setting: the same PBXs, the same queue names.
  const scope = [...shared.histories.keys()].sort().join(',');
  const self = consoleIdentityOf(db, (home, identity) => {
    log.warn(`this cache was made at ${home}: it was copied or moved, so it writes to the shared history as a new console (${identity.id})`);
  });
  const settings = startSettingsSync(shared.pool, scope, db, self.id, hooks.onPulledSetting, () => void soon(), (message) => log.warn(message));
  const audit = createAuditSync(shared.pool, db, self);
  const intervals = createIntervalSync(shared.pool, db, self, [...shared.histories.keys()], shared.isQualified);
  let identity: string | undefined;
  let isStopped = false;
  let failing = false;

  async function syncPbx(pbx: string, below: string): Promise<void> {
    const history = shared.histories.get(pbx)!;
    const key = `${identity}/${pbx}`;
    let upload = marks()[key]?.upload;
    if (!upload) saveUpload(key, (upload = uploadStart(db)));
    // A round does a bounded share of a long upload or pull, then the next starts at once: the outbox and settings are not held up by it.
    for (let batches = 0; !isUploaded(upload) && !isStopped; batches += 1) {
      if (batches === ROUND_PAGES) {
        isWanted = true;
        return;
      }
      upload = await uploadBatch(db, history, ownRows(shared.isQualified, pbx), upload);
      saveUpload(key, upload);
      if (isUploaded(upload)) log.info(`copied the cache's earlier calls of PBX ${pbx} to the PostgreSQL history`);
    }
    if (isStopped) return;
    let pages = 0;
    await pullChanges(shared.pool, pbx, marks()[key]?.cursors ?? startOfChanges, below, pageRows, (page) => {
      store.publishLedgerChanges(applyPage(key, shared.isQualified ? qualifiedPage(pbx, page) : page));
      pages += 1;
      if (!page.isDone && pages >= ROUND_PAGES) isWanted = true;
    }, () => isStopped || pages >= ROUND_PAGES);
  }

  /** What this console stored since (shared-outbox.ts), sent as the cache holds it now. */
  async function sendOutbox(): Promise<void> {
    for (;;) {
      const unsent = readUnsent(db, 500);
      if (unsent.noted.length === 0) return;
      for (const [pbx, history] of shared.histories) {
        const own = ownRows(shared.isQualified, pbx);
        const calls = unsent.calls.flatMap(({ record, fieldRanks }) => {
          const mine = own.call(record);
          return mine ? [{ record: mine, fieldRanks }] : [];
        });
        await history.upsertSharedCalls(calls, unsent.attempts.flatMap((attempt) => own.attempt(attempt) ?? []));
        await history.addIvrSteps(unsent.steps.flatMap((step) => own.step(step) ?? []));
      }
      forgetUnsent(db, unsent.noted);
    }
  }

  async function round(): Promise<void> {
    identity ??= await historyIdentity(shared.pool);
    // One bound for every PBX of the round: each page below it holds committed rows only.
    const below = await finishedBelow(shared.pool);
    await sendOutbox();
    await settings.round(identity, below);
    await audit.round(identity, below);
    await intervals.round(identity, below);
    for (const pbx of shared.histories.keys()) await syncPbx(pbx, below);
  }

  /** Something noted here (a call in the outbox, a setting) goes out at once, not at the next round. */
  function soon(): void {
    if (isStopped) return;
    if (running) {
      isWanted = true;
      return;
    }
    clearTimeout(timer);
    void run();
  }

  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  /** A setting changed during a round: the next one starts right after it. */
  let isWanted = false;
  function run(): Promise<void> {
    running ??= round().then(
      () => {
        if (failing) log.info('the PostgreSQL history is reachable again: sending what waited and pulling other consoles\' calls');
        failing = false;
      },
      (error: unknown) => {
        // Logged once per outage; the next round retries from the saved cursors.
        if (!failing) log.warn(`syncing with the PostgreSQL history failed (the cache keeps serving every page and keeps what is to be sent): ${error instanceof Error ? error.message : String(error)}`);
        failing = true;
      },
    ).finally(() => {
      running = undefined;
      if (!isStopped) {
        timer = setTimeout(() => void run(), isWanted ? 0 : everyMs);
        isWanted = false;
        timer.unref();
      }
    });
    return running;
  }
  void run();
  const stopNoted = onNoted(db, soon);
  lifetime.defer(async () => {
    isStopped = true;
    stopNoted();
    settings.stop();
    clearTimeout(timer);
    // What was stored until now goes out before the pool closes; what does not make it in time stays in the outbox for the next start.
    await hooks.flushWrites();
    let timeout: NodeJS.Timeout | undefined;
    const lastSend = (running ?? Promise.resolve()).then(sendOutbox).catch(() => undefined);
    await Promise.race([lastSend, new Promise((resolve) => (timeout = setTimeout(resolve, LAST_SEND_MS)))]);
    clearTimeout(timeout);
  });
  return {
    async syncNow() {
      await running;
      clearTimeout(timer);
      await run();
    },
  };
}

function ownRows(isQualified: boolean, pbx: string): OwnRows {
  if (!isQualified) return { call: (record) => record, attempt: (attempt) => attempt, step: (step) => step };
  return {
    call: (record) => localCallRecord(pbx, record),
    attempt: (attempt) => localAttempt(pbx, attempt),
    step: (step) => localIvrStep(pbx, step),
  };
}

/** A page of the PBX's own ids, in the cache's qualified ids. */
function qualifiedPage(pbx: string, page: ChangePage): ChangePage {
  return {
    ...page,
    calls: page.calls.map(({ record, fieldRanks }) => ({ record: qualifyCallRecord(pbx, record), fieldRanks })),
    attempts: page.attempts.map((attempt) => qualifyAttempt(pbx, attempt)),
    steps: page.steps.map((step) => qualifyIvrStep(pbx, step)),
  };
}
