import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, DocumentHighlight, WorkspaceEdit, Range, TextEdit, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient';
import { analyze } from '../src/engine';

// Sentences written for these tests.
const ARTICLE = [
  'date 2023-05-10',
  '',
  'Talks in Oslo',
  '',
  'President John Carter met officials in Oslo on Tuesday. Carter said Norway would sign a trade pact with Sweden. Experts say the pact is historic.',
  '',
  'Later, Carter flew to Paris. Officials in Oslo said John Carter had left.',
  '',
].join('\n');
const URI = 'file:///tmp/navigation.news';
const doc = TextDocument.create(URI, 'news', 1, ARTICLE);
const analysis = analyze(ARTICLE);

let client: LspClient;
let plain: LspClient;
before(async () => {
  client = await LspClient.start({ capabilities: { workspace: { workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } } } });
  await client.open(URI, ARTICLE);
  plain = await LspClient.start();
  await plain.open(URI, ARTICLE);
});
after(async () => { await client.stop(); await plain.stop(); });

/** The position of the `nth` occurrence (0-based) of `word`, `into` characters in. */
function pos(word: string, nth = 0, into = 1) {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = ARTICLE.indexOf(word, i + 1);
  assert.ok(i >= 0, `${word} #${nth} not in the article`);
  return doc.positionAt(i + into);
}
const text = (r: Range) => ARTICLE.slice(doc.offsetAt(r.start), doc.offsetAt(r.end));
const at = (p: ReturnType<typeof pos>) => ({ textDocument: { uri: URI }, position: p });
const carter = analysis.entities.find((e) => e.name === 'John Carter');

test('the server announces navigation and rename', () => {
  assert.equal(client.capabilities.definitionProvider, true);
  assert.equal(client.capabilities.referencesProvider, true);
  assert.equal(client.capabilities.documentHighlightProvider, true);
  assert.deepEqual(client.capabilities.renameProvider, { prepareProvider: true });
});

test('the engine links the short form "Carter" to John Carter (precondition of the alias tests)', () => {
  assert.ok(carter, JSON.stringify(analysis.entities.map((e) => e.name)));
  assert.equal(carter.kind, 'person');
  assert.deepEqual(carter.mentions.map((m) => m.text), ['John Carter', 'Carter', 'Carter', 'John Carter']);
});

test('go to definition from an alias lands on the first mention of the entity', async () => {
  const loc = await client.request<Location | null>('textDocument/definition', at(pos('Carter', 2)));
  assert.ok(loc);
  assert.equal(loc.uri, URI);
  assert.equal(text(loc.range), 'John Carter');
  assert.equal(doc.offsetAt(loc.range.start), ARTICLE.indexOf('John Carter'));
  // From the last "Oslo" (a place) to the first, in the heading.
  const oslo = await client.request<Location | null>('textDocument/definition', at(pos('Oslo', 2)));
  assert.ok(oslo);
  assert.equal(doc.offsetAt(oslo.range.start), ARTICLE.indexOf('Oslo'));
  // Not on a mention: no definition.
  assert.equal(await client.request('textDocument/definition', at(pos('officials', 0))), null);
});

test('find all references lists every mention, aliases included, and honours includeDeclaration', async () => {
  const all = await client.request<Location[]>('textDocument/references', { ...at(pos('John Carter', 1, 6)), context: { includeDeclaration: true } });
  assert.deepEqual(all.map((l) => text(l.range)), ['John Carter', 'Carter', 'Carter', 'John Carter']);
  assert.deepEqual(all.map((l) => doc.offsetAt(l.range.start)), carter!.mentions.map((m) => m.start));
  const rest = await client.request<Location[]>('textDocument/references', { ...at(pos('John Carter', 1, 6)), context: { includeDeclaration: false } });
  assert.equal(rest.length, 3);
  assert.ok(!rest.some((l) => doc.offsetAt(l.range.start) === ARTICLE.indexOf('John Carter')));
  assert.deepEqual(await client.request('textDocument/references', { ...at(pos('Tuesday')), context: { includeDeclaration: true } }), []);
});

