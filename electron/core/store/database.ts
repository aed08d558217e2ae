import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rebuildQueueRollups } from './queue-call-store';

export type Db = Database.Database;

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Numbered SQL migrations (`NNN_name.sql`), in order. */
export function listMigrations(dir = migrationsDir): { version: number; name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file, sql: readFileSync(join(dir, file), 'utf8') }));
}

export interface OpenDatabaseOptions {
  upTo?: number;
  /**
   * Told when the file was not a usable database and was moved aside for a
   * fresh one (default: console.warn). The cache is rebuilt from the PBX; the
   * old file is kept for inspection.
   */
  onWarning?: (message: string, recovered: { movedTo: string; reason: string }) => void;
  /**
   * Told before each migration of a cache that had a schema already (an upgrade, not a new
   * file): some sum the whole ledger, a minute or more on a large cache, before the console opens.
   */
  onUpgrade?: (migration: { version: number; name: string }) => void;
}

/**
 * Open (or create) the cache database: WAL so readers never block the writer,
 * synchronous=NORMAL which survives a killed process (measured ≈ 75k commits/s
 * here vs ≈ 9k with FULL), foreign keys on, and every pending migration applied
 * in its own transaction with `user_version` as the schema version.
 *
 * A file that is not a database or whose schema cannot be read (SQLITE_NOTADB,
 * SQLITE_CORRUPT) is renamed `<file>.corrupt-<time>` (with its -wal/-shm) and a
 * fresh database is created, with a warning. A database that cannot be written
 * (read-only file, folder or disk) throws StoreError 'read_only' at once, rather
 * than failing on the first event.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  if (file !== ':memory:') {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw storeErrorOf(error, file) ?? error;
    }
  }
  try {
    return openChecked(file, options);
  } catch (error) {
    const storeError = storeErrorOf(error, file);
    if (storeError?.code !== 'corrupt' || file === ':memory:') throw storeError ?? error;
    const movedTo = moveAside(file);
    const message = `the database ${file} is damaged (${storeError.cause instanceof Error ? storeError.cause.message : 'corrupt'}); it was moved to ${movedTo} and a fresh one was created — history before now is in the old file`;
    (options.onWarning ?? ((text: string) => console.warn(`callboard: ${text}`)))(message, { movedTo, reason: storeError.message });
    try {
      return openChecked(file, options);
    } catch (second) {
      throw storeErrorOf(second, file) ?? second;
    }
  }
}

function openChecked(file: string, { upTo, onUpgrade }: OpenDatabaseOptions): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Reads the schema: a damaged header or schema page fails here, not on the first query.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // SQLite silently opens a write-protected file read-only; find out now.
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    migrate(db, upTo, onUpgrade);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function moveAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const movedTo = `${file}.corrupt-${stamp}`;
  renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  return movedTo;
}

export type StoreErrorCode = 'corrupt' | 'read_only' | 'disk_full' | 'cannot_open';

/** A storage failure with a code the UI can act on and a message a supervisor can read. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * Classify a better-sqlite3 / fs error (SQLite result codes: SQLITE_FULL,
 * SQLITE_READONLY*, SQLITE_CORRUPT*, SQLITE_NOTADB, SQLITE_CANTOPEN*; errno
 * ENOSPC, EROFS, EACCES); undefined for anything else (a bug, not the disk).
 */
export function storeErrorOf(error: unknown, file = 'the database'): StoreError | undefined {
  if (error instanceof StoreError) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new StoreError('disk_full', `the disk holding ${file} is full (or its size limit is reached): new events cannot be stored until space is freed`, error);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new StoreError('read_only', `${file} cannot be written (read-only file, folder or disk): fix its permissions or start with --data-dir <a writable folder>`, error);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError('corrupt', `${file} is damaged (${code})`, error);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StoreError('cannot_open', `${file} cannot be opened (missing folder or no permission): check --data-dir`, error);
  }
  return undefined;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * The schema versions opening `file` will upgrade it from and to; undefined when it is current,
 * new or unreadable (openDatabase creates it, or moves it aside and reports). Read without writing,
 * before the open that migrates: the desktop says so on screen while a large cache upgrades.
 */
export function pendingUpgrade(file: string): { from: number; to: number } | undefined {
  let from: number;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      from = schemaVersion(db);
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
  const to = Math.max(...listMigrations().map((migration) => migration.version));
  return from > 0 && from < to ? { from, to } : undefined;
}

/** Work a migration needs that SQL files cannot express (sums defined in TypeScript), run in its transaction. */
const followUps: Record<number, (db: Db) => void> = {
  6: (db) => rebuildQueueRollups(db, ['hour', 'agentDay']),
  15: (db) => rebuildQueueRollups(db, ['agentHour']),
};

function migrate(db: Db, upTo = Number.POSITIVE_INFINITY, onUpgrade?: OpenDatabaseOptions['onUpgrade']): void {
  const current = schemaVersion(db);
  for (const migration of listMigrations()) {
    if (migration.version <= current || migration.version > upTo) continue;
    if (current > 0) onUpgrade?.({ version: migration.version, name: migration.name });
    db.transaction(() => {
      db.exec(migration.sql);
      followUps[migration.version]?.(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
