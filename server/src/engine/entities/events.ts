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
 * The trigger of sentence `s`, whose mentions are `mentions[from]`... up to its end: a function of the
 * sentence's text and its mentions' spans alone, so callers may cache it (the analyzer, per block).
 */
export type TriggerOf = (s: Sentence, mentions: readonly Mention[], from: number) => SentenceTrigger | undefined;

export function findReportedEvents(
  text: string,
  sentences: readonly Sentence[],
  entities: readonly Entity[],
  mentions: readonly Mention[],
  articleDate: string | undefined,
  headingBlocks: ReadonlySet<number> = new Set(),
  triggerOf: TriggerOf = (s, ms, from) => sentenceTrigger(text.slice(s.start, s.end), s.start, mentionsBefore(ms, from, s.end)),
): ReportedEvent[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const out: (ReportedEvent & { members: Set<string>; spans: Span[] })[] = [];
  const year = (d: string | undefined) => d?.slice(0, 4);
  let mi = 0;
  for (const s of sentences) {
    if (headingBlocks.has(s.block)) continue;
    while (mi < mentions.length && mentions[mi].start < s.start) mi++;
    const trigger = triggerOf(s, mentions, mi);
    if (!trigger) continue;
    const inSentence = mentionsBefore(mentions, mi, s.end);
    const sentenceText = text.slice(s.start, s.end);
    const people: string[] = [];
    const others: string[] = [];
    let place: string | undefined;
    let countryPlace: string | undefined;
    for (const m of inSentence) {
      const e = byId.get(m.entity);
      if (!e) continue;
      if (e.kind === 'person') { if (!people.includes(e.id)) people.push(e.id); }
      else if (e.kind === 'place') { place ??= e.id; }
      else if (e.kind === 'country' || e.kind === 'organization') {
        const before = text.slice(Math.max(s.start, m.start - 4), m.start);
        if (e.kind === 'country' && /\bin\s+$/.test(before)) countryPlace ??= e.id;
        else if (!others.includes(e.id)) others.push(e.id);
      }
    }
    const participants = people.length ? people : others;
    if (!participants.length && !(COLLECTIVE.has(trigger.type) && (place || countryPlace || others.length))) continue;
    // "COP29, a global environmental summit": a generic noun describing a named event already found.
    if (/^(?:summit|conference|meeting|talks)$/i.test(text.slice(trigger.span.start, trigger.span.end)) && inSentence.some((m) => byId.get(m.entity)?.kind === 'event' && m.end <= trigger!.span.start && /^[\s,]*(?:an?|the)\s+[\w\s-]{0,40}$/i.test(text.slice(m.end, trigger!.span.start)))) continue;
    // "This meeting", "their discussions", "The Munich meeting": the happening told before.
    const ownDate = dateInText(sentenceText);
    // A year written in the sentence that is not the article's ("the 2019 election") is another happening, of unknown date.
    const years = [...sentenceText.matchAll(YEAR_RE)].map((m) => m[0]);
    const date = ownDate ?? (years.length && !years.includes(year(articleDate) ?? '') ? undefined : articleDate);
    const lead = text.slice(Math.max(s.start, trigger.span.start - 40), trigger.span.start);
    if (/\b(?:the|this|that|these|those|their|its|his|her)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(lead)) {
      const family = FAMILY[trigger.type] ?? trigger.type;
      let prior: (typeof out)[number] | undefined;
      // The latest happening of that kind, one of the same date first.
      for (let k = out.length - 1; k >= 0 && !prior; k--) if ((FAMILY[out[k].type] ?? out[k].type) === family && date && out[k].date === date) prior = out[k];
      for (let k = out.length - 1; k >= 0 && !prior; k--) if ((FAMILY[out[k].type] ?? out[k].type) === family) prior = out[k];
      if (prior) {
        const i = out.indexOf(prior);
        const priorHasPeople = [...prior.members].some((p) => byId.get(p)?.kind === 'person');
        if (people.length && priorHasPeople) for (const p of people) prior.members.add(p);
        const ps = [...prior.members];
        const placeId = prior.place ?? place ?? countryPlace;
        prior.spans.push({ start: s.start, end: s.end });
        out[i] = { ...prior, participants: ps, ...(placeId ? { place: placeId } : {}), label: label(prior.type, ps, placeId, prior.date, byId), members: prior.members };
        continue;
      }
    }
    if (participants.length < 2 && !place && !countryPlace && (trigger.type === 'meeting' || trigger.type === 'talks')) {
      // "This meeting, initiated at Blinken's request": joins an earlier meeting if there is one.
      const prior = out.find((e) => e.type === trigger!.type && participants.every((p) => e.members.has(p)));
      if (!prior) continue;
    }
    const where = place ?? countryPlace;
    const members = new Set(participants);
    const sameTime = (e: (typeof out)[number]) => (ownDate ? e.date === ownDate : !years.length || years.includes(year(e.date) ?? ''));
    const overlap = (e: (typeof out)[number]) => participants.some((p) => e.members.has(p));
    const samePlace = (e: (typeof out)[number]) => !where || !e.place || e.place === where;
    const prior = out.find((e) => e.type === trigger!.type && sameTime(e) && (
      COLLECTIVE.has(e.type) // the same election, reported constituency by constituency
      || samePlace(e) && ( // no conflicting place, and the same people: one names a subset of the other, or they overlap
        participants.every((p) => e.members.has(p)) || [...e.members].every((p) => members.has(p)) || overlap(e))));
    if (prior) {
      const i = out.indexOf(prior);
      for (const p of participants) prior.members.add(p);
      const ps = [...prior.members];
      const placeId = prior.place ?? where;
      prior.spans.push({ start: s.start, end: s.end });
      out[i] = { ...prior, participants: ps, ...(placeId ? { place: placeId } : {}), label: label(trigger.type, ps, placeId, prior.date ?? date, byId), members: prior.members };
      continue;
    }
    out.push({
      start: s.start,
      end: s.end,
      type: trigger.type,
      trigger: trigger.span,
      participants,
      ...(where ? { place: where } : {}),
      ...(date ? { date } : {}),
      label: label(trigger.type, participants, where, date, byId),
      members,
      spans: [{ start: s.start, end: s.end }],
    });
  }
  return out.map(({ members: _m, spans, ...e }) => ({ ...e, sentences: spans }));
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
