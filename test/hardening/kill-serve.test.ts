import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pushUntilKilled, startServe, type ServeProcess } from './serve-process';

const dataDir = mkdtempSync(join(tmpdir(), 'callboard-kill-serve-'));
const running: ServeProcess[] = [];
afterAll(() => {
  for (const serve of running) if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const TOTAL = 10_000;
const KILL_AFTER = 4_000;

describe('kill -9 of `callboard serve` under a 10k-event push load', () => {
  it('every push answered 200 is in SQLite after a restart, with the body it was acknowledged for', async () => {
    const serve = startServe(['--http', '127.0.0.1:0', '--receiver', '127.0.0.1:0', '--data-dir', dataDir]);
    running.push(serve);
    const port = Number(await serve.waitFor(/push receiver listening on http:\/\/127\.0\.0\.1:(\d+)\//));
    const load = await pushUntilKilled(serve, port, {
      total: TOTAL, killAfter: KILL_AFTER,
      bodyOf: (seq) => JSON.stringify({ event: 'extensionstatus', exten: String(800 + (seq % 200)), status: seq % 3, seq }),
    });
    const acked = new Map(load.acked.map(({ seq, body }) => [JSON.parse(body).id as number, seq]));
    const { failed } = load;
    expect((await serve.exited).signal).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
    // The kill landed mid-load: requests after it failed at the socket.
    expect(failed).toBeGreaterThan(0);

    // Restart on the same data dir: the core reopens the database (WAL recovery) and serves again.
    const again = startServe(['--http', '127.0.0.1:0', '--receiver', '127.0.0.1:0', '--data-dir', dataDir]);
    running.push(again);
    await again.waitFor(/ready: open (http:\/\/\S+)/);
    again.child.kill('SIGTERM');
    await again.exited;

    const db = new Database(join(dataDir, 'callboard.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT id, body FROM raw_events WHERE source = 'push'").all() as { id: number; body: string }[];
      const stored = new Map(rows.map((row) => [row.id, (JSON.parse(row.body) as { seq: number }).seq]));
      const missing = [...acked].filter(([id, seq]) => stored.get(id) !== seq);
      expect(missing).toEqual([]);
    } finally {
      db.close();
    }
  });
});
