import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from './waits';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A throwaway PostgreSQL cluster for tests and the bench: initdb into a temp folder,
// pg_ctl start on a free port with its unix socket in the same folder, stop and remove
// on `stop`. The server refuses to run as root, so as root it runs as the `postgres`
// user, which then owns the temp folder.

export interface PostgresCluster {
  /** postgres://… of the `callboard` database, over TCP on 127.0.0.1. */
  url: string;
  /** A URL for another database of the same cluster (created on first ask). */
  databaseUrl(name: string): string;
  stop(): void;
}

export type PostgresStart = { cluster: PostgresCluster } | { skip: string };

/** The folder holding initdb and pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => join(root, version, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
}

const isRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): string {
  const [command, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Starts a cluster, or says why it cannot (no initdb: skip PostgreSQL with that reason).
 * Any other failure throws: a broken install must not pass as "skipped".
 */
export async function startPostgres(): Promise<PostgresStart> {
  const bin = findPostgresBin();
  if (!bin) return { skip: 'PostgreSQL server binaries not found (no initdb under $PG_BIN or /usr/lib/postgresql/*/bin)' };
  const dir = mkdtempSync(join(tmpdir(), 'callboard-pg-'));
  if (isRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) return { skip: 'running as root and there is no `postgres` user to run the server as' };
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  let isStarted = false;
  const stop = () => {
    if (isStarted) {
      isStarted = false;
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: the folder is removed either way.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // fsync off: a throwaway cluster trades durability for speed.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    isStarted = true;
    const created = new Set<string>();
    const databaseUrl = (name: string) => {
      if (!created.has(name)) {
        run(join(bin, 'createdb'), ['-h', dir, '-p', String(port), '-U', 'postgres', name]);
        created.add(name);
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    };
    return { cluster: { url: databaseUrl('callboard'), databaseUrl, stop } };
  } catch (error) {
    stop();
    throw error;
  }
}
