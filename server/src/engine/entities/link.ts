/**
 * Linking: mentions of the whole article become entities, each with one id and a canonical name.
 * A surname joins the full name it ends; one sense per article (a form labelled once keeps its kind).
 */
import type { Entity, EntityFacts, EntityKind, Mention } from '../types';
import type { RawMention } from './recognize';
import { countryByName, citiesByName, countryByIso, territoryByName } from '../gazetteer';

export interface AbsoluteMention extends RawMention {}

function slug(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'x';
}

/** Where a raw mention object keeps the Mention made for it (see `reuse`). */
const LINKED = Symbol('linked');

/**
 * With `reuse`, the Mention made for a raw mention object in an earlier call is given again when its
 * entity is the same (it is kept on the raw object, when that object is extensible): the caller
 * guarantees that a raw mention object it passes again stands at the same place in the same text (the
 * analyzer passes the same objects only for unchanged, unmoved blocks).
 */
export function linkEntities(text: string, raw: readonly AbsoluteMention[], reuse = false): { entities: Entity[]; mentions: Mention[] } {
  // Group by kind + canonical name. (Items are indices into `raw`.)
  const groups = new Map<string, { kind: EntityKind; name: string; items: number[] }>();
  raw.forEach((m, i) => {
    const key = `${m.kind}:${m.canonical}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind: m.kind, name: m.canonical, items: [] }));
    g.items.push(i);
  });
  // A one-word person joins the longer person name it ends or starts.
  // (The first such name in group order: indexed by first and last word, not a scan per name.)
  const people = [...groups.values()].filter((g) => g.kind === 'person');
  const byFirst = new Map<string, number>();
  const byLast = new Map<string, number>();
  people.forEach((o, i) => {
    if (!o.name.includes(' ')) return;
    const first = o.name.slice(0, o.name.indexOf(' '));
    const last = o.name.slice(o.name.lastIndexOf(' ') + 1);
    if (!byFirst.has(first)) byFirst.set(first, i);
    if (!byLast.has(last)) byLast.set(last, i);
  });
  for (const g of people) {
    if (g.name.includes(' ')) continue;
    const i = Math.min(byFirst.get(g.name) ?? Infinity, byLast.get(g.name) ?? Infinity);
    const full = i < Infinity ? people[i] : undefined;
    if (full) {
      full.items.push(...g.items);
      groups.delete(`person:${g.name}`);
    }
  }
  const entities: Entity[] = [];
  const mentions: Mention[] = [];
  const byRaw: Mention[] = new Array(raw.length);
  const used = new Set<string>();
  for (const g of groups.values()) {
    const base = `${g.kind}:${slugOf(g.name)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    const ms: Mention[] = g.items
      .sort((a, b) => raw[a].start - raw[b].start)
      .map((i) => {
        const m = raw[i] as AbsoluteMention & { [LINKED]?: Mention };
        let out = reuse ? m[LINKED] : undefined;
        if (!out || out.entity !== id) {
          out = { start: m.start, end: m.end, entity: id, text: text.slice(m.start, m.end), ...(m.role ? { role: m.role } : {}) };
          if (reuse && Object.isExtensible(m)) m[LINKED] = out;
        }
        byRaw[i] = out;
        return out;
      });
    const roleCount = new Map<string, number>();
    for (const m of ms) if (m.role) roleCount.set(m.role, (roleCount.get(m.role) ?? 0) + 1);
    const roles = [...roleCount.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
    entities.push({ id, kind: g.kind, name: g.name, mentions: ms, roles, facts: factsMemo(g.kind, g.name) });
    mentions.push(...ms);
  }
  entities.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  // Raw mentions sorted by start (as the article pass gives them): their order is the sorted order.
  let sorted = true;
  for (let i = 1; i < raw.length && sorted; i++) if (raw[i].start <= raw[i - 1].start) sorted = false;
  if (sorted) return { entities, mentions: byRaw };
  mentions.sort((a, b) => a.start - b.start);
  return { entities, mentions };
}

/** slug and factsOf are pure functions of the name: computed once per name (up to a bound). */
const slugs = new Map<string, string>();
function slugOf(name: string): string {
  let s = slugs.get(name);
  if (s === undefined) {
    if (slugs.size > 50_000) slugs.clear();
    slugs.set(name, (s = slug(name)));
  }
  return s;
}

const facts = new Map<string, EntityFacts>();
function factsMemo(kind: EntityKind, name: string): EntityFacts {
  const key = `${kind}:${name}`;
  let f = facts.get(key);
  if (f === undefined) {
    if (facts.size > 50_000) facts.clear();
    facts.set(key, (f = factsOf(kind, name)));
  }
  return f;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** What the gazetteers know of an entity, as short hover lines. */
export function factsOf(kind: EntityKind, name: string): EntityFacts {
  if (kind === 'country') {
    const c = countryByName(name);
    if (!c) return { lines: [] };
    const lines = [`Capital: ${c.capital}`, `Region: ${c.subregion ? `${c.subregion} (${c.region})` : c.region}`];
    if (c.official && c.official !== c.name) lines.push(`Official name: ${c.official}`);
    lines.push(`ISO code: ${c.iso2}${c.iso3 ? ` / ${c.iso3}` : ''}`);
    return { lines, country: c.iso2 };
  }
  if (kind === 'place') {
    const t = territoryByName(name);
    if (t) return { lines: [`Territory (ISO ${t.iso2})${t.capital ? `; capital ${t.capital}` : ''}`], country: t.iso2 };
    const cities = citiesByName(name);
    if (cities.length) {
      const c = cities[0];
      const country = countryByIso(c.country)?.name ?? territoryByName(c.country)?.name ?? c.country;
      const lines = [`${c.capital ? `Capital of ${country}` : `City in ${country}`}${c.population ? ` (population ${fmt(c.population)})` : ''}`];
      if (cities.length > 1) lines.push(`Also a city in ${[...new Set(cities.slice(1).map((x) => countryByIso(x.country)?.name ?? x.country))].slice(0, 3).join(', ')}`);
      return { lines, country: c.country };
    }
  }
  return { lines: [] };
}
