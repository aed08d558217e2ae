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
