/**
 * Per-block analysis: everything that depends only on one block's text (its kind, sentences and
 * quotations, compromise's tags, the recognized raw mentions, the words the article pass rescans),
 * computed once per distinct block text and cached in a compact, frozen form with offsets relative to
 * the block. The article-level passes (`./analyze`) re-base these results; compromise never runs
 * again for a block whose text did not change.
 *
 * `analyzeBlock` is a pure function of (block text, language id): this is what makes incremental
 * analysis equal to a fresh one, and what lets worker threads compute blocks for the server (a result
 * is plain data: it survives `postMessage`).
 */
import { analyzeBlockText, analyzeBlockTexts, NLP_BATCH, type BlockNlp } from './nlp';
import { blockStructure } from './structure';
import { recognizeBlock, tokenize, type RawMention, type Word } from './entities/recognize';
import type { Span } from './types';

export interface BlockResult {
  readonly kind: 'heading' | 'paragraph';
  /** Relative to the block's start. */
  readonly sentences: readonly Span[];
  readonly quotes: readonly Span[];
  readonly mentions: readonly RawMention[];
  /**
   * The block's words (`tokenize` with compromise's tags), compact: four numbers per word (start,
   * end, 1 when it starts a sentence, index into `tagSets`).
   */
  readonly words: Int32Array;
  /** Distinct tag sets of the block's words, each as its tags joined by spaces. */
  readonly tagSets: readonly string[];
  /** Passes that failed on this block (reported through `onError` when it was computed). */
  readonly errors?: readonly { source: string; message: string }[];
}

export type ErrorHook = (source: string, error: unknown) => void;

/**
 * Freezes `o` and everything in it (typed arrays, which cannot be frozen, excepted); frozen parts
 * (pieces reused from an earlier analysis) are not walked again.
 */
export function deepFreeze<T>(o: T): T {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o) || ArrayBuffer.isView(o)) return o;
  Object.freeze(o);
  if (Array.isArray(o)) for (let i = 0; i < o.length; i++) deepFreeze(o[i]);
  else for (const k in o) deepFreeze((o as Record<string, unknown>)[k]);
  return o;
}

/**
 * A copy of `s` that does not share memory with the string it was sliced from: V8 keeps a slice
 * of a long string as a view into its parent, so a cached block text (or a name sliced from it) would
 * otherwise keep every old version of a large document alive.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function packWords(words: readonly Word[]): { words: Int32Array; tagSets: string[] } {
  const packed = new Int32Array(words.length * 4);
  const tagSets: string[] = [];
  const ids = new Map<ReadonlySet<string>, number>();
  const byKey = new Map<string, number>();
  words.forEach((w, i) => {
    let id = ids.get(w.tags);
    if (id === undefined) {
      const key = [...w.tags].join(' ');
      id = byKey.get(key);
      if (id === undefined) { id = tagSets.length; tagSets.push(key); byKey.set(key, id); }
      ids.set(w.tags, id);
    }
    packed[i * 4] = w.start;
    packed[i * 4 + 1] = w.end;
    packed[i * 4 + 2] = w.sentenceStart ? 1 : 0;
    packed[i * 4 + 3] = id;
  });
  return { words: packed, tagSets };
}

const TAG_SETS = new Map<string, ReadonlySet<string>>();

/**
 * The block's words as `tokenize` gives them (tag sets shared between equal ones). Built on demand
 * and not kept: a word object per word of a large article would cost more memory than the text.
 */
export function blockWords(blockText: string, r: BlockResult): readonly Word[] {
  const sets = r.tagSets.map((k) => {
    let s = TAG_SETS.get(k);
    if (!s) TAG_SETS.set(k, (s = Object.freeze(new Set(k ? k.split(' ') : [])) as ReadonlySet<string>));
    return s;
  });
  const out: Word[] = new Array(r.words.length / 4);
  for (let i = 0; i < out.length; i++) {
    const start = r.words[i * 4], end = r.words[i * 4 + 1];
    out[i] = { start, end, text: blockText.slice(start, end), tags: sets[r.words[i * 4 + 3]], sentenceStart: r.words[i * 4 + 2] === 1 };
  }
  return out;
}

