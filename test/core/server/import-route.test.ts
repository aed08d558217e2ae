import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../../../electron/core/contract';
import { historyStores } from '../../../electron/core/app/handlers/history';
import { silentLogger } from '../../../electron/core/base/logger';
import type { Job } from '../../../electron/core/contract';
import { LiveModel } from '../../../electron/core/live/model';
import { startHttpServer, type RunningHttpServer } from '../../../electron/core/server/http-server';
import { serveImport } from '../../../electron/core/server/import-route';
import type { Db } from '../../../electron/core/store/database';
import { tempDatabase } from '../store/support/temp-db';

const timeZone = 'Asia/Shanghai';
// A cc_cdr row as the vendor pushes it (coocenter-api.md, 通话日志2).
const ccCdrRow = (index: number) => ({
  event: 'cc_cdr', uuid: `1700000000.${index}`, caller: '85322361', called: '100', queueCode: '630', agentCode: '100', callType: 'incoming',
  cdrState: 'queue', hangupSide: 'caller', hangupCause: 'NORMAL_CLEARING', startTime: '2026-11-05 19:05:31', endTime: '2026-11-05 19:06:39',
  duration: '68', queueTime: '7', ringTime: '3', holdTime: 0, pauseTime: 0, talkingTime: '58', score: '0', filePath: '', missCause: '',
});
const rows = 2_500;
const body = [...Array.from({ length: rows }, (_, index) => JSON.stringify(ccCdrRow(index))), '{"event":"cc_cdr", "uuid": broken'].join('\n');

let temp: ReturnType<typeof tempDatabase>;
let db: Db;
let model: LiveModel;
let running: RunningHttpServer | undefined;
let plain: Server | undefined;
beforeEach(() => {
  temp = tempDatabase('callboard-import-route-');
  db = temp.open();
  model = new LiveModel();
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  if (plain) await new Promise((resolve) => plain!.close(resolve));
  plain = undefined;
  temp.cleanup();
});

const noDispatch: Dispatch = async () => ({ ok: false, error: { code: 'unknown_method', message: 'not in this test' } });

async function start(token?: string): Promise<string> {
  running = await startHttpServer('127.0.0.1', 0, { model, dispatch: noDispatch, log: silentLogger, access: { token }, isReady: () => true, exportImport: { db, timeZone, ...historyStores(db) } });
  return `http://127.0.0.1:${running.port}/api/import`;
}

/** Collects this job's updates until it ends. */
function jobUpdates(): { done: Promise<Job[]> } {
  const seen: Job[] = [];
  return {
    done: new Promise((resolve) => {
      const stop = model.subscribe((update) => {
        if (update.kind !== 'job') return;
        seen.push(update.job);
        if (update.job.state !== 'running') {
          stop();
          resolve(seen);
        }
      });
    }),
  };
}

/** What a browser sends with the console's own upload. */
const ownOrigin = (url: string) => ({ origin: new URL(url).origin });

const importDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('callboard-import-') && !name.startsWith('callboard-import-route-'));

describe('POST /api/import', () => {
  it('imports a JSON-lines upload in the background, reporting progress, the bad line and an audit entry', async () => {
    const url = await start();
    const watch = jobUpdates();
    const response = await fetch(`${url}?format=jsonl&table=cc_cdr&name=${encodeURIComponent('话单.jsonl')}`, { method: 'POST', body, headers: ownOrigin(url) });
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    const updates = await watch.done;

    expect(updates.every((job) => job.id === jobId && job.kind === 'import' && job.label === '话单.jsonl' && job.unit === 'bytes')).toBe(true);
    expect(updates[0]).toMatchObject({ state: 'running', done: 0 });
    // The first batch (1,000 rows) is reported before the file is through.
    expect(updates.some((job) => job.state === 'running' && job.done > 0 && job.done < (job.total ?? 0))).toBe(true);
    const last = updates.at(-1)!;
    expect(last).toMatchObject({ state: 'done', rows: rows, errorCount: 1, done: Buffer.byteLength(body), total: Buffer.byteLength(body) });
    expect(last.errors).toEqual([{ line: rows + 1, message: expect.stringMatching(/^not JSON/) }]);
    expect(last.endedAt).toBeGreaterThanOrEqual(last.startedAt);

    const { store, audit } = historyStores(db);
    expect(store.getCall('1700000000.7')).toMatchObject({ source: 'cc_cdr', queue: '630', agent: '100', talkSeconds: 58 });
    expect((db.prepare('SELECT COUNT(*) AS n FROM calls').get() as { n: number }).n).toBe(rows);
    expect(audit.list({})[0]).toMatchObject({ action: 'history.import', target: '话单.jsonl', who: 'web:127.0.0.1', result: 'ok' });
    await vi.waitFor(() => expect(importDirs()).toEqual([]));
  });

  it('refuses a read-only caller with 403 and imports nothing', async () => {
    const url = await start('s3cret');
    const refused = await fetch(`${url}?format=jsonl`, { method: 'POST', body, headers: ownOrigin(url) });
    expect(refused.status).toBe(403);
    expect((db.prepare('SELECT COUNT(*) AS n FROM calls').get() as { n: number }).n).toBe(0);
    expect(historyStores(db).audit.list({ action: 'history.import' })[0]).toMatchObject({ who: 'web:127.0.0.1', result: 'error', message: 'forbidden: Importing history needs the operator role' });
    const watch = jobUpdates();
    const allowed = await fetch(`${url}?format=jsonl`, { method: 'POST', body, headers: { authorization: 'Bearer s3cret' } });
    expect(allowed.status).toBe(202);
    expect((await watch.done).at(-1)).toMatchObject({ state: 'done', rows });
  });

  it('rejects an unknown format with 400 and a too-large upload with 413', async () => {
    const url = await start();
    expect((await fetch(`${url}?format=xml`, { method: 'POST', body, headers: ownOrigin(url) })).status).toBe(400);
    expect((await fetch(url, { method: 'GET' })).status).toBe(405);

    plain = createServer((req, res) => void serveImport(req, res, { role: 'act', who: 'test' }, { db, timeZone, model, maxBytes: 1_000, ...historyStores(db) }).catch(() => res.destroy()));
    await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', resolve));
    const small = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/api/import`;
    expect((await fetch(small, { method: 'POST', body })).status).toBe(413);
    // Without a content-length (a stream) the limit is enforced while receiving.
    const stream = new ReadableStream({ start: (controller) => { controller.enqueue(new TextEncoder().encode(body)); controller.close(); } });
    const chunked = await fetch(small, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    await vi.waitFor(() => expect(importDirs()).toEqual([]));
  });
});
