/**
 * What the workspace index keeps of an article: per entity its name, kind, written forms, mention
 * count and first mention. Kept apart from `workspaceIndex.ts` so that the index's worker thread
 * (`../worker.ts`) bundles only the engine.
 */
import type { Range } from 'vscode-languageserver';
import { createAnalyzer, lineLocator, type Analysis } from '../engine';
import type { EntityKind, Span } from '../engine';
import { formSpans } from './renameSpans';

/** What the index keeps of one entity of one file. */
export interface IndexedEntity {
  /** The entity's id (the same person has the same id in every article). */
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  /** Every written form of the name in the article (lower-cased for matching). */
  readonly forms: readonly string[];
  readonly mentions: number;
  /** The first mention. */
  readonly range: Range;
}

/** Ranges of spans from the text alone (LSP positions, UTF-16), without a TextDocument. */
function rangesOf(text: string): (start: number, end: number) => Range {
  const at = lineLocator(text);
  return (start, end) => {
    const s = at(start), e = at(end);
    return { start: { line: s.line - 1, character: s.column - 1 }, end: { line: e.line - 1, character: e.column - 1 } };
  };
}

export function summarize(a: Analysis, rangeAt: (start: number, end: number) => Range = rangesOf(a.text)): IndexedEntity[] {
  return a.entities.filter((e) => e.mentions.length).map((e) => ({
    id: e.id,
    name: e.name,
    kind: e.kind,
    forms: [...new Set([e.name, ...e.mentions.map((m) => m.text)].map((f) => f.toLowerCase()))],
    mentions: e.mentions.length,
    range: rangeAt(e.mentions[0].start, e.mentions[0].end),
  }));
}

/**
 * Analyzes one article for the index. A throwaway analyzer: the background index must not fill an
 * interactive block cache.
 */
export function summarizeText(text: string): IndexedEntity[] {
  return summarize(createAnalyzer().analyze(text));
}

/** For a rename across the workspace: the spans of `form` in the mentions of entity `id` in an article's text. */
export function renameSpansInText(text: string, id: string, form: string): Span[] {
  const entity = createAnalyzer().analyze(text).entities.find((e) => e.id === id);
  return entity ? formSpans(entity.mentions, form) : [];
}
