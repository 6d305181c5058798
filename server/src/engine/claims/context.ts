/**
 * What every claim rule receives: the text, its structure and entities, plus per-sentence views with
 * their attribution computed once.
 */
import type { Claim, ClaimCategory, Entity, Fix, Mention, Severity, Span } from '../types';
import type { Structure } from '../structure';
import { attributionOf, type Attribution, type SentenceView } from './attribution';
import type { KnowledgeBase } from '../kb';

export interface RuleContext {
  readonly text: string;
  readonly structure: Structure;
  readonly entities: readonly Entity[];
  readonly mentions: readonly Mention[];
  /** The knowledge base the contradiction checks use (bundled, plus the user's facts). */
  readonly kb?: KnowledgeBase;
}

export type Finding = Omit<Claim, 'rule' | 'category' | 'severity'>;

export interface Rule {
  readonly id: string;
  readonly category: ClaimCategory;
  readonly defaultSeverity: Severity;
  readonly description: string;
  run(ctx: RuleContext, sentences: SentenceInfo): Finding[];
}

export interface SentenceInfo {
  /** Paragraph sentences only (headings are not claims). */
  readonly views: readonly SentenceView[];
  attribution(view: SentenceView): Attribution;
  /** True when this sentence or a neighbour in the same paragraph names its source. */
  namedNearby(view: SentenceView): boolean;
  /** The view before / after in the same paragraph. */
  neighbours(view: SentenceView): SentenceView[];
}

/** Sentences longer than this are not checked for claims. */
export const MAX_CLAIM_SENTENCE = 5000;

export function sentenceInfo(ctx: RuleContext): SentenceInfo {
  const { text, structure, mentions } = ctx;
  const views: SentenceView[] = [];
  let mi = 0;
  let qi = 0;
  for (const s of structure.sentences) {
    const block = structure.blocks[s.block];
    if (block.kind === 'heading') continue;
    // Not prose (a data dump, a minified line): the rules' cost would grow with the square of its length.
    if (s.end - s.start > MAX_CLAIM_SENTENCE) continue;
    while (mi < mentions.length && mentions[mi].end <= s.start) mi++;
    const ms: Mention[] = [];
    for (let j = mi; j < mentions.length && mentions[j].start < s.end; j++) if (mentions[j].start >= s.start) ms.push(mentions[j]);
    while (qi < structure.quotes.length && structure.quotes[qi].end <= s.start) qi++;
    const qs: Span[] = [];
    for (let j = qi; j < structure.quotes.length && structure.quotes[j].start < s.end; j++) qs.push(structure.quotes[j]);
    views.push({ index: s.index, block: s.block, start: s.start, end: s.end, body: text.slice(s.start, s.end), quotes: qs, mentions: ms });
  }
  const byIndex = new Map(views.map((v, i) => [v.index, i]));
  const cache = new Map<number, Attribution>();
  const attribution = (v: SentenceView) => {
    let a = cache.get(v.index);
    if (!a) { a = attributionOf(v); cache.set(v.index, a); }
    return a;
  };
  const neighbours = (v: SentenceView) => {
    const i = byIndex.get(v.index)!;
    return [views[i - 1], views[i + 1]].filter((n): n is SentenceView => !!n && n.block === v.block);
  };
  return {
    views,
    attribution,
    neighbours,
    namedNearby: (v) => !!attribution(v).named || neighbours(v).some((n) => !!attribution(n).named),
  };
}

/** A fix that inserts an attribution placeholder before the sentence's final punctuation. */
export function attributionPlaceholder(text: string, s: Span): Fix {
  let at = s.end;
  while (at > s.start && /["'\u201D\u2019)\]]/.test(text[at - 1])) at--;
  while (at > s.start && /[.!?\u2026]/.test(text[at - 1])) at--;
  return { title: 'Insert an attribution placeholder', edits: [{ start: at, end: at, newText: ', according to [SOURCE]' }] };
}
