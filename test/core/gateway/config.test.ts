import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGatewayArgs } from '../../../electron/core/gateway/cli';

// api.conf as the vendor document shows it (coocenter-api.md "Configuration file").
const apiConf = `[general]
BINDPORT=8000                      ; port the vendor API listens on
URL=http://192.168.12.185:8090     ; where the box POSTs its events
WEBKEY=asjdfjklkasdf
mac=68:69:2e:03:8b:3e
pop_url=http://www.baidu.com
[enable]
pausetime=yes
`;

describe('callboard gateway --config api.conf', () => {
  it('reads api.conf and the AMI / data-dir flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-gateway-conf-'));
    try {
      writeFileSync(join(dir, 'api.conf'), apiConf);
      const args = parseGatewayArgs(['--config', join(dir, 'api.conf'), '--ami', 'admin:amp111@10.0.0.5:5038', '--data-dir', dir, '--recordings', '/mnt/monitor'], {});
      expect(args.config).toMatchObject({
        bindHost: '0.0.0.0', bindPort: 8000, url: 'http://192.168.12.185:8090', webkey: 'asjdfjklkasdf', mac: '68:69:2e:03:8b:3e',
        popUrl: 'http://www.baidu.com', pauseTime: true, wrapupSeconds: 30, timeZone: 'Asia/Shanghai', recordingsDir: '/mnt/monitor',
      });
      expect(args.ami).toEqual({ id: 'pbx', host: '10.0.0.5', port: 5038, username: 'admin', secret: 'amp111' });
      expect(args.dataDir).toBe(dir);
      expect(() => parseGatewayArgs(['--ami', 'a:b@h:1'], {})).toThrow(/--config/);
      expect(() => parseGatewayArgs(['--config', join(dir, 'api.conf'), '--nope'], {})).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
