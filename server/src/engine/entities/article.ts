/**
 * Article-level recognition passes, after every block has been read on its own:
 * - people's short forms: a surname or first name of a full name found in the article is that
 *   person everywhere ("Blinken" → Antony J. Blinken), even where compromise did not see a name;
 * - one sense per article: a form labelled once is labelled the same everywhere in the article
 *   (the most confident, then most frequent, label wins).
 * Cost: O(words × longest form) Map lookups, plus O(mentions).
 */
import type { EntityKind } from '../types';
import { tokenize, type RawMention, type Word } from './recognize';
import type { BlockNlp } from '../nlp';

export interface BlockInput {
  readonly start: number;
  readonly end: number;
  readonly heading: boolean;
  /** compromise's view of the block, or the block's words (`tokenize`) when they are cached. */
  readonly nlp?: BlockNlp;
  readonly words?: readonly Word[];
}

interface Sense {
  kind: EntityKind;
  canonical: string;
  score: number;
}

const TITLE_LIKE = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Sir', 'Lady', 'Lord']);
const COMMON_SHORT = new Set(['The', 'A', 'An', 'New', 'Old', 'North', 'South', 'East', 'West', 'San', 'Santa', 'St', 'Le', 'La', 'De', 'Al', 'El', 'Van', 'Von', 'Jr', 'Sr', 'II', 'III']);

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/**
 * Adds the mentions the article's own names imply and makes each form's kind consistent.
 * `raw` holds absolute offsets.
 */
export function articlePass(text: string, blocks: readonly BlockInput[], raw: readonly RawMention[]): RawMention[] {
  // 1. Senses of each surface form, and short forms of people's names.
  const senses = new Map<string, Map<string, Sense>>();
  const vote = (form: string, kind: EntityKind, canonical: string, score: number) => {
    let byKind = senses.get(form);
    if (!byKind) senses.set(form, (byKind = new Map()));
    const key = `${kind}\u0000${canonical}`;
    const s = byKind.get(key);
    if (s) s.score += score;
    else byKind.set(key, { kind, canonical, score });
  };
  const people = new Map<string, number>(); // full name → weight
  for (const m of raw) {
    const surface = text.slice(m.start, m.end).replace(/\s+/g, ' ');
    vote(surface, m.kind, m.canonical, m.confidence ?? 2);
    if (m.kind === 'person' && surface.includes(' ')) people.set(m.canonical, (people.get(m.canonical) ?? 0) + 1);
  }
  // Short forms: last word (surname), first word (given name), first + last ("Antony Blinken").
  const shortForms = new Map<string, { canonical: string; score: number }>();
  const offer = (form: string, canonical: string, score: number) => {
    if (form.length < 2 || COMMON_SHORT.has(form) || TITLE_LIKE.has(form) || /^\p{Lu}\.?$/u.test(form)) return;
    const old = shortForms.get(form);
    if (!old || old.score < score) shortForms.set(form, { canonical, score });
  };
  for (const [name, count] of people) {
    const ws = words(name).filter((w) => !/^\p{Lu}\.$/u.test(w));
    if (ws.length < 2) continue;
    offer(ws[ws.length - 1], name, 3 + count);
    offer(ws[0], name, 1 + count);
    offer(`${ws[0]} ${ws[ws.length - 1]}`, name, 5 + count);
    // "Chan Chi-chuen" style (Chinese names): the last two words.
    if (ws.length >= 3) offer(`${ws[ws.length - 2]} ${ws[ws.length - 1]}`, name, 2 + count);
  }
  // "the Church" for the Church of Scientology, "the University" for the University of Texas.
  for (const m of raw) {
    if (m.kind !== 'organization') continue;
    const mm = /^(Church|University|Ministry|Department|Council|Institute|Academy|College|Museum|Foundation|Commission|Committee|Agency|Bank|Society|Federation|Association|League|Union) (?:of|for|on) /.exec(m.canonical);
    if (mm && !shortForms.has(mm[1])) vote(mm[1], 'organization', m.canonical, 2);
  }
  for (const [form, { canonical, score }] of shortForms) {
    const byKind = senses.get(form);
    // A surname or given name of someone the article names is that person, even where it is also a city
    // ("Valeska Paris" ... "Paris said"); a country or a known organization keeps its sense.
    const strong = byKind && [...byKind.values()].some((s) => s.kind === 'country' || s.score >= 3 * 4 && s.kind !== 'place');
    vote(form, 'person', canonical, strong ? score : score + 1000);
  }
  const best = new Map<string, Sense>();
  let maxWords = 1;
  for (const [form, byKind] of senses) {
    let top: Sense | undefined;
    for (const s of byKind.values()) if (!top || s.score > top.score) top = s;
    if (!top) continue;
    best.set(form, top);
    maxWords = Math.max(maxWords, words(form).length + (form.match(/-/g)?.length ?? 0));
  }

  // 2. Rescan every block for the article's forms.
  const byStart = new Map<number, RawMention>();
  for (const m of raw) byStart.set(m.start, m);
  const taken: { start: number; end: number }[] = [...raw].sort((a, b) => a.start - b.start);
  const added: RawMention[] = [];
  for (const block of blocks) {
    const blockText = text.slice(block.start, block.end);
    const ws: readonly Word[] = block.words ?? tokenize(blockText, block.nlp);
    for (let i = 0; i < ws.length; i++) {
      if (!/^\p{Lu}/u.test(ws[i].text) && !/^\p{N}/u.test(ws[i].text)) continue;
      let hit: { end: number; sense: Sense } | undefined;
      let key = '';
      for (let j = i; j < ws.length && j < i + maxWords; j++) {
        const gap = j === i ? '' : blockText.slice(ws[j - 1].end, ws[j].start);
        if (j > i && !/^(?:[ \t\u00a0]+|-|\.\s+|\.)$/.test(gap) && gap !== ', ') break;
        key = j === i ? ws[j].text : key + (/^\s+$/.test(gap) ? ' ' : gap.replace(/\s+/g, ' ')) + ws[j].text;
        const s = best.get(key);
        if (s) hit = { end: j, sense: s };
      }
      if (!hit) continue;
      const start = block.start + ws[i].start;
      const end = block.start + ws[hit.end].end;
      const s = hit.sense;
      // A single capitalised word at a sentence's start is only taken when it is a name elsewhere too.
      if (hit.end === i && ws[i].sentenceStart && s.kind !== 'person' && s.kind !== 'country' && !byStart.has(start)) {
        const lower = ws[i].tags.has('ProperNoun');
        if (!lower) continue;
      }
      added.push({ start, end, kind: s.kind, canonical: s.canonical, confidence: 1 });
      i = hit.end;
    }
  }
  void taken;
  // 3. Merge: existing mentions relabelled to their form's sense; new ones where nothing overlaps.
  const all: RawMention[] = [];
  for (const m of raw) {
    const surface = text.slice(m.start, m.end).replace(/\s+/g, ' ');
    const s = best.get(surface);
    all.push(s && (s.kind !== m.kind || s.canonical !== m.canonical) ? { ...m, kind: s.kind, canonical: s.canonical } : m);
  }
  all.push(...added);
  all.sort((x, y) => x.start - y.start || y.end - x.end || (y.confidence ?? 2) - (x.confidence ?? 2));
  const kept: RawMention[] = [];
  for (const m of all) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue;
    kept.push(m);
  }
  return kept;
}
