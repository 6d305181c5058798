/**
 * Rename across the workspace: renaming a person in one article also renames them in the other articles
 * of the workspace that mention the same person (open ones and files on disk), and nowhere else.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceEdit, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient';

// Articles written for these tests.
const A = 'date 2023-05-10\n\nPresident John Carter met officials in Oslo on Tuesday. Carter said Norway would sign a trade pact.\n';
const B = 'date 2023-06-01\n\nIn Paris, President John Carter met officials. Experts say Carter was tired.\n';
const C = 'date 2023-07-01\n\nOfficials in Madrid met on Friday. Senator Maria Carterton spoke about Carterville.\n';
const D = 'date 2023-08-01\n\nJohn Carter arrived in Rome on Monday.\n';

let dir: string;
let annotated: LspClient;
let plain: LspClient;
const uri = (name: string) => pathToFileURL(join(dir, name)).toString();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newslens-ws-rename-'));
  writeFileSync(join(dir, 'a.news'), A);
  writeFileSync(join(dir, 'b.news'), B);
  writeFileSync(join(dir, 'c.news'), C);
  writeFileSync(join(dir, 'd.article'), D);
  const folder = pathToFileURL(dir).toString();
  annotated = await LspClient.start({
    workspaceFolders: [folder],
    capabilities: { workspace: { workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } } },
  });
  plain = await LspClient.start({ workspaceFolders: [folder] });
  for (const c of [annotated, plain]) {
    await c.request('newsLens/indexStatus', {});
    await c.open(uri('a.news'), A);
    // d.article is open with unsaved text: its live text is renamed, not the disk version.
    await c.open(uri('d.article'), D.replace('Rome', 'Naples'));
  }
});
after(async () => {
  await annotated.stop();
  await plain.stop();
  rmSync(dir, { recursive: true, force: true });
});

const at = (text: string, word: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(word, i + 1);
  return TextDocument.create('x', 'news', 1, text).positionAt(i + 1);
};
const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('x', 'news', 1, text), edits);

test('renaming a person changes them in every article that mentions them, open or on disk, with one preview', async () => {
  const edit = await annotated.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri('a.news') }, position: at(A, 'Carter', 1), newName: 'Cartier' });
  const changes = edit.documentChanges as TextDocumentEdit[];
  assert.ok(changes, JSON.stringify(edit));
  const byUri = new Map(changes.map((c) => [c.textDocument.uri, c]));
  assert.deepEqual([...byUri.keys()].sort(), [uri('a.news'), uri('b.news'), uri('d.article')].sort(), 'not c.news: Carterton and Carterville are other words');
  assert.equal(byUri.get(uri('a.news'))!.textDocument.version, 1);
  assert.equal(byUri.get(uri('d.article'))!.textDocument.version, 1, 'the open document, at its version');
  assert.equal(byUri.get(uri('b.news'))!.textDocument.version, null, 'a file on disk');
  assert.equal(apply(A, byUri.get(uri('a.news'))!.edits), A.replace(/Carter\b/g, 'Cartier'));
  assert.equal(apply(B, byUri.get(uri('b.news'))!.edits), B.replace(/Carter\b/g, 'Cartier'));
  assert.equal(apply(D.replace('Rome', 'Naples'), byUri.get(uri('d.article'))!.edits), D.replace('Rome', 'Naples').replace('Carter', 'Cartier'));
  const annotation = edit.changeAnnotations!['newsLens.rename'];
  assert.equal(annotation.needsConfirmation, true);
  assert.equal(annotation.description, '5 mentions in 3 articles');
  assert.ok(changes.every((c) => c.edits.every((e) => (e as { annotationId?: string }).annotationId === 'newsLens.rename')));
  assert.equal(readFileSync(join(dir, 'b.news'), 'utf8'), B, 'the server edits nothing itself');
});

test('without change annotations the same rename comes as plain changes per file', async () => {
  const edit = await plain.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri('a.news') }, position: at(A, 'John Carter', 0), newName: 'John B. Carter' });
  assert.ok(edit.changes && !edit.documentChanges);
  assert.deepEqual(Object.keys(edit.changes).sort(), [uri('a.news'), uri('b.news'), uri('d.article')].sort());
  assert.equal(apply(B, edit.changes[uri('b.news')]), B.replace('John Carter', 'John B. Carter'));
});

test('a rename of an entity no other article mentions stays in its article', async () => {
  const edit = await plain.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri('a.news') }, position: at(A, 'Oslo'), newName: 'Bergen' });
  assert.deepEqual(Object.keys(edit.changes!), [uri('a.news')]);
  const same = await plain.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri('a.news') }, position: at(A, 'Carter', 1), newName: 'Carter' });
  assert.deepEqual(same, { changes: {} }, 'the same name: nothing to change anywhere');
});
