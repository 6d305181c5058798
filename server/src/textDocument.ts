/**
 * The server's open documents: `vscode-languageserver-textdocument`'s behaviour (the same positions,
 * offsets, line count and text after the same edits; a test compares them over random edits), made so
 * that an edit never reads the new text.
 *
 * Why: after an edit the new text is, in V8, the concatenation of the old text's parts and the
 * insertion; the first read of any character of it copies the whole text into new memory. That copy is
 * ~7 ms for a 1 MB article on these machines (fresh memory costs ~3.5 ms per MB here), and the library
 * makes it at once (it reads around the edit to detect a split \r\n, and `positionAt` reads the
 * character before the offset). Here an edit reads only the old text and the insertion, positions and
 * offsets read nothing in a text without \r, and the engine reads only the changed lines
 * (`Analyzer.edited`): the copy is made once the diagnostics are out (`flatten`), not before.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** Line starts of `text` (after \r\n, \r or \n), each plus `offset`; with 0 first when `atLineStart`. */
function lineStarts(text: string, atLineStart: boolean, offset = 0): number[] {
  const out: number[] = atLineStart ? [offset] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      out.push(offset + i + 1);
    }
  }
  return out;
}

const isEol = (c: number) => c === 13 || c === 10;

class NewsTextDocument implements TextDocument {
  private lines: number[] | undefined;
  /** Whether the text may hold a \r (then a position between \r and \n is possible, and is checked by reading). */
  private cr: boolean;
  /** The first character, as `flatten` last read it (kept so that the read is not optimized away). */
  firstChar = 0;

  constructor(readonly uri: string, readonly languageId: string, public version: number, private content: string) {
    this.cr = content.includes('\r');
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  get lineCount(): number {
    return this.lineOffsets().length;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.content.length), 0);
    const lines = this.lineOffsets();
    let low = 0, high = lines.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (lines[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEol(offset, line) - lines[line] };
  }

  offsetAt(position: Position): number {
    const lines = this.lineOffsets();
    if (position.line >= lines.length) return this.content.length;
    if (position.line < 0) return 0;
    const lineOffset = lines[position.line];
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < lines.length ? lines[position.line + 1] : this.content.length;
    return this.beforeEol(Math.min(lineOffset + position.character, next), position.line);
  }

  getLineRange(line: number): Range {
    const lines = this.lineOffsets();
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - lines[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < lines.length ? lines[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, line) - lines[line] } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lineOffsets();
    if (line >= lines.length || line < 0) return '';
    const next = line + 1 < lines.length ? lines[line + 1] : this.content.length;
    return this.content.substring(this.beforeEol(next, line), next);
  }

  /**
   * `offset` (from the start of line `line` to the next line's start) moved back before the line break
   * it is in or after. Without \r the break is one \n, just before the next line's start: nothing is read.
   */
  private beforeEol(offset: number, line: number): number {
    const lines = this.lineOffsets(), lineOffset = lines[line];
    if (!this.cr) return line + 1 < lines.length && offset === lines[line + 1] && offset > lineOffset ? offset - 1 : offset;
    while (offset > lineOffset && isEol(this.content.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  private lineOffsets(): number[] {
    return (this.lines ??= lineStarts(this.content, true));
  }

  /** The character at `i` of the text after replacing [start, end) with `text` (read from the text before). */
  private charAfter(i: number, start: number, end: number, text: string): number {
    if (i < start) return this.content.charCodeAt(i);
    if (i < start + text.length) return text.charCodeAt(i - start);
    return this.content.charCodeAt(i - start - text.length + end);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change) || !change.range) {
        this.content = change.text;
        this.lines = undefined;
        this.cr = change.text.includes('\r');
        continue;
      }
      const range = wellFormed(change.range);
      const start = this.offsetAt(range.start), end = this.offsetAt(range.end);
      const insEnd = start + change.text.length;
      // A \r\n made or split at either end of the change: the line starts are computed again.
      const crlf = this.cr || change.text.includes('\r')
        ? (this.charAfter(start - 1, start, end, change.text) === 13 && this.charAfter(start, start, end, change.text) === 10)
          || (this.charAfter(insEnd - 1, start, end, change.text) === 13 && this.charAfter(insEnd, start, end, change.text) === 10)
        : false;
      this.cr ||= change.text.includes('\r');
      const old = this.content;
      this.content = old.substring(0, start) + change.text + old.substring(end);
      if (crlf || !this.lines) {
        this.lines = undefined;
        continue;
      }
      const lines = this.lines;
      const startLine = Math.max(range.start.line, 0), endLine = Math.max(range.end.line, 0);
      const added = lineStarts(change.text, false, start);
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) lines[i + startLine + 1] = added[i];
      } else if (added.length < 10_000) {
        lines.splice(startLine + 1, endLine - startLine, ...added);
      } else {
        this.lines = lines.slice(0, startLine + 1).concat(added, lines.slice(endLine + 1));
      }
      const d = change.text.length - (end - start);
      if (d !== 0) {
        const ls = this.lines!;
        for (let i = startLine + 1 + added.length; i < ls.length; i++) ls[i] += d;
      }
    }
    this.version = version;
  }

  /**
   * Makes the text flat now (see the module comment): called when the server is idle after an edit,
   * so that the next edit or request does not pay for it.
   */
  flatten(): void {
    this.firstChar = this.content.charCodeAt(0);
  }
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** The documents' factory for `TextDocuments`. */
export const NewsTextDocuments = {
  create(uri: string, languageId: string, version: number, content: string): TextDocument {
    return new NewsTextDocument(uri, languageId, version, content);
  },
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    if (!(document instanceof NewsTextDocument)) throw new Error('News Lens: a document from another factory cannot be updated here');
    document.update(changes, version);
    return document;
  },
};

/** Makes a document's text flat (see the module comment); other documents are left alone. */
export function flattenText(document: TextDocument): void {
  if (document instanceof NewsTextDocument) document.flatten();
}
