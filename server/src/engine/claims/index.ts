/**
 * Claim rules. Each rule (one module each) looks at the article's paragraph sentences, with their
 * attribution, quotations and entities known, and returns findings. `ClaimCache.run` applies the severity
 * settings and the suppression comments, and contains a rule that throws: its findings are dropped,
 * the error is reported once through `onError`, and the other rules still run.
 *
 * Suppression comments, each on its own line:
 *   <!-- news-lens-ignore RULE... -->   silences the rules (all when none is listed) in the next paragraph
 *   <!-- news-lens-disable RULE... -->  silences the rules in the whole file
 */
import type { Block, Claim, Mention, Sentence, Severity, Span } from '../types';
import { articleFlags, sentenceInfo, type ArticleFlags, type Finding, type Rule, type RuleContext, type SentenceInfo } from './context';
import { unsourcedStatistic } from './unsourcedStatistic';
import { vagueAttribution } from './vagueAttribution';
import { opinionAsFact } from './opinionAsFact';
import { contradiction } from './contradiction';
import { knowledgeBaseFor, normalizeName, type KnowledgeBase } from '../kb';
import { validDate, type Directive } from '../structure';
import { searchSpans } from '../query';
import { relativeSpans, spansHold, type MentionWindows, type SpansRecord } from '../blockSpans';
import type { BlockResult } from '../blocks';

export type { Rule, RuleContext } from './context';

export const RULES: readonly Rule[] = [unsourcedStatistic, vagueAttribution, opinionAsFact, contradiction];

/** Rule ids made to throw, for the containment tests (NEWS_LENS_FAULTS=rule-id,...). */
const FAULTS = new Set(typeof process !== 'undefined' ? (process.env.NEWS_LENS_FAULTS ?? '').split(',').filter(Boolean) : []);

/**
 * A finding the user marked as checked in .newslens/facts.json: its sentence contains the checked
 * text. Sentences are found by binary search and normalized once each.
 */
function checkedTest(ctx: RuleContext, sentences: readonly Span[]): (rule: string, start: number) => boolean {
  const checked = ctx.kb?.checked ?? [];
  if (!checked.length) return () => false;
  const bodies = new Map<number, string>();
  return (rule, start) => {
    const lo = searchSpans(sentences, start);
    const s = sentences[lo];
    if (!s || s.start > start) return false;
    let body = bodies.get(lo);
    if (body === undefined) bodies.set(lo, (body = normalizeName(ctx.text.slice(s.start, s.end))));
    return checked.some((c) => (c.rule === '*' || c.rule === rule) && body!.includes(c.text));
  };
}

/** One rule's findings (checked ones left out), or the error it threw. */
type RuleResult = readonly Finding[] | { readonly error: unknown };

/** Runs every rule on the sentences `info` holds; findings the user marked as checked are left out. */
function runAll(ctx: RuleContext, info: SentenceInfo, sentences: readonly Span[]): RuleResult[] {
  const isChecked = checkedTest(ctx, sentences);
  return RULES.map((rule) => {
    try {
      if (FAULTS.has(rule.id)) throw new Error(`fault injected into ${rule.id} (NEWS_LENS_FAULTS)`);
      return rule.run(ctx, info).filter((f) => !isChecked(rule.id, f.start));
    } catch (error) {
      return { error };
    }
  });
}

const byPosition = (a: Span, b: Span) => a.start - b.start || a.end - b.end;

// ---------------------------------------------------------------------------------------------
// Incremental: findings cached per block.

/**
 * A block's findings depend on its text (its sentences and quotations), the spans of the mentions in
 * it, the article's date, the knowledge base (with the user's facts and checked findings) and the
 * article-wide flags: every rule looks at one paragraph sentence and its neighbours in the same
 * paragraph, never further. `key` stands for the block's text: the block cache's result object. The
 * findings are relative to the block (its start is 0 for them), wherever it is in the article.
 */
interface BlockEntry extends SpansRecord {
  /** For a seed: the sentences whose mention spans its findings depend on (`ClaimSeed.reads`). */
  reads?: Int32Array;
  readonly date: string | null;
  readonly kb: KnowledgeBase | undefined;
  readonly football: boolean;
  readonly results: readonly RuleResult[];
  /** The rules that threw on the block, as a bit mask; whether any rule found something. */
  readonly failed: number;
  readonly found: boolean;
  /** The claims last made from it: reused while the block's start and the settings stay the same. */
  last?: { start: number; settings: string; silenced: number; claims: readonly Claim[] };
}

