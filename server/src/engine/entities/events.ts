/**
 * Reported events: the happenings an article reports (a meeting, talks, a visit, an election, an
 * agreement, an attack...), with who took part, where and when. One per sentence at most, from a
 * trigger word; a later sentence about the same happening (same type, participants a subset) adds to
 * the first instead of making a new one. Not scored as `event` entities: they feed the outline and
 * hovers. Cost: O(sentences + mentions).
 */
import type { Entity, Mention, ReportedEvent, Sentence, Span } from '../types';

interface Trigger {
  readonly type: string;
  readonly re: RegExp;
}

/** In priority order: the first type whose trigger occurs in the sentence wins. */
const TRIGGERS: readonly Trigger[] = [
  { type: 'summit', re: /\bsummit\b/i },
  { type: 'meeting', re: /\b(?:met|meets|meet|meeting|convened|convenes|sat down with|held talks|hosted|hosts)\b/i },
  { type: 'talks', re: /\b(?:talks|negotiations|negotiated|discussions|discussed)\b/i },
  { type: 'visit', re: /\b(?:visit|visited|visits|visiting|travel(?:l)?ed to|arrived in|toured)\b/i },
  { type: 'agreement', re: /\b(?:signed|agreement|accord|treaty|deal)\b/i },
  { type: 'election', re: /\b(?:election|elections|elected|re-elected|referendum|polls)\b/i },
  { type: 'attack', re: /\b(?:attack|attacked|attacks|bombing|bombed|shooting|airstrike|air strike|raid|invaded|invasion|hacked|hack)\b/i },
  { type: 'arrest', re: /\b(?:arrested|arrest|detained|charged with|convicted|sentenced|prosecuted)\b/i },
  { type: 'disaster', re: /\b(?:earthquake|flood|floods|hurricane|typhoon|collapse|collapsed|crash|crashed|explosion|wildfire|landslide)\b/i },
  { type: 'protest', re: /\b(?:protest|protests|protested|demonstration|rally|rallies)\b/i },
  { type: 'announcement', re: /\b(?:announced|unveiled|launched)\b/i },
];

/** Types that name the same kind of happening (a later "talks" is the earlier "meeting"). */
const FAMILY: Record<string, string> = { meeting: 'meeting', talks: 'meeting', summit: 'meeting', visit: 'meeting' };
/**
 * Happenings an article usually reports once, sentence after sentence (each constituency's results are
 * the same election): a later report on the same date joins the first whoever it names.
 */
const COLLECTIVE = new Set(['election', 'disaster', 'protest']);
const YEAR_RE = /\b(?:19|20)\d\d\b/g;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATE_MDY = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b`);
const DATE_DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE},?\\s+((?:19|20)\\d\\d)\\b`);
const DATE_ISO = /\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b/;

function monthIndex(m: string): number {
  const k = m.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((x) => x.startsWith(k.slice(0, 3))) + 1;
}
const pad = (n: number) => String(n).padStart(2, '0');

/** A full date written in the sentence, as YYYY-MM-DD. */
function dateInText(s: string): string | undefined {
  let m = DATE_ISO.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = DATE_MDY.exec(s);
  if (m) return `${m[3]}-${pad(monthIndex(m[1]))}-${pad(+m[2])}`;
  m = DATE_DMY.exec(s);
  if (m) return `${m[3]}-${pad(monthIndex(m[2]))}-${pad(+m[1])}`;
  return undefined;
}

/** The short form for a label: a person's surname, else the canonical name. */
function shortName(e: Entity): string {
  if (e.kind !== 'person') return e.name;
  const ws = e.name.split(' ');
  // "Cheng Chung-tai": family name first; keep the whole name.
  return ws.length > 1 && ws[ws.length - 1].includes('-') ? e.name : ws[ws.length - 1];
}

/** The word that makes a sentence report a happening (the first trigger type found, not inside a name). */
export interface SentenceTrigger {
  readonly type: string;
  readonly span: Span;
}

/** The sentence's trigger; `start` is its offset, `inSentence` the mentions in it. */
export function sentenceTrigger(sentenceText: string, start: number, inSentence: readonly Span[]): SentenceTrigger | undefined {
  for (const t of TRIGGERS) {
    const m = t.re.exec(sentenceText);
    if (m) {
      // The trigger must not sit inside an entity's name ("Munich Security Conference").
      const at = start + m.index;
      if (inSentence.some((x) => x.start <= at && at < x.end)) continue;
      return { type: t.type, span: { start: at, end: at + m[0].length } };
    }
  }
  return undefined;
}

/** The mentions from `mentions[from]` that start before `end`. */
function mentionsBefore(mentions: readonly Mention[], from: number, end: number): Mention[] {
  const out: Mention[] = [];
  for (let k = from; k < mentions.length && mentions[k].start < end; k++) out.push(mentions[k]);
  return out;
}

