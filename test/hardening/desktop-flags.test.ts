import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DesktopFlagError, parseDesktopFlags, pickDisplay } from '../../electron/core/config/desktop-flags';
import { loadConfig } from '../../electron/core/config/load';

const apiConf = `BINDPORT=8000
URL=http://192.168.1.20:8091/
WEBKEY=box-key-1
[enable]
pausetime=yes
`;
const confDir = mkdtempSync(join(tmpdir(), 'callboard-flags-'));
const apiConfPath = join(confDir, 'api.conf');
writeFileSync(apiConfPath, apiConf);
afterAll(() => rmSync(confDir, { recursive: true, force: true }));

describe('desktop flags', () => {
  it('defaults to the console window on the agent grid, dropping Chromium switches', () => {
    const flags = parseDesktopFlags(['out/main/index.js', '--no-sandbox', '--enable-logging', '--data-dir=/tmp/cb', '--no-receiver']);
    expect(flags).toEqual({ mode: 'window', coreArgv: ['--data-dir=/tmp/cb', '--no-receiver'], route: '/agents', isDemo: false });
    expect(loadConfig(flags.coreArgv, {}, '/default').dataDir).toBe('/tmp/cb');
  });

  it('opens a kiosk wallboard for one queue on a chosen display', () => {
    expect(parseDesktopFlags(['--wallboard=630', '--display=1'])).toMatchObject({
      mode: 'wallboard',
      wallboard: { queue: '630', display: 1 },
      route: '/wallboard?queue=630',
    });
    expect(parseDesktopFlags(['--wallboard', '--display', '2'])).toMatchObject({ mode: 'wallboard', wallboard: { display: 2 }, route: '/wallboard' });
    expect(parseDesktopFlags(['--wallboard=销售 1']).route).toBe('/wallboard?queue=%E9%94%80%E5%94%AE%201');
  });

  it('turns on demo mode with --demo, in a window or headless', () => {
    expect(parseDesktopFlags(['--demo'])).toMatchObject({ mode: 'window', isDemo: true });
    expect(parseDesktopFlags(['--demo', '--headless'])).toMatchObject({ mode: 'headless', isDemo: true });
    expect(() => parseDesktopFlags(['--demo=yes'])).toThrow(/--demo takes no value/);
  });

  it('runs headless and keeps the serve flags for the core', () => {
    const flags = parseDesktopFlags(['--headless', '--http', '0.0.0.0:9000', '--ami=admin:s@10.0.0.2:5038', '--token', 't0k']);
    expect(flags.mode).toBe('headless');
    const config = loadConfig(flags.coreArgv, {}, '/d');
    expect(config.http).toEqual({ host: '0.0.0.0', port: 9000 });
    expect(config.ami[0]).toMatchObject({ host: '10.0.0.2', secret: 's' });
    expect(config.token).toBe('t0k');
  });

  it('imports a vendor api.conf with --config: its WEBKEY and push port reach the core, an explicit --webkey wins', () => {
    const flags = parseDesktopFlags(['--config', apiConfPath, '--data-dir', '/tmp/cb']);
    expect(flags.coreArgv).toEqual([`--config=${apiConfPath}`, '--data-dir=/tmp/cb']);
    const config = loadConfig(flags.coreArgv, {}, '/d');
    expect(config.webkey).toBe('box-key-1');
    expect(config.receiver).toEqual({ host: '0.0.0.0', port: 8091 });
    const explicit = parseDesktopFlags([`--config=${apiConfPath}`, '--webkey=mine']);
    expect(loadConfig(explicit.coreArgv, {}, '/d').webkey).toBe('mine');
  });

  it('refuses bad values with messages that name the flag', () => {
    expect(() => parseDesktopFlags(['--display=1'])).toThrow(/--display only applies to --wallboard/);
    expect(() => parseDesktopFlags(['--wallboard', '--display=one'])).toThrow(DesktopFlagError);
    expect(() => parseDesktopFlags(['--headless=yes'])).toThrow(/takes no value/);
    expect(() => parseDesktopFlags(['--data-dir'])).toThrow(/--data-dir expects a value/);
    expect(() => parseDesktopFlags(['--data-dir', '--headless'])).toThrow(/--data-dir expects a value/);
  });

  it('picks the asked display, or the first with a warning', () => {
    const displays = [0, 1].map((id) => ({ id, bounds: { x: id * 1920, y: 0, width: 1920, height: 1080 } }));
    expect(pickDisplay(displays, undefined).display?.id).toBe(0);
    expect(pickDisplay(displays, 1).display?.id).toBe(1);
    expect(pickDisplay(displays, 3)).toEqual({ display: displays[0], warning: '--display=3: only 2 display(s); using display 0' });
  });
});
