/** Code actions for News Lens diagnostics: the finding's own fixes, ignore here, disable in this file. */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../engine';
import { SOURCE } from './diagnostics';
import { toRange } from './convert';

export function codeActions(doc: TextDocument, a: Analysis, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || typeof d.code !== 'string') continue;
    const start = doc.offsetAt(d.range.start), end = doc.offsetAt(d.range.end);
    const claim = a.claims.find((c) => c.rule === d.code && c.start === start && c.end === end);
    if (!claim) continue;
    for (const f of claim.fixes ?? []) {
      actions.push({
        title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
        edit: { changes: { [doc.uri]: f.edits.map((e): TextEdit => ({ range: toRange(doc, e), newText: e.newText })) } },
      });
    }
    // Ignore here: a suppression comment on its own line before the paragraph.
    const block = a.blocks.find((b) => b.start <= claim.start && claim.start < b.end);
    if (block) {
      const pos = doc.positionAt(block.start);
      const lineStart = { line: pos.line, character: 0 };
      actions.push({
        title: `Ignore "${claim.rule}" in this paragraph`, kind: CodeActionKind.QuickFix, diagnostics: [d],
        edit: { changes: { [doc.uri]: [{ range: { start: lineStart, end: lineStart }, newText: `<!-- news-lens-ignore ${claim.rule} -->\n` }] } },
      });
    }
    actions.push({
      title: `Disable "${claim.rule}" in this file`, kind: CodeActionKind.QuickFix, diagnostics: [d],
      edit: { changes: { [doc.uri]: [{ range: { start: { line: doc.lineCount, character: 0 }, end: { line: doc.lineCount, character: 0 } }, newText: `\n\n<!-- news-lens-disable ${claim.rule} -->\n` }] } },
    });
  }
  return actions;
}
