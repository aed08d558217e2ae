import { describe, expect, it } from 'vitest';
import { parseApiConf, receiverUrls } from '../../../electron/core/vendor-api/api-conf';

describe('api.conf import', () => {
  it('reads the file of coocenter-api.md, inline comments included', () => {
    const text = [
      '[general]',
      'BINDPORT=8000                      ; port the vendor API listens on',
      'URL=http://192.168.12.185:8090     ; where the box POSTs its events',
      'WEBKEY=asjdfjklkasdf               ; shared secret',
      'mac=68:69:2e:03:8b:3e              ; MAC of the PBX',
      'pop_url=http://www.baidu.com       ; screen-pop URL',
      '[enable]',
      'pausetime=no                       ; after-call work',
    ].join('\n');
    expect(parseApiConf(text)).toEqual({
      bindPort: 8000,
      url: 'http://192.168.12.185:8090',
      webkey: 'asjdfjklkasdf',
      mac: '68:69:2e:03:8b:3e',
      popUrl: 'http://www.baidu.com',
      pauseTime: false,
    });
  });

  it('treats a commented-out or empty WEBKEY as no check, and tolerates missing keys and sections', () => {
    expect(parseApiConf('[general]\n#WEBKEY=secret\nbindport=9000\n[ENABLE]\nPauseTime=yes\n')).toEqual({
      bindPort: 9000,
      url: undefined,
      webkey: '',
      mac: undefined,
      popUrl: undefined,
      pauseTime: true,
    });
    expect(parseApiConf('WEBKEY=\nBINDPORT=notaport')).toMatchObject({ webkey: '', bindPort: undefined, pauseTime: false });
    expect(parseApiConf('')).toEqual({ webkey: '', pauseTime: false, bindPort: undefined, url: undefined, mac: undefined, popUrl: undefined });
  });

  it('lists the receiver URLs the box can be pointed at (external IPv4 only)', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.12.185', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
    } as unknown as Parameters<typeof receiverUrls>[1];
    expect(receiverUrls(8090, interfaces)).toEqual(['http://192.168.12.185:8090']);
  });
});
