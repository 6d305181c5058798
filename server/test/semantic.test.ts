import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient';
import { analyze, ENTITY_KINDS, type Analysis } from '../src/engine';
import { diff, encodeTokens, LEGEND } from '../src/features/semanticTokens';

// Sentences written for these tests.
const ARTICLE = [
  'date 2023-05-10',
  '',
  'Talks in Oslo',
  '',
  'President John Carter met officials in Oslo on Tuesday. Carter said Norway would sign a trade pact with Sweden.',
  '',
  'Later, Carter flew to Paris.',
  '',
].join('\n');
const URI = 'file:///tmp/semantic.news';

interface Token { line: number; char: number; length: number; type: string; modifiers: string[] }

function decode(data: number[], legend: SemanticTokensLegend): Token[] {
  const out: Token[] = [];
  let line = 0, char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    out.push({
      line, char, length: data[i + 2], type: legend.tokenTypes[data[i + 3]],
      modifiers: legend.tokenModifiers.filter((_, b) => data[i + 4] & (1 << b)),
    });
  }
  return out;
}

/** What the tokens should be: one per mention of the engine's analysis, typed by the entity's kind. */
function expected(text: string): Token[] {
  const doc = TextDocument.create('x', 'news', 1, text);
  const a = analyze(text);
  return a.mentions.map((m) => {
    const e = a.entities.find((x) => x.id === m.entity)!;
    const p = doc.positionAt(m.start);
    return { line: p.line, char: p.character, length: m.end - m.start, type: e.kind, modifiers: e.mentions[0].start === m.start ? ['declaration'] : [] };
  });
}

let client: LspClient;
let legend: SemanticTokensLegend;
before(async () => {
  client = await LspClient.start({ capabilities: { workspace: { semanticTokens: { refreshSupport: true } } } });
  legend = (client.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend }).legend;
});
after(async () => { await client.stop(); });

test('the legend has one token type per entity kind, and the manifest colours each of them', () => {
  assert.deepEqual(legend.tokenTypes, [...ENTITY_KINDS]);
  assert.ok(legend.tokenModifiers.includes('declaration'));
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const types = manifest.contributes.semanticTokenTypes.map((t: { id: string }) => t.id);
  assert.deepEqual(types.sort(), [...ENTITY_KINDS].sort());
  const scopes = manifest.contributes.semanticTokenScopes.find((s: { language: string }) => s.language === 'news').scopes;
  for (const k of ENTITY_KINDS) assert.ok(Array.isArray(scopes[k]) && scopes[k].length, `no default colour for ${k}`);
  assert.equal(manifest.contributes.configuration.properties['newsLens.semanticHighlighting.enabled'].default, true);
});

test('full semantic tokens: one per mention, typed by the entity kind, first mention marked', async () => {
  await client.open(URI, ARTICLE);
  const r = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
  const tokens = decode(r.data, legend);
  assert.deepEqual(tokens, expected(ARTICLE));
  const lines = ARTICLE.split('\n');
  const carter = tokens.filter((t) => lines[t.line].slice(t.char, t.char + t.length).endsWith('Carter'));
  assert.equal(carter.length, 3);
  assert.ok(carter.every((t) => t.type === 'person'));
  assert.deepEqual(carter.map((t) => t.modifiers.length), [1, 0, 0]);
  assert.ok(tokens.some((t) => lines[t.line].slice(t.char, t.char + t.length) === 'Paris'));
  assert.ok(r.resultId);
});

test('range tokens cover only the mentions in the range', async () => {
  const r = await client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri: URI }, range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } } });
  const tokens = decode(r.data, legend);
  assert.deepEqual(tokens, expected(ARTICLE).filter((t) => t.line === 6));
  assert.ok(tokens.length >= 2);
});

test('tokens follow typing, and a delta request returns edits that rebuild the new tokens', async () => {
  const uri = 'file:///tmp/semantic-delta.news';
  await client.open(uri, ARTICLE);
  const first = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  const added = 'Carter met President Ingrid Holm of Finland in Helsinki.\n';
  await client.change(uri, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: added }]);
  const next = await client.request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId });
  assert.ok(next.edits, JSON.stringify(next));
  const rebuilt = [...first.data];
  for (const e of [...next.edits].sort((a, b) => b.start - a.start)) rebuilt.splice(e.start, e.deleteCount, ...(e.data ?? []));
  const now = ARTICLE + added;
  assert.deepEqual(decode(rebuilt, legend), expected(now));
  assert.ok(decode(rebuilt, legend).some((t) => t.line === 7), 'the new line is annotated');
  // An unknown previous result id gets full tokens.
  const full = await client.request<SemanticTokens>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: 'nope' });
  assert.deepEqual(decode(full.data, legend), expected(now));
});

