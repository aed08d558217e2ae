// A hostile or broken AMI peer that opens things and never closes them — channels
// without Hangup, callers that never leave, members, extensions and queues by the
// thousand, caller names and channel names of 300,000 characters — against a real
// `callboard serve` over TCP. Before the live model had caps such a peer grew it
// until the process died of memory within 60–80 s. Now the core's heap stays
// under a fixed cap, every count stays within its limit, no field is longer than
// its bound, and the log and the live model's notices say which caps were hit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../electron/core/contract';
import { defaultLiveLimits } from '../../electron/core/live/live-limits';
import { FLOOD_END_ID } from '../support/model-flood';
import { until } from '../support/waits';
import { FloodingAmiPeer } from './flooding-ami-peer';
import { startServe, type ServeProcess } from './serve-process';

const MB = 1024 * 1024;
/** What the core's heap (after GC) must stay under during the whole flood. */
const HEAP_CAP = 160 * MB;
/** The process cannot grow past this anyway: without caps it dies, and the test fails on that. */
const OLD_SPACE_MB = 256;
/**
 * 90,000 openings: past every default count limit (channels and callers come from
 * the 36,000 channel and caller events); 225 Newchannels with three 300,000-character
 * fields each carry 200 MB that would all be kept without the field bound.
 */
const FLOOD = { events: 90_000, hugeEvery: 400, hugeChars: 300_000 };

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface HeapSample {
  heapUsed: number;
}

function heapSamples(serve: ServeProcess): HeapSample[] {
  return serve
    .output()
    .split('\n')
    .filter((line) => line.startsWith('BENCH_MEMORY '))
    .map((line) => JSON.parse(line.slice('BENCH_MEMORY '.length)) as HeapSample);
}

async function snapshotOf(port: number): Promise<Snapshot> {
  const answer = await fetch(`http://127.0.0.1:${port}/api/snapshot`);
  return (await answer.json()) as Snapshot;
}

/** Polls the snapshot until the flood's last channel is in it; fails at once if the core died. */
async function snapshotAfterFlood(serve: ServeProcess, port: number, timeoutMs: number): Promise<Snapshot> {
  const start = Date.now();
  for (;;) {
    if (serve.child.exitCode !== null || serve.child.signalCode !== null) throw new Error(`the core died during the flood:\n${serve.output().slice(-2_000)}`);
    const snapshot = await snapshotOf(port).catch(() => undefined);
    if (snapshot?.calls.some((call) => call.id === FLOOD_END_ID)) return snapshot;
    if (Date.now() - start > timeoutMs) throw new Error(`the flood was not applied within ${timeoutMs} ms:\n${serve.output().slice(-2_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe('an AMI peer flooding the live model', () => {
  it('keeps the core under its heap cap, every count within its limit, and says so', async () => {
    const peer = await FloodingAmiPeer.start(['model-flood'], Number.POSITIVE_INFINITY, FLOOD);
    cleanups.push(() => peer.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-model-flood-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const serve = startServe(
      ['--ami', `admin:amp111@127.0.0.1:${peer.port}`, '--http', '127.0.0.1:0', '--no-receiver', '--data-dir', dataDir],
      [`--max-old-space-size=${OLD_SPACE_MB}`, '--expose-gc', '--import', './scripts/memory-probe.mjs'],
    );
    cleanups.push(async () => {
      serve.child.kill('SIGKILL');
      await serve.exited;
    });
    const port = Number(await serve.waitFor(/ready: open http:\/\/127\.0\.0\.1:(\d+)\//));

    const snapshot = await snapshotAfterFlood(serve, port, 240_000);
    // Two more samples (one a second) after the whole flood was applied.
    const sampled = heapSamples(serve).length;
    await until(() => heapSamples(serve).length >= sampled + 2, 'two more heap samples');

    const limits = defaultLiveLimits;
    const channelsInCalls = snapshot.calls.reduce((sum, call) => sum + call.channels.length, 0);
    expect(channelsInCalls).toBeLessThanOrEqual(limits.maxChannels);
    expect(snapshot.calls.length).toBeLessThanOrEqual(limits.maxChannels);
    expect(snapshot.extensions.length).toBe(limits.maxExtensions);
    expect(snapshot.queues.length).toBe(limits.maxQueues);
    for (const queue of snapshot.queues) {
      expect(queue.members.length).toBeLessThanOrEqual(limits.maxMembersPerQueue);
      expect(queue.callers.length).toBeLessThanOrEqual(limits.maxCallersPerQueue);
    }
    expect(Math.max(...snapshot.queues.map((queue) => queue.members.length))).toBe(limits.maxMembersPerQueue);
    expect(Math.max(...snapshot.queues.map((queue) => queue.callers.length))).toBe(limits.maxCallersPerQueue);
    // The huge fields arrived, cut to the bound.
    const longest = Math.max(...snapshot.calls.flatMap((call) => [call.callerNum.length, call.callerName?.length ?? 0, ...call.channels.map((name) => name.length)]));
    expect(longest).toBe(limits.maxFieldChars);

    const notices = snapshot.notices.map((notice) => notice.code).sort();
    expect(notices).toEqual(['live_callers_capped', 'live_channels_capped', 'live_extensions_capped', 'live_fields_cut', 'live_members_capped', 'live_queues_capped']);
    const log = serve.output();
    expect(log).toMatch(/more than 20000 channels open at once/);
    expect(log).toMatch(/longer than 256 characters/);

    const peak = Math.max(...heapSamples(serve).map((sample) => sample.heapUsed));
    expect(peak).toBeLessThan(HEAP_CAP);
  }, 300_000);
});
