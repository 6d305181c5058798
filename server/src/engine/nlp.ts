/**
 * The NLP pass: compromise, run on one block at a time (never the whole document: its cost and memory
 * grow faster than linearly). The result holds only plain tokens with offsets relative to the block, so
 * it can be cached by the block's text and reused after edits elsewhere in the document.
 */
import nlp from 'compromise';

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

interface JsonTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

/** Runs compromise on one block of text. Cost: linear in the block's length (blocks are short). */
export function analyzeBlockText(text: string): BlockNlp {
  const doc = nlp(text);
  doc.compute('offset');
  const tokens: Token[] = [];
  const byStart = new Map<number, number>();
  for (const sentence of doc.json({ offset: true, terms: { offset: true } }) as { terms: JsonTerm[] }[]) {
    for (const t of sentence.terms) {
      const start = t.offset.start;
      const end = start + t.offset.length;
      if (end <= start) continue;
      byStart.set(start, tokens.length);
      tokens.push({ start, end, text: text.slice(start, end), tags: new Set(t.tags), pre: t.pre, post: t.post });
    }
  }
  const ranges = (view: { json: (o: object) => unknown }): [number, number][] => {
    const out: [number, number][] = [];
    for (const m of view.json({ terms: { offset: true } }) as { terms: JsonTerm[] }[]) {
      if (!m.terms.length) continue;
      const a = byStart.get(m.terms[0].offset.start);
      const b = byStart.get(m.terms[m.terms.length - 1].offset.start);
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

/** A cache of block analyses keyed by the block's text (least recently used entries are dropped). */
export class BlockCache {
  private readonly map = new Map<string, BlockNlp>();
  constructor(private readonly capacity = 20000) {}
  hits = 0;
  misses = 0;
  get(text: string): BlockNlp {
    const hit = this.map.get(text);
    if (hit) {
      this.hits++;
      this.map.delete(text);
      this.map.set(text, hit);
      return hit;
    }
    this.misses++;
    const fresh = analyzeBlockText(text);
    this.map.set(text, fresh);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
    return fresh;
  }
  get size(): number {
    return this.map.size;
  }
}
