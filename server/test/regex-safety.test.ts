/**
 * Regular expressions are linear-time on adversarial input.
 *
 * 1. Every pattern of the server's source is analysed with scslre (MIT; the analysis behind
 *    eslint-plugin-regexp's no-super-linear-backtracking): regex literals are read from the TypeScript
 *    sources, patterns built at run time (`new RegExp(...)` from word lists) are recorded while the
 *    bundled engine loads and analyses text. Any exponential backtracking (nested quantifiers that can
 *    backtrack) fails; polynomial backtracking fails unless listed below with the reason it is bounded.
 * 2. Each claim rule runs on 1 MB of crafted worst-case text (long runs of capitalised words, digits,
 *    quotes, punctuation) within a generous bound: a super-linear rule takes minutes there, not seconds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { analyse } from 'scslre';
import { parseStructure, RULES } from '../src/engine';
import { sentenceInfo } from '../src/engine/claims/context';

const ROOT = join(__dirname, '..', '..', '..');
const SRC = join(ROOT, 'server', 'src');

interface Pattern { source: string; flags: string; where: string }

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []);
}

function literalPatterns(): Pattern[] {
  const out: Pattern[] = [];
  for (const file of tsFiles(SRC)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = (node as ts.RegularExpressionLiteral).text;
        const slash = text.lastIndexOf('/');
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
        out.push({ source: text.slice(1, slash), flags: text.slice(slash + 1), where: `${relative(ROOT, file)}:${line + 1}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** Patterns our code builds at run time, recorded by a RegExp proxy in a child process. */
