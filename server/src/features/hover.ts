/** Hover: a card for the entity under the cursor. */
import type { Hover, MarkupContent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findMentionAt, lineColumn, type Analysis, type Entity } from '../engine';
import { toRange } from './convert';

const KIND_LABEL: Record<string, string> = {
  person: 'person', country: 'country', place: 'place', organization: 'organization', event: 'event',
};

export function entityCard(a: Analysis, e: Entity): string {
  const lines: string[] = [];
  lines.push(`**${e.name}** — ${KIND_LABEL[e.kind]}`);
  if (e.roles.length) lines.push(`*Role in the article:* ${e.roles.join('; ')}`);
  for (const f of e.facts.lines) lines.push(f);
  const forms = [...new Set(e.mentions.map((m) => m.text))];
  const first = lineColumn(a.text, e.mentions[0].start);
  lines.push(`Mentioned ${e.mentions.length} time${e.mentions.length === 1 ? '' : 's'}${forms.length > 1 ? ` as ${forms.map((f) => `“${f}”`).join(', ')}` : ''}; first on line ${first.line}.`);
  if (!a.date && e.kind === 'person') lines.push('_No `date` header: office-holding checks are skipped._');
  return lines.join('\n\n');
}

export function hover(doc: TextDocument, a: Analysis, offset: number): Hover | null {
  const m = findMentionAt(a, offset);
  if (!m) return null;
  const e = a.entities.find((x) => x.id === m.entity);
  if (!e) return null;
  const contents: MarkupContent = { kind: 'markdown', value: entityCard(a, e) };
  return { contents, range: toRange(doc, m) };
}
