/**
 * The knowledge base the contradiction checks use: offices and their holders, 2000 to the data's date
 * (heads of state and government and foreign ministers of the G20 members and the EU; heads of state
 * and/or government of some thirty other countries often in the news, with the foreign ministers of
 * Iran, Ukraine (from 2014) and Spain (from 2020); more US and UK cabinet offices; the heads of the UN, NATO, the IMF, the World Bank, WHO, the IOC and
 * the ECB, and the Pope: the list is in `server/data/kb/README.md`), the hosts
 * of named events (COP1–COP30, Olympic Games, FIFA World Cups, G7 and G20 summits), and capitals and
 * city → country from the gazetteer. Data: `server/data/kb/*.json` (versioned, sources noted in
 * `server/data/kb/README.md`). The user's own facts (`.newslens/facts.json`) are merged in by
 * `createKnowledgeBase(userFacts)`.
 */
import officesData from '../../../data/kb/offices.json';
import eventsData from '../../../data/kb/events.json';
import { countryByName, countryByIso, citiesByName, isCapitalOf, type CountryRecord } from '../gazetteer';

export interface Term {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** YYYY-MM-DD, the first day in office. */
  readonly start: string;
  /** YYYY-MM-DD, the day the successor took over; null while in office. */
  readonly end: string | null;
  /** An acting or interim holder (may overlap a suspended holder's term). */
  readonly acting?: boolean;
}

export interface Office {
  readonly id: string;
  /** ISO 3166-1 alpha-2 code, or "EU". */
  readonly country: string;
  readonly kind: string;
  /** The office's full name ("President of the United States"). */
  readonly name: string;
  /** Titles written before a holder's name ("President", "U.S. President"). */
  readonly titles: readonly string[];
  readonly holders: readonly Term[];
  /** YYYY-MM-DD, when the office was created (after 2000) or abolished. */
  readonly established?: string;
  readonly abolished?: string;
}

export interface HostedEvent {
  readonly series: string;
  readonly name: string;
  readonly number?: number;
  readonly year: number;
  /** The year it actually took place, when different (Tokyo 2020 in 2021). */
  readonly heldYear?: number;
  readonly city?: string;
  readonly cityAliases?: readonly string[];
  readonly otherCities?: readonly string[];
  /** ISO code of the (first) host country. */
  readonly country: string;
  readonly countries?: readonly string[];
  readonly countryNames?: readonly string[];
  readonly note?: string;
  readonly future?: boolean;
  /** The host place is an island or a town below the gazetteer's population threshold. */
  readonly notInGazetteer?: boolean;
}

/** Facts the user adds in `.newslens/facts.json` (already validated). */
export interface UserFacts {
  readonly entities?: readonly { name: string; kind: string; aliases?: readonly string[]; country?: string }[];
  readonly offices?: readonly { id?: string; title: string; titles?: readonly string[]; country?: string; holders: readonly Term[] }[];
  readonly facts?: readonly (
    | { type: 'capital'; country: string; city: string }
    | { type: 'city'; city: string; country: string }
    | { type: 'event'; name: string; year: number; city?: string; country?: string }
  )[];
  /** Findings an editor has checked: matched by the sentence's text (and rule, when given). */
  readonly checked?: readonly { text: string; rule?: string; note?: string }[];
}

export interface KnowledgeBase {
  readonly version: string;
  /** The date up to which office data is known (YYYY-MM-DD). */
  readonly validThrough: string;
  readonly offices: readonly Office[];
  readonly events: readonly HostedEvent[];
  /** Offices whose title forms include `title` (case-sensitive as written). */
  officesWithTitle(title: string): readonly Office[];
  /** Every title form, longest first. */
  readonly titleForms: readonly string[];
  /** Terms (with their office) of the people with this name or alias. */
  termsOf(name: string): readonly { office: Office; term: Term }[];
  /** Holders of an office on a date (YYYY-MM-DD). */
  holdersAt(office: Office, date: string): readonly Term[];
  /** The country (record) for a name as written ("Australia", "the Netherlands"), if any. */
  country(name: string): CountryRecord | undefined;
  /** ISO codes of the countries that have a city of this name (gazetteer plus the user's facts). */
  countriesOfCity(name: string): readonly string[];
  /** Whether `city` is a capital of the country (ISO code). */
  isCapital(city: string, iso: string): boolean;
  /** The capital's name for a country (ISO code). */
  capitalOf(iso: string): string | undefined;
  /** Events by series. */
  eventsOf(series: string): readonly HostedEvent[];
  /** Normalized sentence texts the user marked as checked, with the rule (or '*'). */
  readonly checked: readonly { text: string; rule: string }[];
}

