/**
 * Claim rules. Each rule (one module each) looks at the article's paragraph sentences, with their
 * attribution, quotations and entities known, and returns findings. `runRules` applies the severity
 * settings and the suppression comments, and contains a rule that throws: its findings are dropped,
 * the error is reported once through `onError`, and the other rules still run.
 *
 * Suppression comments, each on its own line:
 *   <!-- news-lens-ignore RULE... -->   silences the rules (all when none is listed) in the next paragraph
 *   <!-- news-lens-disable RULE... -->  silences the rules in the whole file
 */
import type { Claim, Severity } from '../types';
import { sentenceInfo, type Rule, type RuleContext } from './context';
import { unsourcedStatistic } from './unsourcedStatistic';
import { vagueAttribution } from './vagueAttribution';
import { opinionAsFact } from './opinionAsFact';
import { contradiction } from './contradiction';
import { normalizeName } from '../kb';

export type { Rule, RuleContext } from './context';

export const RULES: readonly Rule[] = [unsourcedStatistic, vagueAttribution, opinionAsFact, contradiction];

/** True when a suppression directive silences `rule` for a finding starting in block `block`. */
export function suppressed(ctx: RuleContext, rule: string, block: number): boolean {
  for (const d of ctx.structure.directives ?? []) {
    const applies = d.rules.length === 0 || d.rules.includes(rule) || d.rules.includes('all');
    if (!applies) continue;
    if (d.kind === 'disable') return true;
    if (d.block === block) return true;
  }
  return false;
}

/** Rule ids made to throw, for the containment tests (NEWS_LENS_FAULTS=rule-id,...). */
const FAULTS = new Set(typeof process !== 'undefined' ? (process.env.NEWS_LENS_FAULTS ?? '').split(',').filter(Boolean) : []);

export function runRules(ctx: RuleContext, severities: Readonly<Record<string, string>> = {}, onError?: (rule: string, e: unknown) => void): Claim[] {
  const claims: Claim[] = [];
  const info = sentenceInfo(ctx);
  // Binary search (blocks are sorted): a linear scan per finding is quadratic on long articles.
  const blockOf = (offset: number) => {
    const bs = ctx.structure.blocks;
    let lo = 0, hi = bs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bs[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < bs.length && bs[lo].start <= offset ? lo : -1;
  };
  const checked = ctx.kb?.checked ?? [];
  // A finding the user marked as checked in .newslens/facts.json: its sentence contains the checked text.
  const isChecked = (rule: string, start: number) => {
    if (!checked.length) return false;
    const s = ctx.structure.sentences.find((x) => x.start <= start && start < x.end);
    if (!s) return false;
    const body = normalizeName(ctx.text.slice(s.start, s.end));
    return checked.some((c) => (c.rule === '*' || c.rule === rule) && body.includes(c.text));
  };
  for (const rule of RULES) {
    const setting = severities[rule.id];
    if (setting === 'off') continue;
    const severity = (setting as Severity | undefined) ?? rule.defaultSeverity;
    try {
      if (FAULTS.has(rule.id)) throw new Error(`fault injected into ${rule.id} (NEWS_LENS_FAULTS)`);
      for (const c of rule.run(ctx, info)) {
        if (suppressed(ctx, rule.id, blockOf(c.start)) || isChecked(rule.id, c.start)) continue;
        claims.push({ ...c, rule: rule.id, category: rule.category, severity });
      }
    } catch (e) {
      onError?.(rule.id, e);
    }
  }
  return claims.sort((a, b) => a.start - b.start || a.end - b.end);
}
