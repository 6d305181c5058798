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

export function diagnostics(doc: TextDocument, a: Analysis): Diagnostic[] {
  return inputNotes(doc, a).concat(a.claims.map((c) => ({
    range: toRange(doc, c),
    severity: SEVERITY[c.severity],
    source: SOURCE,
    code: c.rule,
    message: c.message,
    data: { category: c.category, start: c.start, end: c.end },
  })));
}
