/**
 * Linking: mentions of the whole article become entities, each with one id and a canonical name.
 * A surname joins the full name it ends; one sense per article (a form labelled once keeps its kind).
 */
import type { Entity, EntityFacts, EntityKind, Mention } from '../types';
import type { RawMention } from './recognize';
import type { MentionWindows } from '../blockSpans';
import { countryByName, citiesByName, countryByIso, territoryByName } from '../gazetteer';

export interface AbsoluteMention extends RawMention {}

function slug(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'x';
}

/** The mentions of one block, relative to its start. */
export interface LinkBlock {
  readonly start: number;
  readonly mentions: readonly RawMention[];
  /**
   * The block's text: a mention's name is sliced from it, not from the article's text (which the name,
   * kept with the block's Mentions, would otherwise keep alive).
   */
  readonly text: string;
}

/**
 * Made once per array of relative mentions (a block's, kept by the caller while the block's text and
 * mentions stay the same): their group keys, and the Mentions last made from them.
 */
interface BlockLinks {
  readonly keys: readonly string[];
  /** Their entity ids in the last call (the same array while they stay the same). */
  ids?: readonly string[];
  /** The Mentions last made from them: at offset `start`, with the entity ids `ids` (that array). */
  last?: { start: number; ids: readonly string[]; mentions: readonly Mention[] };
}

export interface Linked {
  readonly entities: Entity[];
  /** Sorted by start. */
  readonly mentions: Mention[];
  /**
   * Per block, where its mentions are in `mentions` and their entity ids (an array that stays the same
   * object while the block's mentions array and their ids stay the same); absent when the blocks'
   * mentions were not in order.
   */
  readonly blocks?: { readonly windows: MentionWindows; readonly ids: readonly (readonly string[])[] };
}

/**
 * What `linkBlocks` keeps between calls: per array of a block's mentions, the last call's grouping,
 * and per group the Entity last made of it.
 */
export interface LinkMemo {
  readonly blocks: WeakMap<object, BlockLinks>;
  last?: { readonly links: readonly BlockLinks[]; readonly sorted: boolean; readonly grouped: Grouped };
  /** Per group, the Entity last made of it, and by which call (they are numbered). */
  entities?: WeakMap<Group, { readonly call: number; readonly entity: Entity }>;
  calls?: number;
}

interface Group { readonly id: string; readonly kind: EntityKind; readonly name: string; readonly items: readonly number[] }

/** The entities' ids, kinds, names and items (indices into the article's mentions, sorted by start). */
interface Grouped {
  /** Entity id per item. */
  readonly ids: readonly string[];
  readonly made: readonly Group[];
  /** `made` in order of the groups' first items (when the items were sorted): the entities' order. */
  byFirst?: readonly Group[];
}

const NO_ROLES: readonly string[] = Object.freeze([]);

/** The roles written next to the mentions, most frequent first (ties: in order of first use). */
function rolesOf(ms: readonly Mention[]): readonly string[] {
  let roleCount: Map<string, number> | undefined;
  for (const m of ms) if (m.role) (roleCount ??= new Map()).set(m.role, (roleCount.get(m.role) ?? 0) + 1);
  return roleCount ? Object.freeze([...roleCount.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r)) : NO_ROLES;
}

/** Whether two calls' blocks have the same group keys in the same order (the same objects, or equal keys). */
function sameKeys(a: readonly BlockLinks[], b: readonly BlockLinks[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const x = a[i].keys, y = b[i].keys;
    if (x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  }
  return true;
}

/** Groups the items by kind + canonical name; a one-word person joins the full name it ends or starts. */
function groupItems(blocks: readonly LinkBlock[], links: readonly BlockLinks[], n: number, starts: Float64Array, sorted: boolean): Grouped {
  const groups = new Map<string, { kind: EntityKind; name: string; items: number[]; joined: boolean }>();
  for (let b = 0, i = 0; b < blocks.length; b++) {
    const ms = blocks[b].mentions;
    const keys = links[b].keys;
    for (let k = 0; k < ms.length; k++, i++) {
      let g = groups.get(keys[k]);
      if (!g) groups.set(keys[k], (g = { kind: ms[k].kind, name: ms[k].canonical, items: [], joined: false }));
      g.items.push(i);
    }
  }
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
      full.joined = true;
      groups.delete(`person:${g.name}`);
    }
  }
  // Entity ids, per item.
  const ids: string[] = new Array(n);
  const used = new Set<string>();
  const made: Group[] = [];
  for (const g of groups.values()) {
    const base = `${g.kind}:${slugOf(g.name)}`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    // Items in order of start (their order when sorted, except for a joined name's).
    if (g.joined || !sorted) g.items.sort((a, b) => starts[a] - starts[b]);
    for (const i of g.items) ids[i] = id;
    made.push({ id, kind: g.kind, name: g.name, items: g.items });
  }
  return { ids, made };
}

