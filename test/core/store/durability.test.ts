import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCallRecord } from '../../support/generate-calls';
import { tempDatabase } from './support/temp-db';

const script = fileURLToPath(new URL('./support/kill-writer.ts', import.meta.url));
const options = { count: 1_000_000, firstDay: '2026-11-01', days: 30, timeZone: 'Asia/Shanghai', seed: 11 };

let temp: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  temp = tempDatabase();
});
afterEach(() => temp.cleanup());

describe('kill -9 durability', () => {
  it('keeps every call whose write was acknowledged before SIGKILL', async () => {
    // Own process group, so the kill reaches npx's node child too (by group id, nothing else).
    const child = spawn('npx', ['tsx', script, temp.file], { cwd: process.cwd(), detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: number[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const lines = createInterface({ input: child.stdout! });
    let killedAfter = 0;
    for await (const line of lines) {
      const match = /^ack (\d+) (\d+)$/.exec(line);
      if (!match) continue;
      for (let index = Number(match[1]); index <= Number(match[2]); index += 1) acknowledged.push(index);
      if (acknowledged.length >= 3_000 && killedAfter === 0) {
        killedAfter = acknowledged.length;
        process.kill(-child.pid!, 'SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');

    const db = temp.open();
    const stored = new Set((db.prepare('SELECT uniqueid FROM calls').all() as { uniqueid: string }[]).map((row) => row.uniqueid));
    const missing = acknowledged.filter((index) => !stored.has(generateCallRecord(options, index).uniqueid));
    expect(missing).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(killedAfter);
    // The queue ledger and its rollups committed with the calls: they count exactly what is stored.
    const queued = db.prepare('SELECT count(*) AS n FROM calls WHERE queue IS NOT NULL').get() as { n: number };
    expect(queued.n).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) AS n FROM queue_calls').get()).toEqual(queued);
    expect(db.prepare('SELECT sum(offered) AS n FROM queue_rollup_hour').get()).toEqual(queued);
  });
});