test('a mention across a line break becomes one token per line', async () => {
  const text = 'date 2023-05-10\n\nPresident John\nCarter met officials in Oslo. Carter left.\n';
  const a = analyze(text);
  const multi = a.mentions.find((m) => m.text.includes('\n'));
  const uri = 'file:///tmp/semantic-multiline.news';
  await client.open(uri, text);
  const r = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  const tokens = decode(r.data, legend);
  const lines = text.split('\n');
  for (const t of tokens) {
    assert.ok(t.char + t.length <= lines[t.line].length, `token past the end of line ${t.line}`);
    assert.ok(!lines[t.line].slice(t.char, t.char + t.length).includes('\n'));
  }
  if (multi) assert.ok(tokens.some((t) => t.line === 2) && tokens.some((t) => t.line === 3));
});

test('the encoder splits a mention that crosses a line break (CRLF too) into one token per line', () => {
  const text = 'Minister Anna\r\nBell spoke.\r\n';
  const doc = TextDocument.create('x', 'news', 1, text);
  const start = text.indexOf('Anna'), end = text.indexOf('Bell') + 4;
  const mention = { start, end, entity: 'p1', text: text.slice(start, end) };
  // A hand-made analysis: the engine does not produce such a mention from this text today.
  const a = { text, entities: [{ id: 'p1', kind: 'person', name: 'Anna Bell', mentions: [mention] }], mentions: [mention] } as unknown as Analysis;
  const tokens = decode(encodeTokens(doc, a), LEGEND);
  assert.deepEqual(tokens, [
    { line: 0, char: 9, length: 4, type: 'person', modifiers: ['declaration'] },
    { line: 1, char: 0, length: 4, type: 'person', modifiers: ['declaration'] },
  ]);
});

test('tokens asked for before the first analysis are refreshed when it lands', async () => {
  const uri = 'file:///tmp/semantic-first.news';
  const text = 'date 2023-05-10\n\nPresident Emmanuel Macron met officials in Lisbon on Tuesday.\n';
  const before = client.semanticRefreshes;
  const diagnostics = client.waitForDiagnostics(uri);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news', version: 1, text } });
  // At once, as an editor does on open: the analysis has not run yet.
  const first = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  await diagnostics;
  if (first.data.length === 0) {
    for (let i = 0; i < 250 && client.semanticRefreshes === before; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(client.semanticRefreshes > before, 'empty tokens before the analysis, and no workspace/semanticTokens/refresh after it');
  }
  // As VS Code asks again: a delta from the first answer.
  const again = await client.request<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId });
  let data = [...first.data];
  if ('edits' in again) for (const e of [...again.edits].reverse()) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
  else data = again.data;
  assert.deepEqual(decode(data, legend), expected(text));
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('the setting newsLens.semanticHighlighting.enabled = false turns tokens off and asks for a refresh', async () => {
  const before = client.semanticRefreshes;
  client.settings = { semanticHighlighting: { enabled: false } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await client.waitForDiagnostics(URI, () => true);
  for (let i = 0; i < 50 && client.semanticRefreshes === before; i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(client.semanticRefreshes > before, 'no workspace/semanticTokens/refresh');
  const off = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
  assert.deepEqual(off.data, []);
  client.settings = {};
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  for (let i = 0; i < 50 && client.semanticRefreshes < before + 2; i++) await new Promise((r) => setTimeout(r, 20));
  const on = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
  assert.deepEqual(decode(on.data, legend), expected(ARTICLE));
});

test('diff gives one edit that turns the old tokens into the new', () => {
  const a = [0, 1, 2, 0, 0, 1, 0, 3, 1, 0];
  const b = [0, 1, 2, 0, 0, 2, 4, 3, 1, 0];
  const [e] = diff(a, b);
  const r = [...a];
  r.splice(e.start, e.deleteCount, ...(e.data ?? []));
  assert.deepEqual(r, b);
  assert.deepEqual(diff(a, a), []);
});
