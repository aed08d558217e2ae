import { describe, expect, it } from 'vitest';
import { DesktopFlagError, parseDesktopFlags, pickDisplay } from '../../electron/core/config/desktop-flags';
import { loadConfig } from '../../electron/core/config/load';

const apiConf = `BINDPORT=8000
URL=http://192.168.1.20:8090/
WEBKEY=box-key-1
mac=00:11:22:33:44:55
[enable]
pausetime=yes
`;
const files: Record<string, string> = { '/etc/asterisk/api.conf': apiConf };
const read = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error('ENOENT: no such file');
  return text;
};

describe('desktop flags', () => {
  it('defaults to the console window on the agent grid, dropping Chromium switches', () => {
    const flags = parseDesktopFlags(['out/main/index.js', '--no-sandbox', '--enable-logging', '--data-dir=/tmp/cb', '--no-receiver'], read);
    expect(flags).toEqual({ mode: 'window', coreArgv: ['--data-dir=/tmp/cb', '--no-receiver'], route: '/agents' });
    expect(loadConfig(flags.coreArgv, {}, '/default').dataDir).toBe('/tmp/cb');
  });

  it('opens a kiosk wallboard for one queue on a chosen display', () => {
    expect(parseDesktopFlags(['--wallboard=630', '--display=1'], read)).toMatchObject({
      mode: 'wallboard',
      wallboard: { queue: '630', display: 1 },
      route: '/wallboard?queue=630',
    });
    expect(parseDesktopFlags(['--wallboard', '--display', '2'], read)).toMatchObject({ mode: 'wallboard', wallboard: { display: 2 }, route: '/wallboard' });
    expect(parseDesktopFlags(['--wallboard=销售 1'], read).route).toBe('/wallboard?queue=%E9%94%80%E5%94%AE%201');
  });

  it('runs headless and keeps the serve flags for the core', () => {
    const flags = parseDesktopFlags(['--headless', '--http', '0.0.0.0:9000', '--ami=admin:s@10.0.0.2:5038', '--token', 't0k'], read);
    expect(flags.mode).toBe('headless');
    const config = loadConfig(flags.coreArgv, {}, '/d');
    expect(config.http).toEqual({ host: '0.0.0.0', port: 9000 });
    expect(config.ami[0]).toMatchObject({ host: '10.0.0.2', secret: 's' });
    expect(config.token).toBe('t0k');
  });

  it('imports a vendor api.conf with --config: WEBKEY goes to the core unless --webkey is given', () => {
    const flags = parseDesktopFlags(['--config', '/etc/asterisk/api.conf'], read);
    expect(flags.apiConf?.conf).toMatchObject({ webkey: 'box-key-1', bindPort: 8000, url: 'http://192.168.1.20:8090/', pauseTime: true });
    expect(loadConfig(flags.coreArgv, {}, '/d').webkey).toBe('box-key-1');
    const explicit = parseDesktopFlags(['--config=/etc/asterisk/api.conf', '--webkey=mine'], read);
    expect(loadConfig(explicit.coreArgv, {}, '/d').webkey).toBe('mine');
    // A JSON5 file is still the core's own config file.
    expect(parseDesktopFlags(['--config', '/x/callboard.json5'], read).coreArgv).toEqual(['--config=/x/callboard.json5']);
  });

  it('refuses bad values with messages that name the flag', () => {
    expect(() => parseDesktopFlags(['--display=1'], read)).toThrow(/--display only applies to --wallboard/);
    expect(() => parseDesktopFlags(['--wallboard', '--display=one'], read)).toThrow(DesktopFlagError);
    expect(() => parseDesktopFlags(['--headless=yes'], read)).toThrow(/takes no value/);
    expect(() => parseDesktopFlags(['--data-dir'], read)).toThrow(/--data-dir expects a value/);
    expect(() => parseDesktopFlags(['--data-dir', '--headless'], read)).toThrow(/--data-dir expects a value/);
    expect(() => parseDesktopFlags(['--config', '/missing/api.conf'], read)).toThrow(/Cannot read api.conf \/missing\/api.conf/);
  });

  it('picks the asked display, or the first with a warning', () => {
    const displays = [0, 1].map((id) => ({ id, bounds: { x: id * 1920, y: 0, width: 1920, height: 1080 } }));
    expect(pickDisplay(displays, undefined).display?.id).toBe(0);
    expect(pickDisplay(displays, 1).display?.id).toBe(1);
    expect(pickDisplay(displays, 3)).toEqual({ display: displays[0], warning: '--display=3: only 2 display(s); using display 0' });
  });
});
