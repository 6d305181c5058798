/**
 * The pipeline: structure → NLP per block (cached by block text) → entities → links → claims.
 * `createAnalyzer()` keeps a block cache so re-analysis after an edit only re-runs the NLP on the
 * blocks whose text changed; `analyze()` uses a shared default analyzer.
 */
import { BlockCache } from './nlp';
import { parseStructure } from './structure';
import { recognizeBlock, type RawMention } from './entities/recognize';
import { articlePass, type BlockInput } from './entities/article';
import { linkEntities } from './entities/link';
import { runRules } from './claims';
import type { Analysis, AnalyzeOptions } from './types';

export interface Analyzer {
  analyze(text: string, options?: AnalyzeOptions): Analysis;
  readonly cache: BlockCache;
}

export interface AnalyzerHooks {
  /** Called when one rule or pass throws: the analysis goes on without it. */
  onError?(source: string, error: unknown): void;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

export function createAnalyzer(hooks: AnalyzerHooks = {}): Analyzer {
  const cache = new BlockCache();
  return {
    cache,
    analyze(text: string, options: AnalyzeOptions = {}): Analysis {
      const structure = parseStructure(text, options.languageId);
      let raw: RawMention[] = [];
      const inputs: BlockInput[] = [];
      for (const block of structure.blocks) {
        const blockText = text.slice(block.start, block.end);
        let found: RawMention[] = [];
        try {
          const nlp = cache.get(blockText);
          inputs.push({ start: block.start, end: block.end, heading: block.kind === 'heading', nlp });
          found = recognizeBlock(blockText, nlp, block.kind === 'heading');
        } catch (e) {
          hooks.onError?.('entities', e);
        }
        for (const m of found) raw.push({ ...m, start: m.start + block.start, end: m.end + block.start });
      }
      try {
        raw = articlePass(text, inputs, raw);
      } catch (e) {
        hooks.onError?.('entities', e);
      }
      const { entities, mentions } = linkEntities(text, raw);
      const claims = runRules({ text, structure, entities, mentions }, options.rules ?? {}, hooks.onError);
      const notes: string[] = [];
      if (!structure.date) notes.push('No `date YYYY-MM-DD` header: date-dependent checks are skipped.');
      else if (!structure.date.valid) notes.push(`The date ${structure.date.value} does not exist: date-dependent checks are skipped.`);
      return deepFreeze({
        text,
        date: structure.date,
        blocks: structure.blocks,
        sentences: structure.sentences,
        sections: structure.sections,
        quotes: structure.quotes,
        entities,
        mentions,
        events: [],
        claims,
        notes,
      });
    },
  };
}

let defaultAnalyzer: Analyzer | undefined;

/** Analyzes one article. Pure: the same text and options always give the same analysis. */
export function analyze(text: string, options?: AnalyzeOptions): Analysis {
  defaultAnalyzer ??= createAnalyzer();
  return defaultAnalyzer.analyze(text, options);
}
