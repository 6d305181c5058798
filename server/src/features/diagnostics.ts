/** Diagnostics: the analysis' claims as LSP diagnostics. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Severity } from '../engine';
import { toRange } from './convert';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'news-lens';

export function diagnostics(doc: TextDocument, a: Analysis): Diagnostic[] {
  return a.claims.map((c) => ({
    range: toRange(doc, c),
    severity: SEVERITY[c.severity],
    source: SOURCE,
    code: c.rule,
    message: c.message,
    data: { category: c.category, start: c.start, end: c.end },
  }));
}
