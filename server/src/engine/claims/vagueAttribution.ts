/**
 * vague-attribution: a claim pinned on unnamed sources — "experts say", "critics charge", "it is
 * believed", "reportedly", "a recent poll found", "according to reports", "has been described as".
 */
import { attributionPlaceholder, type Finding, type Rule } from './context';
import { hedgeOf } from './attribution';

export const vagueAttribution: Rule = {
  id: 'vague-attribution',
  category: 'vague-attribution',
  defaultSeverity: 'warning',
  description: 'A claim pinned on unnamed sources',
  run(ctx, info) {
    const out: Finding[] = [];
    for (const v of info.views) {
      const a = info.attribution(v);
      if (a.quoted) continue;
      let trigger = a.vague?.span ?? null;
      const hedge = hedgeOf(v, a);
      if (hedge && (!trigger || hedge.start < trigger.start)) trigger = hedge;
      if (!trigger) continue;
      const words = ctx.text.slice(trigger.start, trigger.end).replace(/\s+/g, ' ');
      out.push({
        start: v.start, end: v.end, trigger,
        message: `Vague attribution: "${words}" does not say who makes this claim. Name the source (a person, an organization, a publication) or cut the claim.`,
        fixes: [attributionPlaceholder(ctx.text, v)],
      });
    }
    return out;
  },
};
