/**
 * Article-level recognition passes, after every block has been read on its own:
 * - people's short forms: a surname or first name of a full name found in the article is that
 *   person everywhere ("Blinken" → Antony J. Blinken), even where compromise did not see a name;
 * - one sense per article: a form labelled once is labelled the same everywhere in the article
 *   (the most confident, then most frequent, label wins).
 * Cost: O(words × longest form) Map lookups, plus O(mentions).
 */
import type { EntityKind } from '../types';
import type { RawMention, Word } from './recognize';

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

/** A block as the incremental pass sees it. */
export interface PassBlock {
  readonly start: number;
  readonly end: number;
  /** Stands for the block's text (equal texts, same key): the block cache's result object. */
  readonly key: object;
  /** The block's raw mentions, relative to the block. */
  readonly mentions: readonly RawMention[];
  /** The block's words (`tokenize`; `blockText` is the block's text), built only when the block must be rescanned. */
  words(blockText: string): readonly Word[];
}

/** What a block contributes to the article's senses: its mentions' surface forms (computed once per block text). */
interface BlockForms {
  readonly surfaces: readonly string[];
  /** Mention starts, relative to the block. */
  readonly starts: ReadonlySet<number>;
  /** Its mentions' votes for the senses of their forms, in order. */
  readonly votes: readonly Vote[];
  /** Full names of people it mentions (one per mention). */
  readonly people: readonly string[];
  /** Votes of "the Church" for the Church of Scientology etc., cast unless the form is a person's short form. */
  readonly orgVotes: readonly Vote[];
  /** All it gives `sensesOf` (votes, people, orgVotes) as one string, once needed. */
  signature?: string;
}

function signatureOf(f: BlockForms): string {
  f.signature ??= [f.votes.map((v) => `${v.key}\u0002${v.score}`).join('\u0003'), f.people.join('\u0003'), f.orgVotes.map((v) => `${v.key}\u0002${v.score}`).join('\u0003')].join('\u0004');
  return f.signature;
}

/** Whether two runs' blocks give `sensesOf` the same input (the same forms objects, or equal ones). */
function sameVotes(a: readonly BlockForms[], b: readonly BlockForms[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && signatureOf(a[i]) !== signatureOf(b[i])) return false;
  return true;
}

/** A block's rescan and merge, valid for one `best` (checked against the forms that changed since). */
interface BlockScan {
  gen: number;
  readonly maxWords: number;
  /** The words a form found in this block can start with, and its mentions' surfaces. */
  readonly touch: ReadonlySet<string>;
  /** The block's mentions after the pass, relative to the block. */
  readonly kept: readonly RawMention[];
}

/** One vote for a form's sense, precomputed per block text. */
interface Vote {
  /** form, kind and canonical name joined: the tally's key. */
  readonly key: string;
  readonly form: string;
  readonly kind: EntityKind;
  readonly canonical: string;
  readonly score: number;
}

interface Tally {
  readonly form: string;
  readonly kind: EntityKind;
  readonly canonical: string;
  score: number;
}

const voteKey = (form: string, kind: EntityKind, canonical: string) => `${form}\u0001${kind}\u0000${canonical}`;

/** The length of the longest key the rescan must try for a form (words and hyphens). */
const widths = new Map<string, number>();
function widthOf(form: string): number {
  let w = widths.get(form);
  if (w === undefined) {
    if (widths.size > 100_000) widths.clear();
    widths.set(form, (w = words(form).length + (form.match(/-/g)?.length ?? 0)));
  }
  return w;
}

/**
 * 1. The senses of each surface form (with short forms of people's names), and the most voted one.
 * Votes are tallied per (form, sense) in one map, in the order they are first cast: for each form the
 * first sense with the highest score wins, as with one map of senses per form.
 */
