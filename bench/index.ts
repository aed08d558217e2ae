// `npm run bench [-- [--quick] [--no-save] [--markdown] [name …]]`
import { amiBench } from './ami';
import { fanoutBench } from './fanout';
import { readsBench } from './reads';
import { receiverBench } from './receiver';
import { screenBench } from './screen';
import { soakBench } from './soak';
import { startupBench } from './startup';
import { storeBench } from './store';
import type { BenchDefinition } from './lib/bench';
import type { Figure } from './lib/figure';
import { formatMarkdown, formatTable, runRecord, saveRecord } from './lib/report';
import { nowMs } from './lib/stats';

const benches: BenchDefinition[] = [amiBench, receiverBench, storeBench, readsBench, screenBench, fanoutBench, soakBench, startupBench];

function usage(): string {
  return [
    'usage: npm run bench -- [--quick] [--no-save] [--markdown] [name …]',
    '',
    ...benches.map((b) => `  ${b.name.padEnd(10)} ${b.description}${b.pending?.() ? `  (pending: ${b.pending()})` : ''}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const names = argv.filter((a) => !a.startsWith('--'));
  if (flags.has('--help')) {
    console.log(usage());
    return 0;
  }
  const unknown = names.filter((n) => !benches.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')}\n\n${usage()}`);
    return 2;
  }
  const quick = flags.has('--quick');
  const selected = names.length > 0 ? benches.filter((b) => names.includes(b.name)) : benches;
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const started = nowMs();
  const figures: Figure[] = [];
  const pending: { name: string; reason: string }[] = [];
  const failed: { name: string; error: string }[] = [];
  for (const bench of selected) {
    const reason = bench.pending?.();
    if (reason) {
      pending.push({ name: bench.name, reason });
      log(`${bench.name}: pending — ${reason}`);
      continue;
    }
    const benchStart = nowMs();
    try {
      figures.push(...(await bench.run({ quick, log })));
      log(`${bench.name}: done in ${((nowMs() - benchStart) / 1000).toFixed(1)} s`);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      failed.push({ name: bench.name, error: text });
      log(`${bench.name}: FAILED — ${text}`);
    }
  }
  const record = runRecord({ quick, argv, durationSeconds: Math.round((nowMs() - started) / 100) / 10, figures, pending, failed });
  console.log(`\nCallboard bench — ${record.date}, ${record.sha}${record.dirty ? ' (dirty tree)' : ''}${quick ? ', --quick' : ''}, ${record.machine.cpus} cpus, node ${record.machine.node}`);
  console.log('ratio > 1× means ours beats the reference measured in the same run.\n');
  console.log(flags.has('--markdown') ? formatMarkdown(figures) : formatTable(figures));
  for (const f of figures) if (f.note) console.log(`  ${f.id}: ${f.note}`);
  for (const p of pending) console.log(`pending ${p.name}: ${p.reason}`);
  for (const f of failed) console.log(`FAILED ${f.name}: ${f.error}`);
  console.log(`total ${record.durationSeconds} s`);
  if (!flags.has('--no-save')) console.log(`saved ${saveRecord(record)}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
