/** Lookups over a finished analysis: binary search over sorted spans. */
import type { Analysis, Entity, Mention, Span } from './types';

/** The index of the first span whose end is greater than `offset` (spans sorted and disjoint). */
export function searchSpans<T extends Span>(spans: readonly T[], offset: number): number {
  let lo = 0, hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The mention that covers `offset` (start inclusive, end inclusive so a cursor after a name still hits). */
export function findMentionAt(analysis: Analysis, offset: number): Mention | undefined {
  const ms = analysis.mentions;
  let i = searchSpans(ms, offset);
  if (i > 0 && ms[i - 1].end === offset) i--;
  const m = ms[i];
  return m && m.start <= offset && offset <= m.end ? m : undefined;
}

/** Per analysis, its entities by id (made on the first lookup). */
const entitiesById = new WeakMap<Analysis, Map<string, Entity>>();

/** The analysis' entity of id `id` (a map made once per analysis, not a scan per lookup). */
export function entityById(analysis: Analysis, id: string): Entity | undefined {
  let byId = entitiesById.get(analysis);
  if (!byId) {
    byId = new Map();
    for (const e of analysis.entities) byId.set(e.id, e);
    entitiesById.set(analysis, byId);
  }
  return byId.get(id);
}

/** 1-based line and column of offsets in `text`: its line starts are found once, each lookup is a binary search. */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/** 1-based line and column of one offset (for many, `lineLocator`). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1, lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) { line++; lineStart = i + 1; }
  }
  return { line, column: offset - lineStart + 1 };
}
