import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redactingLogger, rotatingFileLogger, type Logger } from '../../electron/core/base/logger';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('rotating file logger', () => {
  it('rotates by size and keeps N old files, newest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-logs-'));
    dirs.push(dir);
    const log = rotatingFileLogger('main', { dir, maxBytes: 1_000, keep: 3 });
    for (let i = 0; i < 200; i++) log.info(`line ${i}`, { n: i });
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(1_000);
    const current = readFileSync(join(dir, 'main.log'), 'utf8');
    expect(current).toMatch(/\[main\] INFO line 199 \{ n: 199 \}\n$/);
    // Rotated files hold the lines just before the current file's, in order.
    const newestRotated = readFileSync(join(dir, 'main.1.log'), 'utf8').trim().split('\n');
    const firstCurrent = Number(/line (\d+)/.exec(current)![1]);
    expect(newestRotated.at(-1)).toContain(`line ${firstCurrent - 1} `);
    log.error('boom', new Error('disk on fire'));
    expect(readFileSync(log.file, 'utf8')).toMatch(/ERROR boom Error: disk on fire/);
  });

  it('appends to an existing log after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-logs-'));
    dirs.push(dir);
    rotatingFileLogger('main', { dir }).info('before restart');
    rotatingFileLogger('main', { dir }).warn('after restart');
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toMatch(/INFO before restart\n.*WARN after restart\n$/);
  });
});

describe('redacting logger', () => {
  it('replaces known secret values in messages, strings and errors', () => {
    const lines: string[] = [];
    const sink: Logger = { info: (...a) => lines.push(a.join(' ')), warn: (...a) => lines.push(a.join(' ')), error: (...a) => lines.push(a.join(' ')) };
    const log = redactingLogger(sink, () => ['amp111', 'box-webkey', undefined]);
    log.info('login with amp111 failed');
    log.error('push refused', new Error('Authorization box-webkey mismatch'), { keep: 'objects as they are' });
    expect(lines.join('\n')).not.toMatch(/amp111|box-webkey/);
    expect(lines[0]).toBe('login with *** failed');
    expect(lines[1]).toContain('Error: Authorization *** mismatch');
  });
});
