/** Document symbols: sections, reported events, then entities grouped by kind. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../engine';
import { outlineOf, type JsonOutlineItem } from '../engine/json';
import { toRange } from './convert';

const KIND: Record<string, SymbolKind> = {
  section: SymbolKind.Namespace,
  group: SymbolKind.Package,
  'reported-event': SymbolKind.Event,
  person: SymbolKind.Object,
  country: SymbolKind.Module,
  place: SymbolKind.Field,
  organization: SymbolKind.Class,
  event: SymbolKind.Event,
};

function toSymbol(doc: TextDocument, item: JsonOutlineItem): DocumentSymbol {
  const range = toRange(doc, item);
  return {
    name: item.name || '(untitled)',
    detail: item.kind === 'section' || item.kind === 'group' ? undefined : item.kind,
    kind: KIND[item.kind] ?? SymbolKind.String,
    range,
    selectionRange: range,
    children: item.children?.map((c) => toSymbol(doc, c)),
  };
}

export function documentSymbols(doc: TextDocument, a: Analysis): DocumentSymbol[] {
  return outlineOf(a).map((i) => toSymbol(doc, i));
}