/** Paragraphs longer than this (not prose: a pasted data dump, a minified file) get no entity pass. */
export const MAX_NLP_BLOCK = 200_000;

/** Analyzes one block of text (trimmed, as `scanBlocks` gives it). Pure; never throws. */
export function analyzeBlock(blockText: string, languageId = 'news', onError?: ErrorHook): BlockResult {
  return finishBlock(detach(blockText), languageId, onError);
}

/**
 * `analyzeBlock` for many blocks at once (what a worker thread gets): short blocks share compromise
 * calls (`analyzeBlockTexts`), which is faster. Each result equals `analyzeBlock(texts[i], languageId)`.
 */
export function analyzeBlocks(blockTexts: readonly string[], languageId = 'news', onError?: ErrorHook): BlockResult[] {
  const out: BlockResult[] = [];
  // A batch's worth at a time: compromise's output for a block is dropped as soon as it is read.
  for (let from = 0; from < blockTexts.length;) {
    let to = from, size = 0;
    while (to < blockTexts.length && (to === from || size + blockTexts[to].length <= NLP_BATCH)) size += blockTexts[to++].length;
    const texts = blockTexts.slice(from, to).map(detach);
    let nlp: (BlockNlp | undefined)[] = [];
    const prose = texts.filter((t) => t.length <= MAX_NLP_BLOCK);
    if (prose.length > 1) {
      try {
        const results = analyzeBlockTexts(prose);
        let k = 0;
        nlp = texts.map((t) => (t.length <= MAX_NLP_BLOCK ? results[k++] : undefined));
      } catch {
        // A failure in a shared call: each block on its own, where the failure is reported for its block.
        nlp = [];
      }
    }
    texts.forEach((t, i) => out.push(finishBlock(t, languageId, onError, nlp[i])));
    from = to;
  }
  return out;
}

/** The block's result; `nlp` is compromise's output for it when already computed. */
function finishBlock(text: string, languageId: string, onError?: ErrorHook, nlp?: BlockNlp): BlockResult {
  const errors: { source: string; message: string }[] = [];
  const structure = blockStructure(text, languageId);
  let mentions: RawMention[] = [];
  let packed: { words: Int32Array; tagSets: string[] } = { words: new Int32Array(0), tagSets: [] };
  // Not prose (a data dump, a minified line): no entity pass; the analysis says so (`tooLong`).
  if (text.length <= MAX_NLP_BLOCK) {
    try {
      nlp ??= analyzeBlockText(text);
      packed = packWords(tokenize(text, nlp));
      mentions = recognizeBlock(text, nlp, structure.kind === 'heading');
    } catch (e) {
      errors.push({ source: 'entities', message: String((e as Error)?.stack ?? e) });
      onError?.('entities', e);
    }
  }
  return deepFreeze({
    kind: structure.kind,
    sentences: structure.sentences,
    quotes: structure.quotes,
    mentions,
    words: packed.words,
    tagSets: packed.tagSets,
    ...(errors.length ? { errors } : {}),
  });
}

/**
 * One copy of each tag-set string and canonical name for all cached results: every block's result
 * holds its own copies (a worker's results arrive as new strings), but a large article has only a few
 * hundred distinct tag sets (a 3 MB article: 181,000 tag-set strings, 159 distinct, ~8 MB).
 */
const interned = new Map<string, string>();
function intern(s: string): string {
  const x = interned.get(s);
  if (x !== undefined) return x;
  if (interned.size >= 100_000) interned.clear();
  interned.set(s, s);
  return s;
}

/** Interns a result's repeated strings, in place (before it is frozen: the result object stays the same). */
function internStrings(r: BlockResult): void {
  if (Object.isFrozen(r)) return;
  const sets = r.tagSets as string[];
  for (let i = 0; i < sets.length; i++) sets[i] = intern(sets[i]);
  for (const m of r.mentions) if (!Object.isFrozen(m)) (m as { canonical: string }).canonical = intern(m.canonical);
}

