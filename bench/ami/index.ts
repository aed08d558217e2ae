import { existsSync } from 'node:fs';
import type { BenchDefinition } from '../lib/bench';
import { ChildHandle, runChild } from '../lib/child';
import { figureMaker, type Figure } from '../lib/figure';
import { MB, median } from '../lib/stats';

const figure = figureMaker('ami');

interface SocketRun {
  type: 'result';
  events: number;
  ms: number;
}

interface ApplyRun {
  type: 'result';
  bytes: number;
  events: number;
  updatesPerPass: number;
  applySeconds: number;
  parseSeconds: number;
  onceEvents: number;
  applyOnlySeconds: number;
}

const reducerFile = new URL('../../electron/core/live/ami-reducer.ts', import.meta.url);

interface MemoryRun {
  type: 'result';
  bytes: number;
  oursEvents: number;
  naiveEvents: number;
  oursSeconds: number;
  naiveSeconds: number;
}

/** Alternate the two socket clients against one feed server, `rounds` times each; medians. */
async function socketRuns(bytesWanted: number, rounds: number, log: (m: string) => void) {
  const feed = new ChildHandle('ami/feed-server.ts', [String(bytesWanted)]);
  try {
    const { port, bytes } = await feed.next<{ type: 'ready'; port: number; bytes: number }>();
    const runs: Record<'ours' | 'asterisk-manager' | 'live', SocketRun[]> = { ours: [], 'asterisk-manager': [], live: [] };
    for (let round = 0; round < rounds; round++) {
      for (const which of ['asterisk-manager', 'live', 'ours'] as const) {
        const run = await runChild<SocketRun>('ami/socket-client.ts', [which, String(port)]);
        log(`  ami socket ${which}: ${(bytes / MB / (run.ms / 1000)).toFixed(1)} MB/s, ${run.events} events`);
        runs[which].push(run);
      }
    }
    const summary = (list: SocketRun[]) => {
      const ms = median(list.map((r) => r.ms));
      return { mbps: bytes / MB / (ms / 1000), eventsPerS: (list[0]?.events ?? 0) / (ms / 1000), events: list[0]?.events ?? 0 };
    };
    return { bytes, ours: summary(runs.ours), am: summary(runs['asterisk-manager']), live: summary(runs.live) };
  } finally {
    await feed.stop();
  }
}

export const amiBench: BenchDefinition = {
  name: 'ami',
  description: 'AMI frame parser on the real transcripts: in memory vs a naive splitter, over loopback TCP vs asterisk-manager',
  async run({ quick, log }) {
    const bytesWanted = (quick ? 20 : 100) * MB;
    const figures: Figure[] = [];

    log('ami: in-memory parse (tinybench) …');
    const mem = await runChild<MemoryRun>('ami/memory-worker.ts', [String(bytesWanted), String(quick ? 1 : 3)]);
    const memNote = `${(mem.bytes / MB).toFixed(0)} MB, 64 KiB chunks, median of ${quick ? 1 : 3}; ${mem.oursEvents} events (naive ${mem.naiveEvents})`;
    figures.push(
      figure({
        id: 'ami.parser.memory.mbps',
        label: 'frame parser, in memory',
        unit: 'MB/s',
        ours: mem.bytes / MB / mem.oursSeconds,
        reference: { label: 'naive CRLFCRLF splitter', value: mem.bytes / MB / mem.naiveSeconds },
        limitsDoc: 'naive 153 MB/s',
        note: memNote,
      }),
      figure({
        id: 'ami.parser.memory.events',
        label: 'frame parser, in memory',
        unit: 'events/s',
        ours: mem.oursEvents / mem.oursSeconds,
        reference: { label: 'naive CRLFCRLF splitter', value: mem.naiveEvents / mem.naiveSeconds },
        limitsDoc: 'naive ≈ 312k events/s',
      }),
    );

    log('ami: loopback TCP, the live path and our parser vs asterisk-manager …');
    const sock = await socketRuns(bytesWanted, quick ? 1 : 3, log);
    // The headline: the path the console runs (asterisk-manager under AmiClient, the VarSet filter, the reducer into the model).
    figures.push(
      figure({
        id: 'ami.live.socket.mbps',
        label: 'live path: AmiClient + reducer + model, loopback TCP',
        unit: 'MB/s',
        ours: sock.live.mbps,
        reference: { label: 'bare asterisk-manager, same bytes', value: sock.am.mbps },
        target: { on: 'ratio', op: '>=', value: 0.85, text: '≥ 85 % of bare asterisk-manager' },
        limitsDoc: 'asterisk-manager ≈ 28 MB/s; the wrapper should cost ≤ 15 %',
        note: `events read: live ${sock.live.events} / asterisk-manager ${sock.am.events}`,
      }),
    );
    const sockNote = `${(sock.bytes / MB).toFixed(0)} MB over 127.0.0.1, median of ${quick ? 1 : 3}; events ours ${sock.ours.events} / asterisk-manager ${sock.am.events}; the demo PBX's AMI server uses this parser, the console reads through asterisk-manager`;
    const target = { on: 'ratio', op: '>=', value: 1, text: 'no slower than asterisk-manager' } as const;
    figures.push(
      figure({
        id: 'ami.parser.socket.mbps',
        label: 'frame parser (the demo PBX\'s), loopback TCP',
        unit: 'MB/s',
        ours: sock.ours.mbps,
        reference: { label: 'asterisk-manager, same socket setup', value: sock.am.mbps },
        target,
        limitsDoc: 'asterisk-manager ≈ 28 MB/s',
        note: sockNote,
      }),
      figure({
        id: 'ami.parser.socket.events',
        label: 'frame parser, loopback TCP',
        unit: 'events/s',
        ours: sock.ours.eventsPerS,
        reference: { label: 'asterisk-manager managerevent', value: sock.am.eventsPerS },
        target,
        limitsDoc: 'asterisk-manager ≈ 57k events/s',
      }),
    );
    if (!existsSync(reducerFile)) {
      log('ami: parse + apply skipped, electron/core/live/ami-reducer.ts not there yet');
      return figures;
    }
    log('ami: parse + live-model apply (tinybench) …');
    const ap = await runChild<ApplyRun>('ami/apply-worker.ts', [String(bytesWanted), String(quick ? 1 : 3)]);
    const parseRate = ap.events / ap.parseSeconds;
    figures.push(
      figure({
        id: 'ami.parse+apply.events',
        label: 'frame parser + AmiLiveReducer.apply, in memory',
        unit: 'events/s',
        ours: ap.events / ap.applySeconds,
        reference: { label: 'frame parser alone, same run', value: parseRate },
        target: { on: 'ours', op: '>=', value: 200_000, text: '≥ 200k events/s' },
        limitsDoc: 'naive splitter ≈ 312k events/s',
        note: `${(ap.bytes / MB).toFixed(0)} MB, ${ap.events} events → ${ap.updatesPerPass} model updates per pass`,
      }),
      figure({
        id: 'ami.apply.events',
        label: 'AmiLiveReducer.apply alone (pre-parsed)',
        unit: 'events/s',
        ours: ap.onceEvents / ap.applyOnlySeconds,
        reference: { label: 'frame parser alone, same run', value: parseRate },
        note: `the ${ap.onceEvents} events of one copy of the transcripts, fresh reducer per iteration`,
      }),
    );
    return figures;
  },
};
