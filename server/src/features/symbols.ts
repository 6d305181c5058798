/**
 * Document symbols, hierarchical: the article's sections (each spanning its text, selecting its
 * heading), the reported events, then the entities grouped by kind (each entity's range is its first
 * mention; its detail says its role and how often it is mentioned).
 */
import { SymbolKind, type DocumentSymbol, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Entity, EntityKind } from '../engine';
import { toRange } from './convert';

const GROUPS: { kind: EntityKind; name: string; symbol: SymbolKind }[] = [
  { kind: 'person', name: 'People', symbol: SymbolKind.Object },
  { kind: 'country', name: 'Countries', symbol: SymbolKind.Module },
  { kind: 'place', name: 'Places', symbol: SymbolKind.Field },
  { kind: 'organization', name: 'Organizations', symbol: SymbolKind.Class },
  { kind: 'event', name: 'Events', symbol: SymbolKind.Event },
];

const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);

function group(name: string, kind: SymbolKind, detail: string, children: DocumentSymbol[]): DocumentSymbol {
  let first = children[0], end = children[0].range.end;
  for (const c of children) {
    if (before(c.range.start, first.range.start)) first = c;
    if (before(end, c.range.end)) end = c.range.end;
  }
  // The group spans its children; selecting it goes to the earliest of them.
  return { name, detail, kind, range: { start: first.range.start, end }, selectionRange: first.selectionRange, children };
}

function entitySymbol(doc: TextDocument, e: Entity): DocumentSymbol {
  const first = toRange(doc, e.mentions[0]);
  const n = e.mentions.length;
  const detail = [e.roles[0], `${n} mention${n === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
  return { name: e.name, detail, kind: GROUPS.find((g) => g.kind === e.kind)?.symbol ?? SymbolKind.Variable, range: first, selectionRange: first };
}

export function documentSymbols(doc: TextDocument, a: Analysis): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const s of a.sections) {
    const range = toRange(doc, s);
    const heading = s.heading ? toRange(doc, s.heading) : { start: range.start, end: range.start };
    out.push({ name: s.title ?? '(lead)', detail: s.heading ? 'section' : 'before the first heading', kind: SymbolKind.Namespace, range, selectionRange: heading });
  }
  if (a.events.length) {
    out.push(group('Reported events', SymbolKind.Package, `${a.events.length}`, a.events.map((e) => {
      const range = toRange(doc, e);
      return { name: e.label, detail: e.type, kind: SymbolKind.Event, range, selectionRange: toRange(doc, e.trigger) };
    })));
  }
  for (const g of GROUPS) {
    const es = a.entities.filter((e) => e.kind === g.kind);
    if (es.length) out.push(group(g.name, SymbolKind.Package, `${es.length}`, es.map((e) => entitySymbol(doc, e))));
  }
  return out;
}