/**
 * What one sentence says of a happening, before it is merged with the others: a function of the
 * sentence's text, its mentions' spans and their entity ids (an id names its kind), so callers may
 * cache it (the analyzer, per block). Offsets are relative to the sentence's start.
 */
export interface SentenceEvent {
  readonly type: string;
  /** The trigger word, relative to the sentence. */
  readonly trigger: Span;
  /** The people it names, else the countries and organizations (entity ids, each once). */
  readonly participants: readonly string[];
  readonly people: boolean;
  readonly place?: string;
  /** A country after "in" ("talks in Germany"): the place when no city is named. */
  readonly countryPlace?: string;
  /** A full date written in the sentence. */
  readonly ownDate?: string;
  /** The years written in the sentence. */
  readonly years: readonly string[];
  /** "This meeting", "their discussions": the happening told before. */
  readonly refersBack: boolean;
}

/**
 * The sentence's happening, or undefined when it reports none that can be placed (no trigger, nobody
 * taking part, a generic noun for a named event). `inSentence` are its mentions; `kindOf` gives an
 * entity id's kind.
 */
export function sentenceEvent(sentenceText: string, start: number, inSentence: readonly Mention[], kindOf: (id: string) => string | undefined): SentenceEvent | undefined {
  const trigger = sentenceTrigger(sentenceText, start, inSentence);
  if (!trigger) return undefined;
  const people: string[] = [];
  const others: string[] = [];
  let place: string | undefined;
  let countryPlace: string | undefined;
  for (const m of inSentence) {
    const kind = kindOf(m.entity);
    if (kind === 'person') { if (!people.includes(m.entity)) people.push(m.entity); }
    else if (kind === 'place') { place ??= m.entity; }
    else if (kind === 'country' || kind === 'organization') {
      const before = sentenceText.slice(Math.max(0, m.start - start - 4), m.start - start);
      if (kind === 'country' && /\bin\s+$/.test(before)) countryPlace ??= m.entity;
      else if (!others.includes(m.entity)) others.push(m.entity);
    }
  }
  const participants = people.length ? people : others;
  if (!participants.length && !(COLLECTIVE.has(trigger.type) && (place || countryPlace || others.length))) return undefined;
  const t0 = trigger.span.start - start, t1 = trigger.span.end - start;
  // "COP29, a global environmental summit": a generic noun describing a named event already found.
  if (/^(?:summit|conference|meeting|talks)$/i.test(sentenceText.slice(t0, t1)) && inSentence.some((m) => kindOf(m.entity) === 'event' && m.end <= trigger.span.start && /^[\s,]*(?:an?|the)\s+[\w\s-]{0,40}$/i.test(sentenceText.slice(m.end - start, t0)))) return undefined;
  const ownDate = dateInText(sentenceText);
  const lead = sentenceText.slice(Math.max(0, t0 - 40), t0);
  return {
    type: trigger.type,
    trigger: { start: t0, end: t1 },
    participants,
    people: people.length > 0,
    ...(place ? { place } : {}),
    ...(countryPlace ? { countryPlace } : {}),
    ...(ownDate ? { ownDate } : {}),
    years: [...sentenceText.matchAll(YEAR_RE)].map((m) => m[0]),
    refersBack: /\b(?:the|this|that|these|those|their|its|his|her)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(lead),
  };
}

/** The sentences that report a happening, in order, with what each says of it. */
export interface SentenceEvents {
  readonly sentences: Sentence[];
  readonly events: SentenceEvent[];
}

/** A reported event while the sentences are merged. */
interface Building {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly trigger: Span;
  readonly members: Set<string>;
  hasPeople: boolean;
  place?: string;
  readonly date?: string;
  /** The date its label shows (the last merge's). */
  labelDate?: string;
  readonly spans: Span[];
}

export function findReportedEvents(
  text: string,
  sentences: readonly Sentence[],
  entities: readonly Entity[],
  mentions: readonly Mention[],
  articleDate: string | undefined,
  headingBlocks: ReadonlySet<number> = new Set(),
): ReportedEvent[] {
  const kinds = new Map(entities.map((e) => [e.id, e.kind]));
  const found: SentenceEvents = { sentences: [], events: [] };
  let mi = 0;
  for (const s of sentences) {
    if (headingBlocks.has(s.block)) continue;
    while (mi < mentions.length && mentions[mi].start < s.start) mi++;
    const c = sentenceEvent(text.slice(s.start, s.end), s.start, mentionsBefore(mentions, mi, s.end), (id) => kinds.get(id));
    if (c) {
      found.sentences.push(s);
      found.events.push(c);
    }
  }
  return mergeReportedEvents(found, entities, articleDate);
}

