// Protocol tests of the settings: read through workspace/configuration, re-applied on change; per-rule
// severity (including `off`); enabledLanguages opting Markdown and plain text in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './helpers/lspClient';

const ARTICLE = 'date 2021-03-04\n\nMaria Lindqvist opened the landmark bridge in Vienna. It cost 40 million euros.\n\nExperts say the bridge will last a century.\n';
let seq = 0;
const fresh = (ext = 'news') => `file:///tmp/news-lens-test/settings-${++seq}.${ext}`;

async function changeSettings(c: LspClient, settings: Record<string, unknown>): Promise<void> {
  c.settings = settings;
  await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { newsLens: settings } });
}

test('per-rule severity from workspace/configuration: a level, or off to remove the rule', async () => {
  const c = await LspClient.start({ settings: { rules: { 'opinion-as-fact': 'off', 'vague-attribution': 'error' } } });
  try {
    const uri = fresh();
    // Settings are fetched after `initialized`: wait until the open document reflects them.
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news', version: 1, text: ARTICLE } });
    const d = (await c.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'vague-attribution' && x.severity === 1))).diagnostics;
    assert.ok(!d.some((x) => x.code === 'opinion-as-fact'), JSON.stringify(d));
    assert.ok(d.some((x) => x.code === 'unsourced-statistic' && x.severity === 2));
  } finally {
    await c.stop();
  }
});

test('a configuration change is re-applied to open documents', async () => {
  const c = await LspClient.start();
  try {
    const uri = fresh();
    const before = await c.open(uri, ARTICLE);
    assert.ok(before.some((x) => x.code === 'opinion-as-fact' && x.severity === 2));
    await changeSettings(c, { rules: { 'opinion-as-fact': 'off', 'unsourced-statistic': 'hint' } });
    const after = (await c.waitForDiagnostics(uri, (p) => !p.diagnostics.some((x) => x.code === 'opinion-as-fact'))).diagnostics;
    assert.ok(after.length > 0);
    assert.equal(after.find((x) => x.code === 'unsourced-statistic')?.severity, 4);
    assert.equal(after.find((x) => x.code === 'vague-attribution')?.severity, 2);
    await changeSettings(c, { rules: { 'opinion-as-fact': 'information' } });
    const back = (await c.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'opinion-as-fact'))).diagnostics;
    assert.equal(back.find((x) => x.code === 'opinion-as-fact')?.severity, 3);
    // A bad value is ignored (the rule keeps its default), it does not break the server.
    await changeSettings(c, { rules: { 'opinion-as-fact': 'loud', 'vague-attribution': 42 }, enabledLanguages: 'news' });
    const sane = (await c.waitForDiagnostics(uri, (p) => p.diagnostics.find((x) => x.code === 'opinion-as-fact')?.severity === 2)).diagnostics;
    assert.equal(sane.find((x) => x.code === 'vague-attribution')?.severity, 2);
  } finally {
    await c.stop();
  }
});

test('Markdown and plain text are analyzed only when enabledLanguages opts them in', async () => {
  const c = await LspClient.start();
  try {
    const md = fresh('md'), txt = fresh('txt');
    const markdown = '# Talks in Vienna\n\n' + ARTICLE.replace(/^date.*\n\n/, '');
    assert.deepEqual(await c.open(md, markdown, 'markdown'), []);
    assert.deepEqual(await c.open(txt, ARTICLE, 'plaintext'), []);
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: md }, position: { line: 2, character: 3 } }), null);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: md } }), []);

    await changeSettings(c, { enabledLanguages: ['news', 'markdown', 'plaintext'] });
    const mdDiags = (await c.waitForDiagnostics(md, (p) => p.diagnostics.length > 0)).diagnostics;
    assert.ok(mdDiags.some((d) => d.code === 'vague-attribution'));
    assert.ok((await c.waitForDiagnostics(txt, (p) => p.diagnostics.length > 0)).diagnostics.length > 0);
    const symbols = await c.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: md } });
    assert.equal(symbols[0].name, 'Talks in Vienna', 'a Markdown heading is a section, without its #');
    const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: md }, position: { line: 2, character: 3 } });
    assert.match(hover!.contents.value, /^\*\*Maria Lindqvist\*\*/);

    await changeSettings(c, { enabledLanguages: ['news'] });
    await c.waitForDiagnostics(md, (p) => p.diagnostics.length === 0);
    await c.waitForDiagnostics(txt, (p) => p.diagnostics.length === 0);
  } finally {
    await c.stop();
  }
});

test('*.news and *.article files are analyzed whatever language id the client gives them', async () => {
  const c = await LspClient.start();
  try {
    assert.ok((await c.open(fresh('article'), ARTICLE, 'plaintext')).length > 0);
    assert.ok((await c.open(fresh('news'), ARTICLE, 'news')).length > 0);
  } finally {
    await c.stop();
  }
});

test('a client without workspace/configuration: settings from initializationOptions and didChangeConfiguration', async () => {
  const c = await LspClient.start({ configuration: false, initializationOptions: { settings: { rules: { 'vague-attribution': 'off' } } } });
  try {
    const uri = fresh();
    const d = await c.open(uri, ARTICLE);
    assert.ok(d.length > 0 && !d.some((x) => x.code === 'vague-attribution'), JSON.stringify(d));
    await changeSettings(c, { rules: { 'unsourced-statistic': 'error' } });
    const after = (await c.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'vague-attribution'))).diagnostics;
    assert.equal(after.find((x) => x.code === 'unsourced-statistic')?.severity, 1);
  } finally {
    await c.stop();
  }
});

test('initializationOptions may hold the settings as { newsLens: ... } (Helix sends its config so)', async () => {
  const c = await LspClient.start({ configuration: false, initializationOptions: { newsLens: { rules: { 'opinion-as-fact': 'off' } } } });
  try {
    const d = await c.open(fresh(), ARTICLE);
    assert.ok(d.length > 0 && !d.some((x) => x.code === 'opinion-as-fact'), JSON.stringify(d));
  } finally {
    await c.stop();
  }
});
