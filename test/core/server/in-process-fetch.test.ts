import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import type { Job } from '../../../electron/core/contract';
import type { FetchHandler } from '../../../electron/core/server/in-process-fetch';
import { parseCsvRecord } from '../../../electron/core/store/import';

// The desktop's app:// protocol as Electron's protocol.handle would drive it: web
// Requests in, web Responses out, through a real core with no port of its own.
const origin = 'app://callboard';
const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4_000, 7)]);
const policy = "default-src 'none'; script-src 'self'";
const ccCdr = (index: number) =>
  JSON.stringify({
    event: 'cc_cdr', uuid: `1700000100.${index}`, caller: `1380000${String(index).padStart(4, '0')}`, called: '100', queueCode: '630', agentCode: '100',
    callType: 'incoming', cdrState: 'queue', hangupSide: 'caller', hangupCause: 'NORMAL_CLEARING', startTime: '2026-11-05 10:00:00',
    endTime: '2026-11-05 10:01:00', duration: '60', queueTime: '5', ringTime: '3', holdTime: 0, pauseTime: 0, talkingTime: '52', score: '0', filePath: '', missCause: '',
  });

let root: string;
let core: Core;
let appFetch: FetchHandler;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'callboard-app-protocol-'));
  const webRoot = join(root, 'renderer');
  const recordingsDir = join(root, 'monitor');
  mkdirSync(webRoot);
  mkdirSync(recordingsDir);
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Callboard</title>');
  writeFileSync(join(recordingsDir, 'q630-1.wav'), wav);
  core = await startCore(
    { ...defaultConfig(join(root, 'data')), receiver: false, recordingsDir },
    { log: silentLogger, serveHttp: false, appProtocol: { webRoot, responseHeaders: { 'content-security-policy': policy } } },
  );
  appFetch = core.appFetch!;
});
afterAll(async () => {
  await core.close();
  rmSync(root, { recursive: true, force: true });
});

/** Resolves with the import job once it has ended. */
function jobEnd(): Promise<Job> {
  return new Promise((resolve) => {
    const stop = core.model.subscribe((update) => {
      if (update.kind !== 'job' || update.job.kind !== 'import' || update.job.state === 'running') return;
      stop();
      resolve(update.job);
    });
  });
}

describe('app:// in-process fetch', () => {
  it('serves the bundled renderer with the desktop CSP, and opens no port', async () => {
    const page = await appFetch(new Request(`${origin}/index.html`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(policy);
    expect(await page.text()).toContain('<title>Callboard</title>');
    expect(core.http).toBeUndefined();
  });

  it('takes a streamed upload, imports it as a job, and downloads the calls it added', async () => {
    const lines = `${Array.from({ length: 300 }, (_, index) => ccCdr(index)).join('\n')}\n`;
    const body = new Blob([lines]).stream();
    const ended = jobEnd();
    const upload = await appFetch(new Request(`${origin}/api/import?format=jsonl&name=${encodeURIComponent('昨天.jsonl')}`, { method: 'POST', body, duplex: 'half' } as RequestInit));
    expect(upload.status).toBe(202);
    const { jobId } = (await upload.json()) as { jobId: string };
    const job = await ended;
    expect(job).toMatchObject({ id: jobId, state: 'done', rows: 300, errorCount: 0, label: '昨天.jsonl' });

    const query = encodeURIComponent(JSON.stringify({ filter: { queues: ['630'] }, sort: { key: 'startedAt', order: 'asc' } }));
    const download = await appFetch(new Request(`${origin}/api/export/calls.csv?lang=en&q=${query}`));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="calls-\d{8}-\d{4}\.csv"/);
    const rows = (await download.text()).replace(/^\uFEFF/, '').trim().split('\r\n').map(parseCsvRecord);
    expect(rows).toHaveLength(301);
    expect(new Set(rows.slice(1).map((row) => row[0]))).toEqual(new Set(Array.from({ length: 300 }, (_, index) => `1700000100.${index}`)));
    // Both are the desktop user's acts in the audit log.
    const audit = core.db.prepare("SELECT action, who FROM audit_log WHERE action IN ('history.import', 'history.download') ORDER BY id").all();
    expect(audit).toEqual([{ action: 'history.import', who: 'desktop' }, { action: 'history.download', who: 'desktop' }]);
  });

  it('plays a local recording by range, as <audio> asks for it, with no PBX linked (offline review)', async () => {
    const part = await appFetch(new Request(`${origin}/api/recordings/q630-1.wav`, { headers: { range: 'bytes=4-9' } }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-9/${wav.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(wav.subarray(4, 10));
    const head = await appFetch(new Request(`${origin}/api/recordings/q630-1.wav`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(wav.length));
    expect(await head.text()).toBe('');
    expect((await appFetch(new Request(`${origin}/api/recordings/..%2Fdata%2Fcallboard.db`))).status).toBe(400);
    expect((await appFetch(new Request(`${origin}/api/recordings/gone.wav`))).status).toBe(404);
  });

  it('answers contract calls as the desktop user, and errors as JSON', async () => {
    const reply = await appFetch(new Request(`${origin}/api/invoke/audit.list`, { method: 'POST', body: JSON.stringify({ limit: 1 }), headers: { 'content-type': 'application/json' } }));
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { ok: boolean }).ok).toBe(true);
    const unknown = await appFetch(new Request(`${origin}/api/nothing-here`));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_method');
  });
});