function runtimePatterns(): Pattern[] {
  const collector = `
    const Orig = RegExp; const seen = new Map();
    const note = (r) => {
      const m = /server\\/src\\/[^\\s)]+/.exec(new Error().stack.split('\\n').slice(2, 5).join('\\n'));
      if (m) seen.set(r.source + '/' + r.flags, { source: r.source, flags: r.flags, where: m[0] });
      return r;
    };
    globalThis.RegExp = new Proxy(Orig, {
      construct: (t, a) => note(Reflect.construct(t, a)),
      apply: (t, self, a) => note(Reflect.apply(t, self, a)),
    });
    const { analyze } = require(process.argv[1]);
    analyze(require('fs').readFileSync(process.argv[2], 'utf8'));
    analyze('date 2024-02-30\\nA heading\\n\\nExperts say 40% of the \\u201Cvotes\\u201D were cast, according to reports. Mr. Smith said so.\\n');
    process.stdout.write(JSON.stringify([...seen.values()]));`;
  const sample = readdirSync(join(ROOT, 'samples')).find((f) => f.endsWith('.news'))!;
  const out = execFileSync(process.execPath, ['--enable-source-maps', '-e', collector, join(ROOT, 'server', 'out', 'engine.js'), join(ROOT, 'samples', sample)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out) as Pattern[];
}

/**
 * Polynomial (never exponential) backtracking that is bounded by how the pattern is used. Keyed by the
 * file and the start of the pattern's source.
 */
const BOUNDED: { file: string; starts: string; why: string }[] = [
  { file: 'claims/attribution.ts', starts: '([\\p{L}\\p{N}\'’.-]+)[\\s,]*$', why: 'applied to the 40 characters before a match' },
  { file: 'claims/opinionAsFact.ts', starts: '([\\p{L}\'’.-]+)\\s+(?:(?:also|again|repeatedly|\\p{Ll}+ly)\\s+)?$', why: 'applied to the 64 characters before a match' },
  { file: 'claims/unsourcedStatistic.ts', starts: '([\\p{L}\\p{N}]+)\\s*$', why: 'applied to the 64 characters before a number' },
  { file: 'claims/attribution.ts', starts: '(?<![\\p{L}\\p{N}])(?:(?:(?:some|many', why: 'runs on one sentence; sentences over MAX_CLAIM_SENTENCE (5000) characters are not checked' },
  { file: 'claims/contradiction.ts', starts: '(?:\\p{Lu}[\\p{L}.\'’-]*|and|or),\\s*$', why: 'applied to the 80 characters before a match' },
  // The contradiction rule's patterns run on one sentence (sentences over MAX_CLAIM_SENTENCE are not checked).
  { file: 'claims/contradiction.ts', starts: '^(?:\\s*(?:,|summit|conference)', why: 'anchored; the lazy run before "in YEAR" is at most 40 characters' },
  { file: 'claims/contradiction.ts', starts: '(\\p{Lu}[\\p{L}\'’.-]*(?:[ -](?:de|del', why: 'the text before an event name in one sentence' },
  { file: 'claims/contradiction.ts', starts: '(?:\\p{Lu}[\\p{L}\'’.-]*\\s+){1,3}$', why: 'applied to the 60 characters before "Olympics" or a title' },
];

test('no pattern in the server can backtrack exponentially; polynomial ones are bounded by their use', () => {
  const patterns = [...literalPatterns(), ...runtimePatterns()];
  assert.ok(patterns.length > 50, `only ${patterns.length} patterns found`);
  assert.ok(patterns.some((p) => p.where.includes('attribution.ts') && p.source.length > 200), 'run-time patterns are recorded');
  const problems: string[] = [];
  for (const p of patterns) {
    const result = analyse(new RegExp(p.source, p.flags), { maxReports: 5 });
    for (const r of result.reports) {
      const shown = `${p.where}: /${p.source.length > 120 ? p.source.slice(0, 120) + '…' : p.source}/${p.flags}`;
      if (r.exponential) problems.push(`exponential backtracking (${r.type}) in ${shown}`);
      else if (!BOUNDED.some((b) => p.where.includes(b.file) && p.source.startsWith(b.starts))) problems.push(`polynomial backtracking (${r.type}) in ${shown}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the safety check finds what it should (nested and adjacent quantifiers)', () => {
  assert.ok(analyse(/(a+)+$/).reports.some((r) => r.exponential));
  assert.ok(analyse(/^(\w+\s?)*$/).reports.some((r) => r.exponential));
  assert.ok(analyse(/\s*,?\s*x/).reports.length > 0);
  assert.equal(analyse(/\b(?:said|says)\b/).reports.length, 0);
});

const MB = 1 << 20;
function fill(unit: string): string {
  return unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
}
/** Text in sentences just under MAX_CLAIM_SENTENCE characters: the worst case the rules accept. */
function sentences(unit: string, len = 4900): string {
  const s = fill(unit).match(new RegExp(`[\\s\\S]{1,${len}}`, 'g'))!;
  return s.map((x) => x.trimEnd().replace(/\.$/, '') + '. ').join('').slice(0, MB);
}

const ADVERSARIAL: Record<string, string> = {
  'capitalised words': sentences('Foreign Minister Maria Lindqvist Said Experts Historic '),
  'one word': sentences('Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'),
  'digits': sentences('1234567890,'),
  'numbers and words': sentences('40 percent 3,000,000 votes 1.5 million 12% '),
  'quotes': sentences('"“”‘’\'"« » '),
  'open quotes': fill('“Experts say '),
  'punctuation': fill('.,;:!?()[]—-…'),
  'dots and initials': sentences('A. B. C. U.S. Dr. J. '),
  'vague sources': sentences('some many most several experts analysts critics of the the the say, '),
  'spaces and commas': sentences(' ,  , ,\t, '),
  'passive': sentences('it is widely believed that it was reported that has been described as '),
  'no sentence ends': fill('Experts say 40 percent '),
  'lines': fill('Experts say 40 percent\n'),
  'lists of capitalised words': sentences('Paris, France, Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; '),
};

for (const [name, text] of Object.entries(ADVERSARIAL)) {
  test(`every claim rule on 1 MB of ${name} stays within a generous bound`, { timeout: 240_000 }, () => {
    const structure = parseStructure(text);
    const ctx = { text, structure, entities: [], mentions: [] };
    const info = sentenceInfo(ctx);
    for (const rule of RULES) {
      const started = process.hrtime.bigint();
      rule.run(ctx, info);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Linear rules take well under a second per MB on this machine; quadratic ones take minutes.
      assert.ok(ms < 60_000, `${rule.id} took ${Math.round(ms)} ms on 1 MB of ${name}`);
    }
  });
}
