// Child process: the live path without the socket. (a) parse + apply: frame
// parser then AmiLiveReducer.apply on every message of the ≥ 100 MB corpus,
// in 64 KiB chunks; (b) parse only, same corpus, same run; (c) apply only:
// one copy of the transcripts parsed beforehand, applied to a fresh reducer
// per tinybench iteration. Events = messages with an `Event:` header.
import { Bench } from 'tinybench';
import { AmiFrameParser } from '../../electron/core/ami/frame-parser';
import type { AmiMessage } from '../../electron/core/ami/message';
import { LiveModel } from '../../electron/core/live/model';
import { childMain, reply } from '../lib/child';
import { buildAmiCorpus, chunkText } from './corpus';

const NOW = Date.parse('2026-11-24T02:36:47Z');

childMain(async () => {
  // Loaded here: the reducers are built in parallel with this bench (bench/ami/index.ts checks they exist).
  const { AmiLiveReducer } = await import('../../electron/core/live/ami-reducer');
  const minBytes = Number(process.argv[2] ?? 100 * 1024 * 1024);
  const iterations = Number(process.argv[3] ?? 3);
  const corpus = buildAmiCorpus(minBytes);
  const chunks = chunkText(corpus);
  const once: AmiMessage[] = new AmiFrameParser().push(buildAmiCorpus(1).toString('utf8'));
  const onceEvents = once.filter((m) => m.event !== undefined).length;
  let events = 0;
  let updates = 0;
  const bench = new Bench({ time: 0, iterations, warmup: true, warmupIterations: 1, warmupTime: 0 });
  bench
    .add('parse+apply', () => {
      const model = new LiveModel(() => NOW);
      const reducer = new AmiLiveReducer(model);
      model.subscribe(() => updates++);
      const parser = new AmiFrameParser();
      let n = 0;
      let now = NOW;
      for (const chunk of chunks) {
        for (const message of parser.push(chunk)) {
          if (message.event === undefined) continue;
          n++;
          reducer.apply(message, (now += 1));
        }
      }
      events = n;
    })
    .add('parse', () => {
      const parser = new AmiFrameParser();
      for (const chunk of chunks) parser.push(chunk);
    });
  await bench.run();
  const applyBench = new Bench({ time: quickTime(iterations), warmupTime: 100 });
  applyBench.add('apply', () => {
    const reducer = new AmiLiveReducer(new LiveModel(() => NOW));
    let now = NOW;
    for (const message of once) if (message.event !== undefined) reducer.apply(message, (now += 1));
  });
  await applyBench.run();
  const p50 = (b: Bench, name: string) => {
    const result = b.getTask(name)?.result;
    if (!result || !('latency' in result)) throw new Error(`task ${name} did not complete: ${JSON.stringify(result)}`);
    return result.latency.p50 / 1000;
  };
  reply({
    type: 'result',
    bytes: corpus.length,
    events,
    updatesPerPass: Math.round(updates / (iterations + 1)),
    applySeconds: p50(bench, 'parse+apply'),
    parseSeconds: p50(bench, 'parse'),
    onceEvents,
    applyOnlySeconds: p50(applyBench, 'apply'),
  });
});

function quickTime(iterations: number): number {
  return iterations <= 1 ? 300 : 1500;
}
