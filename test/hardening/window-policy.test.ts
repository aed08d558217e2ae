import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig, redactConfig } from '../../electron/core/config/config';
import { applyStoredSecrets, secretValuesOf } from '../../electron/core/security/config-secrets';
import { contentSecurityPolicy, isPermissionAllowed } from '../../electron/core/security/csp';
import { headlessSecretStore } from '../../electron/core/security/headless-secrets';
import { isExternalLinkAllowed, trustedUrlMatcher } from '../../electron/core/security/navigation';
import { appOrigin, appPageUrl } from '../../electron/core/security/app-protocol';
import { ReloadGuard } from '../../electron/core/security/reload-guard';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('Content-Security-Policy', () => {
  it('allows only the bundle in production: no eval, no inline script, no remote script, no framing', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|\*/);
  });

  it('adds exactly the dev server and its HMR socket in development', () => {
    const policy = directives(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' }));
    expect(policy['script-src']).toEqual(["'self'", 'http://localhost:5173']);
    expect(policy['connect-src']).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
  });

  it('denies every permission except fullscreen and sanitized clipboard writes', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'pointerLock', 'display-capture', 'hid', 'serial', 'usb']) {
      expect(isPermissionAllowed(permission), permission).toBe(false);
    }
    expect(isPermissionAllowed('fullscreen')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
  });
});

describe('trusted URLs (navigation lock, IPC sender check)', () => {
  it('trusts the app://callboard origin only, never file://', () => {
    const isTrusted = trustedUrlMatcher();
    expect(isTrusted(appPageUrl('/agents'))).toBe(true);
    expect(isTrusted(`${appOrigin}/assets/index-abc.js`)).toBe(true);
    expect(isTrusted(`${appOrigin}/api/export/calls.csv?q=%7B%7D`)).toBe(true);
    expect(isTrusted('app://callboard.evil/index.html')).toBe(false);
    expect(isTrusted('app://callboard:8080/index.html')).toBe(false);
    expect(isTrusted('app://user@callboard/index.html')).toBe(false);
    expect(isTrusted('other://callboard/index.html')).toBe(false);
    expect(isTrusted(pathToFileURL(join(tmpdir(), 'out', 'renderer', 'index.html')).href)).toBe(false);
    expect(isTrusted('https://example.com/index.html')).toBe(false);
    expect(isTrusted('http://localhost:5173/')).toBe(false);
    expect(isTrusted('javascript:alert(1)')).toBe(false);
    expect(isTrusted('')).toBe(false);
  });

  it('trusts the dev server by exact origin in development', () => {
    const isTrusted = trustedUrlMatcher('http://localhost:5173');
    expect(isTrusted('http://localhost:5173/#/wallboard')).toBe(true);
    expect(isTrusted('http://localhost:51730/')).toBe(false);
    expect(isTrusted('http://localhost:5173.evil.example/')).toBe(false);
    expect(isTrusted('https://localhost:5173/')).toBe(false);
  });

  it('opens only http(s) links externally', () => {
    expect(isExternalLinkAllowed('https://www.electronjs.org/')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:foo', 'not a url']) expect(isExternalLinkAllowed(url), url).toBe(false);
  });
});

describe('renderer crash reloads', () => {
  it('allows a few reloads per minute, then stops a crash loop, and forgives after the window', () => {
    let now = 0;
    const guard = new ReloadGuard(3, 60_000, () => now);
    expect([guard.shouldReload(), guard.shouldReload(), guard.shouldReload(), guard.shouldReload()]).toEqual([true, true, true, false]);
    now = 60_001;
    expect(guard.shouldReload()).toBe(true);
  });
});

describe('stored secrets fill the configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-config-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills empty secrets from the store, keeps explicit ones, and remembers them when asked', () => {
    const store = headlessSecretStore(dir);
    store.set('webkey', 'stored-webkey');
    store.set('ami:pbx', 'stored-ami');
    const config = { ...defaultConfig(dir), ami: [{ id: 'pbx', host: '10.0.0.2', port: 5038, username: 'admin', secret: '' }] };
    const filled = applyStoredSecrets(config, store);
    expect(filled.webkey).toBe('stored-webkey');
    expect(filled.ami[0]!.secret).toBe('stored-ami');
    expect(config.ami[0]!.secret).toBe('');
    const explicit = applyStoredSecrets({ ...config, token: 'flag-token', webkey: 'flag-webkey' }, store, { remember: true });
    expect(explicit.webkey).toBe('flag-webkey');
    expect(headlessSecretStore(dir).get('token')).toBe('flag-token');
    expect(headlessSecretStore(dir).get('webkey')).toBe('flag-webkey');
    expect(secretValuesOf(filled).sort()).toEqual(['stored-ami', 'stored-webkey']);
    // The scheduled reports' relay password: remembered when given, filled when left out, and redacted in logs.
    const relay = { host: 'mail.example.com', port: 587, secure: false, user: 'reports', from: 'cb@example.com' };
    applyStoredSecrets({ ...config, reports: { smtp: { ...relay, password: 'relay-pass' } } }, store, { remember: true });
    const withRelay = applyStoredSecrets({ ...config, reports: { smtp: relay } }, headlessSecretStore(dir));
    expect(withRelay.reports?.smtp?.password).toBe('relay-pass');
    expect(secretValuesOf(withRelay)).toContain('relay-pass');
    expect(JSON.stringify(redactConfig(withRelay))).not.toContain('relay-pass');
  });
});
