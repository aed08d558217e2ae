// Preloaded into the core by the soak bench and the AMI flood test and bench (node --expose-gc --import …):
// every second, collect garbage and print one `BENCH_MEMORY {json}` line on
// stderr, so heap growth is measured after GC, from outside the core's code.
const timer = setInterval(() => {
  globalThis.gc?.();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  process.stderr.write(`BENCH_MEMORY ${JSON.stringify({ at: Date.now(), rss, heapUsed, heapTotal, external })}\n`);
}, 1000);
timer.unref();
