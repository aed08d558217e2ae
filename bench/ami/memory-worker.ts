// Child process: our AMI frame parser vs the naive splitter, both parsing the
// same corpus from memory in 64 KiB string chunks (no socket), via tinybench.
import { Bench } from 'tinybench';
import { AmiFrameParser } from '../../electron/core/ami/frame-parser';
import { childMain, reply } from '../lib/child';
import { buildAmiCorpus, chunkText } from './corpus';
import { NaiveSplitter } from './naive-splitter';

childMain(async () => {
  const minBytes = Number(process.argv[2] ?? 100 * 1024 * 1024);
  const iterations = Number(process.argv[3] ?? 3);
  const corpus = buildAmiCorpus(minBytes);
  const chunks = chunkText(corpus);
  let oursEvents = 0;
  let naiveEvents = 0;
  const bench = new Bench({ time: 0, iterations, warmup: true, warmupIterations: 1, warmupTime: 0 });
  bench
    .add('ours', () => {
      const parser = new AmiFrameParser();
      let events = 0;
      for (const chunk of chunks) for (const message of parser.push(chunk)) if (message.event !== undefined) events++;
      oursEvents = events;
    })
    .add('naive', () => {
      const splitter = new NaiveSplitter();
      let events = 0;
      for (const chunk of chunks)
        splitter.push(chunk, (frame) => {
          if (frame.event !== undefined) events++;
        });
      naiveEvents = events;
    });
  await bench.run();
  const seconds = (name: string) => {
    const task = bench.getTask(name);
    const result = task?.result;
    if (!result || !('latency' in result)) throw new Error(`task ${name} did not complete: ${JSON.stringify(result)}`);
    return result.latency.p50 / 1000;
  };
  reply({ type: 'result', bytes: corpus.length, oursEvents, naiveEvents, oursSeconds: seconds('ours'), naiveSeconds: seconds('naive') });
});