test('document highlights mark the mentions of the entity under the cursor, the first as the definition', async () => {
  const hs = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', at(pos('Oslo', 1)));
  const oslo = analysis.entities.find((e) => e.name === 'Oslo')!;
  assert.deepEqual(hs.map((h) => doc.offsetAt(h.range.start)), oslo.mentions.map((m) => m.start));
  assert.deepEqual(hs.map((h) => h.kind), oslo.mentions.map((_, i) => (i === 0 ? 3 : 2)));
  assert.ok(hs.every((h) => text(h.range) === 'Oslo'));
  assert.deepEqual(await client.request('textDocument/documentHighlight', at(pos('trade'))), []);
});

test('prepareRename accepts a mention and rejects other positions', async () => {
  const ok = await client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', at(pos('Carter', 1)));
  assert.ok(ok);
  assert.equal(ok.placeholder, 'Carter');
  assert.equal(text(ok.range), 'Carter');
  assert.equal(await client.request('textDocument/prepareRename', at(pos('pact'))), null);
  assert.equal(await client.request('textDocument/prepareRename', at(pos('Experts'))), null);
});

function apply(edits: TextEdit[]): string {
  return TextDocument.applyEdits(doc, edits);
}

test('rename of a surname changes it in every mention of the person, full names included, with a preview', async () => {
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(pos('Carter', 1)), newName: 'Cartier' });
  assert.ok(edit.documentChanges && edit.changeAnnotations, JSON.stringify(edit));
  const [change] = edit.documentChanges as TextDocumentEdit[];
  assert.equal(change.textDocument.uri, URI);
  assert.equal(change.textDocument.version, 1);
  const annotation = Object.values(edit.changeAnnotations)[0];
  assert.equal(annotation.needsConfirmation, true);
  assert.match(annotation.label, /Carter.*Cartier/);
  assert.ok(change.edits.every((e) => 'annotationId' in e && edit.changeAnnotations![e.annotationId as string]));
  assert.equal(change.edits.length, 4);
  const after = apply(change.edits);
  assert.equal(after, ARTICLE.replace(/Carter/g, 'Cartier'));
});

test('rename of a full name changes only the mentions written that way', async () => {
  const edit = await plain.request<WorkspaceEdit>('textDocument/rename', { ...at(pos('John Carter', 0, 2)), newName: 'John B. Carter' });
  // Without change-annotation support the client gets plain `changes`.
  assert.ok(edit.changes && !edit.documentChanges, JSON.stringify(edit));
  const edits = edit.changes[URI];
  assert.equal(edits.length, 2);
  assert.equal(apply(edits), ARTICLE.replace(/John Carter/g, 'John B. Carter'));
});

test('rename never touches words outside the entity\'s mentions', async () => {
  const edit = await plain.request<WorkspaceEdit>('textDocument/rename', { ...at(pos('Oslo', 1)), newName: 'Bergen' });
  const out = apply(edit.changes![URI]);
  assert.equal(out, ARTICLE.replace(/Oslo/g, 'Bergen'));
  assert.ok(out.includes('Norway') && out.includes('Carter'));
  assert.equal(await plain.request('textDocument/rename', { ...at(pos('Tuesday')), newName: 'Monday' }), null);
});

test('rename refuses an empty or multi-line name with a clear error', async () => {
  await assert.rejects(plain.request('textDocument/rename', { ...at(pos('Carter', 1)), newName: '  ' }), /empty/);
  await assert.rejects(plain.request('textDocument/rename', { ...at(pos('Carter', 1)), newName: 'A\nB' }), /one line/);
});

test('navigation follows edits: after an insertion the references move', async () => {
  const uri = 'file:///tmp/navigation-edit.news';
  await plain.open(uri, ARTICLE);
  await plain.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'Today. ' }]);
  const locs = await plain.request<Location[]>('textDocument/references', { textDocument: { uri }, position: { line: 4, character: 7 + 'President John'.length + 3 }, context: { includeDeclaration: true } });
  assert.equal(locs.length, 4);
  assert.equal(locs[0].range.start.character, 7 + 'President '.length);
  // Unknown documents and positions out of range answer empty, never fail.
  assert.equal(await plain.request('textDocument/definition', { textDocument: { uri: 'file:///tmp/none.news' }, position: { line: 0, character: 0 } }), null);
  assert.deepEqual(await plain.request('textDocument/references', { textDocument: { uri }, position: { line: 999, character: 0 }, context: { includeDeclaration: true } }), []);
});
