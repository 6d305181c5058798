import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient';

const root = mkdtempSync(join(tmpdir(), 'newslens-claims-'));
mkdirSync(join(root, '.newslens'));
writeFileSync(join(root, '.newslens', 'facts.json'), JSON.stringify({
  offices: [{ title: 'Mayor', holders: [{ name: 'Jane Roe', start: '2015-01-01', end: '2020-01-01' }, { name: 'Sam Doe', start: '2020-01-01' }] }],
}));
const rootUri = pathToFileURL(root).href;
let client: LspClient;
before(async () => { client = await LspClient.start({ rootUri }); });
after(async () => { await client.stop(); });

/** Applies LSP text edits to a text (positions by line/character). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => {
    let o = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) o += lines[i].length + 1;
    return Math.min(o + p.character, text.length);
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

async function actionsFor(uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
}

let n = 0;
async function check(text: string, rule: string, expectedFix: string | RegExp): Promise<void> {
  const uri = `${rootUri}/claim-${++n}.news`;
  const diags = await client.open(uri, text);
  const d = diags.find((x) => x.code === rule);
  assert.ok(d, `${rule} in ${JSON.stringify(diags)}`);
  assert.equal(d!.source, 'news-lens');
  const actions = await actionsFor(uri, d!);
  const titles = actions.map((a) => a.title);
  const fix = actions.find((a) => typeof expectedFix === 'string' ? a.title === expectedFix : expectedFix.test(a.title));
  assert.ok(fix, `fix in ${JSON.stringify(titles)}`);
  const fixed = applyEdits(text, fix!.edit!.changes![uri]);
  assert.ok(titles.includes(`Ignore "${rule}" in this paragraph`), JSON.stringify(titles));
  assert.ok(titles.includes(`Disable "${rule}" in this file`), JSON.stringify(titles));
  // Each of the three actions, applied through the server, removes the finding.
  for (const title of [fix!.title, `Ignore "${rule}" in this paragraph`, `Disable "${rule}" in this file`]) {
    const a = actions.find((x) => x.title === title)!;
    const next = title === fix!.title ? fixed : applyEdits(text, a.edit!.changes![uri]);
    const after = await client.change(uri, [{ text: next }]);
    if (title === fix!.title && fix!.title.startsWith('Insert an attribution')) {
      assert.match(next, /according to \[SOURCE\]/);
      assert.ok(!after!.some((x) => x.code === rule), `${title}: ${JSON.stringify(after)}`);
    } else {
      assert.ok(!after!.some((x) => x.code === rule), `${title}: ${next}\n${JSON.stringify(after)}`);
    }
    await client.change(uri, [{ text }]);
  }
}

test('unsourced-statistic through the server, with its placeholder, ignore and disable actions', async () => {
  await check('date 2021-04-01\n\nTurnout reached 64 percent in the north.\n', 'unsourced-statistic', 'Insert an attribution placeholder');
});

test('vague-attribution through the server', async () => {
  await check('date 2021-04-01\n\nExperts say the reform will fail.\n', 'vague-attribution', 'Replace the vague source with an attribution placeholder');
  await check('date 2021-04-01\n\nThe ship reportedly sank near the coast.\n', 'vague-attribution', 'Replace the vague source with an attribution placeholder');
});

test('opinion-as-fact through the server (article with the date and text on one line)', async () => {
  await check('date 2021-04-01 The summit was a momentous step for the region.\n', 'opinion-as-fact', 'Insert an attribution placeholder');
});

test('contradiction through the server: replace with the known fact', async () => {
  await check('date 2021-04-01\n\nThe envoy flew to Sydney, the capital of Australia, on Monday.\n', 'contradiction', 'Replace with "Canberra"');
  await check('date 2019-03-12\n\nPresident Barack Obama signed the bill.\n', 'contradiction', 'Replace with "Donald Trump"');
});

test('severity per rule in settings, `off` included', async () => {
  const c = await LspClient.start({ settings: { rules: { 'vague-attribution': 'off', 'unsourced-statistic': 'error' } } });
  try {
    await c.open('file:///tmp/sev.news', 'Experts say the reform will fail.\n\nTurnout reached 64 percent.\n');
    // The settings arrive after initialization: wait for the diagnostics that use them.
    const diags = (await c.waitForDiagnostics('file:///tmp/sev.news', (p) => p.diagnostics.some((d) => d.code === 'unsourced-statistic' && d.severity === 1))).diagnostics;
    assert.ok(!diags.some((d) => d.code === 'vague-attribution'));
    assert.equal(diags.find((d) => d.code === 'unsourced-statistic')?.severity, 1);
  } finally {
    await c.stop();
  }
});

test('the workspace facts file adds offices; a malformed one gets diagnostics in that file and nothing breaks', async () => {
  const uri = `${rootUri}/mayor.news`;
  const text = 'date 2022-05-01\n\nMayor Jane Roe opened the bridge on Monday.\n';
  const diags = await client.open(uri, text);
  assert.ok(diags.some((d) => d.code === 'contradiction' && /Sam Doe/.test(d.message)), JSON.stringify(diags));
  // The user edits the facts file in the editor: first broken, then fixed with a new holder.
  const factsUri = `${rootUri}/.newslens/facts.json`;
  const broken = '{\n  "offices": [{ "title": "Mayor", "holders": [{ "name": "Jane Roe", "start": "May 2015" }] }]\n}\n';
  const factsDiags = await client.open(factsUri, broken, 'json');
  assert.ok(factsDiags.length > 0 && factsDiags.every((d) => d.source === 'news-lens'), JSON.stringify(factsDiags));
  assert.equal(factsDiags[0].range.start.line, 1);
  const cleared = await client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'contradiction'));
  assert.ok(cleared, 'a broken facts file adds no facts');
  await client.change(factsUri, [{ text: JSON.stringify({ offices: [{ title: 'Mayor', holders: [{ name: 'Jane Roe', start: '2021-01-01' }] }] }) }]);
  assert.deepEqual(client.diagnostics.get(factsUri)?.diagnostics, []);
  const quiet = await client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'contradiction'));
  assert.ok(quiet);
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 8 } });
  assert.ok(hover === null || typeof hover === 'object', 'the server still answers');
});
