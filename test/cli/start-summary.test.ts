import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app/core';
import { defaultConfig, type CoreConfig } from '../../electron/core/config/config';
import { startSummary } from '../../electron/start-summary';

const coreWith = (settings: Partial<CoreConfig>, receiverPort?: number) =>
  ({ config: { ...defaultConfig('/var/lib/callboard'), ...settings }, ...(receiverPort ? { receiverPort } : {}) }) as unknown as Core;

describe('startSummary', () => {
  it('says which PBX, who may act, where pushes go and where the cache is, never a secret', () => {
    const lines = startSummary(coreWith({ ami: [{ id: 'a', host: 'pbx.lan', port: 5038, username: 'admin', secret: 'amp111' }], token: 'sekret' }, 8090));
    expect(lines).toEqual([
      'PBX: watching AMI admin@pbx.lan:5038',
      expect.stringMatching(/^operators: clients with the operator token may act/),
      "push receiver: 0.0.0.0:8090 (the PBX's api.conf URL= points here)",
      'cache: /var/lib/callboard/callboard.db',
    ]);
    expect(lines.join('\n')).not.toMatch(/amp111|sekret/);
  });

  it('names each PBX of a console that watches several', () => {
    const target = (id: string, host: string) => ({ id, host, port: 5038, username: 'admin', secret: 'amp111' });
    expect(startSummary(coreWith({ ami: [target('bj', 'pbx1.lan'), target('sh', 'pbx2.lan')] }))[0]).toBe('PBX: watching bj AMI admin@pbx1.lan:5038, sh AMI admin@pbx2.lan:5038');
  });

  it('without a PBX it says where to add one; without a token only this machine acts', () => {
    const lines = startSummary(coreWith({ receiver: false }));
    expect(lines[0]).toBe('PBX: no PBX configured: add one in Settings → PBX connections (applies after a restart)');
    expect(lines[1]).toMatch(/only this machine \(loopback\) may act/);
    expect(lines[2]).toBe('push receiver: off');
  });

  it('names the operators with a token of their own, never their tokens', () => {
    const lines = startSummary(coreWith({ token: 'sekret', tokens: [{ name: '张三', token: 'zhang-secret-1' }, { name: 'Li Si', token: 'li-secret-22' }] }));
    expect(lines[1]).toBe('operators: clients with the operator token or the tokens of 张三, Li Si may act (open the console once with ?token=…); others are read-only');
    expect(startSummary(coreWith({ tokens: [{ name: '张三', token: 'zhang-secret-1' }] }))[1]).toMatch(/^operators: clients with the tokens of 张三 may act/);
    expect(lines.join('\n')).not.toMatch(/sekret|zhang-secret|li-secret/);
  });
});
