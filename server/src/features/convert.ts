/**
 * Offsets ↔ LSP positions, via the text document. Positions are UTF-16 code units (LSP's default
 * position encoding, and the engine's offsets are JavaScript string indices, so they agree).
 */
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../engine';

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

/**
 * The offset of `pos`, or null when the position is not in the document (a line past the end, a
 * character past the line's end, a negative or non-integer number). `TextDocument.offsetAt` clamps
 * such positions, which would make a request about nothing answer about the end of a line.
 */
export function offsetInDocument(doc: TextDocument, pos: Position | undefined): number | null {
  if (!pos || !Number.isInteger(pos.line) || !Number.isInteger(pos.character)) return null;
  if (pos.line < 0 || pos.character < 0 || pos.line >= doc.lineCount) return null;
  const lineStart = doc.offsetAt({ line: pos.line, character: 0 });
  const nextLine = pos.line + 1 < doc.lineCount ? doc.offsetAt({ line: pos.line + 1, character: 0 }) : doc.getText().length;
  const text = doc.getText({ start: { line: pos.line, character: 0 }, end: doc.positionAt(nextLine) });
  const length = text.replace(/(?:\r\n|\r|\n)$/, '').length;
  if (pos.character > length) return null;
  return lineStart + pos.character;
}

/** Escapes text for Markdown (names and quotes from the article go into hover cards). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
}
