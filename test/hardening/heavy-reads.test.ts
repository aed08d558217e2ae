// Finding: two clients searching a cache of millions of calls held the one thread that
// also serves /healthz, the live view and the pushes. Replayed against a real
// `callboard serve` on 1 M generated calls (bench/reads; `npm run bench -- reads` runs
// 2 M and measures the /healthz p99): searches and totals run in the read workers, so
// /healthz answers while one provably runs (it says so: reads.running); a client asking
// too often gets 429. With the reads on the main thread the first two tests fail: no poll
// is answered until the read is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heavyReads, invoke, pollHealth, readInLoop, type HealthSample } from '../../bench/reads/clients';
import { readsDataDir } from '../../bench/reads/reads-db';
import { startServe, type ServeProcess } from './serve-process';

// 2 M calls took 2.5 min to generate on the shared 2-core machine; 1 M still makes a search take seconds.
const ROWS = 1_000_000;
let data: { dir: string; remove(): void };
let serve: ServeProcess;
let base: string;

beforeAll(async () => {
  data = readsDataDir(ROWS, (message) => process.stderr.write(`${message}\n`));
  serve = startServe(['--http', '127.0.0.1:0', '--no-receiver', '--data-dir', data.dir]);
  base = await serve.waitFor(/ready: open (http:\/\/\S+)/);
}, 600_000);

afterAll(async () => {
  if (serve && serve.child.exitCode === null) {
    serve.child.kill('SIGTERM');
    const killer = setTimeout(() => serve.child.kill('SIGKILL'), 10_000);
    await serve.exited;
    clearTimeout(killer);
  }
  data?.remove();
}, 60_000);

describe('heavy history reads on a real serve process', () => {
  it('/healthz answers while the totals of a million calls are counted in a read worker', async () => {
    let isAnswered = false;
    const totals = invoke(base, heavyReads.allTotals, '127.0.0.2').finally(() => (isAnswered = true));
    // Polls until the read is answered: with the read on the main thread no poll could be answered in between.
    const samples = await pollHealth(base, 10, () => isAnswered);
    const answer = await totals;
    expect(answer.status).toBe(200);
    const reply = JSON.parse(answer.body) as { ok: boolean; result: { offered: number } };
    expect(reply.ok).toBe(true);
    expect(reply.result.offered).toBeGreaterThan(ROWS / 2);
    const whileRunning = samples.filter((sample) => sample.running >= 1);
    expect(whileRunning.length, `health polls while the read ran, of ${samples.length}`).toBeGreaterThan(0);
    expect(samples.every((sample) => sample.status === 200)).toBe(true);
  }, 300_000);

  it('two clients looping on searches and totals: every health poll is answered, some while they read', async () => {
    const twice = () => {
      let reads = 0;
      return () => reads++ >= 2;
    };
    const readers = Promise.all([readInLoop(base, heavyReads.search, '127.0.0.3', twice()), readInLoop(base, heavyReads.totals, '127.0.0.4', twice())]);
    let isFinished = false;
    void readers.finally(() => (isFinished = true));
    const samples: HealthSample[] = await pollHealth(base, 10, () => isFinished);
    const [searches, totals] = await readers;
    expect(searches.done + totals.done).toBe(4);
    expect(samples.every((sample) => sample.status === 200)).toBe(true);
    expect(samples.filter((sample) => sample.running >= 1).length).toBeGreaterThan(0);
  }, 600_000);

  it('a client asking too often gets 429 with Retry-After; another client is still served', async () => {
    const cheap = { method: 'history.search', params: { filter: {}, page: { limit: 1 } } };
    const answers = await Promise.all(Array.from({ length: 60 }, () => invoke(base, cheap, '127.0.0.5')));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused[0]!.body)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThan(0);
    expect((await invoke(base, cheap, '127.0.0.6')).status).toBe(200);
  }, 300_000);
});
