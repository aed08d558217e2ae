import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import type { AuditEntry, InvokeReply } from '../../../electron/core/contract';

const secrets = { unnamed: 'desk-secret-0', zhang: 'zhang-secret-1', li: 'li-secret-22' };

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function invoke(host: string, method: string, params: unknown, token?: string): Promise<{ status: number; reply: InvokeReply }> {
  const response = await fetch(`http://${host}/api/invoke/${method}`, {
    method: 'POST',
    body: JSON.stringify(params),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: response.status, reply: (await response.json()) as InvokeReply };
}

describe('named operator tokens over HTTP', () => {
  it('an action done with a named token is audited with that name; a wrong token is refused and leaves no entry; no token value is stored', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-operators-'));
    const config = {
      ...defaultConfig(dataDir),
      http: { host: '127.0.0.1', port: 0 },
      receiver: false as const,
      token: secrets.unnamed,
      tokens: [
        { name: '张三', token: secrets.zhang },
        { name: 'Li Si', token: secrets.li },
      ],
    };
    core = await startCore(config, { log: silentLogger, serveHttp: true });
    const host = `127.0.0.1:${core.http!.port}`;
    const thresholds = { byQueue: { '630': { waitingAmber: 3, waitingRed: 6 } } };

    expect((await invoke(host, 'settings.setThresholds', thresholds, secrets.zhang)).reply.ok).toBe(true);
    expect((await invoke(host, 'settings.setThresholds', thresholds, secrets.li)).reply.ok).toBe(true);
    expect((await invoke(host, 'settings.setThresholds', thresholds, secrets.unnamed)).reply.ok).toBe(true);
    expect((await invoke(host, 'settings.setThresholds', thresholds, `${secrets.zhang}x`)).status).toBe(403);

    const listed = await invoke(host, 'audit.list', { action: 'settings.setThresholds' }, secrets.li);
    expect(listed.reply.ok).toBe(true);
    const entries = (listed.reply as { ok: true; result: AuditEntry[] }).result;
    expect(entries.map((entry) => entry.who)).toEqual(['web:127.0.0.1', 'operator:Li Si@127.0.0.1', 'operator:张三@127.0.0.1']);

    // The audit page's "who" filter finds an operator by name alone.
    const byName = (await invoke(host, 'audit.list', { who: '张三' }, secrets.li)).reply as { ok: true; result: AuditEntry[] };
    expect(byName.result.map((entry) => [entry.who, entry.action])).toEqual([['operator:张三@127.0.0.1', 'settings.setThresholds']]);
    // The name is matched as written: a wildcard finds nobody.
    for (const who of ['%', '_', '张%']) expect(((await invoke(host, 'audit.list', { who }, secrets.li)).reply as { ok: true; result: AuditEntry[] }).result, who).toEqual([]);

    await core.close();
    core = undefined;
    const stored = readFileSync(join(dataDir, 'callboard.db')).toString('latin1') + readFileSync(join(dataDir, 'callboard.db')).toString('utf8');
    expect(stored).toContain('operator:Li Si@127.0.0.1');
    for (const secret of Object.values(secrets)) {
      expect(stored).not.toContain(secret);
    }
  });
});
