/**
 * The combined name lexicon recognition matches against: every form of every country, territory,
 * city, region, known organization and named event, keyed by the form as written (whitespace
 * collapsed). Built once, lazily; a lookup is one Map access.
 */
import placesData from '../../../data/places.json';
import orgData from '../../../data/organizations.json';
import orgWorldData from '../../../data/organizations-world.json';
import eventData from '../../../data/events.json';
import productData from '../../../data/products.json';
import type { EntityKind } from '../types';
import { allCountries, allTerritories, cityNames, citiesByName } from './index';

export interface LexEntry {
  readonly kind: EntityKind;
  /** The canonical name of the entity the form names. */
  readonly canonical: string;
  /** Where it comes from: country, demonym, territory, city, place, organization, event. */
  readonly source: 'country' | 'demonym' | 'territory' | 'city' | 'place' | 'organization' | 'event';
  /** City names that are also common words or people's names need context. */
  readonly commonWord?: boolean;
  readonly personName?: boolean;
}

export interface Lexicon {
  readonly map: ReadonlyMap<string, LexEntry>;
  /** The most words a form has (bounds the longest-match scan). */
  readonly maxWords: number;
}

let built: Lexicon | undefined;

/** Counts the words a form splits into with the recognizer's tokenizer (letters, digits, "U.S."). */
export function wordCount(form: string): number {
  return (form.match(/(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’](?!s\b)[\p{L}\p{N}]+)*/gu) ?? []).length;
}

export function lexicon(): Lexicon {
  if (built) return built;
  const map = new Map<string, LexEntry>();
  let maxWords = 1;
  const put = (form: string, e: LexEntry, override = false) => {
    const key = form.replace(/\s+/g, ' ').trim();
    if (!key || (!override && map.has(key))) return;
    map.set(key, e);
    maxWords = Math.max(maxWords, wordCount(key));
  };
  // Events and organizations first: "Munich Security Conference" is an event, "Indonesian Navy" an organization.
  for (const [name, forms] of Object.entries((eventData as { events: Record<string, string[]> }).events)) {
    for (const f of [name, ...forms]) put(f, { kind: 'event', canonical: name, source: 'event' });
  }
  for (let n = 1; n <= 35; n++) {
    put(`COP${n}`, { kind: 'event', canonical: `COP${n}`, source: 'event' });
    put(`COP ${n}`, { kind: 'event', canonical: `COP${n}`, source: 'event' });
  }
  for (const [name, forms] of Object.entries((orgData as { orgs: Record<string, string[]> }).orgs)) {
    for (const f of [name, ...forms]) put(f, { kind: 'organization', canonical: name, source: 'organization' });
  }
  // Organizations commonly in the news, by group (a canonical already known only adds forms).
  for (const group of Object.values((orgWorldData as { groups: Record<string, Record<string, string[]>> }).groups)) {
    for (const [name, forms] of Object.entries(group)) {
      for (const f of [name, ...forms]) put(f, { kind: 'organization', canonical: name, source: 'organization' });
    }
  }
  for (const c of allCountries()) {
    put(c.name, { kind: 'country', canonical: c.name, source: 'country' });
    for (const a of c.aliases) if (!a.startsWith('the ')) put(a, { kind: 'country', canonical: c.name, source: 'country' });
  }
  for (const c of allCountries()) for (const d of c.demonyms) put(d, { kind: 'country', canonical: c.name, source: 'demonym' });
  for (const t of allTerritories()) for (const f of [t.name, ...t.aliases]) put(f, { kind: 'place', canonical: t.name, source: 'territory' });
  const places = placesData as unknown as Record<string, string[] | string>;
  for (const [group, names] of Object.entries(places)) {
    if (group.startsWith('_') || !Array.isArray(names)) continue;
    for (const n of names) put(n.startsWith('the ') ? n.slice(4) : n, { kind: 'place', canonical: n.startsWith('the ') ? n.slice(4) : n, source: 'place' });
  }
  for (const name of cityNames()) {
    const cs = citiesByName(name);
    put(name, {
      kind: 'place', canonical: name, source: 'city',
      ...(cs.every((c) => c.commonWord) ? { commonWord: true } : {}),
      ...(cs.some((c) => c.personName) ? { personName: true } : {}),
    });
  }
  built = { map, maxWords };
  return built;
}

let products: ReadonlySet<string> | undefined;
/** Whether the form (as written, whitespace collapsed) names a product, software, drug or game (`products.json`). */
export function isProduct(form: string): boolean {
  products ??= new Set((productData as { products: string[] }).products);
  return products.has(form.replace(/\s+/g, ' '));
}
