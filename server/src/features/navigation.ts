/**
 * Navigation over an article's entities, the way a code editor navigates functions and types:
 * go to definition (the entity's first mention), find all references (every mention, aliases
 * included), document highlights, and rename (every mention of one written form of the name).
 */
import {
  DocumentHighlightKind, ResponseError, ErrorCodes,
  type DocumentHighlight, type Location, type Range, type WorkspaceEdit, type AnnotatedTextEdit, type TextEdit, type TextDocumentEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { entityById, findMentionAt, type Analysis, type Entity, type Mention, type Span } from '../engine';
import { toRange } from './convert';
import { formSpans } from './renameSpans';

/** The mention under `offset` and its entity, or null when the offset is not on a mention. */
export function entityAt(a: Analysis, offset: number): { mention: Mention; entity: Entity } | null {
  const mention = findMentionAt(a, offset);
  if (!mention) return null;
  const entity = entityById(a, mention.entity);
  return entity ? { mention, entity } : null;
}

/** Go to definition: the entity's first mention in the article. */
export function definition(doc: TextDocument, a: Analysis, offset: number): Location | null {
  const hit = entityAt(a, offset);
  if (!hit) return null;
  return { uri: doc.uri, range: toRange(doc, hit.entity.mentions[0]) };
}

/** Find all references: every mention of the entity; the first one only when `includeDeclaration`. */
export function references(doc: TextDocument, a: Analysis, offset: number, includeDeclaration: boolean): Location[] {
  const hit = entityAt(a, offset);
  if (!hit) return [];
  const ms = includeDeclaration ? hit.entity.mentions : hit.entity.mentions.slice(1);
  return ms.map((m) => ({ uri: doc.uri, range: toRange(doc, m) }));
}

/** Document highlights: every mention of the entity; the first is marked as the "write" (the definition). */
export function documentHighlights(doc: TextDocument, a: Analysis, offset: number): DocumentHighlight[] {
  const hit = entityAt(a, offset);
  if (!hit) return [];
  return hit.entity.mentions.map((m, i) => ({
    range: toRange(doc, m),
    kind: i === 0 ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

/**
 * The written form that a rename at `offset` changes: the whole mention ("Blinken", "Antony J.
 * Blinken"), or, when the cursor is on one word of a multi-word mention, still the whole mention.
 */
export function prepareRename(doc: TextDocument, a: Analysis, offset: number): { range: Range; placeholder: string } | null {
  const hit = entityAt(a, offset);
  if (!hit) return null;
  return { range: toRange(doc, hit.mention), placeholder: hit.mention.text };
}

export interface RenameOptions {
  /** The client supports change annotations: the edit is then marked for a preview. */
  readonly annotations?: boolean;
}

export const RENAME_ANNOTATION = 'newsLens.rename';

/**
 * Rename: every mention of the entity that contains the written form under the cursor, as whole
 * words, gets that form replaced. Renaming "Blinken" to "Blinkin" changes "Blinken" and the
 * "Blinken" in "Antony J. Blinken", and nothing outside the entity's mentions.
 */
export function rename(doc: TextDocument, a: Analysis, offset: number, newName: string, options: RenameOptions = {}): WorkspaceEdit | null {
  const hit = entityAt(a, offset);
  if (!hit) return null;
  const name = newName.trim();
  if (!name) throw new ResponseError(ErrorCodes.InvalidParams, 'The new name is empty.');
  if (/[\r\n]/.test(name)) throw new ResponseError(ErrorCodes.InvalidParams, 'The new name must be on one line.');
  const form = hit.mention.text;
  const spans = formSpans(hit.entity.mentions, form);
  if (!spans.length || name === form) return { changes: {} };
  if (!options.annotations) {
    const edits: TextEdit[] = spans.map((s) => ({ range: toRange(doc, s), newText: name }));
    return { changes: { [doc.uri]: edits } };
  }
  const edits: AnnotatedTextEdit[] = spans.map((s) => ({ range: toRange(doc, s), newText: name, annotationId: RENAME_ANNOTATION }));
  return {
    documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }],
    changeAnnotations: {
      [RENAME_ANNOTATION]: {
        label: `Rename “${form}” to “${name}”`,
        description: `${spans.length} mention${spans.length === 1 ? '' : 's'} of ${hit.entity.name}`,
        needsConfirmation: true,
      },
    },
  };
}

/** Another article that mentions the renamed entity: its text (open, with its version, or on disk) and the spans to change. */
export interface OtherArticle {
  readonly doc: TextDocument;
  /** The open document's version, or null for a file on disk. */
  readonly version: number | null;
  readonly spans: readonly Span[];
}

/**
 * The rename extended to the other articles of the workspace that mention the same entity (same id):
 * their edits are added to `edit` (under the same change annotation, so the preview lists every file).
 */
export function withOtherArticles(edit: WorkspaceEdit, others: readonly OtherArticle[], newName: string): WorkspaceEdit {
  const name = newName.trim();
  const more = others.filter((o) => o.spans.length);
  if (!more.length) return edit;
  if (edit.documentChanges) {
    const changes = [...edit.documentChanges] as TextDocumentEdit[];
    for (const o of more) {
      changes.push({
        textDocument: { uri: o.doc.uri, version: o.version },
        edits: o.spans.map((s) => ({ range: toRange(o.doc, s), newText: name, annotationId: RENAME_ANNOTATION })),
      });
    }
    const count = changes.reduce((n, c) => n + c.edits.length, 0);
    const annotation = edit.changeAnnotations?.[RENAME_ANNOTATION];
    return {
      documentChanges: changes,
      changeAnnotations: annotation ? {
        [RENAME_ANNOTATION]: { ...annotation, description: `${count} mentions in ${changes.length} articles` },
      } : edit.changeAnnotations,
    };
  }
  const changes: Record<string, TextEdit[]> = { ...(edit.changes ?? {}) };
  for (const o of more) changes[o.doc.uri] = o.spans.map((s) => ({ range: toRange(o.doc, s), newText: name }));
  return { changes };
}
