/**
 * What every claim rule receives: the text, its structure and entities, plus per-sentence views with
 * their attribution computed once.
 */
import type { Claim, ClaimCategory, Entity, Fix, Mention, Sentence, Severity, Span } from '../types';
import type { Structure } from '../structure';
import { attributionOf, type Attribution, type SentenceView } from './attribution';
import type { KnowledgeBase } from '../kb';

export interface RuleContext {
  readonly text: string;
  readonly structure: Structure;
  /**
   * The article's entities and mentions, for `sentenceInfo`. Rules read mentions only through the
   * sentence views (`SentenceView.mentions`) and never the entities: the findings a worker computes
   * ahead (`seedClaims`) record which sentences' mentions were read, and are reused on that basis.
   */
  readonly entities: readonly Entity[];
  readonly mentions: readonly Mention[];
  /** The knowledge base the contradiction checks use (bundled, plus the user's facts). */
  readonly kb?: KnowledgeBase;
  /** Article-wide facts some rules use (computed from `text` when absent; see `articleFlags`). */
  readonly flags?: ArticleFlags;
}

/** What a rule may know of the article beyond a sentence's paragraph; part of the claim cache's key. */
export interface ArticleFlags {
  /** The article mentions football (FIFA, football, soccer): "the 2014 World Cup" is FIFA's. */
  readonly football: boolean;
}

const FOOTBALL = /\bFIFA\b|\bfootball\b|\bsoccer\b/i;
/** The length of the shortest text FOOTBALL matches ('FIFA'): shorter texts (the blank lines between paragraphs) need no test. */
export const FOOTBALL_MIN_LENGTH = 4;

/** True when `text` (an article, or a part of one) mentions football. */
export function mentionsFootball(text: string): boolean {
  return FOOTBALL.test(text);
}

export function articleFlags(ctx: RuleContext): ArticleFlags {
  return ctx.flags ?? { football: mentionsFootball(ctx.text) };
}

export type Finding = Omit<Claim, 'rule' | 'category' | 'severity'>;

export interface Rule {
  readonly id: string;
  readonly category: ClaimCategory;
  readonly defaultSeverity: Severity;
  readonly description: string;
  run(ctx: RuleContext, sentences: SentenceInfo): Finding[];
}

/** A paragraph sentence not (nearly) all quotation, with its attribution: what the claim rules check. */
export interface Statement {
  readonly view: SentenceView;
  readonly attribution: Attribution;
}

/** What the rules read of the paragraph sentences (headings are not claims). */
export interface SentenceInfo {
  /** The sentences that are not quotations, with their attribution (computed once, shared by the rules). */
  statements(): readonly Statement[];
  /** True when this sentence or a neighbour in the same paragraph names its source. */
  namedNearby(view: SentenceView): boolean;
}

/** Sentences longer than this are not checked for claims. */
export const MAX_CLAIM_SENTENCE = 5000;

/**
 * Views of the paragraph sentences with their attribution. `part` limits them to some sentences (one
 * block's, for the claim cache), with the quotations and mentions that cover them; by default the
 * whole article's.
 */
export function sentenceInfo(
  ctx: RuleContext,
  part?: { readonly sentences: readonly Sentence[]; readonly quotes: readonly Span[]; readonly mentions: readonly Mention[] },
  /** Called with a sentence the first time a rule reads its mentions. */
  onMentionsRead?: (s: Sentence) => void,
): SentenceInfo {
  const { text, structure } = ctx;
  const sentences = part?.sentences ?? structure.sentences;
  const quotes = part?.quotes ?? structure.quotes;
  const mentions = part?.mentions ?? ctx.mentions;
  const views: SentenceView[] = [];
  let mi = 0;
  let qi = 0;
  for (const s of sentences) {
    const block = structure.blocks[s.block];
    if (block.kind === 'heading') continue;
    // Not prose (a data dump, a minified line): the rules' cost would grow with the square of its length.
    if (s.end - s.start > MAX_CLAIM_SENTENCE) continue;
    while (mi < mentions.length && mentions[mi].end <= s.start) mi++;
    const ms: Mention[] = [];
    for (let j = mi; j < mentions.length && mentions[j].start < s.end; j++) if (mentions[j].start >= s.start) ms.push(mentions[j]);
    while (qi < quotes.length && quotes[qi].end <= s.start) qi++;
    const qs: Span[] = [];
    for (let j = qi; j < quotes.length && quotes[j].start < s.end; j++) qs.push(quotes[j]);
    if (!onMentionsRead) {
      views.push({ index: s.index, block: s.block, start: s.start, end: s.end, body: text.slice(s.start, s.end), quotes: qs, mentions: ms });
      continue;
    }
    let read = false;
    views.push({
      index: s.index, block: s.block, start: s.start, end: s.end, body: text.slice(s.start, s.end), quotes: qs,
      get mentions() {
        if (!read) { read = true; onMentionsRead(s); }
        return ms;
      },
    });
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
  let statements: Statement[] | undefined;
  return {
    statements: () => {
      if (!statements) {
        statements = [];
        for (const view of views) {
          const a = attribution(view);
          if (!a.quoted) statements.push({ view, attribution: a });
        }
      }
      return statements;
    },
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
