import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAmiUrl, redactConfig } from '../../../electron/core/config/config';
import { loadConfig } from '../../../electron/core/config/load';

describe('loadConfig', () => {
  it('uses the vendor receiver port and loopback UI by default', () => {
    const config = loadConfig([], {}, '/data');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.receiver).toEqual({ host: '0.0.0.0', port: 8090 });
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.dataDir).toBe('/data');
  });

  it('layers file < environment < flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-config-'));
    const file = join(dir, 'callboard.json5');
    writeFileSync(file, "{ // comments are fine\n http: '0.0.0.0:9000', webkey: 'fromfile', ami: ['a:b@10.0.0.1:5038'], }");
    const config = loadConfig(['--config', file, '--webkey', 'fromflag'], { CALLBOARD_HTTP: '127.0.0.1:9100', CALLBOARD_WEBKEY: 'fromenv' }, '/data');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 9100 });
    expect(config.webkey).toBe('fromflag');
    expect(config.ami).toEqual([{ id: 'pbx', host: '10.0.0.1', port: 5038, username: 'a', secret: 'b' }]);
  });

  it('takes allowIps and public host names from a flag, the environment or the config file (SECURITY.md)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-config-'));
    const file = join(dir, 'callboard.json5');
    writeFileSync(file, "{ allowIps: ['192.168.12.183', '10.0.0.0/8'], publicHosts: 'wallboard.office.lan' }");
    expect(loadConfig(['--config', file], {}, '/d')).toMatchObject({ allowIps: ['192.168.12.183', '10.0.0.0/8'], publicHosts: ['wallboard.office.lan'] });
    expect(loadConfig([], { CALLBOARD_ALLOW_IPS: '192.168.12.183, fd00::/8', CALLBOARD_PUBLIC_HOSTS: 'a.lan,b.lan' }, '/d')).toMatchObject({
      allowIps: ['192.168.12.183', 'fd00::/8'],
      publicHosts: ['a.lan', 'b.lan'],
    });
    // Flags win over the environment, which wins over the file.
    const flagged = loadConfig(['--config', file, '--allow-ip', '172.16.0.9', '--allow-ip', '172.16.1.0/24', '--public-host', 'tv.lan'], { CALLBOARD_ALLOW_IPS: '10.1.1.1' }, '/d');
    expect(flagged).toMatchObject({ allowIps: ['172.16.0.9', '172.16.1.0/24'], publicHosts: ['tv.lan'] });
    expect(loadConfig([], {}, '/d')).toMatchObject({ allowIps: [], publicHosts: [] });
    for (const bad of ['pbx.lan', '10.0.0.0/33', '300.1.1.1', '10.0.0.0/8/1']) {
      expect(() => loadConfig(['--allow-ip', bad], {}, '/d'), bad).toThrow(/allowIps: .* is not an IP address or CIDR range/);
    }
  });

  it('accepts several --ami flags and --no-receiver', () => {
    const config = loadConfig(['--ami', 'admin:s3cr@t:x@pbx1:5038', '--ami', 'u:p@pbx2:5039', '--no-receiver'], {}, '/d');
    expect(config.ami.map((t) => [t.id, t.host, t.port, t.secret])).toEqual([
      ['pbx', 'pbx1', 5038, 's3cr@t:x'],
      ['pbx2', 'pbx2', 5039, 'p'],
    ]);
    expect(config.receiver).toBe(false);
  });

  it('names a PBX with name=, the label and id prefix of its extensions when a console watches several', () => {
    const config = loadConfig(['--ami', 'beijing=admin:a=b@pbx1:5038', '--ami', 'u:p@pbx2:5039'], {}, '/d');
    expect(config.ami.map((t) => [t.id, t.username, t.secret, t.host])).toEqual([['beijing', 'admin', 'a=b', 'pbx1'], ['pbx2', 'u', 'p', 'pbx2']]);
    expect(() => loadConfig(['--ami', 'x=u:p@a:1', '--ami', 'x=u:p@b:1'], {}, '/d')).toThrow(/two AMI connections are named "x"/);
  });

  it('explains a malformed flag without echoing the secret', () => {
    expect(() => parseAmiUrl('admin:topsecret@nohostport', 'pbx')).toThrow(/host:port/);
    expect(() => parseAmiUrl('admin:topsecret@nohostport', 'pbx')).not.toThrow(/topsecret/);
    expect(() => loadConfig(['--http', 'nope'], {}, '/d')).toThrow(/--http: expected host:port/);
    expect(() => loadConfig(['--bogus'], {}, '/d')).toThrow(/bogus/);
  });

  it('never shows secrets when logged', () => {
    const config = loadConfig(['--ami', 'admin:amp111@h:5038', '--webkey', 'k3y'], {}, '/d');
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toContain('amp111');
    expect(text).not.toContain('k3y');
  });

  it('takes a shared PostgreSQL history and its PBX name, never logs its password and refuses anything but postgres://', () => {
    const config = loadConfig(['--history', 'postgres://cb:s3cret@db.lan:5432/callboard', '--history-pbx', 'site-a'], {}, '/d');
    expect([config.history, config.historyPbx]).toEqual(['postgres://cb:s3cret@db.lan:5432/callboard', 'site-a']);
    expect(JSON.stringify(redactConfig(config))).not.toContain('s3cret');
    expect(loadConfig([], { CALLBOARD_HISTORY: 'postgresql://db.lan/cb', CALLBOARD_HISTORY_PBX: 'b' }, '/d')).toMatchObject({ history: 'postgresql://db.lan/cb', historyPbx: 'b' });
    expect(loadConfig([], {}, '/d').history).toBeUndefined();
    expect(() => loadConfig(['--history', 'mysql://cb:s3cret@db/cb'], {}, '/d')).toThrow(/history: a postgres:\/\/… URL/);
    expect(() => loadConfig(['--history', 'mysql://cb:s3cret@db/cb'], {}, '/d')).not.toThrow(/s3cret/);
  });

  it('takes WEBKEY, pop_url and the receiver port from the vendor api.conf', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-apiconf-'));
    const file = join(dir, 'api.conf');
    writeFileSync(file, '[general]\nBINDPORT=8000\nURL=http://192.168.12.185:8091\nWEBKEY=asjdfjklkasdf\nmac=68:69:2e:03:8b:3e\npop_url=http://crm.example/pop\n[enable]\npausetime=no\n');
    const config = loadConfig(['--config', file, '--vendor-api', 'http://192.168.12.183:8000/'], {}, '/d');
    expect(config.webkey).toBe('asjdfjklkasdf');
    expect(config.popUrl).toBe('http://crm.example/pop');
    expect(config.receiver).toEqual({ host: '0.0.0.0', port: 8091 });
    expect(config.vendorApi).toEqual({ baseUrl: 'http://192.168.12.183:8000', pollSeconds: 5 });
  });

  it('refuses a vendor API address that is not a URL', () => {
    expect(() => loadConfig(['--vendor-api', 'box:8000'], {}, '/d')).toThrow(/vendorApi/);
  });
});

