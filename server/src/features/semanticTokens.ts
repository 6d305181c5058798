/**
 * Semantic tokens: one token per entity mention, typed by the entity's kind, so an article is visibly
 * annotated as you type. The token types are the entity kinds; the extension manifest declares them
 * (`semanticTokenTypes`) and gives them default colours (`semanticTokenScopes`). The first mention
 * of an entity carries the `declaration` modifier.
 */
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend, SemanticTokensEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ENTITY_KINDS, type Analysis, type Span } from '../engine';
import { searchSpans } from '../engine/query';

export const TOKEN_TYPES: readonly string[] = ENTITY_KINDS;
export const TOKEN_MODIFIERS: readonly string[] = ['declaration'];
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

/**
 * The encoded tokens (5 integers each: delta line, delta start, length, type, modifiers) of the
 * mentions that overlap `range` (offsets), or of all mentions. A mention that crosses a line break is
 * split into one token per line, as clients without multi-line token support require.
 */
export function encodeTokens(doc: TextDocument, a: Analysis, range?: Span): number[] {
  const kindOf = new Map<string, number>();
  const firstOf = new Set<number>();
  for (const e of a.entities) {
    kindOf.set(e.id, TOKEN_TYPES.indexOf(e.kind));
    if (e.mentions.length) firstOf.add(e.mentions[0].start);
  }
  const data: number[] = [];
  let prevLine = 0, prevChar = 0;
  const push = (line: number, char: number, length: number, type: number, mods: number) => {
    if (length <= 0) return;
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, length, type, mods);
    prevLine = line;
    prevChar = char;
  };
  const ms = a.mentions;
  const from = range ? searchSpans(ms, range.start) : 0;
  for (let i = from; i < ms.length; i++) {
    const m = ms[i];
    if (range && m.start >= range.end) break;
    const type = kindOf.get(m.entity);
    if (type === undefined || type < 0) continue;
    const mods = firstOf.has(m.start) ? 1 : 0;
    const start = doc.positionAt(m.start);
    const end = doc.positionAt(m.end);
    if (start.line === end.line) {
      push(start.line, start.character, end.character - start.character, type, mods);
      continue;
    }
    for (let line = start.line; line <= end.line; line++) {
      const lineStart = doc.offsetAt({ line, character: 0 });
      const s = line === start.line ? m.start : lineStart;
      let e = line === end.line ? m.end : doc.offsetAt({ line: line + 1, character: 0 });
      while (e > s && /[\r\n]/.test(a.text[e - 1])) e--;
      push(line, s - lineStart, e - s, type, mods);
    }
  }
  return data;
}

/** Keeps the last tokens sent per document so a client can ask for a delta. */
export class SemanticTokensCache {
  private last = new Map<string, { resultId: string; data: number[] }>();
  private counter = 0;

  full(uri: string, data: number[]): SemanticTokens {
    const resultId = String(++this.counter);
    this.last.set(uri, { resultId, data });
    return { resultId, data };
  }

  delta(uri: string, previousResultId: string, data: number[]): SemanticTokens | SemanticTokensDelta {
    const prev = this.last.get(uri);
    if (!prev || prev.resultId !== previousResultId) return this.full(uri, data);
    const resultId = String(++this.counter);
    this.last.set(uri, { resultId, data });
    return { resultId, edits: diff(prev.data, data) };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

/** One edit that replaces the middle of `before` that differs from `after` (common prefix and suffix kept). */
export function diff(before: readonly number[], after: readonly number[]): SemanticTokensEdit[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  if (start === before.length && start === after.length) return [];
  let endB = before.length, endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) { endB--; endA--; }
  return [{ start, deleteCount: endB - start, data: after.slice(start, endA) }];
}
