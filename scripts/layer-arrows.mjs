#!/usr/bin/env node
// Lists the import arrows between the folders of electron/core/ (and from renderer/ into electron/),
// the measurement behind the layering table in eslint.config.js. Usage: node scripts/layer-arrows.mjs
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const importRe = /(?:^|[\s;])(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|vue|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function layerOf(file) {
  const rel = relative(root, file).split(sep);
  if (rel[0] === 'electron' && rel[1] === 'core') return `core/${rel[2]}`;
  if (rel[0] === 'electron') return 'electron (main, preload, cli)';
  if (rel[0] === 'renderer') return 'renderer';
  return rel[0];
}

const arrows = new Map();
for (const file of [...walk(join(root, 'electron')), ...walk(join(root, 'renderer'))]) {
  const from = layerOf(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2] ?? m[3];
    let to;
    if (spec === 'electron' || spec.startsWith('electron/')) to = "'electron'";
    else if (spec.startsWith('@contract')) to = 'core/contract';
    else if (spec.startsWith('.')) to = layerOf(resolve(dirname(file), spec));
    else continue;
    if (to === from) continue;
    const key = `${from} -> ${to}`;
    const list = arrows.get(key) ?? [];
    list.push(relative(root, file));
    arrows.set(key, list);
  }
}
for (const key of [...arrows.keys()].sort()) {
  const files = [...new Set(arrows.get(key))];
  console.log(`${key}  (${files.length} file${files.length > 1 ? 's' : ''}${files.length <= 2 ? ': ' + files.join(', ') : ''})`);
}
