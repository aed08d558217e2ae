import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import type { ServerFrame, Snapshot } from '../../../electron/core/contract';

const json = { 'content-type': 'application/json' };

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function start(token?: string, webRoot?: string): Promise<string> {
  const config = { ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-http-'))), http: { host: '127.0.0.1', port: 0 }, receiver: false as const, token };
  core = await startCore(config, { log: silentLogger, serveHttp: true, webRoot });
  return `127.0.0.1:${core.http!.port}`;
}

function frames(ws: WebSocket, count: number): Promise<ServerFrame[]> {
  const got: ServerFrame[] = [];
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      got.push(JSON.parse(String(data)) as ServerFrame);
      if (got.length === count) resolve(got);
    });
  });
}

describe('headless HTTP server', () => {
  it('answers health and the snapshot', async () => {
    const host = await start();
    expect(await (await fetch(`http://${host}/healthz`)).json()).toEqual({ status: 'ok', reads: { running: 0, queued: 0 } });
    core!.model.putExtension({ id: '800', state: 'idle', statusCode: 0, stateSince: 1 });
    const snapshot = (await (await fetch(`http://${host}/api/snapshot`)).json()) as Snapshot;
    expect(snapshot.extensions).toEqual([{ id: '800', state: 'idle', statusCode: 0, stateSince: 1 }]);
  });

  it('dispatches contract calls over HTTP and rejects bad ones with reasons', async () => {
    const host = await start();
    const ok = await fetch(`http://${host}/api/invoke/live.snapshot`, { method: 'POST', body: '{}', headers: json });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { result: Snapshot }).result.extensions).toEqual([]);
    const unknown = await fetch(`http://${host}/api/invoke/no.such`, { method: 'POST', body: '{}', headers: json });
    expect(unknown.status).toBe(404);
    const bad = await fetch(`http://${host}/api/invoke/live.snapshot`, { method: 'POST', body: '{"extra":1}', headers: json });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/extra/);
    const notJson = await fetch(`http://${host}/api/invoke/live.snapshot`, { method: 'POST', body: '{', headers: json });
    expect(notJson.status).toBe(400);
  });

  it('streams a reset then live batches over the WebSocket, and answers invokes', async () => {
    const host = await start();
    const ws = new WebSocket(`ws://${host}/api/ws`);
    const first = frames(ws, 2);
    const [hello, reset] = await first;
    expect(hello).toEqual({ t: 'hello', role: 'act' });
    expect(reset).toMatchObject({ t: 'live', updates: [{ kind: 'reset' }] });
    const next = frames(ws, 1);
    core!.model.putExtension({ id: '801', state: 'ringing', statusCode: 8, stateSince: 5 });
    core!.model.putExtension({ id: '801', state: 'inuse', statusCode: 1, stateSince: 6 });
    const [live] = await next;
    // Two changes of one extension inside one batch arrive as its latest state only.
    expect(live).toEqual({ t: 'live', updates: [{ kind: 'extension', extension: { id: '801', state: 'inuse', statusCode: 1, stateSince: 6 } }] });
    const reply = frames(ws, 1);
    ws.send(JSON.stringify({ t: 'invoke', id: 7, method: 'live.snapshot', params: {} }));
    const [answer] = await reply;
    expect(answer).toMatchObject({ t: 'reply', id: 7, reply: { ok: true } });
    ws.close();
  });

  it('makes a client without the token read-only when a token is set', async () => {
    const host = await start('operator-token');
    const anonymous = new WebSocket(`ws://${host}/api/ws`);
    const [hello] = await frames(anonymous, 1);
    expect(hello).toEqual({ t: 'hello', role: 'read' });
    anonymous.close();
    const operator = new WebSocket(`ws://${host}/api/ws?token=operator-token`);
    const [operatorHello] = await frames(operator, 1);
    expect(operatorHello).toEqual({ t: 'hello', role: 'act' });
    operator.close();
  });

  it('serves the web root and never a file outside it', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'callboard-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<title>callboard</title>');
    writeFileSync(join(webRoot, '..', 'callboard-secret.txt'), 'secret');
    const host = await start(undefined, webRoot);
    expect(await (await fetch(`http://${host}/`)).text()).toContain('callboard');
    for (const path of ['/..%2fcallboard-secret.txt', '/%2e%2e/callboard-secret.txt', '/../callboard-secret.txt']) {
      const { status, body } = await rawGet(host, path);
      expect(body).not.toContain('secret');
      expect([200, 403]).toContain(status);
    }
  });
});

/** A GET with the path sent exactly as written (fetch would normalise the dots away). */
function rawGet(host: string, path: string): Promise<{ status: number; body: string }> {
  const [hostname, port] = host.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port: Number(port), path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
