import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pushUntilKilled, startServe, type ServeProcess } from './serve-process';

// An acknowledged call record is a call in history after any crash: `callboard serve`
// killed with SIGKILL while cc_cdr and cdr pushes pour in, then restarted on the same
// data dir. The raw event of each acknowledged push is on disk (kill-serve.test.ts);
// its row in `calls` may not be, until the restart rebuilds it (store/rebuild-calls.ts).

const dataDir = mkdtempSync(join(tmpdir(), 'callboard-kill-calls-'));
const running: ServeProcess[] = [];
afterAll(() => {
  for (const serve of running) if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const TOTAL = 6_000;
const KILL_AFTER = 2_500;

function callRecord(seq: number): string {
  const minute = String(seq % 60).padStart(2, '0');
  if (seq % 2 === 0) {
    return JSON.stringify({
      event: 'cc_cdr', uuid: `kill.${seq}`, caller: '13800138000', called: '4008001234', queueCode: '630', agentCode: '800', callType: 'in',
      cdrState: 'bridged', startTime: `2026-11-25 10:${minute}:00`, endTime: `2026-11-25 10:${minute}:50`, duration: 50, queueTime: 5, talkingTime: 40,
    });
  }
  return JSON.stringify({
    event: 'cdr', uniqueid: `kill.${seq}`, source: '801', destination: '13800138000', calltype: 'outbound', disposition: 'ANSWERED',
    starttime: `2026-11-25 11:${minute}:00`, answertime: `2026-11-25 11:${minute}:10`, endtime: `2026-11-25 11:${minute}:40`, duration: 40, billableseconds: 30,
  });
}

describe('kill -9 of `callboard serve` under a call-record push load', () => {
  it('every cc_cdr/cdr push answered 200 is a row in calls after the restart', async () => {
    const args = ['--http', '127.0.0.1:0', '--receiver', '127.0.0.1:0', '--data-dir', dataDir];
    const serve = startServe(args);
    running.push(serve);
    const port = Number(await serve.waitFor(/push receiver listening on http:\/\/127\.0\.0\.1:(\d+)\//));
    const load = await pushUntilKilled(serve, port, { total: TOTAL, killAfter: KILL_AFTER, bodyOf: callRecord });
    const acked = new Set(load.acked.map(({ seq }) => `kill.${seq}`));
    expect((await serve.exited).signal).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);

    const again = startServe(args);
    running.push(again);
    await again.waitFor(/ready: open (http:\/\/\S+)/);
    again.child.kill('SIGTERM');
    await again.exited;

    const db = new Database(join(dataDir, 'callboard.db'), { readonly: true });
    try {
      const inCalls = new Set((db.prepare("SELECT uniqueid FROM calls WHERE uniqueid LIKE 'kill.%'").all() as { uniqueid: string }[]).map((row) => row.uniqueid));
      expect([...acked].filter((uniqueid) => !inCalls.has(uniqueid))).toEqual([]);
      // What a rebuilt row holds is what the live push would have written (one mapping).
      const sample = db.prepare("SELECT source, direction, queue, agent, talk_seconds, is_answered FROM calls WHERE uniqueid = 'kill.0'").get();
      expect(sample).toEqual({ source: 'cc_cdr', direction: 'inbound', queue: '630', agent: '800', talk_seconds: 40, is_answered: 1 });
    } finally {
      db.close();
    }
  });
});
