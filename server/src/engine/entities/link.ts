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

export function linkEntities(text: string, raw: readonly AbsoluteMention[]): { entities: Entity[]; mentions: Mention[] } {
  // Group by kind + canonical name.
  const groups = new Map<string, { kind: EntityKind; name: string; items: AbsoluteMention[] }>();
  for (const m of raw) {
    const key = `${m.kind}:${m.canonical}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind: m.kind, name: m.canonical, items: [] }));
    g.items.push(m);
  }
  // A one-word person joins the longer person name it ends or starts.
  const people = [...groups.values()].filter((g) => g.kind === 'person');
  for (const g of people) {
    if (g.name.includes(' ')) continue;
    const full = people.find((o) => o !== g && o.name.includes(' ') && (o.name.endsWith(' ' + g.name) || o.name.startsWith(g.name + ' ')));
    if (full) {
      full.items.push(...g.items);
      groups.delete(`person:${g.name}`);
    }
  }
  const entities: Entity[] = [];
  const mentions: Mention[] = [];
  const used = new Set<string>();
  for (const g of groups.values()) {
    let id = `${g.kind}:${slug(g.name)}`;
    for (let n = 2; used.has(id); n++) id = `${g.kind}:${slug(g.name)}-${n}`;
    used.add(id);
    const ms: Mention[] = g.items
      .sort((a, b) => a.start - b.start)
      .map((m) => ({ start: m.start, end: m.end, entity: id, text: text.slice(m.start, m.end), ...(m.role ? { role: m.role } : {}) }));
    const roleCount = new Map<string, number>();
    for (const m of ms) if (m.role) roleCount.set(m.role, (roleCount.get(m.role) ?? 0) + 1);
    const roles = [...roleCount.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
    entities.push({ id, kind: g.kind, name: g.name, mentions: ms, roles, facts: factsOf(g.kind, g.name) });
    mentions.push(...ms);
  }
  entities.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  mentions.sort((a, b) => a.start - b.start);
  return { entities, mentions };
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
