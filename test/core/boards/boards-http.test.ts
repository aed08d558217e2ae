import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../../electron/core/app/core';
import { silentLogger } from '../../../electron/core/base/logger';
import { defaultConfig } from '../../../electron/core/config/config';
import { defaultBoard, type AuditEntry, type Board, type InvokeReply, type LiveUpdate } from '../../../electron/core/contract';

const token = 'boards-operator-secret';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function invoke(host: string, method: string, params: unknown, bearer?: string): Promise<{ status: number; reply: InvokeReply }> {
  const response = await fetch(`http://${host}/api/invoke/${method}`, {
    method: 'POST',
    body: JSON.stringify(params),
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
  });
  return { status: response.status, reply: (await response.json()) as InvokeReply };
}

/** The `result` of a call that must have gone through. */
function resultOf<T>(reply: InvokeReply): T {
  expect(reply.ok, JSON.stringify(reply)).toBe(true);
  return (reply as { ok: true; result: T }).result;
}

const frontDesk: Board = { ...defaultBoard, name: 'front-desk', title: 'Front desk', queues: ['630'], tiles: ['waiting', 'serviceLevel'], chart: 'hours' };

async function startWithToken(): Promise<string> {
  const config = { ...defaultConfig(mkdtempSync(join(tmpdir(), 'callboard-boards-'))), http: { host: '127.0.0.1', port: 0 }, receiver: false as const, token };
  core = await startCore(config, { log: silentLogger, serveHttp: true });
  return `127.0.0.1:${core.http!.port}`;
}

describe('boards over HTTP', () => {
  it('saves, lists, renames and removes boards with the operator token; a read-only client may list but not change; each change is audited and pushed', async () => {
    const host = await startWithToken();
    const pushed: LiveUpdate[] = [];
    core!.model.subscribe((update) => pushed.push(update));

    // A read-only client (a TV on the LAN: no token) is refused, and nothing is stored.
    const refused = await invoke(host, 'boards.save', { board: frontDesk });
    expect(refused.status).toBe(403);
    expect(resultOf<Board[]>((await invoke(host, 'boards.list', {})).reply)).toEqual([]);

    expect(resultOf<{ ok: boolean }>((await invoke(host, 'boards.save', { board: frontDesk }, token)).reply)).toMatchObject({ ok: true });
    expect(pushed.filter((u) => u.kind === 'settingsChanged')).toEqual([{ kind: 'settingsChanged', setting: 'boards' }]);
    // The TV reads it without a token.
    expect(resultOf<Board[]>((await invoke(host, 'boards.list', {})).reply)).toEqual([frontDesk]);

    // Creating a second board under a taken name is refused; nothing stored is lost.
    const taken = resultOf<{ ok: boolean; error?: { code: string } }>((await invoke(host, 'boards.save', { board: { ...frontDesk, title: 'Other' } }, token)).reply);
    expect(taken).toMatchObject({ ok: false, error: { code: 'exists' } });

    // Rename: the old name is gone, the new one holds the edits.
    const renamed = { ...frontDesk, name: 'lobby', tiles: ['waiting', 'serviceLevel', 'callbacks'] as Board['tiles'] };
    expect(resultOf<{ ok: boolean }>((await invoke(host, 'boards.save', { board: renamed, previousName: 'front-desk' }, token)).reply)).toMatchObject({ ok: true });
    expect(resultOf<Board[]>((await invoke(host, 'boards.list', {})).reply)).toEqual([renamed]);

    expect((await invoke(host, 'boards.remove', { name: 'lobby' })).status).toBe(403);
    expect(resultOf<{ ok: boolean }>((await invoke(host, 'boards.remove', { name: 'lobby' }, token)).reply)).toMatchObject({ ok: true, value: [] });
    expect(resultOf<{ ok: boolean }>((await invoke(host, 'boards.remove', { name: 'lobby' }, token)).reply)).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const audited = resultOf<AuditEntry[]>((await invoke(host, 'audit.list', {}, token)).reply).filter((entry) => entry.action.startsWith('boards.'));
    expect(audited.map((entry) => [entry.action, entry.target, entry.result])).toEqual([
      ['boards.remove', 'lobby', 'error'],
      ['boards.remove', 'lobby', 'ok'],
      ['boards.save', 'lobby', 'ok'],
      ['boards.save', 'front-desk', 'error'],
      ['boards.save', 'front-desk', 'ok'],
    ]);
  });

  it('refuses what the board schema or the thresholds rules refuse, with the reason', async () => {
    const host = await startWithToken();
    const badName = await invoke(host, 'boards.save', { board: { ...frontDesk, name: 'Front Desk!' } }, token);
    expect(badName.status).toBe(400);
    const twice = await invoke(host, 'boards.save', { board: { ...frontDesk, tiles: ['waiting', 'waiting'] } }, token);
    expect(twice.status).toBe(400);
    const tooManyQueues = await invoke(host, 'boards.save', { board: { ...frontDesk, queues: Array.from({ length: 51 }, (_, i) => `q${i}`) } }, token);
    expect(tooManyQueues.status).toBe(400);

    // Amber not below red in the board's own levels: Settings' own check, in Settings' words.
    const levels = await invoke(host, 'boards.save', { board: { ...frontDesk, thresholds: { '630': { waitingAmber: 9, waitingRed: 4 } } } }, token);
    expect(resultOf<{ ok: boolean; error?: { message: string } }>(levels.reply)).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: 'waitingAmber (9) of queue 630 must be below waitingRed (4)' },
    });
    expect(resultOf<Board[]>((await invoke(host, 'boards.list', {})).reply)).toEqual([]);
  });

  it('keeps at most 50 boards', async () => {
    await startWithToken();
    const act = { role: 'act' as const, who: 'test' };
    for (let i = 0; i < 50; i++) {
      const reply = await core!.dispatch('boards.save', { board: { ...frontDesk, name: `tv-${i}` } }, act);
      expect(reply).toMatchObject({ ok: true, result: { ok: true } });
    }
    expect(await core!.dispatch('boards.save', { board: { ...frontDesk, name: 'tv-50' } }, act)).toMatchObject({ ok: true, result: { ok: false, error: { message: 'at most 50 boards' } } });
    // Editing one of the 50 is still allowed.
    expect(await core!.dispatch('boards.save', { board: { ...frontDesk, name: 'tv-7', title: 'Seven' }, previousName: 'tv-7' }, act)).toMatchObject({ ok: true, result: { ok: true } });
  });
});
