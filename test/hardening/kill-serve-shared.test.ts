import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgDatabase, type PgPool } from '../../electron/core/store/postgres/pg-database';
import { postgresForFile } from '../support/postgres-suite';
import { pushUntilKilled, startServe, type ServeProcess } from './serve-process';

// An acknowledged call record reaches the shared history after any crash: `callboard serve --history`
// killed with SIGKILL while cc_cdr pushes pour in, then restarted on the same data dir. Each call is
// noted in the cache's outbox in the transaction that stores it (store/shared-outbox.ts), or rebuilt
// from its raw event and noted then (store/rebuild-calls.ts); the restarted core sends them all.

const { cluster, skipReason } = await postgresForFile('kill -9 with a shared history');
const dataDir = mkdtempSync(join(tmpdir(), 'callboard-kill-shared-'));
const running: ServeProcess[] = [];
let reader: PgPool | undefined;
afterAll(async () => {
  for (const serve of running) if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
  await reader?.end();
  rmSync(dataDir, { recursive: true, force: true });
});

const TOTAL = 3_000;
const KILL_AFTER = 1_200;

const callRecord = (seq: number) => JSON.stringify({
  event: 'cc_cdr', uuid: `ks.${seq}`, caller: '13800138000', called: '4008001234', queueCode: '630', agentCode: '800', callType: 'in',
  cdrState: 'bridged', startTime: `2026-11-25 10:${String(seq % 60).padStart(2, '0')}:00`, endTime: `2026-11-25 10:${String(seq % 60).padStart(2, '0')}:50`,
  duration: 50, queueTime: 5, talkingTime: 40,
});

describe.skipIf(!cluster)(`kill -9 of \`callboard serve --history\` under a call-record push load${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('every push answered 200 is a row in the shared history once the core is back', async () => {
    const url = cluster!.databaseUrl('kill_shared');
    const args = ['--http', '127.0.0.1:0', '--receiver', '127.0.0.1:0', '--data-dir', dataDir, '--history', url, '--history-pbx', 'ks'];
    const serve = startServe(args);
    running.push(serve);
    const port = Number(await serve.waitFor(/push receiver listening on http:\/\/127\.0\.0\.1:(\d+)\//));
    const load = await pushUntilKilled(serve, port, { total: TOTAL, killAfter: KILL_AFTER, bodyOf: callRecord });
    const acked = new Set(load.acked.map(({ seq }) => `ks.${seq}`));
    expect((await serve.exited).signal).toBe('SIGKILL');
    reader = await openPgDatabase(url);
    const inShared = async () => new Set((await reader!.query<{ uniqueid: string }>("SELECT uniqueid FROM calls WHERE pbx = 'ks'")).rows.map((row) => row.uniqueid));

    const again = startServe(args);
    running.push(again);
    await again.waitFor(/ready: open (http:\/\/\S+)/);
    const missing = async () => {
      const stored = await inShared();
      return [...acked].filter((uniqueid) => !stored.has(uniqueid)).length;
    };
    await expect.poll(missing, { timeout: 30_000 }).toBe(0);
    again.child.kill('SIGTERM');
    await again.exited;
    const sample = (await reader.query("SELECT source, queue, agent, talk_seconds FROM calls WHERE pbx = 'ks' AND uniqueid = 'ks.0'")).rows[0];
    expect(sample).toEqual({ source: 'cc_cdr', queue: '630', agent: '800', talk_seconds: 40 });
  });
});
