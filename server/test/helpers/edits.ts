/**
 * Seeded random edit sequences on real articles, for the incremental == fresh tests: typing, deleting,
 * pasting text from elsewhere, splitting and merging paragraphs, adding headings and quotes.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root (tests are bundled into server/out/test/). */
export const ROOT = join(__dirname, '..', '..', '..');
export const DEV_DIR = join(ROOT, '..', 'shared', 'eval', 'dev');

/** The dev articles (when the eval corpus is there) and the bundled sample: [name, text]. */
export function realArticles(): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  const dirs = [DEV_DIR, join(ROOT, 'samples')];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.news')).sort()) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (!seen.has(text)) out.push([f, text]); // the sample is also a dev article
      seen.add(text);
    }
  }
  return out;
}

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

const SNIPPETS = [
  ' ', 'a', 'e', '.', ',', '\n', '\n\n', '\n\n\n', ' said ', ' experts say ', ' 42 percent ', '“', '”', '"',
  'President Maria Lindqvist', ' the United States ', ' in Vienna, Austria, ', ' U.S. ', '\n\nA New Heading\n\n',
  ' the talks were historic. ', ' according to the ministry', '\r\n', ' (', ') ', '’s', ' Dr. Smith met Gen. Ortiz. ',
];

/** A random edit of `text`; `pool` supplies longer pastes (other articles). */
export function randomEdit(text: string, next: () => number, pool: readonly string[]): Edit {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const at = Math.floor(next() * (text.length + 1));
  const r = next();
  if (r < 0.35) return { start: at, end: at, text: pick(SNIPPETS) }; // typing
  if (r < 0.55) { // deleting a few characters or a word
    const len = 1 + Math.floor(next() * 12);
    return { start: at, end: Math.min(text.length, at + len), text: '' };
  }
  if (r < 0.65) { // merging two paragraphs: delete a blank line
    const nl = text.indexOf('\n\n', at);
    if (nl >= 0) return { start: nl, end: nl + 2, text: ' ' };
    return { start: at, end: at, text: '\n\n' };
  }
  if (r < 0.8) { // pasting a piece of another article
    const src = pick(pool);
    const a = Math.floor(next() * src.length);
    const b = Math.min(src.length, a + Math.floor(next() * 400));
    return { start: at, end: at, text: src.slice(a, b) };
  }
  if (r < 0.9) { // replacing a span with a snippet
    const len = Math.floor(next() * 60);
    return { start: at, end: Math.min(text.length, at + len), text: pick(SNIPPETS) };
  }
  // deleting a larger span (part of a paragraph or several)
  const len = Math.floor(next() * 800);
  return { start: at, end: Math.min(text.length, at + len), text: '' };
}
