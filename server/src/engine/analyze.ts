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
import { BlockCache, analyzeBlock, blockWords, MAX_NLP_BLOCK, type BlockResult, type ErrorHook } from './blocks';

export { MAX_NLP_BLOCK };
import { scanBlocks, sectionsOf, type Structure } from './structure';
import type { RawMention } from './entities/recognize';
import { ArticlePass, type PassBlock } from './entities/article';
import { findReportedEvents } from './entities/events';
import { linkEntities } from './entities/link';
import { ClaimCache } from './claims';
import { mentionsFootball } from './claims/context';
import { createKnowledgeBase, type KnowledgeBase } from './kb';
import type { Analysis, AnalyzeOptions, Block, Claim, ReportedEvent, Sentence, Span } from './types';

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
  readonly cache: BlockCache;
}

export interface AnalyzerHooks {
  /** Called when one rule or pass throws: the analysis goes on without it. */
  onError?: ErrorHook;
  /** A shared block cache (default: a new one). */
  cache?: BlockCache;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

const EMPTY_BLOCK: BlockResult = Object.freeze({ kind: 'paragraph', sentences: [], quotes: [], mentions: [], words: new Int32Array(0), tagSets: [] });

const kbs = new WeakMap<object, KnowledgeBase>();
/** One knowledge base per facts object: the server keeps the parsed facts file and reuses it. */
function kbFor(facts: AnalyzeOptions['facts']): KnowledgeBase {
  if (!facts) return createKnowledgeBase();
  let kb = kbs.get(facts);
  if (!kb) kbs.set(facts, (kb = createKnowledgeBase(facts)));
  return kb;
}

export function createAnalyzer(hooks: AnalyzerHooks = {}): Analyzer {
  const cache = hooks.cache ?? new BlockCache();
  const onError = hooks.onError;
  const claimCache = new ClaimCache();
  const pass = new ArticlePass();
  /** Whether a block's text mentions football (an article-wide flag of the claim rules), per block text. */
  const football = new WeakMap<BlockResult, boolean>();

  function assemble(text: string, options: AnalyzeOptions = {}, missing: 'compute' | 'skip' = 'compute'): AssembleResult {
    const languageId = options.languageId ?? 'news';
    const { date, bodyStart, blocks: spans, directives } = scanBlocks(text);
    // Uncached blocks first, all together: short ones share compromise calls (faster).
    if (missing === 'compute') cache.fill(languageId, spans.map((s) => text.slice(s.start, s.end)), onError);
    const blocks: Block[] = [];
    const sentences: Sentence[] = [];
    const quotes: Span[] = [];
    let raw: RawMention[] = [];
    const inputs: PassBlock[] = [];
    const keys: BlockResult[] = [];
    let footballFlag = false;
    let gapFrom = 0;
    let skipped = 0;
    const tooLong: Span[] = [];
    for (const span of spans) {
      const blockText = text.slice(span.start, span.end);
      if (blockText.length > MAX_NLP_BLOCK) tooLong.push({ start: span.start, end: span.end });
      let r = cache.peek(languageId, blockText);
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
      const index = blocks.length;
      keys.push(r);
      // The article-wide flag, from each block's (cached) answer and the text between blocks.
      if (!footballFlag) {
        let f = football.get(r);
        if (f === undefined) football.set(r, (f = mentionsFootball(blockText)));
        footballFlag = f || (span.start > gapFrom && mentionsFootball(text.slice(gapFrom, span.start)));
      }
      gapFrom = span.end;
      const ids: number[] = new Array(r.sentences.length);
      for (let i = 0; i < r.sentences.length; i++) {
        const s = r.sentences[i];
        ids[i] = sentences.length;
        sentences.push(Object.freeze({ index: sentences.length, block: index, start: s.start + at, end: s.end + at }));
      }
      for (const q of r.quotes) quotes.push(Object.freeze({ start: q.start + at, end: q.end + at }));
      // Words are built when the article pass rescans the block, and dropped after it.
      const result = r;
      inputs.push({ start: span.start, end: span.end, key: r, mentions: r.mentions, words: () => blockWords(blockText, result) });
      blocks.push(Object.freeze({ index, kind: r.kind, start: span.start, end: span.end, sentences: Object.freeze(ids) }));
    }
    const structure: Structure = { date, blocks, sentences, sections: sectionsOf(text, bodyStart, blocks), quotes, directives };
    try {
      raw = pass.run(text, inputs);
    } catch (e) {
      onError?.('entities', e);
      raw = inputs.flatMap((b) => b.mentions.map((m) => ({ ...m, start: m.start + b.start, end: m.end + b.start })));
    }
    let linked: ReturnType<typeof linkEntities> = { entities: [], mentions: [] };
    try {
      linked = linkEntities(text, raw);
    } catch (e) {
      onError?.('entities', e);
    }
    const { entities, mentions } = linked;
    let events: ReportedEvent[] = [];
    try {
      const headings = new Set(blocks.filter((b) => b.kind === 'heading').map((b) => b.index));
      events = findReportedEvents(text, sentences, entities, mentions, date?.valid ? date.value : undefined, headings);
    } catch (e) {
      onError?.('events', e);
    }
    if (!footballFlag && gapFrom < text.length) footballFlag = mentionsFootball(text.slice(gapFrom));
    const claims: Claim[] = claimCache.run(
      { text, structure, entities, mentions, kb: kbFor(options.facts), flags: { football: footballFlag } }, keys, options.rules ?? {}, onError);
    const notes: string[] = [];
    if (!date) notes.push('No `date YYYY-MM-DD` header: date-dependent checks are skipped.');
    else if (!date.valid) notes.push(`The date ${date.value} does not exist: date-dependent checks are skipped.`);
    if (tooLong.length) notes.push(`${tooLong.length} paragraph${tooLong.length > 1 ? 's are' : ' is'} longer than ${MAX_NLP_BLOCK} characters: no entities are looked for in ${tooLong.length > 1 ? 'them' : 'it'}.`);
    const analysis: Analysis = deepFreeze({
      text,
      date,
      blocks,
      sentences,
      sections: structure.sections,
      quotes,
      entities,
      mentions,
      events,
      claims,
      notes,
      tooLong,
    });
    return { analysis, skipped };
  }

  return {
    cache,
    assemble,
    analyze: (text, options) => assemble(text, options, 'compute').analysis,
    missingBlocks(text, options = {}) {
      const languageId = options.languageId ?? 'news';
      const seen = new Set<string>();
      const out: string[] = [];
      for (const span of scanBlocks(text).blocks) {
        const t = text.slice(span.start, span.end);
        if (!cache.has(languageId, t) && !seen.has(t)) {
          seen.add(t);
          out.push(t);
        }
      }
      return out;
    },
  };
}

let defaultAnalyzer: Analyzer | undefined;

/** Analyzes one article. Pure: the same text and options always give the same analysis. */
export function analyze(text: string, options?: AnalyzeOptions): Analysis {
  defaultAnalyzer ??= createAnalyzer();
  return defaultAnalyzer.analyze(text, options);
}
