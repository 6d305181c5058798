/**
 * The pipeline: blocks → per-block results (structure, NLP, recognition; cached by block text in
 * `./blocks`) → article-level passes on those results (short names and one sense per article,
 * linking, claim rules, outline). `createAnalyzer()` keeps a block cache so re-analysis after
 * an edit recomputes only the blocks whose text changed, and the article-level work is linear in the
 * number of blocks, sentences and mentions, not in the text. `analyze()` uses a shared analyzer.
 *
 * Because a block's result depends only on its text, the analysis after any sequence of edits equals
 * a fresh analysis of the same text.
 */
import { BlockCache, analyzeBlock, blockWords, deepFreeze, detach, MAX_NLP_BLOCK, type CacheEntry, type BlockResult, type ErrorHook } from './blocks';

export { MAX_NLP_BLOCK };
import { editedSlice, rescanBlocks, scanBlocks, sectionsOf, validDate, type Structure } from './structure';
import { searchSpans } from './query';
import type { RawMention, Word } from './entities/recognize';
import { ArticlePass, type PassBlock } from './entities/article';
import { mergeReportedEvents, sentenceEvent, type SentenceEvent, type SentenceEvents } from './entities/events';
import { mentionWindows, relativeSpans, spansHold, type MentionWindows, type SpansRecord } from './blockSpans';
import { linkBlocksLazy, type LazyLinked, type LinkBlock, type LinkMemo } from './entities/link';
import { ClaimCache, seedClaims, type ClaimContext, type ClaimSeed } from './claims';
import { mentionsFootball, FOOTBALL_MIN_LENGTH } from './claims/context';
import { knowledgeBaseFor } from './kb';
import type { Analysis, AnalyzeOptions, Block, Claim, Entity, Mention, ReportedEvent, Section, Sentence, Span } from './types';

export interface AssembleResult {
  readonly analysis: Analysis;
  /** Blocks whose result was not cached and was left out (only with `missing: 'skip'`). */
  readonly skipped: number;
}

export interface Analyzer {
  analyze(text: string, options?: AnalyzeOptions): Analysis;
  /**
   * The analysis from cached block results only; blocks not in the cache are computed here
   * (`missing: 'compute'`, the default) or left out (`'skip'`: a partial analysis, e.g. while worker
   * threads are still computing them).
   */
  assemble(text: string, options?: AnalyzeOptions, missing?: 'compute' | 'skip'): AssembleResult;
  /** The distinct block texts of `text` not in the cache yet, in document order. */
  missingBlocks(text: string, options?: AnalyzeOptions): string[];
  /**
   * What the blocks' claim findings can be computed with ahead of the article pass (`seedClaims` in
   * ./claims, e.g. by a worker thread with the block's result); null when they cannot (the user's facts
   * make another knowledge base).
   */
  claimContext(text: string, options?: AnalyzeOptions): ClaimContext | null;
  /** Findings computed ahead for a cached block result (used by `analyze` when they still hold). */
  seedClaims(result: BlockResult, seed: ClaimSeed): void;
  /**
   * The block of `text` (the last text analyzed or asked about) that strictly contains [start, end),
   * with its text; undefined when there is none, or `text` is not that text. For an edit inside one
   * paragraph, the paragraph's new text can be known before the document's new text is.
   */
  blockAround(text: string, languageId: string, start: number, end: number): { start: number; end: number; text: string } | undefined;
  /**
   * Tells that `to` is `from` with [start, end) replaced by `insert`. When `from` is the last text
   * analyzed (or asked about) and `to` the next, the analysis of `to` reads only the changed lines from
   * `from` and `insert`, never `to` itself (see `editedSlice`), until something else asks for it.
   */
  edited(from: string, start: number, end: number, insert: string, to: string): void;
  /**
   * Runs the claim rules `count` times on the paragraphs of the last text analyzed (in turn, again from
   * the first when there are fewer), and drops what they find: nothing in the analyzer changes. A host
   * whose blocks are analyzed elsewhere (the server's worker threads, which also check their claims)
   * rarely runs the rules itself, and then they are cold (measured on a heavy paragraph: ~180 ms the
   * first time, ~10 ms the second, ~1.5 ms from the third); it can warm them when idle. Returns the
   * number of checks made (0 when the text has no paragraph with sentences).
   */
  warmClaims(count: number): number;
  readonly cache: BlockCache;
  /** What the last analysis recomputed of the article-level work (for tests). */
  readonly stats: { readonly claimBlocks: number; readonly rescannedBlocks: number };
}

