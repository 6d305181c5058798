/** Diagnostics: the analysis' claims as LSP diagnostics. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_NLP_BLOCK, type Analysis, type Severity } from '../engine';
import { toRange } from './convert';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'news-lens';

/** What the article's form keeps the engine from checking: an impossible date, a paragraph too long. */
function inputNotes(doc: TextDocument, a: Analysis): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (a.date && !a.date.valid) {
    out.push({
      range: toRange(doc, a.date.span), severity: DiagnosticSeverity.Information, source: SOURCE, code: 'invalid-date',
      message: `The date ${a.date.value} does not exist: date-dependent checks are skipped.`,
    });
  }
  for (const s of a.tooLong ?? []) {
    const start = doc.positionAt(s.start);
    out.push({
      range: { start, end: doc.positionAt(Math.min(s.end, s.start + 1)) }, severity: DiagnosticSeverity.Information, source: SOURCE, code: 'too-long',
      message: `This paragraph has ${s.end - s.start} characters: News Lens looks for entities only in paragraphs of up to ${MAX_NLP_BLOCK}.`,
    });
  }
  return out;
}

/**
 * A message as a one-byte string when all its characters fit in one byte. Messages quote the article
 * (a slice of its text), and when the article has any character above U+00FF every slice of it is a
 * two-byte string, whatever it holds: one such message makes the whole publishDiagnostics JSON a two-byte
 * string, which is twice the memory and a slower UTF-8 encoding (a 1 MB article's ~500 KB of diagnostics,
 * on every edit). Made once per message string (the claims of a moved paragraph share their messages).
 */
const oneByte = new Map<string, string>();
function compact(s: string): string {
  let o = oneByte.get(s);
  if (o === undefined) {
    o = LATIN1.test(s) ? Buffer.from(s, 'latin1').toString('latin1') : s;
    if (oneByte.size >= 10_000) oneByte.clear();
    oneByte.set(s, o);
  }
  return o;
}
const LATIN1 = /^[\u0000-\u00ff]*$/;

/**
 * The claims as diagnostics: range, severity, source, code (the rule id, which is also the category)
 * and message, nothing more. A 1 MB article has ~1 200 of them, sent whole after every edit: each field
 * is on the edit's critical path twice (the server's JSON and UTF-8 encoding, the client's parsing).
 * Code actions find a diagnostic's claim by its range and code.
 */
export function diagnostics(doc: TextDocument, a: Analysis): Diagnostic[] {
  return inputNotes(doc, a).concat(a.claims.map((c) => ({
    range: toRange(doc, c),
    severity: SEVERITY[c.severity],
    source: SOURCE,
    code: c.rule,
    message: compact(c.message),
  })));
}
