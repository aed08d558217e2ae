import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './figure';

export const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** 1234567 → '1.23M', 45678 → '45.7k', 12.345 → '12.3'. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toPrecision(3)}k`;
  if (abs >= 100) return value.toFixed(0);
  return value.toPrecision(3);
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
}

const HEAD = ['figure', 'unit', 'ours', 'reference (same run)', 'ref', 'ratio', 'target', 'met', 'measured-limits.md'];

function rows(figures: Figure[]): string[][] {
  return figures.map((f) => [
    `${f.id}`,
    f.unit,
    formatNumber(f.ours),
    f.reference?.label ?? '',
    formatNumber(f.reference?.value),
    f.ratio === undefined ? '–' : `${f.ratio >= 0.1 ? f.ratio.toFixed(2) : f.ratio.toPrecision(2)}×`,
    f.target?.text ?? '',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    f.limitsDoc ?? '',
  ]);
}

/** Plain-text table for the terminal; ratio > 1 means ours beats the reference. */
export function formatTable(figures: Figure[]): string {
  const body = rows(figures);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  return [pad(HEAD, widths), pad(widths.map((w) => '-'.repeat(w)), widths), ...body.map((r) => pad(r, widths))].join('\n');
}

/** The same table as Markdown, for bench/README.md. */
export function formatMarkdown(figures: Figure[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [`| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`, ...rows(figures).map((r) => `| ${r.map(escape).join(' | ')} |`)].join('\n');
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export interface RunRecord {
  date: string;
  sha: string;
  dirty: boolean;
  quick: boolean;
  argv: string[];
  machine: { node: string; cpus: number; cpuModel: string; memoryGiB: number };
  durationSeconds: number;
  figures: Figure[];
  pending: { name: string; reason: string }[];
  failed: { name: string; error: string }[];
}

export function runRecord(partial: Omit<RunRecord, 'date' | 'sha' | 'dirty' | 'machine'>): RunRecord {
  return {
    date: new Date().toISOString(),
    sha: git(['rev-parse', '--short', 'HEAD']) || 'nogit',
    dirty: git(['status', '--porcelain', '--untracked-files=no']).length > 0,
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    },
    ...partial,
  };
}

/** bench/results/<ISO date>-<short sha>[-quick].json; returns the path. */
export function saveRecord(record: RunRecord): string {
  mkdirSync(resultsDir, { recursive: true });
  const stamp = record.date.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const file = join(resultsDir, `${stamp}-${record.sha}${record.quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  return file;
}