export interface AnalyzerHooks {
  /** Called when one rule or pass throws: the analysis goes on without it. */
  onError?: ErrorHook;
  /** A shared block cache (default: a new one). */
  cache?: BlockCache;
  /** Called as each stage of an assembly ends (for a timeline: the server's NEWS_LENS_TRACE). */
  phase?: (name: string) => void;
}

const NO_SPANS: readonly Span[] = Object.freeze([]);
const EMPTY_BLOCK: BlockResult = Object.freeze({ kind: 'paragraph', sentences: [], quotes: [], mentions: [], words: new Int32Array(0), tagSets: [] });

// Functions that outlive a call are made out here: one made inside an assembly (or a scan) would keep
// all of it alive (its text, its arrays) for as long as it lives. A block's words function lives in the
// block's placed record for as long as the block stays where it is (made inside, ~2.6 MB was kept per
// edit at 1 MB).

/** A block's words function (`PassBlock.words`). */
function wordsOf(result: BlockResult): (blockText: string) => readonly Word[] {
  return (blockText) => blockWords(blockText, result);
}

/** `text.slice` as a function (a scan's `slice` when no edit was told). */
function slicerOf(text: string): (start: number, end: number) => string {
  return (a, b) => text.slice(a, b);
}

/**
 * What each sentence says of a happening (`SentenceEvent`), cached per block: it depends on the
 * block's text and the spans and entity ids of the mentions in it; its offsets are relative to the
 * sentence, so a block that only moved keeps its entry as it is.
 */
class EventMemo {
  private readonly entries = new WeakMap<object, SpansRecord & { ids: readonly string[]; events: readonly (SentenceEvent | undefined)[] }>();

  /**
   * What the article's paragraph sentences say of happenings; `keys[i]` stands for block i's text,
   * `kept[i]` (if known) for the relative spans of its mentions (see `spansHold`), `ids[i]` (if known)
   * for their entity ids (the same array, the same ids).
   */
  sentenceEvents(texts: readonly string[], blocks: readonly Block[], sentences: readonly Sentence[], mentions: readonly Mention[], kindOf: (id: string) => string | undefined, keys: readonly object[], windows: MentionWindows, kept?: readonly object[], ids?: readonly (readonly string[])[]): SentenceEvents {
    const found: SentenceEvents = { sentences: [], events: [] };
    for (const b of blocks) {
      if (b.kind === 'heading' || !b.sentences.length) continue;
      const mi = windows.from[b.index], mj = windows.to[b.index];
      const key = keys[b.index];
      let e = this.entries.get(key);
      const own = ids?.[b.index];
      if (e && own && e.ids !== own && sameIds(e.ids, mentions, mi, mj)) e.ids = own;
      if (!e || !spansHold(e, mentions, mi, mj, b.start, kept?.[b.index]) || !(own ? e.ids === own : sameIds(e.ids, mentions, mi, mj))) {
        const evs: (SentenceEvent | undefined)[] = [];
        let k = mi;
        for (const si of b.sentences) {
          const s = sentences[si];
          while (k < mj && mentions[k].start < s.start) k++;
          const inSentence: Mention[] = [];
          for (let j = k; j < mj && mentions[j].start < s.end; j++) inSentence.push(mentions[j]);
          evs.push(sentenceEvent(texts[b.index].slice(s.start - b.start, s.end - b.start), s.start, inSentence, kindOf));
        }
        let entryIds = own;
        if (!entryIds) {
          const made: string[] = new Array(mj - mi);
          for (let i = mi; i < mj; i++) made[i - mi] = mentions[i].entity;
          entryIds = made;
        }
        e = { spans: relativeSpans(mentions, mi, mj, b.start), kept: kept?.[b.index], ids: entryIds, events: evs };
        this.entries.set(key, e);
      }
      for (let i = 0; i < b.sentences.length; i++) {
        const c = e.events[i];
        if (c) {
          found.sentences.push(sentences[b.sentences[i]]);
          found.events.push(c);
        }
      }
    }
    return found;
  }
}