describe('operator tokens', () => {
  const json5 = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'callboard-tokens-')), 'callboard.json5');
    writeFileSync(file, text);
    return file;
  };

  it('a bare --token stays the unnamed operator; name=secret ones are named, repeatable', () => {
    expect(loadConfig(['--token', 'desk-secret'], {}, '/d')).toMatchObject({ token: 'desk-secret', tokens: [] });
    const config = loadConfig(['--token', '张三=zhang-secret-1', '--token', 'desk-secret', '--token', 'Li Si=li=secret=2'], {}, '/d');
    expect(config.token).toBe('desk-secret');
    // The name ends at the first '=': a secret may hold more of them.
    expect(config.tokens).toEqual([
      { name: '张三', token: 'zhang-secret-1' },
      { name: 'Li Si', token: 'li=secret=2' },
    ]);
  });

  it('reads CALLBOARD_TOKENS and a config file\'s tokens list; flags win over the environment, which wins over the file', () => {
    const file = json5("{ token: 'file-unnamed', tokens: [{ name: '王五', token: 'wang-secret-5' }] }");
    expect(loadConfig(['--config', file], {}, '/d')).toMatchObject({ token: 'file-unnamed', tokens: [{ name: '王五', token: 'wang-secret-5' }] });
    const env = { CALLBOARD_TOKENS: 'night=night-secret-1, day=day-secret-22' };
    expect(loadConfig(['--config', file], env, '/d').tokens).toEqual([
      { name: 'night', token: 'night-secret-1' },
      { name: 'day', token: 'day-secret-22' },
    ]);
    expect(loadConfig(['--config', file, '--token', 'flag=flag-secret-3'], env, '/d')).toMatchObject({ token: 'file-unnamed', tokens: [{ name: 'flag', token: 'flag-secret-3' }] });
  });

  it('refuses a nameless, short, duplicated or shared token, naming the operator but never the secret', () => {
    const bad: [string[], Record<string, string>, RegExp][] = [
      [['--token', '=nameless-secret'], {}, /tokens\.0\.name: an operator needs a name/],
      [['--token', 'abc=short'], {}, /tokens\.0\.token: an operator token has at least 8 characters/],
      [['--token', 'a=first-secret', '--token', 'a=other-secret'], {}, /operator "a" is named twice/],
      [['--token', 'a=same-secret', '--token', 'b=same-secret'], {}, /operator "b" has another operator's token/],
      [['--token', 'a=desk-secret', '--token', 'desk-secret'], {}, /operator "a" has the unnamed operator token/],
      [['--token', 'one', '--token', 'two'], {}, /one unnamed token at most/],
      [['--token', 'tab\there=tab-secret-1'], {}, /no control characters/],
      [[], { CALLBOARD_TOKENS: 'night=night-secret-1,plain-secret' }, /CALLBOARD_TOKENS: item 2 is not name=secret/],
    ];
    for (const [argv, env, message] of bad) {
      const attempt = () => loadConfig(argv, env, '/d');
      expect(attempt, argv.join(' ')).toThrow(message);
      expect(attempt).not.toThrow(/short|-secret|plain/);
    }
    expect(() => loadConfig(['--config', json5("{ tokens: 'a=b' }")], {}, '/d')).toThrow(/tokens must be a list of \{ name, token \}/);
    expect(() => loadConfig(['--config', json5("{ tokens: [{ name: 'x' }] }")], {}, '/d')).toThrow(/tokens\.0\.token/);
  });

  it('never shows a named token when logged, only the names', () => {
    const config = loadConfig(['--token', '张三=zhang-secret-1', '--token', 'desk-secret'], {}, '/d');
    const text = JSON.stringify(redactConfig(config));
    expect(text).toContain('张三');
    expect(text).not.toContain('zhang-secret-1');
    expect(text).not.toContain('desk-secret');
  });
});
