/**
 * Claim rules. Each rule looks at the article's sentences (with entities and quotations known) and
 * returns findings. A rule that throws is contained by `runRules`: its findings are dropped and the
 * error is reported once through `onError`, the other rules still run.
 */
import type { Claim, ClaimCategory, Entity, Mention, Sentence, Severity, Span } from '../types';
import type { Structure } from '../structure';

export interface RuleContext {
  readonly text: string;
  readonly structure: Structure;
  readonly entities: readonly Entity[];
  readonly mentions: readonly Mention[];
}

export interface Rule {
  readonly id: string;
  readonly category: ClaimCategory;
  readonly defaultSeverity: Severity;
  readonly description: string;
  run(ctx: RuleContext): Omit<Claim, 'rule' | 'category' | 'severity'>[];
}

const ATTRIBUTION = /\b(?:said|says|say|told|according to|announced|stated|reported|reports|explained|added|wrote|confirmed|noted|claimed)\b/i;
const VAGUE = /\b(?:experts?|critics|observers|analysts|many people|some people|it is (?:widely )?(?:believed|thought|said)|sources|the international community)\b/i;
const OPINION = /\b(?:momentous|testament to|pivotal|historic|significant (?:development|marker)|unprecedented|underscor\w*|landmark|groundbreaking|remarkable)\b/i;
const NUMBER = /\b\d[\d,.]*\s*(?:%|percent|million|billion|votes)?/;

function inQuote(quotes: readonly Span[], s: Span): boolean {
  return quotes.some((q) => q.start <= s.start && s.end <= q.end);
}

function sentenceRule(id: ClaimCategory, description: string, pattern: RegExp, message: string, needsNoAttribution = true): Rule {
  return {
    id, category: id, defaultSeverity: 'warning', description,
    run(ctx) {
      const out: Omit<Claim, 'rule' | 'category' | 'severity'>[] = [];
      for (const s of ctx.structure.sentences) {
        const block = ctx.structure.blocks[s.block];
        if (block.kind === 'heading') continue;
        const body = ctx.text.slice(s.start, s.end);
        const m = pattern.exec(body);
        if (!m) continue;
        const trigger = { start: s.start + m.index, end: s.start + m.index + m[0].length };
        if (inQuote(ctx.structure.quotes, trigger)) continue;
        if (needsNoAttribution && ATTRIBUTION.test(body)) continue;
        out.push({ start: s.start, end: s.end, message: message.replace('{0}', m[0]), trigger });
      }
      return out;
    },
  };
}

export const RULES: readonly Rule[] = [
  sentenceRule('opinion-as-fact', 'Evaluative language in the reporter\u2019s own voice', OPINION,
    '"{0}" is an evaluation stated as fact. Attribute it to a named source or describe what happened.'),
  sentenceRule('vague-attribution', 'A claim pinned on unnamed sources', VAGUE,
    '"{0}" is a vague source. Name who says it, or cut the claim.', false),
  sentenceRule('unsourced-statistic', 'A number stated without a source', NUMBER,
    'The figure "{0}" has no source in this or the next sentence. Add who reported it ("according to ...").'),
];

export function runRules(ctx: RuleContext, severities: Readonly<Record<string, string>> = {}, onError?: (rule: string, e: unknown) => void): Claim[] {
  const claims: Claim[] = [];
  for (const rule of RULES) {
    const setting = severities[rule.id];
    if (setting === 'off') continue;
    const severity = (setting as Severity | undefined) ?? rule.defaultSeverity;
    try {
      for (const c of rule.run(ctx)) claims.push({ ...c, rule: rule.id, category: rule.category, severity });
    } catch (e) {
      onError?.(rule.id, e);
    }
  }
  return claims.sort((a, b) => a.start - b.start || a.end - b.end);
}

export type { Sentence };
