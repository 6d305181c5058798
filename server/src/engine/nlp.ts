/**
 * The NLP pass: compromise, run on one block at a time (never the whole document: its cost and memory
 * grow faster than linearly). The result holds only plain tokens with offsets relative to the block; it
 * is transient (recognition turns it into the block's compact result, which `./blocks` caches).
 *
 * compromise is loaded on first use, so a process that never analyzes a block itself (the language
 * server's main thread, whose blocks are analyzed by worker threads) does not pay its memory.
 */
import type nlpType from 'compromise';

export interface Token {
  /** Offsets relative to the block's text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** compromise's tags (ProperNoun, Person, Place, Organization, Value, ...). */
  readonly tags: ReadonlySet<string>;
  /** Whether compromise put whitespace or punctuation after it (", " or ". "). */
  readonly post: string;
  readonly pre: string;
}

export interface BlockNlp {
  readonly tokens: readonly Token[];
  /** Token index ranges [first, last] that compromise groups as people, places and organizations. */
  readonly people: readonly (readonly [number, number])[];
  readonly places: readonly (readonly [number, number])[];
  readonly organizations: readonly (readonly [number, number])[];
}

interface Term {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
  offset?: { start: number; length: number };
}

interface TermView {
  docs: Term[][];
}

let compromise: typeof nlpType | undefined;

/** compromise's `nlp` function, loaded on first use (about 0.3 s and some tens of MB). */
export function getNlp(): typeof nlpType {
  if (!compromise) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('compromise') as typeof nlpType & { default?: typeof nlpType };
    compromise = mod.default ?? mod;
  }
  return compromise;
}

/**
 * Blocks longer than this are tagged in pieces cut at sentence ends (or spaces): compromise's cost grows
 * faster than linearly with its input (a 50 000-character line took seconds), in pieces it stays linear.
 */
export const NLP_CHUNK = 8000;

/** Where to end the piece that starts at `from`: after a sentence end, else a space, else anywhere safe. */
function chunkEnd(text: string, from: number): number {
  const limit = from + NLP_CHUNK;
  if (limit >= text.length) return text.length;
  const floor = from + (NLP_CHUNK >> 1);
  let space = -1;
  for (let i = limit; i > floor; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 10 || c === 9) {
      if (space < 0) space = i;
      const p = text.charCodeAt(i - 2);
      if (p === 46 || p === 33 || p === 63) return i;
    }
  }
  if (space > 0) return space;
  // No space at all: cut anywhere, but not between the halves of a surrogate pair.
  const c = text.charCodeAt(limit);
  return c >= 0xdc00 && c <= 0xdfff ? limit - 1 : limit;
}

/** Runs compromise on one block of text, in pieces when it is long. Cost: linear in the block's length. */
export function analyzeBlockText(text: string): BlockNlp {
  if (text.length <= NLP_CHUNK) return analyzeChunk(text);
  const tokens: Token[] = [];
  const people: [number, number][] = [], places: [number, number][] = [], organizations: [number, number][] = [];
  for (let from = 0; from < text.length;) {
    const end = chunkEnd(text, from);
    const part = analyzeChunk(text.slice(from, end));
    const base = tokens.length;
    for (const t of part.tokens) tokens.push({ ...t, start: t.start + from, end: t.end + from });
    const shift = (rs: readonly (readonly [number, number])[], into: [number, number][]) => {
      for (const [a, b] of rs) into.push([a + base, b + base]);
    };
    shift(part.people, people);
    shift(part.places, places);
    shift(part.organizations, organizations);
    from = end;
  }
  return { tokens, people, places, organizations };
}

function analyzeChunk(text: string): BlockNlp {
  const doc = getNlp()(text);
  doc.compute('offset');
  const tokens: Token[] = [];
  const byStart = new Map<number, number>();
  // Read compromise's terms directly: its `json()` copies every term and costs a third of the pass.
  for (const sentence of (doc as unknown as { document: Term[][] }).document) {
    for (const t of sentence) {
      if (!t.offset) continue;
      const start = t.offset.start;
      const end = start + t.offset.length;
      if (end <= start) continue;
      byStart.set(start, tokens.length);
      tokens.push({ start, end, text: text.slice(start, end), tags: t.tags, pre: t.pre, post: t.post });
    }
  }
  const ranges = (view: unknown): [number, number][] => {
    const out: [number, number][] = [];
    for (const terms of (view as TermView).docs) {
      if (!terms.length) continue;
      const first = terms[0].offset, last = terms[terms.length - 1].offset;
      if (!first || !last) continue;
      const a = byStart.get(first.start);
      const b = byStart.get(last.start);
      if (a !== undefined && b !== undefined) out.push([a, b]);
    }
    return out;
  };
  return {
    tokens,
    people: ranges(doc.people()),
    places: ranges(doc.places()),
    organizations: ranges(doc.organizations()),
  };
}
