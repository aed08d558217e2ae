import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findChromium, noChromiumMessage, type ChromiumProbe } from '../../scripts/chromium';

function probe(executables: string[], env: Record<string, string | undefined> = {}, playwright?: string): ChromiumProbe {
  const present = new Set(executables);
  return { env: { PATH: '/usr/local/bin:/usr/bin', ...env }, platform: 'linux', isExecutable: (path) => present.has(path), playwrightPath: () => playwright };
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first', () => {
    const found = findChromium(probe(['/opt/my/chrome', '/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/my/chrome' }));
    expect(found).toMatchObject({ executablePath: '/opt/my/chrome', source: 'CHROMIUM_PATH' });
    expect(found?.args).toContain('--no-sandbox');
  });

  it('refuses a CHROMIUM_PATH that is not there instead of quietly using another browser', () => {
    expect(() => findChromium(probe(['/usr/bin/chromium'], { CHROMIUM_PATH: '/nowhere/chrome' }))).toThrow('CHROMIUM_PATH=/nowhere/chrome');
  });

  it('finds a system Chromium or Chrome on PATH, then at the usual places', () => {
    expect(findChromium(probe(['/usr/bin/chromium-browser']))?.executablePath).toBe('/usr/bin/chromium-browser');
    expect(findChromium(probe(['/usr/local/bin/google-chrome', '/usr/bin/chromium']))?.executablePath).toBe('/usr/local/bin/google-chrome');
    expect(findChromium(probe(['/opt/google/chrome/chrome'], { PATH: '' }))).toMatchObject({ executablePath: '/opt/google/chrome/chrome', source: 'system' });
  });

  it("falls back to Playwright's own browser, and to nothing", () => {
    const own = '/home/u/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';
    expect(findChromium(probe([own], {}, own))).toMatchObject({ executablePath: own, source: 'playwright' });
    expect(findChromium(probe([], {}, own))).toBeUndefined();
  });
});

describe('chromiumOrExit', () => {
  it('stops a launcher with one line saying how to get a browser', () => {
    const script = "import { chromiumOrExit } from './scripts/chromium.ts'; chromiumOrExit(); console.log('launched');";
    // An empty PATH and an empty Playwright cache: only fixed system paths could still be found.
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { PATH: '', PLAYWRIGHT_BROWSERS_PATH: '/nonexistent-callboard-test', CHROMIUM_PATH: '/nonexistent-callboard-test/chrome' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual(['CHROMIUM_PATH=/nonexistent-callboard-test/chrome is not an executable file.']);
    expect(noChromiumMessage).toMatch(/CHROMIUM_PATH.*apt-get install chromium.*npx playwright install chromium/);
  });
});
