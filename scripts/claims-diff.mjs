#!/usr/bin/env node
// Lists missed and spurious claims per file against the gold: node scripts/claims-diff.mjs [DIR] [--all]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
const args = process.argv.slice(2);
const all = args.includes('--all');
const dir = args.find((a) => !a.startsWith('--')) ?? '../shared/eval/dev';
const files = readdirSync(dir).filter((f) => f.endsWith('.news')).sort().map((f) => join(dir, f));
const out = JSON.parse(execFileSync('node', ['server/out/cli.js', 'analyze', '--json', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 }));
const overlaps = (a, b) => a.start < b.end && b.start < a.end;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const gold = JSON.parse(readFileSync(f.replace(/\.news$/, '.gold.json'), 'utf8'));
  const g = (gold.claims ?? []).map((c) => { const at = text.indexOf(c.text); return { start: at, end: at + c.text.length, category: c.category, text: c.text }; });
  const sys = out.find((r) => basename(r.file) === basename(f)).diagnostics;
  const lines = [];
  for (const c of g) {
    const hit = sys.find((d) => overlaps(d, c));
    if (!hit) lines.push(`  MISS  [${c.category}] ${c.text}`);
    else if (hit.category !== c.category) lines.push(`  WRONG [${c.category} got ${hit.category}] ${c.text}`);
    else if (all) lines.push(`  ok    [${c.category}] ${c.text.slice(0, 100)}`);
  }
  for (const d of sys) {
    if (!g.some((c) => overlaps(d, c))) lines.push(`  SPUR  [${d.category}] ${text.slice(d.start, d.end)}\n        -> ${d.message}`);
  }
  if (lines.length) console.log(`${basename(f)}\n${lines.join('\n')}`);
}
