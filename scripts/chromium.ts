import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * The Chromium every launcher uses (playwright.config.ts, bench, the screenshot
 * script): `CHROMIUM_PATH`, else a system Chromium or Chrome, else the browser
 * `npx playwright install chromium` put in Playwright's cache.
 */
export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
  /** Where it was found, for one log line. */
  source: 'CHROMIUM_PATH' | 'system' | 'playwright';
}

/** Flags for a container: no setuid sandbox, no GPU, /dev/shm too small for tabs. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];

export const noChromiumMessage =
  'No Chromium found: set CHROMIUM_PATH, install one (Debian/Ubuntu: `sudo apt-get install chromium`), or run `npx playwright install chromium`.';

const commandNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const fixedPaths: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/opt/google/chrome/chrome'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: [
    join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'),
    join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google', 'Chrome', 'Application', 'chrome.exe'),
  ],
};

export interface ChromiumProbe {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  isExecutable(path: string): boolean;
  /** Where Playwright's own download of its Chromium would be. */
  playwrightPath(): string | undefined;
}

const realProbe: ChromiumProbe = {
  env: process.env,
  platform: process.platform,
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  playwrightPath() {
    try {
      return chromium.executablePath();
    } catch {
      return undefined;
    }
  },
};

/** The first Chromium found, or undefined. A CHROMIUM_PATH that does not exist is an error, not a silent fallback. */
export function findChromium(probe: ChromiumProbe = realProbe): ChromiumLaunch | undefined {
  const wanted = probe.env.CHROMIUM_PATH?.trim();
  if (wanted) {
    if (!probe.isExecutable(wanted)) throw new Error(`CHROMIUM_PATH=${wanted} is not an executable file.`);
    return { executablePath: wanted, args: chromiumArgs, source: 'CHROMIUM_PATH' };
  }
  const onPath = (probe.env.PATH ?? '').split(delimiter).filter(Boolean)
    .flatMap((dir) => commandNames.map((name) => join(dir, probe.platform === 'win32' ? `${name}.exe` : name)));
  const system = [...onPath, ...(fixedPaths[probe.platform] ?? [])].find((path) => probe.isExecutable(path));
  if (system) return { executablePath: system, args: chromiumArgs, source: 'system' };
  const own = probe.playwrightPath();
  if (own && probe.isExecutable(own)) return { executablePath: own, args: chromiumArgs, source: 'playwright' };
  return undefined;
}

/** For command-line launchers: the Chromium, or one line on stderr saying how to get one and exit 1. */
export function chromiumOrExit(): ChromiumLaunch {
  let found: ChromiumLaunch | undefined;
  try {
    found = findChromium();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  if (!found) {
    process.stderr.write(`${noChromiumMessage}\n`);
    process.exit(1);
  }
  return found;
}
