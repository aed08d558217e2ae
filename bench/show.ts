// Print saved bench results as a Markdown table (for bench/README.md), or two
// runs side by side: `npx tsx bench/show.ts results/A.json [results/B.json]`.
import { readFileSync } from 'node:fs';
import { formatMarkdown, formatNumber, type RunRecord } from './lib/report';

const [first, second] = process.argv.slice(2).map((file) => JSON.parse(readFileSync(file, 'utf8')) as RunRecord);
if (!first) {
  console.error('usage: npx tsx bench/show.ts <run.json> [<other-run.json>]');
  process.exit(2);
}
const title = (run: RunRecord) => `${run.date} ${run.sha}${run.dirty ? ' (dirty)' : ''}${run.quick ? ' --quick' : ''}, node ${run.machine.node}, ${run.machine.cpus} cpus`;
if (!second) {
  console.log(`Run ${title(first)}, ${first.durationSeconds} s\n`);
  console.log(formatMarkdown(first.figures));
  for (const p of first.pending) console.log(`\npending ${p.name}: ${p.reason}`);
} else {
  console.log(`| figure | unit | ${first.sha} | ratio | ${second.sha} | ratio |\n|---|---|---|---|---|---|`);
  for (const f of first.figures) {
    const g = second.figures.find((x) => x.id === f.id);
    console.log(`| ${f.id} | ${f.unit} | ${formatNumber(f.ours)} | ${f.ratio?.toFixed(2) ?? '–'} | ${formatNumber(g?.ours)} | ${g?.ratio?.toFixed(2) ?? '–'} |`);
  }
}
