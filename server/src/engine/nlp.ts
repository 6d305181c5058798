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
    setNarrowSweep(true);
  }
  return compromise;
}

type Net = { hooks: Record<string, unknown> };
type BulkMatch = (docs: unknown[][], net: Net, methods: SweepMethods, opts?: unknown) => unknown;
interface SweepMethods {
  one: { bulkMatch: BulkMatch; cacheDoc(docs: unknown[][]): Set<string>[] };
}
let originalBulkMatch: BulkMatch | undefined;
const netKeys = new WeakMap<object, string[]>();

/**
 * compromise's post-tagger runs its match rules through `bulkMatch`, which first lists, for
 * every sentence, the rules whose trigger word or tag the sentence has, by testing each of the ~730
 * trigger keys against the sentence (`getHooks`): about a tenth of all tagging time in a profile.
 * With `enabled`, `bulkMatch` gets the rule index narrowed to the keys that occur anywhere in the
 * sentences at hand, in the same order: every sentence gets the same rules in the same order, so the
 * same tags (server/test/nlp-batch.test.ts compares both over the dev articles). Exported for tests.
 */
export function setNarrowSweep(enabled: boolean): void {
  const methods = (getNlp() as unknown as { world(): { methods: SweepMethods } }).world().methods;
  if (typeof methods?.one?.bulkMatch !== 'function' || typeof methods.one.cacheDoc !== 'function') return;
  originalBulkMatch ??= methods.one.bulkMatch;
  const original = originalBulkMatch;
  if (!enabled) {
    methods.one.bulkMatch = original;
    return;
  }
  methods.one.bulkMatch = function narrowed(docs, net, m, opts) {
    if (!net || typeof net.hooks !== 'object' || typeof m?.one?.cacheDoc !== 'function') return original(docs, net, m, opts);
    let keys = netKeys.get(net);
    if (!keys) netKeys.set(net, (keys = Object.keys(net.hooks)));
    const present = new Set<string>();
    for (const sentence of m.one.cacheDoc(docs)) for (const k of sentence) present.add(k);
    const hooks: Record<string, unknown> = {};
    for (const k of keys) if (present.has(k)) hooks[k] = net.hooks[k];
    return original(docs, { ...net, hooks }, m, opts);
  };
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

export interface NlpOptions {
  /**
   * Whether to compute compromise's people/places/organizations groups (default true). The block
   * pipeline (`./blocks`) passes false: the recognizer reads the tags only, and the groups cost about
   * a fifth of the tagging time. Without them `people`, `places` and `organizations` are empty.
   */
  readonly groups?: boolean;
}

/**
 * compromise's default compute steps we skip when the groups are not wanted: 'chunks' (noun/verb
 * phrase chunks), 'typeahead' and 'id' set no tags; the tags, offsets, pre and post of every term are
 * the same without them (checked over the dev articles by server/test/nlp-batch.test.ts).
 */
const SKIPPED_STEPS = new Set(['chunks', 'typeahead', 'id']);
let taggingSteps: string[] | undefined;

interface World {
  hooks: string[];
}

/** compromise on `text`: the whole default pipeline with `groups`, else only the steps that tag. */
function parse(text: string, groups: boolean): ReturnType<typeof nlpType> {
  const nlp = getNlp();
  if (groups) return nlp(text);
  // `nlp(text)` runs the world's hooks: swap in the shorter list for this one synchronous call.
  const world = nlp.world() as unknown as World;
  const saved = world.hooks;
  taggingSteps ??= saved.filter((h) => !SKIPPED_STEPS.has(h));
  world.hooks = taggingSteps;
  try {
    return nlp(text);
  } finally {
    world.hooks = saved;
  }
}

/** Runs compromise on one block of text, in pieces when it is long. Cost: linear in the block's length. */
export function analyzeBlockText(text: string, options: NlpOptions = {}): BlockNlp {
  if (text.length <= NLP_CHUNK) return analyzeChunk(text, options.groups ?? true);
  const tokens: Token[] = [];
  const people: [number, number][] = [], places: [number, number][] = [], organizations: [number, number][] = [];
  for (let from = 0; from < text.length;) {
    const end = chunkEnd(text, from);
    const part = analyzeChunk(text.slice(from, end), options.groups ?? true);
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

function analyzeChunk(text: string, groups: boolean): BlockNlp {
  const doc = parse(text, groups);
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
  if (!groups) return { tokens, people: [], places: [], organizations: [] };
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

// ---------------------------------------------------------------------------------------------
// Several blocks in one compromise call.

/**
 * Blocks are tagged together, in batches of up to about this many characters: compromise has a
 * per-call cost (a new document, every compute step walking it), so one call on 8 KB of blocks is
 * cheaper than many calls on small paragraphs.
 */
export const NLP_BATCH = 8000;

/**
 * What separates two blocks in a batch: two one-word sentences, each on its own line between blank
 * lines. compromise splits sentences at line breaks first; its merges that can cross a line break
 * look ahead at most two sentences for a closing quotation mark (quote merge) and one for a closing
 * parenthesis (parenthesis merge). Neither separator sentence holds a quotation mark or a
 * parenthesis, and there are two of them, so no merge reaches from one block into the next. Every
 * compute step we run tags within a sentence (a clause, a match) only, so each block's terms get
 * the tags they get alone. `analyzeBlockTexts` checks the parse and falls back to one call for a
 * block whenever the batch did not split exactly there.
 */
const SEPARATOR = '\n\nZzqx.\n\nZzqx.\n\n';
/** compromise appends a split without a letter, number or symbol to the sentence before it. */
const HAS_LETTER = /[\p{L}\p{N}\p{So}]/u;

/** Blocks tagged inside a batch, and blocks a batch gave back to be tagged alone (for tests and tuning). */
export const batchStats = { batched: 0, alone: 0 };

/**
 * `analyzeBlockText` for many blocks, batching short ones into shared compromise calls (without the
 * groups: see `NlpOptions`). Each result equals `analyzeBlockText(texts[i], { groups: false })`.
 */
export function analyzeBlockTexts(texts: readonly string[], batchChars = NLP_BATCH): BlockNlp[] {
  const out: BlockNlp[] = new Array(texts.length);
  let batch: number[] = [];
  let size = 0;
  const flush = () => {
    if (batch.length === 1) out[batch[0]] = analyzeBlockText(texts[batch[0]], { groups: false });
    else if (batch.length > 1) runBatch(texts, batch, out);
    batch = [];
    size = 0;
  };
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    // Long blocks go alone (in pieces); so do blocks whose first or last split has no letter
    // (compromise would attach it to a neighbouring sentence), rare enough not to matter.
    if (t.length > NLP_CHUNK || !batchable(t)) {
      out[i] = analyzeBlockText(t, { groups: false });
      continue;
    }
    if (batch.length && size + t.length > batchChars) flush();
    batch.push(i);
    size += t.length + SEPARATOR.length;
  }
  flush();
  return out;
}

function batchable(text: string): boolean {
  if (!text || /^\s|\s$/.test(text)) return false;
  const firstLine = text.slice(0, (text.indexOf('\n') + 1 || text.length + 1) - 1);
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  return HAS_LETTER.test(firstLine) && HAS_LETTER.test(lastLine);
}

function runBatch(texts: readonly string[], batch: readonly number[], out: BlockNlp[]): void {
  const starts: number[] = [];
  let joined = '';
  for (const i of batch) {
    if (joined) joined += SEPARATOR;
    starts.push(joined.length);
    joined += texts[i];
  }
  const doc = parse(joined, false);
  doc.compute('offset');
  const tokens: Token[][] = batch.map(() => []);
  const bad = new Set<number>();
  // Which block (k) or separator (-1 - k, the one after block k) holds a position.
  let k = 0;
  const segmentOf = (pos: number): number => {
    while (k + 1 < starts.length && pos >= starts[k + 1]) k++;
    while (k > 0 && pos < starts[k]) k--;
    return pos < starts[k] + texts[batch[k]].length ? k : -1 - k;
  };
  for (const sentence of (doc as unknown as { document: Term[][] }).document) {
    // The segments the sentence's terms fall in, as a range of blocks (a separator counts as both
    // blocks around it): a sentence in more than one segment crosses a block's end.
    let first: number | undefined, mixed = false, lo = Infinity, hi = -Infinity;
    for (const t of sentence) {
      if (!t.offset) continue;
      const start = t.offset.start;
      const end = start + t.offset.length;
      if (end <= start) continue;
      const s = segmentOf(start);
      if (first === undefined) first = s;
      else if (s !== first) mixed = true;
      const a = s >= 0 ? s : -1 - s;
      const b = s >= 0 ? s : Math.min(starts.length - 1, a + 1);
      if (a < lo) lo = a;
      if (b > hi) hi = b;
      if (s < 0) continue;
      const base = starts[s];
      const text = texts[batch[s]];
      if (end - base > text.length) { bad.add(s); continue; }
      tokens[s].push({ start: start - base, end: end - base, text: text.slice(start - base, end - base), tags: t.tags, pre: t.pre, post: t.post });
    }
    if (mixed) for (let x = lo; x <= hi; x++) bad.add(x);
  }
  batch.forEach((i, s) => {
    const text = texts[i];
    const ts = tokens[s];
    if (!bad.has(s) && ts.length) {
      // Alone, the first term's pre is all the text before it and the last term's post all the text
      // after it; in the batch the post also holds the separator's line breaks.
      const first = ts[0], last = ts[ts.length - 1];
      const tail = text.slice(last.end);
      if (first.pre !== text.slice(0, first.start) || !last.post.startsWith(tail)) bad.add(s);
      else if (last.post !== tail) ts[ts.length - 1] = { ...last, post: tail };
    }
    if (bad.has(s) || !ts.length) {
      batchStats.alone++;
      out[i] = analyzeBlockText(text, { groups: false });
    } else {
      batchStats.batched++;
      out[i] = { tokens: ts, people: [], places: [], organizations: [] };
    }
  });
}
