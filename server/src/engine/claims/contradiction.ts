/**
 * contradiction: a statement that contradicts the knowledge base.
 *   - capitals: "X, the capital of Y", "Y's capital X", "the capital of Y, X", "X is the capital of Y",
 *     "the Australian capital, X";
 *   - "City, Country" pairs ("Munich, Austria");
 *   - a title and a name at the article's date ("President Barack Obama" in a 2019 article), or in the
 *     year the sentence names;
 *   - a named event with a wrong city, country or year ("COP29 in Dubai", "the 2012 Olympics in Beijing").
 * Date-dependent checks need the article's `date` header; without it they are skipped (the analysis
 * notes say so). Every finding states the known fact and offers to replace the wrong words with it.
 */
import type { Fix, Span } from '../types';
import { articleFlags, type Finding, type Rule, type RuleContext } from './context';
import type { SentenceView } from './attribution';
import { createKnowledgeBase, normalizeName, type HostedEvent, type KnowledgeBase, type Office, type Term } from '../kb';
import { countryByIso, countryByName, isDemonym } from '../gazetteer';
import { lexicon } from '../gazetteer/lexicon';
import { validDate } from '../structure';

/** A word of a name, with the particles inside names ("bin", "van") and their hyphenated forms ("al-Assad", "el-Sisi"). */
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}'’-]*|\p{Lu}\.|(?:al|el|ad|as|ash|bin|ibn|abu|ben)-\p{Lu}[\p{L}'’-]*|d[eiau]|de la|van|von|der|bin|al|ibn|da|dos|le|del)`;
/**
 * An honorific written before a holder's name ("Sheikh", "Ayatollah", "Dr.", "Sir"; "Emir" when it is not
 * the title): skipped to find the name ("Emir Sheikh Tamim bin Hamad Al Thani", "Prime Minister Sir Keir Starmer").
 */
const HONORIFIC = String.raw`(?:Grand\s+Ayatollah|Ayatollah|Sheikh|Sheik|Shaikh|Sheikha|Emir|Amir|Dr\.?|Sir|Dame|Lord|Baroness|Prof\.?|Professor|Mr\.?|Mrs\.?|Ms\.?|Mullah|Gen\.|General)`;
const HONORIFIC_START = new RegExp(`^${HONORIFIC}\\s+`, 'u');
/** A holder's name after a title or in an appositive: an optional honorific, then up to seven name words. */
const NAME = String.raw`(?:${HONORIFIC}\s+)?${NAME_WORD}(?:\s+${NAME_WORD}){0,6}`;
/** A Roman numeral after a name ("Leo XIII", "Felipe V"): another person, unless the numeral is part of the name. */
const ROMAN_AFTER = /^\s+[IVXL]+(?![\p{L}\p{N}'’-])/u;
/** A capitalized place name of one to four words ("Rio de Janeiro", "Sharm El Sheikh"). */
const PLACE = String.raw`\p{Lu}[\p{L}'’.-]*(?:[ -](?:de|del|da|do|la|el|al|d'|of|upon|on)?\s?\p{Lu}[\p{L}'’.-]*){0,3}`;
const GRACE_DAYS = 14;

function fix(title: string, edits: { start: number; end: number; newText: string }[]): Fix {
  return { title, edits };
}

function countryName(iso: string): string {
  return countryByIso(iso)?.name ?? iso;
}

function stripPossessive(s: string): string {
  return s.replace(/(?:'s|’s|'|’)$/u, '').replace(/[.,;:]$/, '');
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function inQuote(v: SentenceView, s: Span): boolean {
  return v.quotes.some((q) => q.start <= s.start && s.end <= q.end);
}

/** The country a name refers to, when it is a sovereign state's name (not a demonym, not ambiguous). */
function countryOf(kb: KnowledgeBase, name: string) {
  if (/^(?:Georgia|Jordan|Chad|Guinea|Niger|Dominica|Lebanon|Panama|Mexico|Luxembourg|Djibouti|Kuwait|Singapore|Monaco|Vatican|San Marino|Andorra|Liechtenstein)$/.test(name)) {
    // Names that are also a US state, a person's name, or a city of the same name: no pair check.
    return undefined;
  }
  if (isDemonym(name)) return undefined;
  return kb.country(name);
}

// ---------------------------------------------------------------------------------------------
// Capitals and city–country pairs

/**
 * `city` and `country` are group numbers; `adjective`: the country is written as an adjective or an
 * abbreviation ("the Turkish capital", "the US capital").
 */
const CAPITAL_PATTERNS: { re: RegExp; city: number; country: number; adjective?: boolean }[] = [
  // "Sydney, the capital of Australia" / "Sydney is the capital of Australia" / "Sydney, Australia's capital"
  { re: new RegExp(`(?<![\\p{L}])(${PLACE}),?\\s+(?:(?:is|was|remains|became|as)\\s+)?(?:the\\s+)?(?:national\\s+)?capital\\s+(?:city\\s+)?of\\s+(?:the\\s+)?(${PLACE})`, 'gu'), city: 1, country: 2 },
  { re: new RegExp(`(?<![\\p{L}])(${PLACE}),\\s+(${PLACE})(?:'s|’s)\\s+capital\\b`, 'gu'), city: 1, country: 2 },
  // "Istanbul, the Turkish capital," / "New York, the US capital"
  { re: new RegExp(`(?<![\\p{L}])(${PLACE}),\\s+the\\s+(\\p{Lu}[\\p{L}.]+)\\s+capital\\b(?!\\s+(?:city\\s+)?of\\b)`, 'gu'), city: 1, country: 2, adjective: true },
  // "Australia's capital, Sydney" / "Australia's capital Sydney" / "the capital of Australia, Sydney"
  { re: new RegExp(`(?<![\\p{L}])(${PLACE})(?:'s|’s)\\s+capital(?:\\s+city)?,?\\s+(${PLACE})`, 'gu'), city: 2, country: 1 },
  { re: new RegExp(`\\b[Tt]he\\s+capital\\s+(?:city\\s+)?of\\s+(?:the\\s+)?(${PLACE}),\\s+(${PLACE})`, 'gu'), city: 2, country: 1 },
  // "the Australian capital, Sydney" / "The Australian capital Sydney" / "the Turkish capital of Istanbul"
  { re: new RegExp(`\\b[Tt]he\\s+(\\p{Lu}[\\p{L}.]+)\\s+capital(?:\\s+city)?(?:,?\\s+|\\s+of\\s+)(${PLACE})`, 'gu'), city: 2, country: 1, adjective: true },
];

/**
 * The known city inside a captured name: the longest run of its words that is a city (of any
 * country, or `iso2`'s capital). A city written before its country may carry words before it ("In
 * Rio de Janeiro"), one written after may carry words after it ("Canberra On").
 */
function knownCity(kb: KnowledgeBase, raw: string, iso2: string, cityFirst: boolean): string {
  const words = raw.split(/\s+/);
  for (let n = words.length; n > 0; n--) {
    // Words before a city are dropped only when they are not part of a name ("In Rio", not "New York").
    if (cityFirst && !words.slice(0, words.length - n).every((w) => LEADING_WORDS.has(w))) break;
    const c = (cityFirst ? words.slice(words.length - n) : words.slice(0, n)).join(' ');
    if (kb.countriesOfCity(c).length || kb.isCapital(c, iso2)) return c;
  }
  return '';
}
/** Capitalized words that may start a sentence before a city's name. */
const LEADING_WORDS = new Set(['In', 'At', 'From', 'To', 'Near', 'Outside', 'Inside', 'Across', 'Around', 'Throughout', 'Within', 'Beyond', 'Like', 'Unlike',
  'While', 'When', 'But', 'And', 'Since', 'After', 'Before', 'Despite', 'Although', 'As', 'On', 'For', 'With', 'Both', 'Even', 'Only', 'Also']);

function capitalFindings(kb: KnowledgeBase, v: SentenceView): Finding[] {
  const out: Finding[] = [];
  // Every pattern names a capital: most sentences are passed over at once.
  if (!/capital/i.test(v.body)) return out;
  const seen = new Set<number>();
  for (const { re, city: ci, country: ki, adjective } of CAPITAL_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(v.body); m; m = re.exec(v.body)) {
      const before = v.body.slice(0, m.index);
      const whole = m[0];
      // "former capital", "economic capital", "largest city and capital": not the national capital.
      if (/\b(?:former|old|ancient|historic|economic|financial|commercial|cultural|administrative|judicial|legislative|de facto|provincial|regional|state|summer|winter|royal|religious|spiritual|colonial|imperial|onetime|one-time|then)\s+capital/i.test(whole) || /\b(?:former|old|then)\s*$/i.test(before)) continue;
      const cityRaw = stripPossessive(m[ci]);
      const countryRaw = stripPossessive(m[ki]);
      const country = adjective ? countryByName(countryRaw) : countryOf(kb, countryRaw);
      if (!country) continue;
      const city = knownCity(kb, cityRaw, country.iso2, ci < ki);
      if (!city || kb.country(city)) continue;
      if (kb.isCapital(city, country.iso2)) continue;
      const capital = kb.capitalOf(country.iso2);
      if (!capital) continue;
      const cityAt = v.start + m.index + whole.indexOf(city, ci === 2 ? whole.indexOf(countryRaw) + countryRaw.length : 0);
      if (seen.has(cityAt)) continue;
      seen.add(cityAt);
      const span = { start: cityAt, end: cityAt + city.length };
      if (inQuote(v, span)) continue;
      out.push({
        start: v.start, end: v.end, trigger: span,
        message: `Contradiction: ${capital} is the capital of ${country.name}, not ${city}. Correct the capital, or attribute the claim if it is someone's (mistaken) statement.`,
        fixes: [fix(`Replace with "${capital}"`, [{ ...span, newText: capital }])],
      });
    }
  }
  return out;
}

const PAIR = new RegExp(`(?<![\\p{L}\\p{N}])(${PLACE}),\\s+(${PLACE})(?![\\p{L}])`, 'gu');

function pairFindings(kb: KnowledgeBase, v: SentenceView): Finding[] {
  const out: Finding[] = [];
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(v.body); m; m = PAIR.exec(v.body)) {
    const cityRaw = m[1], countryRaw = stripPossessive(m[2]);
    PAIR.lastIndex = m.index + cityRaw.length + 1;
    const after = v.body.slice(m.index + m[0].length);
    const before = v.body.slice(0, m.index);
    // A list ("Berlin, France and Spain"; "Rome, Berlin, France") is not a pair.
    // (Words separated by spaces, not `(?:Word\s*)+`: that nested quantifier backtracked exponentially; the
    // spaces before a comma belong to the comma, so no two whitespace runs meet: linear.)
    if (/^(?:\s*,\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*)*(?:\s*,)?\s*(?:and|or|&)\s/u.test(after) || /^,\s*\p{Lu}/u.test(after)) continue;
    if (/(?:\p{Lu}[\p{L}.'’-]*|and|or),\s*$/u.test(before.slice(-80))) continue;
    if (/^(?:'s|’s)/u.test(after)) continue;
    const country = countryOf(kb, countryRaw);
    if (!country) continue;
    // The city's longest known suffix ("In Munich" → "Munich").
    const words = cityRaw.split(/\s+/);
    let city = '';
    for (let n = 0; n < words.length; n++) {
      const c = words.slice(n).join(' ');
      if (kb.countriesOfCity(c).length) { city = c; break; }
    }
    if (!city || kb.country(city)) continue;
    const where = kb.countriesOfCity(city);
    if (where.includes(country.iso2)) continue;
    const cityAt = v.start + m.index + cityRaw.length - city.length;
    const countryAt = v.start + m.index + m[0].length - m[2].length;
    const span = { start: countryAt, end: countryAt + countryRaw.length };
    if (inQuote(v, span)) continue;
    const real = where.map(countryName);
    out.push({
      start: v.start, end: v.end, trigger: { start: cityAt, end: span.end },
      message: `Contradiction: ${city} is in ${real.join(' or ')}, not in ${country.name}. Correct the city or the country.`,
      fixes: where.length === 1 ? [fix(`Replace with "${real[0]}"`, [{ ...span, newText: real[0] }])] : [],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Titles and names at a date

const titleRegexes = new WeakMap<KnowledgeBase, RegExp>();
function titleRegex(kb: KnowledgeBase): RegExp {
  let re = titleRegexes.get(kb);
  if (!re) {
    const forms = kb.titleForms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
    re = new RegExp(`(?<![\\p{L}-])(${forms})\\s+(${NAME})`, 'gu');
    titleRegexes.set(kb, re);
  }
  return re;
}

/** Words before a title that say the person does not hold the office now ("former", "ousted", "the late"). */
const OUT_OF_OFFICE = 'former|ex|then|late|onetime|one-time|erstwhile|future|would-be|incoming|outgoing|designate|acting|interim|deputy|vice|vice-|assistant|under|shadow|elect|candidate|nominee|presumptive|hopeful|first lady|previous|past|next|ousted|deposed|toppled|overthrown|jailed|imprisoned|exiled|assassinated|slain|deceased|emeritus|founding|retired|disgraced';
const NOT_IN_OFFICE = new RegExp(`\\b(?:${OUT_OF_OFFICE})\\b[\\s-]*$`, 'i');
/** The same words anywhere in an appositive ("the former U.S. president", "its first president"). */
const OUT_OF_OFFICE_IN_PHRASE = new RegExp(`\\b(?:${OUT_OF_OFFICE}|first)\\b`, 'i');

/** The capitalized words just before a title name a place or an organization (not a country). */
function placeOrBodyBefore(kb: KnowledgeBase, before: string): boolean {
  for (const { text } of capitalizedRunBefore(before)) {
    const c = stripPossessive(text.replace(/\s+/g, ' '));
    if (countryByName(c)) return false;
    const kind = lexicon().map.get(c)?.kind;
    if (kind === 'place' || kind === 'organization' || kb.countriesOfCity(c).length) return true;
  }
  return false;
}

/**
 * The one to three capitalized words that end `before` ("Florida ", "London "), as the runs ending
 * there, longest first, with their index in `before`.
 */
function capitalizedRunBefore(before: string): { text: string; index: number }[] {
  // (On the last 60 characters only: the pattern is anchored at the end and tried at every start.)
  const base = Math.max(0, before.length - 60);
  const m = /(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}$/u.exec(before.slice(base));
  if (!m) return [];
  const end = base + m.index + m[0].trimEnd().length;
  return [...m[0].matchAll(/\p{Lu}[\p{L}'’.-]*/gu)].map((w) => {
    const index = base + m.index + w.index!;
    return { text: before.slice(index, end), index };
  });
}

/** Title forms by their lower-case spelling ("u.s. president" → "U.S. President"), for appositives. */
const lowerTitles = new WeakMap<KnowledgeBase, Map<string, string>>();
function titleByLowerCase(kb: KnowledgeBase): Map<string, string> {
  let m = lowerTitles.get(kb);
  if (!m) {
    m = new Map();
    for (const t of kb.titleForms) if (!m.has(t.toLowerCase())) m.set(t.toLowerCase(), t);
    lowerTitles.set(kb, m);
  }
  return m;
}

/** The last words of the base's titles, any case: a sentence without one has no title in an appositive. */
const titleWordRegexes = new WeakMap<KnowledgeBase, RegExp>();
function titleWords(kb: KnowledgeBase): RegExp {
  let re = titleWordRegexes.get(kb);
  if (!re) {
    const words = new Set(kb.titleForms.map((t) => t.split(/[\s-]+/).pop()!.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    re = new RegExp(`\\b(?:${[...words].join('|')})\\b`, 'i');
    titleWordRegexes.set(kb, re);
  }
  return re;
}

/**
 * A title in an appositive phrase ("the U.S. president", "Britain's prime minister", "the president of
 * France"), as a title form of the base; undefined when the phrase is something else or says the
 * office is not held now ("the former president").
 */
function appositiveTitle(kb: KnowledgeBase, phrase: string): string | undefined {
  let p = phrase.replace(/^the\s+/i, '').replace(/\s+/g, ' ');
  const of = /^(.*?) of (?:the )?(\p{Lu}[\p{L}. ]*)$/u.exec(p);
  if (of && countryByName(of[2])) p = of[1];
  const possessive = /^(\p{Lu}[\p{L}. ]*?)(?:'s|’s) (.*)$/u.exec(p);
  if (possessive && countryByName(possessive[1])) p = possessive[2];
  const title = titleByLowerCase(kb).get(p.toLowerCase());
  // The out-of-office words are read outside the title itself: "the vice president" is a title of the base
  // ("Vice President"), "the former vice president" and "the vice president of the company" are not checked.
  if (!title) return undefined;
  const flat = phrase.replace(/\s+/g, ' ');
  const at = flat.toLowerCase().lastIndexOf(p.toLowerCase());
  return OUT_OF_OFFICE_IN_PHRASE.test(flat.slice(0, at) + flat.slice(at + p.length)) ? undefined : title;
}

// "Barack Obama, the U.S. president, said" / "The French president, Jacques Chirac, said".
const APPOSITIVE_AFTER = new RegExp(`(?<![\\p{L}'’.-])(${NAME_WORD}(?:\\s+${NAME_WORD}){1,4}),\\s+((?:the|The|\\p{Lu}[\\p{L}.]*(?:'s|’s))\\s+[^,;:()"“”]{2,60}?),`, 'gu');
const APPOSITIVE_BEFORE = new RegExp(`(?<![\\p{L}])((?:the|The|\\p{Lu}[\\p{L}.]*(?:'s|’s))\\s+[^,;:()"“”]{2,60}?),\\s+((?:${HONORIFIC}\\s+)?${NAME_WORD}(?:\\s+${NAME_WORD}){1,6}),`, 'gu');

interface OfficeCandidate {
  /** The title as a form of the base ("U.S. President"). */
  readonly title: string;
  /** The words that may hold the name, from the sentence, and where they start in the body. */
  readonly words: string;
  readonly wordsAt: number;
  /** The finding's span in the body (title and name), computed from the name's end when absent. */
  readonly span?: { start: number; end: number };
  /** Where an "Insert former" fix goes in the body. */
  readonly formerAt: number;
}

function officeFindings(kb: KnowledgeBase, ctx: RuleContext, v: SentenceView, date: string | null): Finding[] {
  const out: Finding[] = [];
  // Every title ends in one of these words (any case): most sentences are passed over at once.
  if (!date || !titleWords(kb).test(v.body)) return out;
  // A sentence about another time: use its one explicit year, or skip when it names several.
  // Years that date the sentence ("in 2012", "In 2012,", "since 2015"), not those naming an event ("the 2014 World Cup").
  const years = [...new Set([...v.body.matchAll(/(?:\b(?:in|during|since|until|till|by|from|early|late|mid|of|on|throughout)\s+(?:(?:early|late|mid|january|february|march|april|may|june|july|august|september|october|november|december)[\s-]+)?|^)(1[89]\d\d|20\d\d)\b(?!\s+(?:summer|winter|olympic|olympics|fifa|world|g7|g8|g20|games|elections?|summit|cup|census|protests|uprising|attacks?))/gi)].map((y) => y[1]))];
  if (years.length > 1) return out;
  if (/\b(?:at the time|back then|in the (?:19|20)\d0s|when (?:he|she) was|as (?:a )?former|previously|years ago|once served|had served|served as|was elected|was sworn|took office|left office|succeeded|predecessor|successor|died|death|funeral|passed away|buried|memorial|assassination)\b/i.test(v.body)) return out;
  const year = years[0] && years[0] !== date.slice(0, 4) ? years[0] : null;
  const candidates: OfficeCandidate[] = [];
  const TITLE = titleRegex(kb);
  TITLE.lastIndex = 0;
  for (let m = TITLE.exec(v.body); m; m = TITLE.exec(v.body)) {
    const before = v.body.slice(0, m.index);
    const after = v.body.slice(m.index + m[0].length);
    if (NOT_IN_OFFICE.test(before) || /^-?elect\b|^\s*-\s*elect/i.test(after)) continue;
    if (/^-/.test(after)) continue;
    // A place or a body before the title makes it another office: "Florida Attorney General", "Texas Governor".
    if (placeOrBodyBefore(kb, before)) continue;
    candidates.push({ title: m[1].replace(/\s+/g, ' '), words: m[2], wordsAt: m.index + m[0].length - m[2].length, formerAt: m.index });
  }
  APPOSITIVE_AFTER.lastIndex = 0;
  for (let m = APPOSITIVE_AFTER.exec(v.body); m; m = APPOSITIVE_AFTER.exec(v.body)) {
    const title = appositiveTitle(kb, m[2]);
    if (!title) { APPOSITIVE_AFTER.lastIndex = m.index + m[1].length + 1; continue; }
    const phraseAt = m.index + m[0].length - 1 - m[2].length;
    candidates.push({ title, words: m[1], wordsAt: m.index, span: { start: m.index, end: phraseAt + m[2].length }, formerAt: phraseAt + (/^the\s/i.test(m[2]) ? 4 : 0) });
  }
  APPOSITIVE_BEFORE.lastIndex = 0;
  for (let m = APPOSITIVE_BEFORE.exec(v.body); m; m = APPOSITIVE_BEFORE.exec(v.body)) {
    const title = appositiveTitle(kb, m[1]);
    if (!title) continue;
    candidates.push({ title, words: m[2], wordsAt: m.index + m[0].length - 1 - m[2].length, span: { start: m.index, end: m.index + m[0].length - 1 }, formerAt: m.index + (/^the\s/i.test(m[1]) ? 4 : 0) });
  }
  const seen = new Set<number>();
  for (const c of candidates) {
    // The longest prefix of the words that names a known holder of an office with this title; after an
    // honorific the name may start at the next word ("Sheikh Tamim", an alias, or "Sir Keir Starmer").
    const titled = new Set(kb.officesWithTitle(c.title));
    const honorific = HONORIFIC_START.exec(c.words);
    let name = '', nameStart = 0, terms: { office: Office; term: Term }[] = [];
    for (const from of honorific ? [0, honorific[0].length] : [0]) {
      const words = c.words.slice(from).split(/\s+/);
      for (let n = words.length; n > 0 && !name; n--) {
        const cand = stripPossessive(words.slice(0, n).join(' '));
        const t = kb.termsOf(cand).filter((x) => titled.has(x.office));
        if (t.length) { name = cand; terms = t; nameStart = c.wordsAt + from + c.words.slice(from).indexOf(name); }
      }
      if (name) break;
    }
    if (!name) continue;
    const nameEnd = nameStart + name.length;
    if (seen.has(nameStart)) continue;
    // "Pope Leo XIII", "King Felipe V": a Roman numeral that is not part of the name means another person.
    if (ROMAN_AFTER.test(v.body.slice(nameEnd))) continue;
    // Only a full name or a name followed by a non-name word: "President Obama Foundation" is a name.
    if (!c.span && /^\s+\p{Lu}\p{Ll}/u.test(v.body.slice(nameEnd)) && !/^\s+(?:said|says|told|and|met|on|in|of|at|was|is|has|had|will|would)\b/u.test(v.body.slice(nameEnd))) continue;
    const span = { start: v.start + (c.span?.start ?? c.formerAt), end: v.start + (c.span?.end ?? nameEnd) };
    if (inQuote(v, span)) continue;
    const offices = [...new Set(terms.map((t) => t.office))];
    // The base knows nothing before the office's first recorded term: no check then.
    const covered = offices.filter((o) => o.holders.some((h) => h.start <= (year ? `${year}-01-01` : date)));
    if (!covered.length) continue;
    let held: boolean;
    if (year) {
      held = terms.some((t) => t.term.start <= `${year}-12-31` && (t.term.end === null || t.term.end >= `${year}-01-01`));
    } else {
      const lo = addDays(date, -GRACE_DAYS), hi = addDays(date, GRACE_DAYS);
      held = terms.some((t) => t.term.start <= hi && (t.term.end === null || t.term.end > lo));
    }
    if (held) continue;
    seen.add(nameStart);
    const office = covered[0];
    const when = year ?? date;
    const holders = year
      ? office.holders.filter((h) => h.start <= `${year}-12-31` && (h.end === null || h.end >= `${year}-01-01`))
      : kb.holdersAt(office, date);
    const own = terms.filter((t) => t.office === office).map((t) => `${t.term.start} to ${t.term.end ?? 'today'}`);
    const person = terms[0].term.name;
    const holderText = holders.length ? `; ${year ? 'in' : 'on'} ${when} the office was held by ${[...new Set(holders.map((h) => h.name))].join(' and ')}` : '';
    const nameSpan = { start: v.start + nameStart, end: v.start + nameEnd };
    const fixes: Fix[] = [];
    if (holders.length === 1) fixes.push(fix(`Replace with "${holders[0].name}"`, [{ ...nameSpan, newText: holders[0].name }]));
    const sentenceStart = c.formerAt === 0;
    fixes.push(fix(sentenceStart ? 'Insert "Former"' : 'Insert "former"', [{ start: v.start + c.formerAt, end: v.start + c.formerAt, newText: sentenceStart ? 'Former ' : 'former ' }]));
    out.push({
      start: v.start, end: v.end, trigger: span,
      message: `Contradiction: ${person} was not ${office.name} ${year ? `in ${year}` : `on ${date} (the article's date)`}: ${own.length ? `${own.length === 1 ? 'term' : 'terms'} ${own.join(', ')}` : 'never held it'}${holderText}. Correct the name or the title, or write "former".`,
      fixes,
    });
    void ctx;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Named events: hosts and years

function placeMatches(kb: KnowledgeBase, ev: HostedEvent, place: string): boolean | undefined {
  const n = normalizeName(place);
  const cities = [ev.city, ...(ev.cityAliases ?? []), ...(ev.otherCities ?? [])].filter((c): c is string => !!c).map(normalizeName);
  if (cities.includes(n)) return true;
  const hosts = ev.countries ?? [ev.country];
  const country = countryOf(kb, place) ?? countryByName(place);
  if (country) return hosts.includes(country.iso2);
  if ((ev.countryNames ?? []).map(normalizeName).includes(n)) return true;
  if (n === 'england' || n === 'scotland' || n === 'wales' || n === 'northern ireland') return hosts.includes('GB');
  // A known city: compare its country with the hosts, when the city is in none of them.
  const where = kb.countriesOfCity(place);
  if (!where.length) return undefined;
  if (ev.series === 'fifa-world-cup') return where.some((w) => hosts.includes(w)) ? true : false;
  return false;
}

function hostText(ev: HostedEvent): string {
  const hosts = (ev.countries ?? [ev.country]).map(countryName);
  const place = ev.city ? `${ev.city}, ${hosts[0]}` : hosts.join(', ');
  return `${place}${ev.heldYear ? ` (held in ${ev.heldYear})` : ''}`;
}

interface EventMention {
  events: HostedEvent[]; span: Span; label: string; year?: number; yearSpan?: Span;
  /** The host city written in the event's name ("the Beijing Olympics", "London 2012 Olympics"). */
  city?: { text: string; at: number };
}

const OLYMPIC_SERIES = ['summer-olympics', 'winter-olympics'];
/** The Games a city hosted (of one season, when given). */
function olympicsIn(kb: KnowledgeBase, city: string, season: string | undefined): HostedEvent[] {
  const series = season ? [/winter/i.test(season) ? 'winter-olympics' : 'summer-olympics'] : OLYMPIC_SERIES;
  const n = normalizeName(city);
  return series.flatMap((x) => kb.eventsOf(x)).filter((e) => !e.future && [e.city, ...(e.cityAliases ?? [])].some((c) => c && normalizeName(c) === n));
}
/** The last one to three capitalized words of `before` that name a city that hosted Games (longest first). */
function hostCityBefore(kb: KnowledgeBase, before: string, season: string | undefined): { text: string; index: number } | undefined {
  return capitalizedRunBefore(before).find((run) => olympicsIn(kb, run.text, season).length);
}

/** Named events in a sentence, with the year written with them (if any). `football`: the article is about football. */
function eventMentions(kb: KnowledgeBase, v: SentenceView, football: boolean): EventMention[] {
  const out: EventMention[] = [];
  const body = v.body;
  for (const m of body.matchAll(/\bCOP[- ]?(\d{1,2})\b(?![-.]\d)/g)) {
    const n = Number(m[1]);
    const ev = kb.eventsOf('cop').filter((e) => e.number === n);
    if (ev.length) out.push({ events: ev, span: { start: v.start + m.index!, end: v.start + m.index! + m[0].length }, label: `COP${n}` });
  }
  for (const m of body.matchAll(/\b(?:the\s+)?((1[89]|20)\d\d)\s+(Summer\s+|Winter\s+)?(?:Olympics|Olympic\s+Games|Games\s+of\s+the)\b/g)) {
    const year = Number(m[1]);
    const series = m[3] ? (/winter/i.test(m[3]) ? ['winter-olympics'] : ['summer-olympics']) : OLYMPIC_SERIES;
    const evs = series.flatMap((s) => kb.eventsOf(s));
    const at = evs.filter((e) => e.year === year || e.heldYear === year);
    // "London 2012 Olympics", "Beijing 2012 Olympics": a host city written before the year.
    const host = /^\d/.test(m[0]) ? hostCityBefore(kb, body.slice(0, m.index!), m[3]) : undefined;
    const city = host ? { text: host.text, at: v.start + host.index } : undefined;
    out.push({ events: at.length ? at : [], span: { start: v.start + m.index!, end: v.start + m.index! + m[0].length }, label: m[0].replace(/^the\s+/, ''), year, city });
  }
  // "the Beijing Olympics", "the Sochi Winter Games" (its year is checked when the sentence gives one),
  // and "the Olympics" ("the Summer Olympics in Beijing in 2012": its place and year are checked).
  for (const m of body.matchAll(/\b(?:(the|The)\s+)?(Summer\s+|Winter\s+)?(?:Olympics|Olympic\s+Games)\b|\b(Summer|Winter)\s+Games\b/g)) {
    const before = body.slice(0, m.index!);
    if (/(?:1[89]|20)\d\d\s+$/.test(before)) continue; // the year form above
    const season = m[2] ?? m[3];
    const host = hostCityBefore(kb, before, season);
    if (host) {
      const evs = olympicsIn(kb, host.text, season);
      out.push({ events: evs, span: { start: v.start + host.index, end: v.start + m.index! + m[0].length }, label: `${host.text} ${m[0].replace(/^the\s+/i, '')}`, city: { text: host.text, at: v.start + host.index } });
    } else if (m[1] && !m[3]) {
      const evs = (season ? [/winter/i.test(season) ? 'winter-olympics' : 'summer-olympics'] : OLYMPIC_SERIES).flatMap((x) => kb.eventsOf(x)).filter((e) => !e.future);
      out.push({ events: evs, span: { start: v.start + m.index!, end: v.start + m.index! + m[0].length }, label: m[0].replace(/^the\s+/i, '') });
    }
  }
  if (football) {
    for (const m of body.matchAll(/\b(?:the\s+)?((?:19|20)\d\d)\s+(?:FIFA\s+)?World\s+Cup\b/g)) {
      const pre = body.slice(Math.max(0, m.index! - 30), m.index!);
      if (/\b(?:women's|women’s|rugby|cricket|hockey|T20|club|ski|skiing|basketball|volleyball|handball|netball|chess|darts)\s*$/i.test(pre)) continue;
      if (/^\s*(?:of\s+)?(?:women's|women’s|rugby|cricket|hockey)/i.test(body.slice(m.index! + m[0].length))) continue;
      const year = Number(m[1]);
      const at = kb.eventsOf('fifa-world-cup').filter((e) => e.year === year);
      out.push({ events: at, span: { start: v.start + m.index!, end: v.start + m.index! + m[0].length }, label: m[0].replace(/^the\s+/, ''), year });
    }
  }
  for (const m of body.matchAll(/\b(?:the\s+)?(?:((?:19|20)\d\d)\s+)?(G7|G8|G-7|G-8|G20|G-20)\s+(?:leaders'?\s+|leaders’\s+)?summit\b/g)) {
    const series = /20/.test(m[2]) ? 'g20-summit' : 'g7-summit';
    const year = m[1] ? Number(m[1]) : undefined;
    const evs = kb.eventsOf(series).filter((e) => year === undefined || e.year === year);
    out.push({ events: evs, span: { start: v.start + m.index!, end: v.start + m.index! + m[0].length }, label: m[0].replace(/^the\s+/, ''), year });
  }
  return out;
}

/**
 * The place written after an event's name ("COP29 in Baku", "COP29, held in Baku,"), and before it
 * ("Azerbaijan's hosting of COP29"). Made once, like every other expression of the rules: one made
 * anew on each call is compiled again on each call once V8's cache of compiled expressions has been
 * cleared by its collections (Unicode classes make that compilation slow).
 */
const EVENT_PLACE_AFTER = new RegExp(`^\\s*(?:(?:summit|conference|climate\\s+(?:conference|summit|talks))\\s*)?(?:,\\s*)?(?:(?:which\\s+|that\\s+)?(?:was|is|will\\s+be|were)\\s+)?(?:(?:to\\s+be\\s+)?(?:held|hosted|staged|taking\\s+place|took\\s+place|convened)\\s+)?(?:in|at)\\s+(?:the\\s+)?(${PLACE})`, 'u');
const EVENT_PLACE_BEFORE = new RegExp(`(${PLACE})(?:'s|’s)?\\s+(?:(?:\\p{Ll}+\\s+){0,3})?(?:hosting|hosts|hosted|will\\s+host|to\\s+host|host\\s+of|hosting\\s+of|staging|staged|stages)\\s+(?:of\\s+)?(?:the\\s+)?$`, 'u');

function eventFindings(kb: KnowledgeBase, v: SentenceView, football: boolean): Finding[] {
  const out: Finding[] = [];
  for (const em of eventMentions(kb, v, football)) {
    if (inQuote(v, em.span)) continue;
    const rel = em.span.end - v.start;
    const after = v.body.slice(rel);
    const before = v.body.slice(0, em.span.start - v.start);
    // Where: "COP29 in Baku", "COP29, held in Baku,", "COP29 at Baku"; or "Azerbaijan's hosting of COP29" / "Baku hosted COP29".
    const placeAfter = EVENT_PLACE_AFTER.exec(after);
    const placeBefore = EVENT_PLACE_BEFORE.exec(before);
    // A year written after the event: "COP26 in Glasgow in 2021", "COP21 in 2015".
    const yearAfter = /^(?:\s*(?:,|summit|conference)?\s*(?:(?:held|hosted|staged)\s+)?(?:in|at)\s+(?:the\s+)?[\p{L}'’. -]{0,40}?)?\s+in\s+((?:19|20)\d\d)\b/u.exec(after);
    let place: string | undefined, placeAt = -1;
    if (placeAfter) { place = stripPossessive(placeAfter[1]); placeAt = em.span.end + placeAfter[0].length - placeAfter[1].length; }
    else if (placeBefore) { place = stripPossessive(placeBefore[1]); placeAt = v.start + placeBefore.index; }
    else if (em.city) { place = em.city.text; placeAt = em.city.at; }
    const year = em.year ?? (yearAfter ? Number(yearAfter[1]) : undefined);
    let candidates = em.events;
    if (em.year !== undefined && !candidates.length) {
      // "the 2015 Summer Olympics": no such event that year.
      if (/Olympic/.test(em.label) || /World Cup/.test(em.label)) {
        const series = /Winter/.test(em.label) ? 'winter-olympics' : /Summer/.test(em.label) ? 'summer-olympics' : /World Cup/.test(em.label) ? 'fifa-world-cup' : '';
        if (!series) continue;
        const all = kb.eventsOf(series);
        const near = all.filter((e) => Math.abs(e.year - em.year!) <= 4).map((e) => `${e.year} (${hostText(e)})`);
        out.push({
          start: v.start, end: v.end, trigger: em.span,
          message: `Contradiction: there was no ${em.label.replace(/^\d{4}\s+/, '')} in ${em.year}; the nearest were ${near.join(' and ')}. Correct the year.`,
          fixes: [],
        });
      }
      continue;
    }
    if (place) {
      // Drop trailing words that are not part of the place ("Baku on", "Osaka last").
      const words = place.split(/\s+/);
      let verdict: boolean | undefined, used = place;
      for (let n = words.length; n > 0 && verdict === undefined; n--) {
        used = words.slice(0, n).join(' ');
        verdict = candidates.length ? (candidates.some((e) => placeMatches(kb, e, used) === true) ? true : candidates.every((e) => placeMatches(kb, e, used) === false) ? false : undefined) : undefined;
      }
      if (verdict === false) {
        // With a year ("the 2019 G20 summit in Buenos Aires") or a numbered event (COP29) the event is fixed.
        const ev = candidates.length === 1 ? candidates[0] : year !== undefined ? candidates.find((e) => e.year === year) : undefined;
        if (ev) {
          const span = { start: placeAt, end: placeAt + used.length };
          const right = ev.city && !kb.country(used) ? ev.city : countryName(ev.country);
          out.push({
            start: v.start, end: v.end, trigger: { start: Math.min(em.span.start, span.start), end: Math.max(em.span.end, span.end) },
            message: `Contradiction: ${ev.number ? '' : 'the '}${ev.name}${ev.number ? ` (${ev.year})` : ''} ${ev.future ? 'was awarded to' : 'took place in'} ${hostText(ev)}, not ${used}.${ev.note ? ` (${ev.note}.)` : ''} Correct the place.`,
            fixes: [fix(`Replace with "${right}"`, [{ ...span, newText: right }])],
          });
          continue;
        }
        // Without a year: the place may pick the event ("the G20 summit in Osaka in 2017").
      }
      if (year !== undefined && !em.year) {
        // "COP26 in Glasgow in 2019": the event named by number/place, with a wrong year.
        const byPlace = (em.events.length === 1 ? em.events : em.events.filter((e) => placeMatches(kb, e, used) === true));
        if (byPlace.length && !byPlace.some((e) => e.year === year || e.heldYear === year)) {
          const ev = byPlace[0];
          const yAt = em.span.end + (yearAfter ? yearAfter[0].length - 4 : 0);
          const held = (e: HostedEvent) => e.heldYear ?? e.year;
          // A city that hosted several ("the Olympics in Paris"): name them all, offer no single fix.
          const seasons = new Set(byPlace.map((e) => e.series)).size > 1;
          const what = byPlace.length > 1
            ? `the ${em.label.replace(/^(?:the\s+)?(?:\p{Lu}[\p{L}'’.-]*\s+)*?(?=(?:Summer\s+|Winter\s+)?(?:Olympics|Olympic|Games))/u, '')} in ${used} took place in ${byPlace.map((e) => `${held(e)}${seasons ? ` (${e.name.replace(/^\d{4}\s+/, '')})` : ''}`).join(', ').replace(/, ([^,]*)$/, ' and $1')}`
            : `${ev.number ? ev.name : ev.name.replace(/^\d{4}\s+/, 'the ')} in ${used} took place in ${held(ev)}`;
          out.push({
            start: v.start, end: v.end, trigger: { start: em.span.start, end: yAt + 4 },
            message: `Contradiction: ${what}, not ${year}. Correct the year.`,
            fixes: byPlace.length === 1 ? [fix(`Replace with "${held(ev)}"`, [{ start: yAt, end: yAt + 4, newText: String(held(ev)) }])] : [],
          });
        }
      }
    } else if (year !== undefined && !em.year && em.events.length === 1) {
      const ev = em.events[0];
      if (ev.year !== year && ev.heldYear !== year) {
        const yAt = em.span.end + (yearAfter ? yearAfter[0].length - 4 : 0);
        out.push({
          start: v.start, end: v.end, trigger: { start: em.span.start, end: yAt + 4 },
          message: `Contradiction: ${ev.number ? '' : 'the '}${ev.name} took place in ${hostText(ev)} in ${ev.year}, not in ${year}. Correct the year.`,
          fixes: [fix(`Replace with "${ev.year}"`, [{ start: yAt, end: yAt + 4, newText: String(ev.year) }])],
        });
      }
    }
  }
  return out;
}

export const contradiction: Rule = {
  id: 'contradiction',
  category: 'contradiction',
  defaultSeverity: 'error',
  description: 'A statement that contradicts the knowledge base (capitals, cities, office holders, event hosts)',
  run(ctx, info) {
    const kb = ctx.kb ?? createKnowledgeBase();
    const date = validDate(ctx.structure.date);
    // Whether the article is about football: once per article (or from the context), not per sentence.
    const { football } = articleFlags(ctx);
    const out: Finding[] = [];
    for (const { view: v } of info.statements()) {
      const found = [...capitalFindings(kb, v), ...pairFindings(kb, v), ...officeFindings(kb, ctx, v, date), ...eventFindings(kb, v, football)];
      // One finding per trigger; the first per sentence carries the sentence span.
      const seen = new Set<string>();
      for (const f of found.sort((x, y) => (x.trigger?.start ?? 0) - (y.trigger?.start ?? 0))) {
        const key = `${f.trigger?.start}:${f.trigger?.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // The finding covers the wrong words themselves, so each can be fixed on its own.
        out.push(f.trigger ? { ...f, start: f.trigger.start, end: f.trigger.end } : f);
      }
    }
    return out;
  },
};
