import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import { startDemoPbx, type DemoPbx } from '../../../electron/core/demo';
import { parseRange } from '../../../electron/core/server/recording-route';

let core: Core | undefined;
let pbx: DemoPbx | undefined;
afterEach(async () => {
  await core?.close();
  await pbx?.close();
  core = pbx = undefined;
});

const wav = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(60, 7)]);

async function start(token?: string): Promise<string> {
  pbx = await startDemoPbx({ agents: 4, autoStart: false });
  const root = mkdtempSync(join(tmpdir(), 'callboard-rec-'));
  const recordingsDir = join(root, 'monitor');
  mkdirSync(recordingsDir);
  writeFileSync(join(recordingsDir, 'q630-0611000101.wav'), wav);
  writeFileSync(join(root, 'secret.wav'), Buffer.from('not yours'));
  core = await startCore(
    {
      ...defaultConfig(join(root, 'data')),
      http: { host: '127.0.0.1', port: 0 },
      receiver: false,
      token,
      recordingsDir,
      ami: [{ id: 'demo', host: '127.0.0.1', port: pbx.amiPort, username: pbx.credentials.username, secret: pbx.credentials.secret }],
    },
    { log: silentLogger, serveHttp: true },
  );
  return `http://127.0.0.1:${core.http!.port}/api/recordings/`;
}

describe('GET /api/recordings/<file>', () => {
  it('streams a recording whole or by range, and audits the listening', async () => {
    const base = await start();
    const whole = await fetch(`${base}q630-0611000101.wav`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toMatch(/audio\/(x-)?wav/);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(wav);
    const part = await fetch(`${base}q630-0611000101.wav`, { headers: { range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${wav.length}`);
    expect(await part.text()).toBe('RIFF');
    const audit = core!.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'recordings.open'").get() as { n: number };
    expect(audit.n).toBe(2);
  });

  it('never serves a file outside the recordings directory', async () => {
    const base = await start();
    for (const name of ['..%2Fsecret.wav', '%2E%2E%2Fsecret.wav', 'missing.wav']) {
      const response = await fetch(`${base}${name}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('not yours');
    }
    expect((await fetch(`${base}%E0%A4%A`)).status).toBe(400);
  });

  it('is refused to a read-only client', async () => {
    const base = await start('operator');
    expect((await fetch(`${base}q630-0611000101.wav`)).status).toBe(403);
    expect((await fetch(`${base}q630-0611000101.wav`, { headers: { authorization: 'Bearer operator' } })).status).toBe(200);
  });
});

describe('parseRange', () => {
  it('reads the forms <audio> sends and refuses the rest', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange('bytes=2-', 10)).toEqual({ start: 2, end: 9 });
    expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 });
    expect(parseRange('bytes=3-100', 10)).toEqual({ start: 3, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('invalid');
    expect(parseRange('bytes=5-2', 10)).toBe('invalid');
    expect(parseRange('items=1-2', 10)).toBe('invalid');
  });
});