/**
 * The linking of an article, with its Mentions and Entities made when first asked for: after an edit
 * most blocks only moved, and their Mentions at the new offsets are needed only by the features that
 * read them (hover, symbols, the CLI's JSON), not for the diagnostics.
 */
export interface LazyLinked {
  /** As in `Linked` (absent when the blocks' mentions were not in order). */
  readonly blocks?: Linked['blocks'];
  /** Block b's Mentions (absolute), made once. */
  blockMentions(b: number): readonly Mention[];
  /** All Mentions (sorted by start) and the Entities, made once. */
  all(): { readonly entities: Entity[]; readonly mentions: Mention[] };
}

/** Scratch space for the items' starts (grown as needed; only used within one call). */
let startsScratch = new Float64Array(1024);

/**
 * Links the article's mentions, given per block (relative to the block, sorted). With a `memo`, work
 * done for a block's mentions array in an earlier call is reused: its group keys, and its Mentions when
 * the block starts at the same offset and they belong to the same entities (the caller passes the same
 * array again only for the same block text). Mentions and entities come out frozen.
 */
export function linkBlocks(blocks: readonly LinkBlock[], memo?: LinkMemo): Linked {
  const lazy = linkBlocksLazy(blocks, memo);
  const { entities, mentions } = lazy.all();
  return lazy.blocks ? { entities, mentions, blocks: lazy.blocks } : { entities, mentions };
}