/**
 * A rule's finding as a claim, moved by `d` characters (with its trigger and fixes). Built field by
 * field, always in the same order (one object shape for every claim: findings come in several).
 */
function placeFinding(f: Finding, d: number, rule: Rule, severity: Severity): Claim {
  const c: { -readonly [K in keyof Claim]: Claim[K] } = { start: f.start + d, end: f.end + d, rule: rule.id, category: rule.category, severity, message: f.message };
  if (f.trigger) c.trigger = d ? { start: f.trigger.start + d, end: f.trigger.end + d } : f.trigger;
  if (f.fixes) c.fixes = d ? f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ start: e.start + d, end: e.end + d, newText: e.newText })) })) : f.fixes;
  return c;
}

/** Freezes a claim with its trigger and fixes (what `deepFreeze` does, without walking every key). */
function freezeClaim(c: Claim): void {
  Object.freeze(c);
  if (c.trigger) Object.freeze(c.trigger);
  if (c.fixes) {
    for (const f of c.fixes) {
      for (const e of f.edits) Object.freeze(e);
      Object.freeze(f.edits);
      Object.freeze(f);
    }
    Object.freeze(c.fixes);
  }
}

/**
 * A block's rule context in the block's own coordinates (offsets from its start): how a block is
 * checked, here (`ClaimCache.run`) and ahead in a worker (`seedClaims`). The rules read a paragraph's
 * text, sentences, quotations and mention spans, and the article's date, knowledge base and flags,
 * nothing else; a block's findings moved by its start are its findings in the article. (And the
 * article's text is not read: after an edit it may not be flat yet, see `editedSlice`.)
 */
function blockRuleContext(
  blockText: string,
  r: { readonly kind: Block['kind']; readonly sentences: readonly Span[]; readonly quotes: readonly Span[] },
  mentions: readonly Mention[],
  date: string | null,
  kb: KnowledgeBase | undefined,
  flags: ArticleFlags,
): { ctx: RuleContext; sentences: Sentence[] } {
  const sentences: Sentence[] = new Array(r.sentences.length);
  const ids: number[] = new Array(r.sentences.length);
  for (let i = 0; i < sentences.length; i++) {
    sentences[i] = { index: i, block: 0, start: r.sentences[i].start, end: r.sentences[i].end };
    ids[i] = i;
  }
  const ctx: RuleContext = {
    text: blockText,
    structure: {
      date: date === null ? null : { value: date, valid: true, span: { start: 0, end: 0 } },
      blocks: [{ index: 0, kind: r.kind, start: 0, end: blockText.length, sentences: ids }],
      sentences, sections: [], quotes: r.quotes, directives: [],
    },
    entities: [], mentions, kb, flags,
  };
  return { ctx, sentences };
}

// ---------------------------------------------------------------------------------------------
// Speculative: a block's findings computed where its result is made (a worker thread).

/** What a block's findings are computed with, besides its text: known before the article pass runs. */
export interface ClaimContext {
  /** The article's date (valid ones only), or null. */
  readonly date: string | null;
  /** The article-wide flag (`ArticleFlags.football`). */
  readonly football: boolean;
}

/**
 * A block's findings computed from its own result alone (with the default knowledge base, and the
 * recognizer's mention spans for the article pass's), relative to the block: plain data, sent by a
 * worker thread with the block's result. `ClaimCache.seed` takes it as the block's entry, and
 * `ClaimCache.run` uses it only when the article's date, flags and knowledge base and the block's
 * mention spans after the article pass are the ones it was computed with; otherwise the block is
 * checked again as usual. Null when there is nothing to seed (a heading) or a rule threw.
 */
export interface ClaimSeed extends ClaimContext {
  readonly spans: Int32Array;
  /**
   * The sentences (relative start and end, in pairs) whose mentions a rule read: the findings depend
   * on the mention spans in these sentences only (most sentences' rules never look at mentions).
   */
  readonly reads: Int32Array;
  readonly findings: readonly (readonly Finding[])[];
}

