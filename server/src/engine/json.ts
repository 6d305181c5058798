/** The CLI's JSON contract (see DEVELOPERS.md): one result per file. */
import type { Analysis } from './types';

export interface JsonOutlineItem {
  name: string;
  kind: string;
  start: number;
  end: number;
  children?: JsonOutlineItem[];
}

export interface JsonResult {
  file: string;
  date: string | null;
  entities: { id: string; kind: string; name: string; roles?: readonly string[]; mentions: { start: number; end: number }[] }[];
  diagnostics: { code: string; category: string; severity: string; start: number; end: number; message: string }[];
  events: { type: string; label: string; start: number; end: number }[];
  outline: JsonOutlineItem[];
}

const KIND_GROUP: Record<string, string> = {
  person: 'People', country: 'Countries', place: 'Places', organization: 'Organizations', event: 'Events',
};

/** The article's outline: sections, then reported events, then entities grouped by kind. */
export function outlineOf(a: Analysis): JsonOutlineItem[] {
  const items: JsonOutlineItem[] = a.sections.map((s) => ({ name: s.title ?? '(lead)', kind: 'section', start: s.start, end: s.end }));
  if (a.events.length) {
    items.push({ name: 'Reported events', kind: 'group', start: a.events[0].start, end: a.events[a.events.length - 1].end,
      children: a.events.map((e) => ({ name: e.label, kind: 'reported-event', start: e.start, end: e.end })) });
  }
  for (const [kind, group] of Object.entries(KIND_GROUP)) {
    const es = a.entities.filter((e) => e.kind === kind);
    if (!es.length) continue;
    items.push({
      name: group, kind: 'group', start: es[0].mentions[0].start, end: es[es.length - 1].mentions[0].end,
      children: es.map((e) => ({ name: e.name, kind, start: e.mentions[0].start, end: e.mentions[0].end })),
    });
  }
  return items;
}

export function toJsonResult(file: string, a: Analysis): JsonResult {
  return {
    file,
    date: a.date?.value ?? null,
    entities: a.entities.map((e) => ({
      id: e.id, kind: e.kind, name: e.name, ...(e.roles.length ? { roles: e.roles } : {}),
      mentions: e.mentions.map((m) => ({ start: m.start, end: m.end })),
    })),
    diagnostics: a.claims.map((c) => ({ code: c.rule, category: c.category, severity: c.severity, start: c.start, end: c.end, message: c.message })),
    events: a.events.map((e) => ({ type: e.type, label: e.label, start: e.start, end: e.end })),
    outline: outlineOf(a),
  };
}