/** `linkBlocks`, with the grouping done now and the Mentions and Entities made when asked for. */
export function linkBlocksLazy(blocks: readonly LinkBlock[], memo?: LinkMemo): LazyLinked {
  const call = memo ? (memo.calls = (memo.calls ?? 0) + 1) : 0;
  const links: BlockLinks[] = new Array(blocks.length);
  const firsts = new Int32Array(blocks.length + 1);
  let n = 0;
  for (let b = 0; b < blocks.length; b++) {
    const ms = blocks[b].mentions;
    let l = memo?.blocks.get(ms);
    if (!l) {
      l = { keys: ms.map((m) => `${m.kind}:${m.canonical}`) };
      memo?.blocks.set(ms, l);
    }
    links[b] = l;
    firsts[b] = n;
    n += ms.length;
  }
  firsts[blocks.length] = n;
  // Each item's absolute start. (Items are indices into the article's mentions, in block order.)
  if (startsScratch.length < n) startsScratch = new Float64Array(Math.max(n, 2 * startsScratch.length));
  const starts = startsScratch;
  for (let b = 0, i = 0; b < blocks.length; b++) {
    const ms = blocks[b].mentions, at = blocks[b].start;
    for (let k = 0; k < ms.length; k++) starts[i++] = ms[k].start + at;
  }
  // Items are in block order: sorted by start when every block's mentions are and blocks do not overlap.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (starts[i] <= starts[i - 1]) sorted = false;
  // The entities depend on the sequence of group keys alone (when sorted): the same as in the last call, the same entities.
  const last = memo?.last;
  const grouped = last && sorted && last.sorted && sameKeys(last.links, links) ? last.grouped : groupItems(blocks, links, n, starts, sorted);
  if (memo) memo.last = { links, sorted, grouped };
  const { ids, made } = grouped;
  // Per block, its mentions' entity ids: the same array as in the last call while they stay the same.
  const blockIds: (readonly string[])[] = new Array(blocks.length);
  for (let b = 0; b < blocks.length; b++) {
    const l = links[b], from = firsts[b], len = firsts[b + 1] - from;
    let sameIds = !!l.ids && l.ids.length === len;
    for (let i = 0; sameIds && i < len; i++) if (l.ids![i] !== ids[from + i]) sameIds = false;
    if (!sameIds) {
      const own = ids.slice(from, from + len);
      if (memo) l.ids = own;
      blockIds[b] = own;
    } else blockIds[b] = l.ids!;
  }
  // Which groups' blocks changed since the last call (their roles may have changed).
  let touched: Set<string> | undefined;
  if (memo && last && grouped === last.grouped) {
    touched = new Set();
    for (let b = 0; b < blocks.length; b++) {
      if (links[b] === last.links[b]) continue;
      for (let i = firsts[b]; i < firsts[b + 1]; i++) touched.add(ids[i]);
    }
  }

  // The Mentions, block by block: the last ones made for a block's array when its offset and ids are the same.
  const byBlock: (readonly Mention[] | undefined)[] = new Array(blocks.length);
  const blockMentions = (b: number): readonly Mention[] => {
    let out = byBlock[b];
    if (out) return out;
    const { start: at, mentions: ms, text: blockText } = blocks[b];
    const l = links[b], own = blockIds[b], prev = l.last;
    if (prev && prev.start === at && prev.ids === own) out = prev.mentions;
    else {
      const made: Mention[] = new Array(ms.length);
      for (let i = 0; i < ms.length; i++) {
        const m = ms[i];
        const start = m.start + at, end = m.end + at;
        // A block that only moved: the same text as before.
        const t = prev?.mentions[i]?.text ?? blockText.slice(m.start, m.end);
        made[i] = Object.freeze(m.role ? { start, end, entity: own[i], text: t, role: m.role } : { start, end, entity: own[i], text: t });
      }
      out = made;
      if (memo) l.last = { start: at, ids: own, mentions: made };
    }
    return (byBlock[b] = out);
  };

  let whole: { entities: Entity[]; mentions: Mention[] } | undefined;
  const all = () => {
    if (whole) return whole;
    const byItem: Mention[] = new Array(n);
    for (let b = 0; b < blocks.length; b++) {
      const ms = blockMentions(b), from = firsts[b];
      for (let i = 0; i < ms.length; i++) byItem[from + i] = ms[i];
    }
    // The entities. A group whose Mentions are all the same objects keeps its Entity; with the same
    // grouping as in the call before, one whose blocks only moved keeps its roles (the raw mentions,
    // roles included, are the same arrays: only the blocks whose arrays changed can change a group's
    // roles) when that Entity was made by the call before.
    const known = memo ? (memo.entities ??= new WeakMap()) : undefined;
    // In the order of their first mentions: when the items are sorted, that of the groups' first items (found once per grouping).
    let order = made;
    if (sorted) order = grouped.byFirst ??= [...made].sort((a, b) => a.items[0] - b.items[0]);
    const entities: Entity[] = new Array(order.length);
    for (let e = 0; e < order.length; e++) {
      const g = order[e];
      const prev = known?.get(g);
      const items = g.items;
      let same = !!prev && prev.entity.mentions.length === items.length;
      for (let k = 0; same && k < items.length; k++) if (prev!.entity.mentions[k] !== byItem[items[k]]) same = false;
      if (same) {
        entities[e] = prev!.entity;
        continue;
      }
      const ms: Mention[] = new Array(items.length);
      for (let k = 0; k < items.length; k++) ms[k] = byItem[items[k]];
      const roles = prev && prev.call === call - 1 && touched && !touched.has(g.id) ? prev.entity.roles : rolesOf(ms);
      entities[e] = Object.freeze({ id: g.id, kind: g.kind, name: g.name, mentions: Object.freeze(ms), roles, facts: factsMemo(g.kind, g.name) });
      known?.set(g, { call, entity: entities[e] });
    }
    const mentions = sorted ? byItem : entities.flatMap((e) => e.mentions).sort((a, b) => a.start - b.start);
    if (!sorted) entities.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
    return (whole = { entities, mentions });
  };
  return {
    blocks: sorted ? { windows: { from: firsts.subarray(0, blocks.length), to: firsts.subarray(1) }, ids: blockIds } : undefined,
    blockMentions,
    all,
  };
}

/** Links the article's mentions (absolute offsets): `linkBlocks` with one block. */
export function linkEntities(text: string, raw: readonly AbsoluteMention[]): { entities: Entity[]; mentions: Mention[] } {
  const { entities, mentions } = linkBlocks([{ start: 0, mentions: raw, text }]);
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
    f = factsOf(kind, name);
    Object.freeze(f.lines);
    facts.set(key, (f = Object.freeze(f)));
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