function sensesOf(blocks: readonly BlockForms[]): { best: Map<string, Sense>; maxWords: number } {
  const tally = new Map<string, Tally>();
  const vote = (key: string, form: string, kind: EntityKind, canonical: string, score: number) => {
    const t = tally.get(key);
    if (t) t.score += score;
    else tally.set(key, { form, kind, canonical, score });
  };
  const people = new Map<string, number>(); // full name → weight
  // A "full name" that is a short form of an organization's name here ("Marvoa Freight" of Marvoa Freight Holdings) is no person.
  const orgForms = new Set<string>();
  // (Indexed loops and forEach: this runs over every vote of the article after an edit that changed
  // a name, and iterators would allocate on every step until the function is optimized.)
  for (let i = 0; i < blocks.length; i++) {
    const ov = blocks[i].orgVotes;
    for (let k = 0; k < ov.length; k++) if (ov[k].kind === 'organization') orgForms.add(ov[k].form);
  }
  for (let i = 0; i < blocks.length; i++) {
    const vs = blocks[i].votes, ps = blocks[i].people;
    for (let k = 0; k < vs.length; k++) {
      const v = vs[k];
      vote(v.key, v.form, v.kind, v.canonical, v.score);
    }
    for (let k = 0; k < ps.length; k++) if (!orgForms.has(ps[k])) people.set(ps[k], (people.get(ps[k]) ?? 0) + 1);
  }
  // Short forms: last word (surname), first word (given name), first + last ("Antony Blinken").
  const shortForms = new Map<string, { canonical: string; score: number }>();
  const offer = (form: string, canonical: string, score: number) => {
    if (form.length < 2 || COMMON_SHORT.has(form) || TITLE_LIKE.has(form) || /^\p{Lu}\.?$/u.test(form)) return;
    const old = shortForms.get(form);
    if (!old || old.score < score) shortForms.set(form, { canonical, score });
  };
  people.forEach((count, name) => {
    const ws = words(name).filter((w) => !/^\p{Lu}\.$/u.test(w));
    if (ws.length < 2) return;
    offer(ws[ws.length - 1], name, 3 + count);
    offer(ws[0], name, 1 + count);
    offer(`${ws[0]} ${ws[ws.length - 1]}`, name, 5 + count);
    // "Chan Chi-chuen" style (Chinese names): the last two words.
    if (ws.length >= 3) offer(`${ws[ws.length - 2]} ${ws[ws.length - 1]}`, name, 2 + count);
  });
  // "the Church" for the Church of Scientology, "the University" for the University of Texas.
  for (let i = 0; i < blocks.length; i++) {
    const ov = blocks[i].orgVotes;
    for (let k = 0; k < ov.length; k++) if (!shortForms.has(ov[k].form)) vote(ov[k].key, ov[k].form, ov[k].kind, ov[k].canonical, ov[k].score);
  }
  // A surname or given name of someone the article names is that person, even where it is also a city
  // ("Valeska Paris" ... "Paris said"); a country or a known organization keeps its sense.
  const strong = new Set<string>();
  if (shortForms.size) tally.forEach((t) => { if (shortForms.has(t.form) && (t.kind === 'country' || t.score >= 3 * 4 && t.kind !== 'place')) strong.add(t.form); });
  for (const [form, { canonical, score }] of shortForms) {
    vote(voteKey(form, 'person', canonical), form, 'person', canonical, strong.has(form) ? score : score + 1000);
  }
  const best = new Map<string, Sense>();
  let maxWords = 1;
  tally.forEach((t) => {
    const top = best.get(t.form);
    if (!top) {
      best.set(t.form, { kind: t.kind, canonical: t.canonical, score: t.score });
      maxWords = Math.max(maxWords, widthOf(t.form));
    } else if (t.score > top.score) best.set(t.form, { kind: t.kind, canonical: t.canonical, score: t.score });
  });
  // "Wydad" read on its own, named after itself, is the Wydad AC the article names in full.
  for (let i = 0; i < blocks.length; i++) {
    for (const v of blocks[i].orgVotes) {
      const top = best.get(v.form);
      if (top && top.kind === v.kind && top.canonical === v.form && v.canonical !== v.form) best.set(v.form, { ...top, canonical: v.canonical });
    }
  }
  return { best, maxWords };
}

/**
 * 2. Rescans one block for the article's forms; 3. merges: its mentions relabelled to their form's
 * sense, new ones where nothing overlaps. Offsets relative to the block. `touch` collects the words a
 * form found here may start with (a form that changes sense later can only change the block's result
 * if one of them starts it, or if it is one of the block's mentions' surfaces).
 */