/** Folds case, diacritics, dots and spacing: "Antony J. Blinken" ~ "antony j blinken". */
export function normalizeName(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').replace(/[łŁ]/g, 'l').replace(/[øØ]/g, 'o')
    .replace(/[’‘`]/g, "'").replace(/\./g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A person's name as a lookup key: `normalizeName` with German and Nordic vowel spellings folded, so
 * "Schroeder" finds "Schröder" and "Guel" or "Gul" finds "Gül" (ö, oe and o are one key).
 */
export function personKey(name: string): string {
  return normalizeName(name).replace(/([a-z])[oua]e/g, (m) => m.slice(0, 2));
}

function build(user?: UserFacts): KnowledgeBase {
  const base = officesData as unknown as { version: string; validThrough: string; offices: Office[] };
  const offices: Office[] = [...base.offices];
  for (const [i, o] of (user?.offices ?? []).entries()) {
    offices.push({
      id: o.id ?? `user-office-${i + 1}`, country: o.country ?? '', kind: 'user', name: o.title,
      titles: [o.title, ...(o.titles ?? [])], holders: o.holders,
    });
  }
  const byTitle = new Map<string, Office[]>();
  for (const o of offices) for (const t of o.titles) {
    let l = byTitle.get(t);
    if (!l) byTitle.set(t, (l = []));
    if (!l.includes(o)) l.push(o);
  }
  const byName = new Map<string, { office: Office; term: Term }[]>();
  for (const office of offices) for (const term of office.holders) {
    for (const n of new Set([term.name, ...(term.aliases ?? [])].map(personKey))) {
      let l = byName.get(n);
      if (!l) byName.set(n, (l = []));
      l.push({ office, term });
    }
  }
  // Aliases the user gives a known person ("Bibi" for a holder) join that person's terms.
  for (const e of user?.entities ?? []) {
    if (e.kind !== 'person') continue;
    const known = byName.get(personKey(e.name));
    if (!known) continue;
    for (const a of e.aliases ?? []) {
      const n = personKey(a);
      const l = byName.get(n) ?? [];
      for (const k of known) if (!l.includes(k)) l.push(k);
      byName.set(n, l);
    }
  }
  const events: HostedEvent[] = [...(eventsData as unknown as { events: HostedEvent[] }).events];
  const userCities = new Map<string, Set<string>>();
  const userCapitals = new Map<string, string>();
  const isoOf = (c: string) => (countryByIso(c.toUpperCase())?.iso2 ?? countryByName(c)?.iso2 ?? (c.length === 2 ? c.toUpperCase() : c));
  const addCity = (city: string, iso: string) => {
    const n = normalizeName(city);
    let s = userCities.get(n);
    if (!s) userCities.set(n, (s = new Set()));
    s.add(iso);
  };
  for (const f of user?.facts ?? []) {
    if (f.type === 'capital') { userCapitals.set(isoOf(f.country), f.city); addCity(f.city, isoOf(f.country)); }
    else if (f.type === 'city') addCity(f.city, isoOf(f.country));
    else if (f.type === 'event') events.push({ series: 'user', name: f.name, year: f.year, city: f.city, country: f.country ? isoOf(f.country) : '' });
  }
  for (const e of user?.entities ?? []) if (e.kind === 'place' && e.country) for (const n of [e.name, ...(e.aliases ?? [])]) addCity(n, isoOf(e.country));
  const checked = (user?.checked ?? []).map((c) => ({ text: normalizeName(c.text), rule: c.rule ?? '*' })).filter((c) => c.text.length > 0);
  const titleForms = [...byTitle.keys()].sort((a, b) => b.length - a.length);
  return {
    version: base.version,
    validThrough: base.validThrough,
    offices,
    events,
    titleForms,
    checked,
    officesWithTitle: (t) => byTitle.get(t) ?? [],
    termsOf: (name) => byName.get(personKey(name)) ?? [],
    holdersAt: (office, date) => office.holders.filter((h) => h.start <= date && (h.end === null || date < h.end)),
    country: (name) => countryByName(name) ?? countryByName(name.replace(/^the\s+/i, '')),
    countriesOfCity(name) {
      const out = new Set<string>();
      for (const c of citiesByName(name)) out.add(c.country);
      for (const c of userCities.get(normalizeName(name)) ?? []) out.add(c);
      return [...out];
    },
    isCapital: (city, iso) => isCapitalOf(city, iso) || (userCapitals.has(iso) && normalizeName(userCapitals.get(iso)!) === normalizeName(city)),
    capitalOf: (iso) => userCapitals.get(iso) ?? countryByIso(iso)?.capital,
    eventsOf: (series) => events.filter((e) => e.series === series),
  };
}

let bundled: KnowledgeBase | undefined;

/** The bundled knowledge base, plus the user's facts when given (a new base each time then). */
export function createKnowledgeBase(user?: UserFacts): KnowledgeBase {
  if (!user) return (bundled ??= build());
  return build(user);
}

const perFacts = new WeakMap<object, KnowledgeBase>();
/** One knowledge base per facts object (the server keeps the parsed facts file and reuses it). */
export function knowledgeBaseFor(user?: UserFacts): KnowledgeBase {
  if (!user) return createKnowledgeBase();
  let kb = perFacts.get(user);
  if (!kb) perFacts.set(user, (kb = createKnowledgeBase(user)));
  return kb;
}

export function kbVersion(): string {
  return (officesData as { version: string }).version;
}

/** An office the knowledge base records for a person, and whether the term covers a given date. */
export interface PersonOffice {
  readonly office: Office;
  readonly term: Term;
  /** The term covers the article's date (when one was given). */
  readonly atDate?: boolean;
}

/** Whether a role written in the article ("Secretary of State", "President of France") fits an office. */
function roleFitsOffice(kb: KnowledgeBase, role: string, office: Office): boolean {
  const m = /^(.*?) of (?:the )?(.+)$/.exec(role);
  const forms = [role, ...(m ? [m[1]] : [])];
  if (m) {
    const c = kb.country(m[2]);
    if (c && office.country !== c.iso2 && forms.includes(m[1]) && !office.titles.includes(role)) {
      // "President of Azerbaijan" does not fit the French presidency.
      return office.name === role;
    }
  }
  return office.name === role || forms.some((f) => office.titles.includes(f) || office.titles.some((t) => f.endsWith(` ${t}`)));
}

/**
 * The offices of a person, looked up by the names the article uses (canonical name first, then the
 * other forms) and narrowed by the roles written next to the name and by the article's date.
 * Full names decide alone (a full name the knowledge base does not know gives nothing); a bare surname
 * ("Bush") needs a role or the date to pick one person, else nothing is claimed. Terms come sorted by start.
 */
export function officesOfPerson(kb: KnowledgeBase, names: readonly string[], roles: readonly string[] = [], date?: string): PersonOffice[] {
  const full = names.filter((n) => /\s/.test(n.trim()));
  const short = names.filter((n) => !/\s/.test(n.trim()));
  // A full name the article gives decides: "Chelsea Clinton" is not looked up as "Clinton".
  let found: { office: Office; term: Term }[] = [];
  for (const n of full.length ? full : short) for (const t of kb.termsOf(n)) if (!found.includes(t)) found.push(t);
  if (!found.length) return [];
  if (roles.length) {
    const fit = found.filter((f) => roles.some((r) => roleFitsOffice(kb, r, f.office)));
    if (fit.length) {
      // The person who holds the written office: keep all of that person's terms.
      const people = new Set(fit.map((f) => f.term.name));
      found = found.filter((f) => people.has(f.term.name));
    }
  }
  const covers = (t: Term) => !!date && t.start <= date && (t.end === null || date < t.end);
  let people = new Set(found.map((f) => f.term.name));
  if (people.size > 1 && date) {
    const atDate = found.filter((f) => covers(f.term));
    if (atDate.length) {
      people = new Set(atDate.map((f) => f.term.name));
      found = found.filter((f) => people.has(f.term.name));
    }
  }
  if (people.size > 1) return [];
  return found
    .slice()
    .sort((x, y) => x.term.start.localeCompare(y.term.start))
    .map((f) => (date ? { ...f, atDate: covers(f.term) } : f));
}