export function seedClaims(blockText: string, r: BlockResult, context: ClaimContext): ClaimSeed | null {
  if (r.kind === 'heading' || !r.sentences.length) return null;
  const mentions = r.mentions as unknown as readonly Mention[]; // the rules read mentions' spans only
  const { ctx, sentences } = blockRuleContext(blockText, r, mentions, context.date, knowledgeBaseFor(undefined), { football: context.football });
  const reads: number[] = [];
  const results = runAll(ctx, sentenceInfo(ctx, { sentences, quotes: r.quotes, mentions }, (s) => reads.push(s.start, s.end)), sentences);
  const findings: (readonly Finding[])[] = [];
  for (const x of results) {
    if ('error' in x) return null;
    findings.push(x);
  }
  return { date: context.date, football: context.football, spans: relativeSpans(mentions, 0, mentions.length, 0), reads: Int32Array.from(reads), findings };
}

/**
 * Whether the mentions `mentions[from..to)` (absolute; the block starts at `at`) have the spans
 * `spans` (relative) in each sentence of `reads`: the mentions that start inside it, in order.
 */
function readsHold(reads: Int32Array, spans: Int32Array, mentions: readonly Span[], from: number, to: number, at: number): boolean {
  for (let k = 0; k < reads.length; k += 2) {
    const s = reads[k], e = reads[k + 1];
    let i = from, j = 0;
    while (i < to && mentions[i].start - at < s) i++;
    while (j < spans.length && spans[j] < s) j += 2;
    for (; ; i++, j += 2) {
      const inA = i < to && mentions[i].start - at < e;
      const inB = j < spans.length && spans[j] < e;
      if (inA !== inB) return false;
      if (!inA) break;
      if (mentions[i].start - at !== spans[j] || mentions[i].end - at !== spans[j + 1]) return false;
    }
  }
  return true;
}

/**
 * Claim findings cached per block, so that
 * after an edit only the blocks whose text, mentions or context changed are checked again.
 * Entries are held weakly by the block cache's result objects.
 */
export class ClaimCache {
  private entries = new WeakMap<object, BlockEntry>();
  /** Blocks checked by the last `run` (for tests). */
  computed = 0;

  /**
   * A block's findings computed elsewhere (`seedClaims`) for the block result `key`; kept unless the
   * block already has an entry. `run` checks it like any entry before using it.
   */
  seed(key: object, seed: ClaimSeed): void {
    if (this.entries.has(key)) return;
    this.entries.set(key, {
      date: seed.date, kb: knowledgeBaseFor(undefined), football: seed.football, spans: seed.spans, reads: seed.reads,
      results: seed.findings, failed: 0, found: seed.findings.some((f) => f.length > 0),
    });
  }

