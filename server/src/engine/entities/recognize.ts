/**
 * Entity recognition inside one block: compromise's groups, cleaned (titles, possessives and
 * punctuation stripped), and a few gazetteer forms. Offsets are relative to the block.
 */
import type { BlockNlp } from '../nlp';
import type { EntityKind } from '../types';

export interface RawMention {
  readonly start: number;
  readonly end: number;
  readonly kind: EntityKind;
  /** The canonical name when known (a gazetteer's), else the mention's text. */
  readonly canonical: string;
  readonly role?: string;
}

const TITLES = /^(?:(?:U\.S\.|US|American|British|French|German|Russian|Chinese)\s+)?(?:President|Vice President|Prime Minister|Secretary of State|Secretary|Minister|Foreign Minister|Chancellor|Senator|Sen\.|Governor|Gov\.|Mayor|King|Queen|Prince|Princess|Ambassador|General|Gen\.|Judge|Justice|Dr\.|Mr\.|Mrs\.|Ms\.|Pope|Sheikh|Premier|Representative|Rep\.)\s+/;

const COUNTRY_FORMS: Record<string, string> = {
  'United States': 'United States', 'U.S.': 'United States', 'America': 'United States', 'USA': 'United States',
  'United Kingdom': 'United Kingdom', 'U.K.': 'United Kingdom', 'UK': 'United Kingdom', 'Britain': 'United Kingdom',
};

export function recognizeBlock(text: string, nlp: BlockNlp): RawMention[] {
  const out: RawMention[] = [];
  const push = (kind: EntityKind, a: number, b: number) => {
    let start = nlp.tokens[a].start;
    let end = nlp.tokens[b].end;
    let surface = text.slice(start, end);
    let role: string | undefined;
    const t = TITLES.exec(surface);
    if (t && kind === 'person') {
      role = t[0].trim();
      start += t[0].length;
      surface = text.slice(start, end);
    }
    const poss = /(?:'s|\u2019s|'|\u2019)$/.exec(surface);
    if (poss) { end -= poss[0].length; surface = text.slice(start, end); }
    while (end > start && /[.,;:!?)\]"\u201D]/.test(text[end - 1]) && !/\b\p{Lu}\.$/u.test(surface)) { end--; surface = text.slice(start, end); }
    if (end <= start || !/\p{Lu}/u.test(surface[0])) return;
    out.push({ start, end, kind, canonical: COUNTRY_FORMS[surface] ?? surface, role });
  };
  for (const [a, b] of nlp.people) push('person', a, b);
  for (const [a, b] of nlp.organizations) push('organization', a, b);
  for (const [a, b] of nlp.places) push('place', a, b);
  for (const [form, canonical] of Object.entries(COUNTRY_FORMS)) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(form, from);
      if (at < 0) break;
      from = at + form.length;
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[at + form.length] ?? '')) continue;
      out.push({ start: at, end: at + form.length, kind: 'country', canonical });
    }
  }
  // Overlaps: the earlier, longer mention wins.
  out.sort((x, y) => x.start - y.start || y.end - x.end);
  const kept: RawMention[] = [];
  for (const m of out) if (!kept.length || m.start >= kept[kept.length - 1].end) kept.push(m);
  return kept;
}
