import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { callerOf, type AccessPolicy } from '../../../electron/core/server/access';

/** The parts of a request callerOf reads: the peer address, the Authorization header, the URL. */
const request = (remote: string, options: { bearer?: string; url?: string } = {}) =>
  ({ socket: { remoteAddress: remote }, headers: options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}, url: options.url ?? '/api/invoke/x' }) as unknown as IncomingMessage;

const policy: AccessPolicy = {
  token: 'desk-secret-0',
  tokens: [
    { name: '张三', token: 'zhang-secret-1' },
    { name: 'Li Si', token: 'li-secret-22' },
  ],
};

describe('callerOf with named operator tokens', () => {
  it('each named token acts as its operator, from the address it came from', () => {
    expect(callerOf(request('192.168.1.20', { bearer: 'zhang-secret-1' }), policy)).toEqual({ role: 'act', who: 'operator:张三@192.168.1.20' });
    expect(callerOf(request('127.0.0.1', { bearer: 'li-secret-22' }), policy)).toEqual({ role: 'act', who: 'operator:Li Si@127.0.0.1' });
    // WebSockets carry the token in the URL.
    expect(callerOf(request('10.0.0.7', { url: '/api/ws?token=li-secret-22' }), policy)).toEqual({ role: 'act', who: 'operator:Li Si@10.0.0.7' });
  });

  it('the unnamed token still acts, as the browser at its address', () => {
    expect(callerOf(request('192.168.1.20', { bearer: 'desk-secret-0' }), policy)).toEqual({ role: 'act', who: 'web:192.168.1.20' });
    expect(callerOf(request('192.168.1.20', { bearer: 'desk-secret-0' }), { token: 'desk-secret-0' })).toEqual({ role: 'act', who: 'web:192.168.1.20' });
  });

  it('a wrong, near or missing token is read-only, on loopback too once any token is configured', () => {
    for (const bearer of [undefined, 'wrong', 'zhang-secret-1x', 'zhang-secret-', 'ZHANG-SECRET-1', '']) {
      expect(callerOf(request('192.168.1.20', bearer === undefined ? {} : { bearer }), policy), String(bearer)).toEqual({ role: 'read', who: 'web:192.168.1.20' });
      expect(callerOf(request('127.0.0.1', bearer === undefined ? {} : { bearer }), { tokens: policy.tokens }).role).toBe('read');
    }
  });

  it('without any token the loopback client acts and the LAN reads, as before', () => {
    expect(callerOf(request('127.0.0.1'), {})).toEqual({ role: 'act', who: 'web:127.0.0.1' });
    expect(callerOf(request('192.168.1.20', { bearer: 'zhang-secret-1' }), { tokens: [] })).toEqual({ role: 'read', who: 'web:192.168.1.20' });
  });
});
