/**
 * vague-attribution: a claim pinned on unnamed sources — "experts say", "critics charge", "it is
 * believed", "reportedly", "a recent poll found", "according to reports", "has been described as".
 */
import type { Fix, Span } from '../types';
import { attributionPlaceholder, type Finding, type Rule } from './context';
import { hedgeOf } from './attribution';

const AUX_WORDS = new Set(['have', 'has', 'had', 'also', 'often', 'widely', 'long', 'now', 'generally', 'still', 'already', 'repeatedly', 'openly', 'privately']);

/** A fix that puts a placeholder where the vague source is ("Experts say" → "[SOURCE] say"). */
export function vagueFix(text: string, trigger: Span, sentence: Span): Fix {
  const words = text.slice(trigger.start, trigger.end);
  const title = 'Replace the vague source with an attribution placeholder';
  const replace = (newText: string): Fix => ({ title, edits: [{ ...trigger, newText }] });
  let m: RegExpExecArray | null;
  if (/^according\s+to\b/i.test(words)) return replace(`${words.slice(0, 9)} to [SOURCE]`.replace(/^(\w+)\s+to\s+to/, '$1 to'));
  if ((m = /^it\s+(?:is|was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(\w+)\s+that$/i.exec(words))) return replace(`[SOURCE] ${m[1]} that`);
  const flat = words.replace(/\s/g, ' ');
  if (flat.toLowerCase().endsWith(' as') && /\bbeen\b/i.test(words)) return replace(`${flat.slice(0, -3).trimEnd()} by [SOURCE] as`);
  if (/^(?:is|are|was|were)\s+\w+ly\s+\w+$/i.test(words)) return replace(`${words} by [SOURCE]`);
  if (/^\w+ly$/i.test(words)) {
    // A hedge adverb: drop it and name the source at the sentence's end.
    let end = trigger.end;
    if (text[end] === ',') end++;
    while (end < sentence.end && text[end] === ' ') end++;
    const place = attributionPlaceholder(text, sentence).edits[0];
    const capital = trigger.start === sentence.start && end < sentence.end ? [{ start: end, end: end + 1, newText: text[end].toUpperCase() }] : [];
    return { title, edits: [{ start: trigger.start, end, newText: '' }, ...capital, place] };
  }
  // Subject + verb: keep the verb (and its auxiliaries), replace the words before it.
  const toks = [...words.matchAll(/\S+/g)];
  let v = toks.length - 1;
  if (v > 0 && toks[v][0].toLowerCase() === 'out') v--;
  while (v > 0 && AUX_WORDS.has(toks[v - 1][0].toLowerCase().replace(/,$/, ''))) v--;
  if (v > 0) {
    let cut = toks[v].index!;
    while (cut > 0 && /[\s,]/.test(words[cut - 1])) cut--;
    return { title, edits: [{ start: trigger.start, end: trigger.start + cut, newText: '[SOURCE]' }] };
  }
  return attributionPlaceholder(text, sentence);
}

export const vagueAttribution: Rule = {
  id: 'vague-attribution',
  category: 'vague-attribution',
  defaultSeverity: 'warning',
  description: 'A claim pinned on unnamed sources',
  run(ctx, info) {
    const out: Finding[] = [];
    for (const { view: v, attribution: a } of info.statements()) {
      let trigger = a.vague?.span ?? null;
      const hedge = hedgeOf(v, a);
      if (hedge && (!trigger || hedge.start < trigger.start)) trigger = hedge;
      if (!trigger) continue;
      const words = ctx.text.slice(trigger.start, trigger.end).replace(/\s+/g, ' ');
      out.push({
        start: v.start, end: v.end, trigger,
        message: `Vague attribution: "${words}" does not say who makes this claim. Name the source (a person, an organization, a publication) or cut the claim.`,
        fixes: [vagueFix(ctx.text, trigger, v)],
      });
    }
    return out;
  },
};
