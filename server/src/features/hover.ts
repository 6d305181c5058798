/**
 * Hover: a Markdown card for the entity under the cursor — its name and kind, the role the article
 * gives it, what the knowledge base knows, how often and where it is mentioned.
 */
import type { Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findMentionAt, lineColumn, type Analysis, type Entity, type Mention } from '../engine';
import { escapeMarkdown, toRange } from './convert';

const KIND_LABEL: Record<string, string> = {
  person: 'Person', country: 'Country', place: 'Place', organization: 'Organization', event: 'Event',
};

const quoted = (s: string) => `“${escapeMarkdown(s)}”`;

/** The card's Markdown. `at` is the mention under the cursor, if any (its own role is shown first). */
export function entityCard(a: Analysis, e: Entity, at?: Mention): string {
  const parts: string[] = [];
  parts.push(`**${escapeMarkdown(e.name)}** · ${KIND_LABEL[e.kind] ?? e.kind}`);

  const roles = [...new Set([...(at?.role ? [at.role] : []), ...e.roles])];
  parts.push(roles.length
    ? `*Role in this article:* ${roles.map(quoted).join(', ')}`
    : '*Role in this article:* none written next to the name');

  parts.push(e.facts.lines.length
    ? `*Knowledge base:*\n${e.facts.lines.map((l) => `- ${escapeMarkdown(l)}`).join('\n')}`
    : '*Knowledge base:* no entry for this name');

  const events = a.events.filter((ev) => ev.participants.includes(e.id) || ev.place === e.id);
  if (events.length) {
    parts.push(`*Reported events:*\n${events.slice(0, 5).map((ev) => `- ${escapeMarkdown(ev.label)}`).join('\n')}${events.length > 5 ? `\n- … ${events.length - 5} more` : ''}`);
  }

  const n = e.mentions.length;
  const forms = [...new Set(e.mentions.map((m) => m.text))];
  const first = lineColumn(a.text, e.mentions[0].start);
  parts.push(`Mentioned ${n} time${n === 1 ? '' : 's'}${forms.length > 1 || forms[0] !== e.name ? ` as ${forms.map(quoted).join(', ')}` : ''}; ` +
    `first mention on line ${first.line}, column ${first.column}.`);

  if (!a.date) parts.push('_No `date YYYY-MM-DD` header: date checks (who held an office when) are skipped._');
  else if (!a.date.valid) parts.push(`_The date header ${escapeMarkdown(a.date.value)} is not a real date: date checks are skipped._`);
  return parts.join('\n\n');
}

export function hover(doc: TextDocument, a: Analysis, offset: number): Hover | null {
  const m = findMentionAt(a, offset);
  if (!m) return null;
  const e = a.entities.find((x) => x.id === m.entity);
  if (!e) return null;
  return { contents: { kind: 'markdown', value: entityCard(a, e, m) }, range: toRange(doc, m) };
}