/** Rough number of characters a block result keeps alive (its key and its spans). */
function weight(key: string, r: BlockResult): number {
  return key.length + 8 * r.words.length + 16 * (r.sentences.length + r.quotes.length) + 48 * r.mentions.length;
}

/** A cached block result; a caller may keep it to find the result again without hashing the text (`again`). */
export interface CacheEntry {
  readonly result: BlockResult;
  readonly weight: number;
  used: number;
  /** Set when the entry leaves the cache (evicted, replaced, cleared). */
  dropped?: boolean;
}
type Entry = CacheEntry;

/**
 * Block results keyed by language id and block text. Once the cache holds more than `capacity`
 * characters' worth of blocks, the least recently used are dropped (down to three quarters of it).
 */
export class BlockCache {
  private readonly maps = new Map<string, Map<string, Entry>>();
  private total = 0;
  private clock = 0;
  hits = 0;
  misses = 0;
  constructor(readonly capacity = 48 * 1024 * 1024) {}

  private map(languageId: string): Map<string, Entry> {
    let m = this.maps.get(languageId);
    if (!m) this.maps.set(languageId, (m = new Map()));
    return m;
  }

  /** The cached result, marked as recently used; undefined when absent. */
  peek(languageId: string, text: string): BlockResult | undefined {
    return this.entry(languageId, text)?.result;
  }

  /** The cache entry of a block text, marked as recently used; undefined when absent. */
  entry(languageId: string, text: string): CacheEntry | undefined {
    const e = this.maps.get(languageId)?.get(text);
    if (!e) return undefined;
    this.hits++;
    e.used = ++this.clock;
    return e;
  }

  /** `e`'s result if `e` is still in the cache (marked as recently used), else undefined. */
  again(e: CacheEntry): BlockResult | undefined {
    if (e.dropped) return undefined;
    this.hits++;
    e.used = ++this.clock;
    return e.result;
  }

  has(languageId: string, text: string): boolean {
    return this.maps.get(languageId)?.has(text) ?? false;
  }

  put(languageId: string, text: string, result: BlockResult): void {
    const m = this.map(languageId);
    const old = m.get(text);
    if (old) {
      this.total -= old.weight;
      old.dropped = true;
    }
    const key = old ? text : detach(text);
    const w = weight(key, result);
    internStrings(result);
    m.set(key, { result: deepFreeze(result), weight: w, used: ++this.clock });
    this.total += w;
    if (this.total > this.capacity) this.evict(this.capacity * 0.75);
  }

  private evict(target: number): void {
    const all: [Map<string, Entry>, string, Entry][] = [];
    for (const m of this.maps.values()) for (const [k, e] of m) all.push([m, k, e]);
    all.sort((a, b) => a[2].used - b[2].used);
    for (const [m, k, e] of all) {
      if (this.total <= target) break;
      m.delete(k);
      e.dropped = true;
      this.total -= e.weight;
    }
  }

  /** Computes and caches the results of `texts` not cached yet, short blocks in shared calls (`analyzeBlocks`). */
  fill(languageId: string, texts: readonly string[], onError?: ErrorHook): void {
    const todo = [...new Set(texts)].filter((t) => !this.has(languageId, t));
    if (!todo.length) return;
    this.misses += todo.length;
    analyzeBlocks(todo, languageId, onError).forEach((r, i) => this.put(languageId, todo[i], r));
  }

  /** The cached result, or a fresh one (computed here and cached). */
  get(languageId: string, text: string, onError?: ErrorHook): BlockResult {
    const hit = this.peek(languageId, text);
    if (hit) return hit;
    this.misses++;
    const fresh = analyzeBlock(text, languageId, onError);
    this.put(languageId, text, fresh);
    return fresh;
  }

  clear(): void {
    for (const m of this.maps.values()) for (const e of m.values()) e.dropped = true;
    this.maps.clear();
    this.total = 0;
  }

  get size(): number {
    let n = 0;
    for (const m of this.maps.values()) n += m.size;
    return n;
  }

  /** Characters' worth of blocks held (see `capacity`). */
  get weight(): number {
    return this.total;
  }
}