  /**
   * The claims of the article. `keys[i]` identifies the text of block i (equal texts, same key).
   * `mentions` are the article's linked mentions, sorted.
   */
  run(
    ctx: RuleContext,
    keys: readonly BlockResult[],
    severities: Readonly<Record<string, string>>,
    onError: ((rule: string, e: unknown) => void) | undefined,
    /** Per block, an object that stands for its mentions' relative spans (the same object, the same spans), if known. */
    kept: readonly object[] | undefined,
    /** Where each block's mentions are in `ctx.mentions`. */
    windows: MentionWindows,
    /**
     * A block's text (block b's, by its index), and its mentions when given per block (otherwise from
     * `ctx.mentions`, which are then all made).
     */
    parts: {
      text(b: number): string;
      mentions?: (b: number) => readonly Mention[];
    },
  ): Claim[] {
    const { structure } = ctx;
    const mentionsOf = parts.mentions;
    const date = validDate(structure.date);
    const flags = articleFlags(ctx);
    const kb = ctx.kb;
    const settings = RULES.map((r) => severities[r.id] ?? '').join(',');
    const failed = new Set<number>();
    // The rules suppression comments silence, as bit masks: in the whole file, and per block.
    const bits = (d: Directive) => RULES.reduce((m, r, i) => (d.rules.length === 0 || d.rules.includes(r.id) || d.rules.includes('all') ? m | (1 << i) : m), 0);
    let disabled = 0;
    const ignored = new Map<number, number>();
    for (const d of structure.directives ?? []) {
      if (d.kind === 'disable') disabled |= bits(d);
      else ignored.set(d.block, (ignored.get(d.block) ?? 0) | bits(d));
    }
    const perBlock: (readonly Claim[])[] = [];
    this.computed = 0;
    const allBlocks = structure.blocks;
    for (let bi = 0; bi < allBlocks.length; bi++) {
      const block = allBlocks[bi];
      const at = block.start;
      const mi = windows.from[block.index], mj = windows.to[block.index];
      if (block.kind === 'heading' || !block.sentences.length) continue;
      const key = keys[block.index];
      let e = this.entries.get(key);
      const token = kept?.[block.index];
      let holds = !!e && e.date === date && e.kb === kb && e.football === flags.football;
      // The block's mentions (ms[from..to)) are asked for only when the token does not vouch for their spans.
      let ms: readonly Mention[] | undefined, from = mi, to = mj;
      if (!holds || !token || e!.kept !== token) {
        if (mentionsOf) {
          ms = mentionsOf(block.index);
          from = 0;
          to = mj - mi;
        } else ms = ctx.mentions;
      }
      if (e && holds && !(token && e.kept === token) && !spansHold(e, ms!, from, to, at, token)) {
        // A seed also holds when the block's mentions changed outside the sentences its rules read.
        holds = !!e.reads && readsHold(e.reads, e.spans, ms!, from, to, at);
        if (holds) this.entries.set(key, (e = { ...e, spans: relativeSpans(ms!, from, to, at), kept: token }));
      }
      if (!e || !holds) {
        this.computed++;
        // Checked in the block's own coordinates (as a worker does ahead): findings relative to it.
        const mentions: Mention[] = new Array(to - from);
        for (let i = from; i < to; i++) mentions[i - from] = { ...ms![i], start: ms![i].start - at, end: ms![i].end - at };
        const { ctx: blockCtx, sentences } = blockRuleContext(parts.text(block.index), key, mentions, date, kb, flags);
        const results = runAll(blockCtx, sentenceInfo(blockCtx, { sentences, quotes: key.quotes, mentions }), sentences);
        const failedMask = results.reduce((m, r, i) => ('error' in r ? m | (1 << i) : m), 0);
        const found = results.some((r) => !('error' in r) && r.length > 0);
        e = { date, kb, football: flags.football, spans: relativeSpans(mentions, 0, mentions.length, 0), kept: token, results, failed: failedMask, found };
        this.entries.set(key, e);
      }
      if (e.failed) for (let i = 0; i < RULES.length; i++) if (e.failed & (1 << i)) failed.add(i);
      // Nothing found (most paragraphs): nothing to place.
      if (!e.found) continue;
      const silenced = ignored.size ? disabled | (ignored.get(block.index) ?? 0) : disabled;
      if (e.last && e.last.start === at && e.last.settings === settings && e.last.silenced === silenced && !failed.size) {
        perBlock.push(e.last.claims);
        continue;
      }
      const claims: Claim[] = [];
      for (let i = 0; i < RULES.length; i++) {
        const rule = RULES[i];
        const setting = severities[rule.id];
        const r = e.results[i];
        if (setting === 'off' || 'error' in r || !r.length || silenced & (1 << i)) continue;
        const severity = (setting as Severity | undefined) ?? rule.defaultSeverity;
        const fs = r as readonly Finding[];
        for (let k = 0; k < fs.length; k++) claims.push(placeFinding(fs[k], at, rule, severity));
      }
      if (claims.length > 1) claims.sort(byPosition);
      for (let k = 0; k < claims.length; k++) freezeClaim(claims[k]);
      Object.freeze(claims);
      e.last = { start: at, settings, silenced, claims };
      perBlock.push(claims);
    }
    const out: Claim[] = [];
    if (failed.size) {
      // A rule that threw on any block loses all its findings.
      for (const i of failed) if (severities[RULES[i].id] !== 'off') onError?.(RULES[i].id, firstError(this.entries, keys, i));
      const drop = new Set([...failed].map((i) => RULES[i].id));
      for (const cs of perBlock) for (const c of cs) if (!drop.has(c.rule)) out.push(c);
      return out;
    }
    let total = 0;
    for (let b = 0; b < perBlock.length; b++) total += perBlock[b].length;
    const all: Claim[] = new Array(total);
    for (let b = 0, k = 0; b < perBlock.length; b++) {
      const cs = perBlock[b];
      for (let i = 0; i < cs.length; i++) all[k++] = cs[i];
    }
    return all;
  }
}

function firstError(entries: WeakMap<object, BlockEntry>, keys: readonly object[], rule: number): unknown {
  for (const k of keys) {
    const r = k && entries.get(k)?.results[rule];
    if (r && 'error' in r) return r.error;
  }
  return undefined;
}