function scanBlock(blockText: string, ws: readonly Word[], raw: readonly RawMention[], forms: BlockForms, best: ReadonlyMap<string, Sense>, maxWords: number, touch?: Set<string>): RawMention[] {
  const added: RawMention[] = [];
  for (let i = 0; i < ws.length; i++) {
    if (!/^\p{Lu}/u.test(ws[i].text) && !/^\p{N}/u.test(ws[i].text)) continue;
    touch?.add(ws[i].text);
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
    const start = ws[i].start;
    const end = ws[hit.end].end;
    const s = hit.sense;
    // A single capitalised word at a sentence's start is only taken when it is a name elsewhere too.
    if (hit.end === i && ws[i].sentenceStart && s.kind !== 'person' && s.kind !== 'country' && s.kind !== 'organization' && !forms.starts.has(start)) {
      const lower = ws[i].tags.has('ProperNoun');
      if (!lower) continue;
    }
    added.push({ start, end, kind: s.kind, canonical: s.canonical, confidence: 1 });
    i = hit.end;
  }
  const all: RawMention[] = [];
  raw.forEach((m, i) => {
    const surface = forms.surfaces[i];
    touch?.add(surface);
    const s = best.get(surface);
    all.push(s && (s.kind !== m.kind || s.canonical !== m.canonical) ? { ...m, kind: s.kind, canonical: s.canonical } : m);
  });
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

function formsOf(blockText: string, raw: readonly RawMention[]): BlockForms {
  const surfaces = raw.map((m) => blockText.slice(m.start, m.end).replace(/\s+/g, ' '));
  const orgVotes: Vote[] = [];
  for (const m of raw) {
    if (m.kind !== 'organization') continue;
    const mm = /^(Church|University|Ministry|Department|Council|Institute|Academy|College|Museum|Foundation|Commission|Committee|Agency|Bank|Society|Federation|Association|League|Union) (?:of|for|on) /.exec(m.canonical);
    if (mm) orgVotes.push({ key: voteKey(mm[1], 'organization', m.canonical), form: mm[1], kind: 'organization', canonical: m.canonical, score: 2 });
  }
  // "Hoshino" for Hoshino Logistics Holdings, "Mamoré" for the Mamoré River: short forms of names found here.
  for (const m of raw) for (const f of m.short ?? []) orgVotes.push({ key: voteKey(f, m.kind, m.canonical), form: f, kind: m.kind, canonical: m.canonical, score: 2 });
  return {
    surfaces,
    starts: new Set(raw.map((m) => m.start)),
    votes: raw.map((m, i) => ({ key: voteKey(surfaces[i], m.kind, m.canonical), form: surfaces[i], kind: m.kind, canonical: m.canonical, score: m.confidence ?? 2 })),
    people: raw.filter((m, i) => m.kind === 'person' && surfaces[i].includes(' ')).map((m) => m.canonical),
    orgVotes,
  };
}

/** The strings a block's `touch` set must hold for `form` to matter to it: the form and its prefixes ending at a word's end. */
function formKeys(form: string): string[] {
  const out = [form];
  for (let p = 1; p < form.length; p++) {
    const c = form[p];
    if (c === ' ' || c === '-' || c === '.' || c === ',') out.push(form.slice(0, p));
  }
  return out;
}

/**
 * The article pass, incremental: each block's rescan is cached and done again only when the block is
 * new, or a form that may occur in it changed sense, or the longest form's length changed. The senses
 * are recomputed from the blocks' raw mentions each time (O(mentions)). `run` gives the same result as
 * `articlePass` on the same blocks.
 */
export class ArticlePass {
  private readonly forms = new WeakMap<object, BlockForms>();
  private readonly scans = new WeakMap<object, BlockScan>();
  private best: ReadonlyMap<string, Sense> = new Map();
  private maxWords = 1;
  /** The blocks' forms of the last run (its senses are `best`, `maxWords`). */
  private lastForms: readonly BlockForms[] = [];
  private gen = 0;
  /** Blocks rescanned by the last `run` (for tests). */
  rescanned = 0;
  /**
   * Per block, its mentions after the pass, relative to the block (sorted). The same array object as
   * in an earlier run means the same mentions (callers use it to skip comparing spans). `texts[i]` is
   * block i's text.
   */
  run(texts: readonly string[], blocks: readonly PassBlock[]): (readonly RawMention[])[] {
    // (Indexed loops, arrays sized once: this runs over every block after every edit.)
    const n = blocks.length;
    const inputs: BlockForms[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const b = blocks[i];
      let f = this.forms.get(b.key);
      if (!f) this.forms.set(b.key, (f = formsOf(texts[i], b.mentions)));
      inputs[i] = f;
    }
    // The same votes as in the last run (an edit that changed no name): the same senses.
    const same = this.gen > 0 && sameVotes(this.lastForms, inputs);
    const { best, maxWords } = same ? { best: this.best, maxWords: this.maxWords } : sensesOf(inputs);
    this.lastForms = inputs;
    // The forms whose sense changed since the last run, as the keys that a block's `touch` set may hold.
    const changed = new Set<string>();
    if (!same) {
      for (const [form, s] of best) {
        const old = this.best.get(form);
        if (!old || old.kind !== s.kind || old.canonical !== s.canonical) for (const k of formKeys(form)) changed.add(k);
      }
      for (const form of this.best.keys()) if (!best.has(form)) for (const k of formKeys(form)) changed.add(k);
    }
    const prevGen = this.gen++;
    this.best = best;
    this.maxWords = maxWords;
    this.rescanned = 0;
    const out: (readonly RawMention[])[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const b = blocks[i];
      let scan = this.scans.get(b.key);
      if (scan && scan.gen !== this.gen) {
        let valid = scan.gen === prevGen && scan.maxWords === maxWords;
        if (valid && changed.size) {
          if (changed.size < scan.touch.size) { for (const k of changed) if (scan.touch.has(k)) { valid = false; break; } }
          else for (const k of scan.touch) if (changed.has(k)) { valid = false; break; }
        }
        if (valid) scan.gen = this.gen;
        else scan = undefined;
      }
      if (!scan) {
        this.rescanned++;
        const touch = new Set<string>();
        const blockText = texts[i];
        const kept = scanBlock(blockText, b.words(blockText), b.mentions, inputs[i], best, maxWords, touch);
        scan = { gen: this.gen, maxWords, touch, kept };
        this.scans.set(b.key, scan);
      }
      out[i] = scan.kept;
    }
    return out;
  }
}
