import { mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/core/base/logger';
import { ensureRendererBuilt, newestModification, rendererState } from '../../electron/renderer-build';

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => void lines.push(`info ${m}`), warn: (m) => void lines.push(`warn ${m}`), error: (m) => void lines.push(`error ${m}`) };
}

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

function touch(path: string, seconds: number): void {
  writeFileSync(path, 'x');
  utimesSync(path, at(seconds), at(seconds));
}

/** A fake checkout: renderer sources at t=10 s, the contract at t=20 s. */
function checkout(): { root: string; web: string } {
  const root = mkdtempSync(join(tmpdir(), 'callboard-render-'));
  mkdirSync(join(root, 'renderer', 'src'), { recursive: true });
  mkdirSync(join(root, 'renderer', 'node_modules'), { recursive: true });
  mkdirSync(join(root, 'electron', 'core', 'contract'), { recursive: true });
  touch(join(root, 'renderer', 'src', 'App.vue'), 10);
  touch(join(root, 'electron', 'core', 'contract', 'model.ts'), 20);
  touch(join(root, 'renderer', 'node_modules', 'ignored.js'), 99);
  return { root, web: join(root, 'out', 'web') };
}

describe('rendererState', () => {
  it('is missing without out/web/index.html, stale when a source is newer, fresh otherwise', () => {
    const { root, web } = checkout();
    expect(rendererState(root, web)).toBe('missing');
    mkdirSync(web, { recursive: true });
    touch(join(web, 'index.html'), 15);
    expect(rendererState(root, web)).toBe('stale');
    touch(join(web, 'index.html'), 30);
    expect(rendererState(root, web)).toBe('fresh');
    touch(join(root, 'renderer', 'src', 'App.vue'), 40);
    expect(rendererState(root, web)).toBe('stale');
  });

  it('looks at every file below the sources but not into node_modules', () => {
    const { root } = checkout();
    expect(newestModification([join(root, 'renderer'), join(root, 'missing-folder')])).toBe(at(10).getTime());
  });
});

describe('ensureRendererBuilt', () => {
  it('without renderer sources (an installed package) it only says the console is missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'callboard-render-'));
    const log = recordingLog();
    expect(await ensureRendererBuilt(root, join(root, 'out', 'web'), log)).toBe('missing');
    expect(log.lines).toEqual([expect.stringMatching(/^warn no console in .* serving the API only$/)]);
  });

  it('builds the real console into a missing out/web, says so, and then leaves it alone', { timeout: 240_000 }, async () => {
    const web = join(mkdtempSync(join(tmpdir(), 'callboard-web-')), 'web');
    const log = recordingLog();
    expect(await ensureRendererBuilt(process.cwd(), web, log)).toBe('fresh');
    expect(readFileSync(join(web, 'index.html'), 'utf8')).toContain('<div id="app">');
    expect(readdirSync(join(web, '..'))).toEqual(['web']);
    expect(log.lines[0]).toMatch(/^info the console \(.*\) is not built yet: building it with Vite/);
    expect(log.lines[1]).toMatch(/^info console built in \d+\.\d s$/);
    const again = recordingLog();
    expect(await ensureRendererBuilt(process.cwd(), web, again)).toBe('fresh');
    expect(again.lines).toEqual([]);
  });
});
