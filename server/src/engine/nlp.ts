/**
 * The NLP pass: compromise, run on one block at a time (never the whole document: its cost and memory
 * grow faster than linearly). The result holds only plain tokens with offsets relative to the block; it
 * is transient (recognition turns it into the block's compact result, which `./blocks` caches).
 *
 * compromise is loaded on first use, so a process that never analyzes a block itself (the language
 * server's main thread, whose blocks are analyzed by worker threads) does not pay its memory.
 */
import type nlpType from 'compromise';
import { reserveShapes } from './shapes';

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
}

interface Term {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
  /** Set by compromise's pre-tagger on words of two kinds ("Person|Noun" for "Dean"). */
  switch?: string;
  offset?: { start: number; length: number };
}

let compromise: typeof nlpType | undefined;

/** compromise's `nlp` function, loaded on first use (about 0.3 s and some tens of MB). */
export function getNlp(): typeof nlpType {
  if (!compromise) {
    reserveShapes(); // (before compromise fills V8's root map: see ./shapes)
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

/**
 * The compute steps of compromise we run: its default pipeline without
 * - 'postTagger': its ~570 match rules cost two thirds of all tagging time (1.45 s of 2.2 s on a
 *   300 KB article), and the recognizer reads a dozen tags (Person, FirstName, LastName, Place,
 *   Organization, Demonym, ProperNoun, Adjective, Verb...), nearly all set by the lexicon and the
 *   pre-tagger. The few post-tagger rules that change a name's tags are done by `tagNames` below,
 *   on the terms at hand, at a fraction of the cost;
 * - 'contractionTwo': it splits "'s"/"'d" by part of speech; the recognizer reads possessives itself;
 * - 'chunks', 'typeahead', 'id': they set no tags.
 * Measured when this was decided: without the post-tagger, 3 names of the dev and held-out articles
 * were lost ("Dean Kamen", "Alia Salem", "Abdulaziz bin Salman"); with `tagNames` the CLI's output on
 * the dev, held-out and sample articles is byte-identical to the full pipeline's (tests:
 * server/test/nlp-names.test.ts).
 */
const SKIPPED_STEPS = new Set(['postTagger', 'contractionTwo', 'chunks', 'typeahead', 'id']);
let taggingSteps: string[] | undefined;

interface World {
  hooks: string[];
}

/** compromise on `text`: only the steps we need (`SKIPPED_STEPS`), then `tagNames` on each sentence. */
function parse(text: string): Term[][] {
  const nlp = getNlp();
  // `nlp(text)` runs the world's hooks: swap in the shorter list for this one synchronous call.
  const world = nlp.world() as unknown as World;
  const saved = world.hooks;
  taggingSteps ??= saved.filter((h) => !SKIPPED_STEPS.has(h));
  world.hooks = taggingSteps;
  let doc: ReturnType<typeof nlpType>;
  try {
    doc = nlp(text);
  } finally {
    world.hooks = saved;
  }
  doc.compute('offset');
  const sentences = (doc as unknown as { document: Term[][] }).document;
  for (const sentence of sentences) tagNames(sentence);
  return sentences;
}

const TITLECASE = /^\p{Lu}[\p{Ll}\p{Lu}'’-]*$/u;
/** Particles between two parts of one Arabic, Dutch or German name ("Abdulaziz bin Salman"). */
const NAME_LINKS = new Set(['bin', 'ibn', 'al', 'van', 'von']);
/** Ambiguous words compromise knows can be a given name ("Dean", "Rob", "June", "Will"). */
const NAME_SWITCHES = new Set(['Person|Noun', 'Person|Verb', 'Person|Date', 'Person|Adj', 'Person|Place']);

function joined(a: Term): boolean {
  return /^\s+$/.test(a.post) || a.post === '';
}
function titlecase(t: Term | undefined): t is Term {
  return !!t && TITLECASE.test(t.text) && t.tags.has('ProperNoun');
}
function person(t: Term, ...more: string[]): void {
  t.tags.add('Person');
  for (const m of more) t.tags.add(m);
}

/**
 * The name rules of compromise's post-tagger that the recognizer depends on, on one sentence's
 * terms (our own code, in one pass; the post-tagger itself is not run, see `SKIPPED_STEPS`):
 * - a given name, an optional initial, then a capitalized word: the word is a surname
 *   ("Alia Salem", where "Salem" alone is a city);
 * - a word that may be a given name ("Dean", "Rob") before a capitalized word: both are a name;
 * - two capitalized words around a name particle ("Abdulaziz bin Salman") are one name.
 * Rules look within a clause only (no punctuation between the words), as compromise's do.
 */
function tagNames(terms: Term[]): void {
  for (let i = 0; i + 1 < terms.length; i++) {
    const a = terms[i];
    if (!joined(a) || !TITLECASE.test(a.text)) continue;
    let j = i + 1;
    // An initial between the two words ("George W. Bush").
    if (/^\p{Lu}$/u.test(terms[j].text) && j + 1 < terms.length && /^\.?\s+$/.test(terms[j].post)) j++;
    const b = terms[j];
    if (a.tags.has('FirstName') && titlecase(b) && !b.tags.has('Possessive')) {
      person(a);
      person(b, 'LastName');
      continue;
    }
    if (a.switch && NAME_SWITCHES.has(a.switch) && titlecase(b) && !a.tags.has('Place') && j === i + 1) {
      person(a);
      person(b);
      continue;
    }
    if (NAME_LINKS.has(b.text) && joined(b) && titlecase(a) && titlecase(terms[i + 2]) && !a.tags.has('Place') && !a.tags.has('Country')) {
      person(a);
      person(b);
      person(terms[i + 2]);
    }
  }
}

/** Runs compromise on one block of text, in pieces when it is long. Cost: linear in the block's length. */
export function analyzeBlockText(text: string): BlockNlp {
  if (text.length <= NLP_CHUNK) return analyzeChunk(text);
  const tokens: Token[] = [];
  for (let from = 0; from < text.length;) {
    const end = chunkEnd(text, from);
    for (const t of analyzeChunk(text.slice(from, end)).tokens) tokens.push({ ...t, start: t.start + from, end: t.end + from });
    from = end;
  }
  return { tokens };
}

function analyzeChunk(text: string): BlockNlp {
  const tokens: Token[] = [];
  // Read compromise's terms directly: its `json()` copies every term and costs a third of the pass.
  for (const sentence of parse(text)) {
    for (const t of sentence) {
      if (!t.offset) continue;
      const start = t.offset.start;
      const end = start + t.offset.length;
      if (end <= start) continue;
      tokens.push({ start, end, text: text.slice(start, end), tags: t.tags, pre: t.pre, post: t.post });
    }
  }
  return { tokens };
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
 * `analyzeBlockText` for many blocks, batching short ones into shared compromise calls. Each result
 * equals `analyzeBlockText(texts[i])`.
 */
export function analyzeBlockTexts(texts: readonly string[], batchChars = NLP_BATCH): BlockNlp[] {
  const out: BlockNlp[] = new Array(texts.length);
  let batch: number[] = [];
  let size = 0;
  const flush = () => {
    if (batch.length === 1) out[batch[0]] = analyzeBlockText(texts[batch[0]]);
    else if (batch.length > 1) runBatch(texts, batch, out);
    batch = [];
    size = 0;
  };
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    // Long blocks go alone (in pieces); so do blocks whose first or last split has no letter
    // (compromise would attach it to a neighbouring sentence), rare enough not to matter.
    if (t.length > NLP_CHUNK || !batchable(t)) {
      out[i] = analyzeBlockText(t);
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
  const sentences = parse(joined);
  const tokens: Token[][] = batch.map(() => []);
  const bad = new Set<number>();
  // Which block (k) or separator (-1 - k, the one after block k) holds a position.
  let k = 0;
  const segmentOf = (pos: number): number => {
    while (k + 1 < starts.length && pos >= starts[k + 1]) k++;
    while (k > 0 && pos < starts[k]) k--;
    return pos < starts[k] + texts[batch[k]].length ? k : -1 - k;
  };
  for (const sentence of sentences) {
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
      out[i] = analyzeBlockText(text);
    } else {
      batchStats.batched++;
      out[i] = { tokens: ts };
    }
  });
}
