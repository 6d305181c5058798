/**
 * Code actions for News Lens diagnostics:
 *   - the finding's own fixes from the engine: "Replace with <the known fact>" for a contradiction,
 *     "Insert an attribution placeholder" for an unsourced or vaguely sourced claim;
 *   - "Ignore <rule> in this paragraph": a `<!-- news-lens-ignore RULE -->` line before the paragraph;
 *   - "Disable <rule> in this file": a `<!-- news-lens-disable RULE -->` line at the end of the file.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Claim } from '../engine';
import { SOURCE } from './diagnostics';
import { toRange } from './convert';

function claimOf(doc: TextDocument, a: Analysis, d: Diagnostic): Claim | undefined {
  const start = doc.offsetAt(d.range.start), end = doc.offsetAt(d.range.end);
  return a.claims.find((c) => c.rule === d.code && c.start === start && c.end === end);
}

/** The edit that puts an ignore comment on its own line just before the claim's paragraph. */
function ignoreEdit(doc: TextDocument, a: Analysis, claim: Claim): TextEdit | null {
  const block = a.blocks.find((b) => b.start <= claim.start && claim.start < b.end);
  if (!block) return null;
  const text = a.text;
  let lineStart = block.start;
  while (lineStart > 0 && !/[\r\n]/.test(text[lineStart - 1])) lineStart--;
  const comment = `<!-- news-lens-ignore ${claim.rule} -->`;
  // The paragraph shares its first line with the date header ("date 2024-02-17 In a ..."): break the line.
  if (text.slice(lineStart, block.start).trim()) {
    const pos = doc.positionAt(block.start);
    return { range: { start: pos, end: pos }, newText: `\n${comment}\n` };
  }
  const pos = doc.positionAt(lineStart);
  return { range: { start: pos, end: pos }, newText: `${comment}\n` };
}

function disableEdit(doc: TextDocument, a: Analysis, rule: string): TextEdit {
  const end = doc.positionAt(a.text.length);
  const sep = a.text.endsWith('\n\n') ? '' : a.text.endsWith('\n') ? '\n' : '\n\n';
  return { range: { start: end, end }, newText: `${sep}<!-- news-lens-disable ${rule} -->\n` };
}

export function codeActions(doc: TextDocument, a: Analysis, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const disabled = new Set<string>();
  for (const d of diagnostics) {
    if (d.source !== SOURCE || typeof d.code !== 'string') continue;
    const claim = claimOf(doc, a, d);
    if (!claim) continue;
    for (const f of claim.fixes ?? []) {
      actions.push({
        title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: claim.category === 'contradiction' && f.title.startsWith('Replace'),
        edit: { changes: { [doc.uri]: f.edits.map((e): TextEdit => ({ range: toRange(doc, e), newText: e.newText })) } },
      });
    }
    const ignore = ignoreEdit(doc, a, claim);
    if (ignore) {
      actions.push({
        title: `Ignore "${claim.rule}" in this paragraph`, kind: CodeActionKind.QuickFix, diagnostics: [d],
        edit: { changes: { [doc.uri]: [ignore] } },
      });
    }
    if (!disabled.has(claim.rule)) {
      disabled.add(claim.rule);
      actions.push({
        title: `Disable "${claim.rule}" in this file`, kind: CodeActionKind.QuickFix, diagnostics: [d],
        edit: { changes: { [doc.uri]: [disableEdit(doc, a, claim.rule)] } },
      });
    }
  }
  return actions;
}
