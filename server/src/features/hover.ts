/**
 * Hover: a Markdown card for the entity under the cursor — its name and kind, the role the article
 * gives it, what the knowledge base knows, how often and where it is mentioned.
 */
import type { Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { entityById, findMentionAt, lineLocator, type Analysis, type Entity, type Mention } from '../engine';
import { escapeMarkdown, toRange } from './convert';
import { validDate } from '../engine/structure';
import { knowledgeBaseFor, officesOfPerson, type UserFacts } from '../engine/kb';

/** The knowledge base's offices of a person: by canonical name, the article's forms and roles, on the article's date. */
function officeLines(a: Analysis, e: Entity, at?: Mention, facts?: UserFacts): string[] {
  if (e.kind !== 'person') return [];
  const kb = knowledgeBaseFor(facts);
  const names = [e.name, ...new Set(e.mentions.map((m) => m.text))];
  const roles = [...new Set([...(at?.role ? [at.role] : []), ...e.roles])];
  const date = validDate(a.date) ?? undefined;
  const found = officesOfPerson(kb, names, roles, date);
  if (!found.length) return [];
  const lines: string[] = [];
  const kbName = found[0].term.name;
  if (kbName !== e.name) lines.push(`Known as ${kbName}`);
  for (const f of found.slice(-4)) {
    lines.push(`${f.office.name}: ${f.term.start} – ${f.term.end ?? 'in office'}${f.term.acting ? ' (acting)' : ''}${f.atDate ? ' — in office on the article’s date' : ''}`);
  }
  if (found.length > 4) lines.push(`… ${found.length - 4} earlier terms`);
  return lines;
}

const KIND_LABEL: Record<string, string> = {
  person: 'Person', country: 'Country', place: 'Place', organization: 'Organization', event: 'Event',
};

/**
 * Line and column lookups in an analysis' text: the line starts are found once per analysis (on its
 * first hover), then each lookup is a binary search (not a scan from the start of a 1 MB text).
 */
const locators = new WeakMap<Analysis, (offset: number) => { line: number; column: number }>();
function lineColumnIn(a: Analysis, offset: number): { line: number; column: number } {
  let at = locators.get(a);
  if (!at) locators.set(a, (at = lineLocator(a.text)));
  return at(offset);
}

const quoted = (s: string) => `“${escapeMarkdown(s)}”`;

/** The card's Markdown. `at` is the mention under the cursor, if any (its own role is shown first). */
export function entityCard(a: Analysis, e: Entity, at?: Mention, facts?: UserFacts): string {
  const parts: string[] = [];
  parts.push(`**${escapeMarkdown(e.name)}** · ${KIND_LABEL[e.kind] ?? e.kind}`);

  const roles = [...new Set([...(at?.role ? [at.role] : []), ...e.roles])];
  parts.push(roles.length
    ? `*Role in this article:* ${roles.map(quoted).join(', ')}`
    : '*Role in this article:* none written next to the name');

  const known = [...e.facts.lines, ...officeLines(a, e, at, facts)];
  parts.push(known.length
    ? `*Knowledge base:*\n${known.map((l) => `- ${escapeMarkdown(l)}`).join('\n')}`
    : '*Knowledge base:* no entry for this name');

  const events = a.events.filter((ev) => ev.participants.includes(e.id) || ev.place === e.id);
  if (events.length) {
    parts.push(`*Reported events:*\n${events.slice(0, 5).map((ev) => `- ${escapeMarkdown(ev.label)}${(ev.sentences?.length ?? 1) > 1 ? ` (reported in ${ev.sentences!.length} sentences)` : ''}`).join('\n')}${events.length > 5 ? `\n- … ${events.length - 5} more` : ''}`);
  }

  const n = e.mentions.length;
  const forms = [...new Set(e.mentions.map((m) => m.text))];
  const first = lineColumnIn(a, e.mentions[0].start);
  parts.push(`Mentioned ${n} time${n === 1 ? '' : 's'}${forms.length > 1 || forms[0] !== e.name ? ` as ${forms.map(quoted).join(', ')}` : ''}; ` +
    `first mention on line ${first.line}, column ${first.column}.`);

  if (!a.date) parts.push('_No `date YYYY-MM-DD` header: date checks (who held an office when) are skipped._');
  else if (!a.date.valid) parts.push(`_The date header ${escapeMarkdown(a.date.value)} is not a real date: date checks are skipped._`);
  return parts.join('\n\n');
}

/** Per analysis, the cards made so far: per entity and role written at the mention (a card depends on nothing else but the user's facts, kept with it). */
const cardsOf = new WeakMap<Analysis, Map<string, { facts: UserFacts | undefined; value: string }>>();

/** The card of entity `e` at mention `m`, made once per analysis (and facts). */
function cardAt(a: Analysis, e: Entity, m: Mention, facts: UserFacts | undefined): string {
  let cards = cardsOf.get(a);
  if (!cards) cardsOf.set(a, (cards = new Map()));
  const key = `${e.id}\u0000${m.role ?? ''}`;
  let card = cards.get(key);
  if (!card || card.facts !== facts) cards.set(key, (card = { facts, value: entityCard(a, e, m, facts) }));
  return card.value;
}

/**
 * Makes what a first hover on an analysis needs (its mentions, entities and reported events, the line
 * starts of its text, the entities by id), so that it answers as quickly as the next ones: the server
 * calls it when the editor has been idle for a moment after an analysis.
 */
export function prepareHover(a: Analysis, facts?: UserFacts): void {
  // (The card of the entity mentioned first: made with all the rest a card reads.)
  const m = a.mentions[0];
  const e = m && entityById(a, m.entity);
  if (e) cardAt(a, e, m, facts);
}

export function hover(doc: TextDocument, a: Analysis, offset: number, facts?: UserFacts): Hover | null {
  const m = findMentionAt(a, offset);
  const e = m && entityById(a, m.entity);
  if (!m || !e) return null;
  return { contents: { kind: 'markdown', value: cardAt(a, e, m, facts) }, range: toRange(doc, m) };
}
