// What a client without the operator token (the TV on the LAN, anyone who can reach
// the port) can learn: the live model, not the cache, not the configuration, not
// where the PBX links go. A token is set, so this loopback client is such a client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCore, type Core } from '../../electron/core/app/core';
import { silentLogger } from '../../electron/core/base/logger';
import { defaultConfig, redactConfig } from '../../electron/core/config/config';
import { methods, type ServerFrame, type Snapshot } from '../../electron/core/contract';

const token = 'operator-token-123';
let core: Core | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await core?.close();
  core = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'callboard-exposure-'));
  dirs.push(dataDir);
  const config = {
    ...defaultConfig(dataDir),
    http: { host: '127.0.0.1', port: 0 },
    receiver: false as const,
    token,
    // Nothing listens there: the link stays down, but its target is in the model.
    ami: [{ id: 'pbx', host: '127.0.0.9', port: 1, username: 'admin', secret: 'ami-secret' }],
  };
  core = await startCore(config, { log: silentLogger, serveHttp: true });
  return `127.0.0.1:${core.http!.port}`;
}

const json = { 'content-type': 'application/json' };
/** What the wallboard and the TV draw with; everything else is the operator's. */
const openToAnyone = ['actions.wrapups', 'boards.list', 'live.agentDay', 'live.callbacksOpen', 'live.samples', 'live.slTrend', 'live.snapshot', 'settings.pauseReasons', 'settings.statsRules', 'settings.thresholds'];

describe('without the token a client sees the live model only', () => {
  it('only the live model and what draws it are open; history, blacklist and configuration need the operator', async () => {
    expect(Object.entries(methods).filter(([, spec]) => spec.role === 'read').map(([name]) => name).sort()).toEqual(openToAnyone);
    const host = await start();
    for (const name of ['live.callbacks', 'callbacks.dismiss', 'history.search', 'history.report', 'history.detail', 'audit.list', 'blacklist.list', 'settings.connections', 'settings.gateway', 'settings.receiverUrls', 'settings.retention', 'settings.wrapup']) {
      const response = await fetch(`http://${host}/api/invoke/${name}`, { method: 'POST', body: '{}', headers: json });
      expect(response.status, name).toBe(403);
    }
    expect((await fetch(`http://${host}/api/export/calls.csv`)).status).toBe(403);
    expect((await fetch(`http://${host}/api/export/report.xlsx`)).status).toBe(403);
    expect((await fetch(`http://${host}/api/recordings/2026/11/call-1.wav`)).status).toBe(403);
    const operator = await fetch(`http://${host}/api/export/calls.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(operator.status).toBe(200);
  });

  it('the snapshot and the live stream say whether each link is up, not where it goes', async () => {
    const host = await start();
    const anonymous = (await (await fetch(`http://${host}/api/snapshot`)).json()) as Snapshot;
    expect(anonymous.connections).toEqual([expect.objectContaining({ id: 'pbx', kind: 'ami', target: '' })]);
    expect(JSON.stringify(anonymous)).not.toContain('127.0.0.9');
    const viaContract = await fetch(`http://${host}/api/invoke/live.snapshot`, { method: 'POST', body: '{}', headers: json });
    expect(JSON.stringify(await viaContract.json())).not.toContain('127.0.0.9');
    const firstBatch = (url: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data)) as ServerFrame;
          if (frame.t === 'live') {
            ws.close();
            resolve(String(data));
          }
        });
      });
    expect(await firstBatch(`ws://${host}/api/ws`)).not.toContain('127.0.0.9');
    expect(await firstBatch(`ws://${host}/api/ws?token=${token}`)).toContain('127.0.0.9:1');
  });

  it('URLs with credentials are shown and logged without them, even to the operator', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-exposure-'));
    dirs.push(dataDir);
    const lines: string[] = [];
    const capture = (message: string, ...details: unknown[]) => lines.push([message, ...details.map(String)].join(' '));
    // Nothing answers there: the poller reports it unreachable, quoting the URL.
    const config = { ...defaultConfig(dataDir), http: { host: '127.0.0.1', port: 0 }, receiver: false as const, vendorApi: { baseUrl: 'http://api:box-pw-42@127.0.0.9:1', pollSeconds: 1 } };
    // A plain logger: the sources themselves redact (the serve and desktop loggers redact again).
    core = await startCore(config, { log: { info: capture, warn: capture, error: capture }, serveHttp: true });
    while (!lines.some((line) => line.includes('does not answer'))) await new Promise((resolve) => setTimeout(resolve, 20));
    const operatorView = JSON.stringify(core.model.snapshot());
    expect(operatorView).toContain('http://***@127.0.0.9:1');
    expect(operatorView).not.toContain('box-pw-42');
    expect(JSON.stringify(redactConfig(config))).not.toContain('box-pw-42');
    expect(lines.join('\n')).not.toContain('box-pw-42');
  });
});