/**
 * The article's reported events from what its sentences say (`SentenceEvents`, in order): a later
 * sentence about the same happening adds to the first.
 */
export function mergeReportedEvents(found: SentenceEvents, entities: readonly Entity[], articleDate: string | undefined): ReportedEvent[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const out: Building[] = [];
  /** The events of each type, and of each family (FAMILY), in the order they were found. */
  const ofType = new Map<string, Building[]>();
  const ofFamily = new Map<string, Building[]>();
  const year = (d: string | undefined) => d?.slice(0, 4);
  const articleYear = year(articleDate) ?? '';
  const isPerson = (id: string) => byId.get(id)?.kind === 'person';
  for (let n = 0; n < found.sentences.length; n++) {
    const s = found.sentences[n];
    const c = found.events[n];
    const { type, participants, years } = c;
    const date = c.ownDate ?? (years.length && !years.includes(articleYear) ? undefined : articleDate);
    const family = FAMILY[type] ?? type;
    if (c.refersBack) {
      // The latest happening of that kind, one of the same date first.
      const fam = ofFamily.get(family) ?? [];
      let prior: Building | undefined;
      if (date) for (let k = fam.length - 1; k >= 0 && !prior; k--) if (fam[k].date === date) prior = fam[k];
      prior ??= fam[fam.length - 1];
      if (prior) {
        if (c.people && prior.hasPeople) for (const p of participants) prior.members.add(p);
        prior.place ??= c.place ?? c.countryPlace;
        prior.labelDate = prior.date;
        prior.spans.push({ start: s.start, end: s.end });
        continue;
      }
    }
    const sameType = ofType.get(type);
    if (participants.length < 2 && !c.place && !c.countryPlace && (type === 'meeting' || type === 'talks')) {
      // "This meeting, initiated at Blinken's request": joins an earlier meeting if there is one.
      if (!sameType?.some((e) => participants.every((p) => e.members.has(p)))) continue;
    }
    const where = c.place ?? c.countryPlace;
    const sameTime = (e: Building) => (c.ownDate ? e.date === c.ownDate : !years.length || years.includes(year(e.date) ?? ''));
    const samePlace = (e: Building) => !where || !e.place || e.place === where;
    // The same people: one names a subset of the other, or they overlap (events have members, except
    // collective ones, which any report of the same type joins).
    const prior = sameType?.find((e) => sameTime(e) && (COLLECTIVE.has(e.type) || samePlace(e) && (participants.every((p) => e.members.has(p)) || participants.some((p) => e.members.has(p)))));
    if (prior) {
      for (const p of participants) prior.members.add(p);
      if (c.people) prior.hasPeople = true;
      prior.place ??= where;
      prior.labelDate = prior.date ?? date;
      prior.spans.push({ start: s.start, end: s.end });
      continue;
    }
    const e: Building = {
      start: s.start,
      end: s.end,
      type,
      trigger: { start: s.start + c.trigger.start, end: s.start + c.trigger.end },
      members: new Set(participants),
      hasPeople: participants.some(isPerson),
      place: where,
      date,
      labelDate: date,
      spans: [{ start: s.start, end: s.end }],
    };
    out.push(e);
    if (sameType) sameType.push(e); else ofType.set(type, [e]);
    const fam = ofFamily.get(family);
    if (fam) fam.push(e); else ofFamily.set(family, [e]);
  }
  return out.map((e) => {
    const participants = [...e.members];
    return {
      start: e.start,
      end: e.end,
      type: e.type,
      trigger: e.trigger,
      participants,
      ...(e.place ? { place: e.place } : {}),
      ...(e.date ? { date: e.date } : {}),
      label: label(e.type, participants, e.place, e.labelDate, byId),
      sentences: e.spans,
    };
  });
}

/** At most this many participants are named in a label; the rest are counted. */
const LABEL_PARTICIPANTS = 4;

function label(type: string, participants: readonly string[], place: string | undefined, date: string | undefined, byId: Map<string, Entity>): string {
  // Short names only for the ones shown (an often reported happening can have hundreds), the rest counted.
  const first: Entity[] = [];
  let count = 0;
  for (const p of participants) {
    const e = byId.get(p);
    if (!e) continue;
    if (count++ <= LABEL_PARTICIPANTS) first.push(e);
  }
  const shown = count > LABEL_PARTICIPANTS + 1 ? `${first.slice(0, LABEL_PARTICIPANTS).map(shortName).join(', ')} and ${count - LABEL_PARTICIPANTS} more` : first.map(shortName).join(', ');
  const parts = [type[0].toUpperCase() + type.slice(1), ...(shown ? [shown] : [])];
  const pl = place && byId.get(place);
  if (pl) parts.push(pl.name);
  if (date) parts.push(date);
  return parts.join(' — ');
}
