import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { post } from './receiver-harness';

const childScript = fileURLToPath(new URL('./receiver-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'callboard-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('durable ack', () => {
  it('every event answered 200 is in SQLite after the receiver process is killed with SIGKILL', async () => {
    const file = join(dir, 'cache.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
        child.once('exit', (code) => reject(new Error(`receiver exited early (${code})`)));
      });
      const url = `http://127.0.0.1:${port}`;
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) => post(url, JSON.stringify({ event: 'extensionstatus', exten: String(800 + (i % 50)), status: i % 2, seq: i }))),
      );
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      const ackedIds = answers.map((answer) => answer.json.id as number);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      const db = new Database(file, { readonly: true });
      try {
        const rows = db.prepare('SELECT id, body FROM raw_events').all() as { id: number; body: string }[];
        const stored = new Map(rows.map((row) => [row.id, JSON.parse(row.body) as { seq: number }]));
        for (const [i, id] of ackedIds.entries()) expect(stored.get(id)?.seq).toBe(i);
      } finally {
        db.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