function sameIds(ids: readonly string[], mentions: readonly Mention[], from: number, to: number): boolean {
  if (ids.length !== to - from) return false;
  for (let i = from; i < to; i++) if (ids[i - from] !== mentions[i].entity) return false;
  return true;
}

/** A block scan of a text, with the block texts and the cache entries of their results (see `scanOf`). */
interface Scan {
  readonly text: string;
  readonly languageId: string;
  readonly scan: ReturnType<typeof scanBlocks>;
  readonly texts: readonly string[];
  readonly entries: (CacheEntry | undefined)[];
  /** `text.slice`, without reading `text` when it was told as an edit (`Analyzer.edited`). */
  readonly slice: (start: number, end: number) => string;
  /** The article-wide football flag of this text, once found (`footballOf`). */
  football?: boolean;
}

/** The lengths of the longest common prefix of `a` and `b`, and of their longest common suffix after it. */
export function commonEnds(a: string, b: string): [number, number] {
  const n = Math.min(a.length, b.length);
  // Chunks compared natively first, then characters.
  const CHUNK = 1024;
  let p = 0;
  while (p + CHUNK <= n && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const m = n - p;
  let q = 0;
  while (q + CHUNK <= m && a.slice(a.length - q - CHUNK, a.length - q) === b.slice(b.length - q - CHUNK, b.length - q)) q += CHUNK;
  while (q < m && a.charCodeAt(a.length - 1 - q) === b.charCodeAt(b.length - 1 - q)) q++;
  return [p, q];
}

export function createAnalyzer(hooks: AnalyzerHooks = {}): Analyzer {
  const cache = hooks.cache ?? new BlockCache();
  const onError = hooks.onError;
  const phase = hooks.phase;
  const claimCache = new ClaimCache();
  const pass = new ArticlePass();
  const links: LinkMemo = { blocks: new WeakMap() };
  const eventMemo = new EventMemo();
  /** Whether a block's text mentions football (an article-wide flag of the claim rules), per block text. */
  const football = new WeakMap<BlockResult, boolean>();
  /** A block's pieces at its place (see `assemble`), and its linking input when last made (its mentions after the article pass). */
  interface Placed {
    /** Its input to the article pass (`PassBlock`): its span, key (its result), raw mentions and words function. */
    readonly start: number; readonly end: number; readonly key: BlockResult; readonly mentions: readonly RawMention[]; words(blockText: string): readonly Word[];
    /** Its index among the blocks, its first sentence's index, its Block. */
    readonly index: number; readonly first: number; readonly block: Block; link?: LinkBlock;
    /** Its sentences and quotations at this place (absolute), made when first asked for. */
    sentences?: readonly Sentence[]; quotes?: readonly Span[];
  }
  function sentencesAt(p: Placed): readonly Sentence[] {
    if (p.sentences) return p.sentences;
    const r = p.key, ss: Sentence[] = new Array(r.sentences.length);
    for (let i = 0; i < ss.length; i++) ss[i] = Object.freeze({ index: p.first + i, block: p.index, start: r.sentences[i].start + p.start, end: r.sentences[i].end + p.start });
    return (p.sentences = ss);
  }
  function quotesAt(p: Placed): readonly Span[] {
    return (p.quotes ??= p.key.quotes.length ? p.key.quotes.map((q) => Object.freeze({ start: q.start + p.start, end: q.end + p.start })) : NO_SPANS);
  }
  const placed = new WeakMap<BlockResult, Placed>();

  /**
   * The block scan of the last text, with its block texts and their cache entries once found: the
   * server asks `missingBlocks` (twice) and then `analyze` for the same text. After an edit, the blocks
   * outside the changed part of the text (before it, or after it and shifted) take the entries found
   * for the previous text: their texts are not hashed and compared again.
   */
  let lastScan: Scan | undefined;
  /** The last edit the caller told of (`edited`). */
  let edit: { from: string; start: number; end: number; insert: string; to: string } | undefined;
  function scanOf(text: string, languageId: string): Scan {
    if (lastScan?.text === text && lastScan.languageId === languageId) return lastScan;
    const prev = lastScan;
    // An edit of the last text that the caller told of: what changed is known, and only the changed
    // lines are read (from the last text and the insertion), not the new text.
    const e = prev && edit && edit.to === text && edit.from === prev.text ? edit : undefined;
    edit = undefined;
    const slice = e ? editedSlice(e.from, e.start, e.end, e.insert) : slicerOf(text);
    // The blocks: only the lines around the change are scanned again.
    const ends: [number, number] | undefined = e ? [e.start, e.from.length - e.end] : prev && prev.text !== text ? commonEnds(prev.text, text) : undefined;
    const scan = prev?.text === text ? prev.scan : prev && ends ? rescanBlocks(prev.scan, prev.text, text, ends[0], ends[1], slice) : scanBlocks(text);
    const n = scan.blocks.length;
    const texts: string[] = new Array(n);
    const entries: (CacheEntry | undefined)[] = new Array(n);
    let i = 0, j = n - 1;
    if (prev && prev.languageId === languageId) {
      const old = prev.scan.blocks;
      const [p, q] = ends ?? [text.length, 0];
      const d = text.length - prev.text.length;
      // Blocks inside the common prefix, at the same place; then inside the common suffix, shifted.
      for (; i < n && i < old.length && scan.blocks[i].end <= p && old[i].start === scan.blocks[i].start && old[i].end === scan.blocks[i].end; i++) {
        texts[i] = prev.texts[i];
        entries[i] = prev.entries[i];
      }
      for (let k = old.length - 1; j >= i && k >= i && scan.blocks[j].start >= text.length - q && old[k].start + d === scan.blocks[j].start && old[k].end + d === scan.blocks[j].end; j--, k--) {
        texts[j] = prev.texts[k];
        entries[j] = prev.entries[k];
      }
    }
    // After an edit, copies: what is cached per block (its result, names, claims) is made from its
    // text, and a slice would keep this version of the whole text alive with it, edit after edit. (The
    // first scan's slices keep only the text the analyses start from alive, not a copy of it more.)
    for (let k = i; k <= j; k++) {
      const t = slice(scan.blocks[k].start, scan.blocks[k].end);
      texts[k] = prev ? detach(t) : t;
    }
    lastScan = { text, languageId, scan, texts, entries, slice };
    return lastScan;
  }

  /**
   * The article-wide flag of the claim rules (`ArticleFlags.football`), from each block's (cached)
   * answer and the text between blocks; `resultAt(i)` is block i's result if known. The claim findings
   * computed ahead (`claimContext`) and the analysis use this same answer.
   */
  function footballOf(s: Scan, resultAt: (i: number) => BlockResult | undefined): boolean {
    // (A block's answer is the same from its cached result or from its text: one answer per scan.)
    return (s.football ??= footballIn(s, resultAt));
  }
  function footballIn(s: Scan, resultAt: (i: number) => BlockResult | undefined): boolean {
    const { text, texts, slice, scan: { blocks: spans } } = s;
    let gapFrom = 0;
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      if (span.start - gapFrom >= FOOTBALL_MIN_LENGTH && mentionsFootball(slice(gapFrom, span.start))) return true;
      const r = resultAt(i);
      const known = r !== undefined && r !== EMPTY_BLOCK;
      let f = known ? football.get(r) : undefined;
      if (f === undefined) {
        f = mentionsFootball(texts[i]);
        if (known) football.set(r, f);
      }
      if (f) return true;
      gapFrom = span.end;
    }
    return gapFrom < text.length && mentionsFootball(slice(gapFrom, text.length));
  }

  /** What the claim findings of a scanned text's blocks are computed with ahead (`seedClaims`). */
  function claimContextOf(s: Scan): ClaimContext {
    return { date: validDate(s.scan.date), football: footballOf(s, (i) => resultOf(s, i)) };
  }

  /** Block `i`'s cached result, undefined when it is not cached. */
  function resultOf(s: Scan, i: number): BlockResult | undefined {
    const e = s.entries[i];
    const r = e && cache.again(e);
    if (r) return r;
    return (s.entries[i] = cache.entry(s.languageId, s.texts[i]))?.result;
  }

  /** The distinct block texts of a scan that are not cached. */
  function missingOf(s: Scan): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (let i = 0; i < s.texts.length; i++) {
      if (resultOf(s, i)) continue;
      const t = s.texts[i];
      if (!seen.has(t)) {
        seen.add(t);
        out.push(t);
      }
    }
    return out;
  }

  function assemble(text: string, options: AnalyzeOptions = {}, missing: 'compute' | 'skip' = 'compute'): AssembleResult {
    const languageId = options.languageId ?? 'news';
    const scanned = scanOf(text, languageId);
    const { scan: { date, bodyStart, blocks: spans, directives }, texts } = scanned;
    // Uncached blocks first, all together: short ones share compromise calls (faster).
    if (missing === 'compute') cache.fill(languageId, missingOf(scanned), onError);
    const n = spans.length;
    const blocks: Block[] = new Array(n);
    /** The sentences before the block being placed. */
    let sentenceCount = 0;
    /** Per block, the article pass's mentions (relative): the same array, the same spans. */
    let kept: (readonly RawMention[])[] | undefined;
    const inputs: PassBlock[] = new Array(n);
    const places: Placed[] = new Array(n);
    const keys: BlockResult[] = new Array(n);
    let skipped = 0;
    const tooLong: Span[] = [];
    for (let bi = 0; bi < n; bi++) {
      const span = spans[bi];
      const blockText = texts[bi];
      if (blockText.length > MAX_NLP_BLOCK) tooLong.push({ start: span.start, end: span.end });
      let r = resultOf(scanned, bi);
      if (!r) {
        if (missing === 'skip') {
          skipped++;
          r = EMPTY_BLOCK;
        } else {
          cache.misses++;
          r = analyzeBlock(blockText, languageId, onError);
          cache.put(languageId, blockText, r);
        }
      }
      const at = span.start;
      const index = bi;
      keys[bi] = r;
      // The block's pieces at this place (block index, first sentence index, offset): made once, reused
      // by later analyses while they stay the same (the blocks before an edit).
      const first = sentenceCount;
      sentenceCount += r.sentences.length;
      let p = placed.get(r);
      if (!p || p.start !== at || p.index !== index || p.first !== first || r === EMPTY_BLOCK) {
        // A block that only moved (most after an edit) keeps its sentence indices and words function;
        // its sentences and quotations at the new place are made only when asked for.
        const old = p && p.first === first ? p : undefined;
        let ids: readonly number[];
        if (old) ids = old.block.sentences;
        else {
          const made: number[] = new Array(r.sentences.length);
          for (let i = 0; i < r.sentences.length; i++) made[i] = first + i;
          ids = Object.freeze(made);
        }
        p = {
          // Words are built when the article pass rescans the block, and dropped after it.
          start: span.start, end: span.end, key: r, mentions: r.mentions, words: p?.words ?? wordsOf(r),
          index, first, block: Object.freeze({ index, kind: r.kind, start: span.start, end: span.end, sentences: ids }),
        };
        if (r !== EMPTY_BLOCK) placed.set(r, p);
      }
      inputs[bi] = p;
      places[bi] = p;
      blocks[bi] = p.block;
    }
    // The article's sentences and quotations: made when first asked for (the claim rules ask per block,
    // for the blocks they check again; an edit's diagnostics need no more).
    let sentences: readonly Sentence[] | undefined, quotes: readonly Span[] | undefined;
    const allSentences = (): readonly Sentence[] => {
      if (sentences) return sentences;
      const out: Sentence[] = new Array(sentenceCount);
      let k = 0;
      for (const p of places) for (const x of sentencesAt(p)) out[k++] = x;
      return (sentences = Object.freeze(out));
    };
    const allQuotes = (): readonly Span[] => {
      if (quotes) return quotes;
      const out: Span[] = [];
      for (const p of places) for (const q of quotesAt(p)) out.push(q);
      return (quotes = Object.freeze(out));
    };
    phase?.('blocks placed');
    let sections: readonly Section[] | undefined;
    const allSections = () => (sections ??= deepFreeze(sectionsOf(text, bodyStart, blocks)));
    const structure: Structure = {
      date, blocks, get sentences() { return allSentences(); }, get sections() { return allSections() as Section[]; }, get quotes() { return allQuotes(); }, directives,
    };
    try {
      kept = pass.run(texts, inputs);
    } catch (e) {
      onError?.('entities', e);
    }
    phase?.('article pass');
    let linked: LazyLinked | undefined;
    try {
      const linkInputs: LinkBlock[] = new Array(inputs.length);
      for (let i = 0; i < inputs.length; i++) {
        const pl = places[i], start = inputs[i].start, ms = kept ? kept[i] : inputs[i].mentions;
        const l = pl.link && pl.link.start === start && pl.link.mentions === ms ? pl.link : { start, mentions: ms, text: texts[i] };
        linkInputs[i] = pl.block.index === i && placed.get(keys[i]) === pl ? (pl.link = l) : l;
      }
      linked = linkBlocksLazy(linkInputs, links);
    } catch (e) {
      kept = undefined;
      onError?.('entities', e);
    }
    phase?.('linked');
    // The article's Mentions and Entities: made when first asked for (a hover, the outline, the CLI's
    // JSON); the claim rules ask for the Mentions of the blocks they check again.
    const NONE = { entities: [] as Entity[], mentions: [] as Mention[] };
    let whole: { readonly entities: readonly Entity[]; readonly mentions: readonly Mention[] } | undefined;
    const all = () => {
      if (whole) return whole;
      try {
        const made = linked ? linked.all() : NONE;
        whole = { entities: Object.freeze(made.entities), mentions: Object.freeze(made.mentions) };
      } catch (e) {
        onError?.('entities', e);
        whole = NONE;
      }
      return whole;
    };
    const blockMentions = linked?.blocks ? linked.blockMentions : undefined;
    const windows = linked?.blocks?.windows ?? mentionWindows(blocks, all().mentions);
    // The reported events are made when first asked for (the outline, a hover, the CLI's JSON), not before
    // the diagnostics are published: nothing else in the analysis depends on them.
    let events: readonly ReportedEvent[] | undefined;
    const ids = linked?.blocks?.ids, spansKept = kept;
    const eventsOf = (): readonly ReportedEvent[] => {
      if (events) return events;
      let made: ReportedEvent[] = [];
      try {
        const { entities, mentions } = all();
        const kinds = new Map(entities.map((e) => [e.id, e.kind]));
        const found = eventMemo.sentenceEvents(texts, blocks, allSentences(), mentions, (id) => kinds.get(id), keys, windows, spansKept, ids);
        made = mergeReportedEvents(found, entities, validDate(date) ?? undefined);
      } catch (e) {
        onError?.('events', e);
      }
      return (events = deepFreeze(made));
    };
    const footballFlag = footballOf(scanned, (i) => keys[i]);
    const claims: Claim[] = claimCache.run(
      {
        text, structure, get entities() { return all().entities; }, get mentions() { return all().mentions; },
        kb: knowledgeBaseFor(options.facts), flags: { football: footballFlag },
      },
      keys, options.rules ?? {}, onError, kept, windows,
      { text: (b) => texts[b], mentions: blockMentions });
    phase?.('claims');
    const notes: string[] = [];
    if (!date) notes.push('No `date YYYY-MM-DD` header: date-dependent checks are skipped.');
    else if (!date.valid) notes.push(`The date ${date.value} does not exist: date-dependent checks are skipped.`);
    if (tooLong.length) notes.push(`${tooLong.length} paragraph${tooLong.length > 1 ? 's are' : ' is'} longer than ${MAX_NLP_BLOCK} characters: no entities are looked for in ${tooLong.length > 1 ? 'them' : 'it'}.`);
    // Frozen as made: blocks, sentences and quotes (above, when first asked for), mentions and entities
    // (linkBlocks), claims (ClaimCache); the rest is new and small.
    const analysis: Analysis = Object.freeze({
      text,
      date: deepFreeze(date),
      blocks: Object.freeze(blocks),
      get sentences() { return allSentences(); },
      get sections() { return allSections(); },
      get quotes() { return allQuotes(); },
      get entities() { return all().entities; },
      get mentions() { return all().mentions; },
      get events() { return eventsOf(); },
      claims: Object.freeze(claims),
      notes: Object.freeze(notes),
      tooLong: deepFreeze(tooLong),
    });
    return { analysis, skipped };
  }

  return {
    cache,
    stats: {
      get claimBlocks() { return claimCache.computed; },
      get rescannedBlocks() { return pass.rescanned; },
    },
    assemble,
    analyze: (text, options) => assemble(text, options, 'compute').analysis,
    missingBlocks: (text, options = {}) => missingOf(scanOf(text, options.languageId ?? 'news')),
    claimContext(text, options = {}) {
      return options.facts ? null : claimContextOf(scanOf(text, options.languageId ?? 'news'));
    },
    seedClaims: (result, seed) => claimCache.seed(result, seed),
    edited(from, start, end, insert, to) {
      edit = { from, start, end, insert, to };
    },
    warmClaims(count) {
      const s = lastScan;
      if (!s) return 0;
      const context = claimContextOf(s);
      const paragraphs: { text: string; result: BlockResult }[] = [];
      for (let i = 0; i < s.texts.length && paragraphs.length < count; i++) {
        const r = resultOf(s, i);
        if (r && r !== EMPTY_BLOCK && r.kind !== 'heading' && r.sentences.length) paragraphs.push({ text: s.texts[i], result: r });
      }
      let n = 0;
      for (; paragraphs.length && n < count; n++) {
        const { text, result } = paragraphs[n % paragraphs.length];
        seedClaims(text, result, context);
      }
      return n;
    },
    blockAround(text, languageId, start, end) {
      const s = lastScan;
      if (!s || s.text !== text || s.languageId !== languageId) return undefined;
      const i = searchSpans(s.scan.blocks, start), b = s.scan.blocks[i];
      return b && b.start < start && end < b.end ? { start: b.start, end: b.end, text: s.texts[i] } : undefined;
    },
  };
}

let defaultAnalyzer: Analyzer | undefined;

/** Analyzes one article. Pure: the same text and options always give the same analysis. */
export function analyze(text: string, options?: AnalyzeOptions): Analysis {
  defaultAnalyzer ??= createAnalyzer();
  return defaultAnalyzer.analyze(text, options);
}
