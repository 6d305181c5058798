/**
 * opinion-as-fact: evaluative or promotional language in the reporter's own voice — puffery
 * ("momentous", "pivotal", "a testament to"), editorializing ("underscores", "sadly", "propaganda"),
 * evaluative superlatives ("one of the most successful ... ever") — outside quotations and outside
 * sentences attributed to a named source. Words inside a proper name ("Historic England") are not
 * evaluations.
 */
import type { Span } from '../types';
import { attributionPlaceholder, type Finding, type Rule } from './context';
import type { SentenceView } from './attribution';
import { EDITORIALIZING, EVALUATIVE_ADJECTIVES, FRAMING_VERBS, PUFFERY, SIGNIFICANT_NOUNS, phraseRegex } from './lexicon';

const WORDS = phraseRegex([...PUFFERY, ...EDITORIALIZING], 'giu');
const FRAMING = phraseRegex([...FRAMING_VERBS, 'underscore', 'underscores', 'underscored', 'underscoring'], 'giu');
const SIGNIFICANT = new RegExp(`\\b(?:a|an|the|this|another)\\s+(?:\\p{Ll}+\\s+)?(?:significant|major|huge|important|crucial|key|big|critical|decisive|vital|giant)\\s+(?:${SIGNIFICANT_NOUNS.join('|')})\\b`, 'giu');
const EVAL_SUPERLATIVE = new RegExp(`\\b(?:one\\s+of\\s+)?the\\s+(?:most|greatest|best|finest|worst)\\s+(?:${EVALUATIVE_ADJECTIVES.join('|')})?\\b[^.;!?]{0,60}?\\b(?:ever|of\\s+all\\s+time|in\\s+history|of\\s+our\\s+time|of\\s+the\\s+century|in\\s+living\\s+memory)\\b|\\b(?:one\\s+of\\s+)?the\\s+most\\s+(?:${EVALUATIVE_ADJECTIVES.join('|')})\\b`, 'giu');
/** Nouns after "historic" that make it a plain description ("historic district"). */
const HISTORIC_PLAIN = /^\s+(?:district|site|sites|building|buildings|centre|center|town|city|quarter|house|houses|church|monument|monuments|neighbou?rhood|park|village|core|downtown|preservation|register|area|areas|high|highs|low|lows|levels?|flooding|floods?|drought|buildings|landmark|places?|properties|property|records?|data|photos?|times|period|sites)\b/i;
const SUBJECT_PRONOUN = /\b(?:he|she|they|i|we|who)\s+(?:\w+ly\s+)?$/i;

function inQuote(v: SentenceView, s: Span): boolean {
  return v.quotes.some((q) => q.start <= s.start && s.end <= q.end);
}

/** The first evaluative expression in the reporter's voice, or null. */
export function findOpinion(v: SentenceView): { span: Span; words: string } | null {
  const { body, start } = v;
  const hits: { span: Span; words: string }[] = [];
  const add = (i: number, w: string) => {
    const span = { start: start + i, end: start + i + w.length };
    if (!inQuote(v, span)) hits.push({ span, words: w.replace(/\s+/g, ' ') });
  };
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(body); m; m = WORDS.exec(body)) {
    const w = m[0];
    const after = body.slice(m.index + w.length);
    // Inside a proper name ("Historic England", "Landmark Theatres"): a capital not at the sentence start.
    if (/^\p{Lu}/u.test(w) && m.index > 0 && !/[.!?:"“]\s*$/.test(body.slice(0, m.index))) continue;
    if (/^\p{Lu}/u.test(w) && /^\s+\p{Lu}/u.test(after)) continue;
    const lower = w.toLowerCase();
    if (lower === 'historic' && HISTORIC_PLAIN.test(after)) continue;
    if (lower === 'landmark' && !/^\s+\p{Ll}/u.test(after)) continue;
    if (lower === 'celebrated' && !/\b(?:the|a|an|its|his|her|their|much|widely)\s+$/i.test(body.slice(0, m.index))) continue;
    if (lower === 'milestone' && /^\s+(?:of|birthday|anniversary)\b/i.test(after)) continue;
    add(m.index, w);
  }
  FRAMING.lastIndex = 0;
  for (let m = FRAMING.exec(body); m; m = FRAMING.exec(body)) {
    const before = body.slice(0, m.index);
    // A person's own emphasis ("Blinken underscored the need") is reported speech, not the reporter's.
    if (SUBJECT_PRONOUN.test(before)) continue;
    // A name just before the verb is its subject: "Berg underscored", "Minister Berg also highlighted".
    const prevWord = /([\p{L}'’.-]+)\s+(?:(?:also|again|repeatedly|\p{Ll}+ly)\s+)?$/u.exec(before.slice(-64)); // bounded: quadratic on a long prefix
    if (prevWord && /^\p{Lu}/u.test(prevWord[1]) && !/^(?:This|That|These|Those|It|The|Its|Their|Such|Which|What|Today|Yesterday)$/u.test(prevWord[1])) continue;
    const subj = v.mentions.find((mn) => mn.end <= start + m!.index && /^[\s,]*(?:\w+ly\s+|also\s+)?$/.test(body.slice(mn.end - start, m!.index)));
    if (subj) continue;
    add(m.index, m[0]);
  }
  for (const re of [SIGNIFICANT, EVAL_SUPERLATIVE]) {
    re.lastIndex = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) add(m.index, m[0]);
  }
  hits.sort((a, b) => a.span.start - b.span.start);
  return hits[0] ?? null;
}

export const opinionAsFact: Rule = {
  id: 'opinion-as-fact',
  category: 'opinion-as-fact',
  defaultSeverity: 'warning',
  description: 'Evaluative or promotional language in the reporter\u2019s own voice',
  run(ctx, info) {
    const out: Finding[] = [];
    for (const { view: v, attribution: a } of info.statements()) {
      if (a.named) continue;
      const hit = findOpinion(v);
      if (!hit) continue;
      // After a vague source the words are that source's ("the international community remains hopeful ...").
      if (a.vague && a.vague.span.start < hit.span.start) continue;
      out.push({
        start: v.start, end: v.end, trigger: hit.span,
        message: `Opinion stated as fact: "${hit.words}" is an evaluation in the reporter's own voice. Attribute it to a named source, or replace it with what happened (figures, actions, quotes).`,
        fixes: [attributionPlaceholder(ctx.text, v)],
      });
    }
    return out;
  },
};
