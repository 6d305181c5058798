// Protocol tests: the built server over stdio — initialize, didOpen, didChange, hover, documentSymbol,
// codeAction, didClose. Expected values come from the engine's own analysis of the same text, so the
// tests check the translation into LSP (ranges, UTF-16, structure, card content) while entity
// recognition keeps improving.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover, InitializeResult, MarkupContent, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from './helpers/lspClient';
import { analyze, lineColumn } from '../src/engine';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

const ARTICLE = [
  'date 2021-03-04',
  '',
  'Talks in Vienna',
  '',
  'Foreign Minister Maria Lindqvist met Chancellor Peter Brandt in Vienna on Tuesday. The talks were a landmark moment.',
  '',
  'Unemployment rose to 12 percent last year.',
  '',
  'Trade and Energy',
  '',
  'Experts say the pipeline will be finished soon. Maria Lindqvist and Peter Brandt left Vienna on Wednesday.',
  '',
].join('\n');

let seq = 0;
const fresh = (ext = 'news') => `file:///tmp/news-lens-test/features-${++seq}.${ext}`;

function rangeOf(text: string, start: number, end: number): Range {
  const doc = TextDocument.create('x', 'news', 1, text);
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

async function hoverAt(uri: string, line: number, character: number): Promise<Hover | null> {
  return client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
}

test('initialize announces incremental sync, UTF-16 positions, hover, symbols and quick fixes', async () => {
  const c = new LspClient();
  try {
    const r: InitializeResult = await c.initialize();
    const caps = r.capabilities;
    assert.equal(caps.positionEncoding ?? 'utf-16', 'utf-16');
    assert.deepEqual(caps.textDocumentSync && typeof caps.textDocumentSync === 'object' && { openClose: caps.textDocumentSync.openClose, change: caps.textDocumentSync.change }, { openClose: true, change: 2 });
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.documentSymbolProvider, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(r.serverInfo?.name, 'news-lens');
  } finally {
    await c.stop();
  }
});

test('diagnostics carry the source, the rule id as code, the engine\'s ranges and a message that says how to fix it', async () => {
  const uri = fresh();
  const diags = await client.open(uri, ARTICLE);
  const expected = analyze(ARTICLE).claims;
  assert.ok(expected.length >= 3, 'the test article has findings of several rules');
  assert.equal(diags.length, expected.length);
  for (const [i, c] of expected.entries()) {
    const d = diags[i];
    assert.equal(d.source, 'news-lens');
    assert.equal(d.code, c.rule);
    assert.equal(d.severity, 2, 'warning by default');
    assert.deepEqual(d.range, rangeOf(ARTICLE, c.start, c.end));
    assert.equal(d.message, c.message);
    // What is missing, then how to fix it: at least two sentences.
    assert.match(d.message, /\S[.!?]\s+\S.*[.!?)]$/, d.message);
  }
  for (const rule of ['opinion-as-fact', 'unsourced-statistic', 'vague-attribution']) {
    assert.ok(diags.some((d) => d.code === rule), `a ${rule} finding: ${JSON.stringify(diags)}`);
  }
  // The statistic is on line 7 (0-based 6).
  assert.equal(diags.find((d) => d.code === 'unsourced-statistic')!.range.start.line, 6);
});

test('hover on every mention of every entity gives its card; between names there is none', async () => {
  const uri = fresh();
  await client.open(uri, ARTICLE);
  const a = analyze(ARTICLE);
  const doc = TextDocument.create(uri, 'news', 1, ARTICLE);
  assert.ok(a.entities.some((e) => e.kind === 'person' && e.name === 'Maria Lindqvist'));
  assert.ok(a.entities.some((e) => e.kind === 'place' && e.name === 'Vienna'));
  let hovers = 0;
  for (const e of a.entities) {
    const first = lineColumn(ARTICLE, e.mentions[0].start);
    for (const m of e.mentions) {
      for (const offset of [m.start, m.start + 1, m.end - 1]) {
        const pos = doc.positionAt(offset);
        const h = await hoverAt(uri, pos.line, pos.character);
        assert.ok(h, `hover at ${m.text} (${offset})`);
        const card = (h.contents as MarkupContent);
        assert.equal(card.kind, 'markdown');
        assert.ok(card.value.startsWith(`**${e.name}** · ${e.kind[0].toUpperCase()}${e.kind.slice(1)}`), card.value);
        assert.match(card.value, new RegExp(`Mentioned ${e.mentions.length} times?`));
        assert.match(card.value, new RegExp(`first mention on line ${first.line}, column ${first.column}\\.`));
        assert.match(card.value, /\*Knowledge base:\*/);
        for (const r of e.roles) assert.ok(card.value.includes(`“${r}”`), `role ${r} in ${card.value}`);
        assert.ok(!card.value.includes('date checks'), 'the article has a date header');
        assert.deepEqual(h.range, rangeOf(ARTICLE, m.start, m.end));
        hovers++;
      }
    }
  }
  assert.ok(hovers >= 12);
  // "met" between two names, the heading's "in", the blank line, the date header.
  const line4 = ARTICLE.split('\n')[4];
  assert.equal(await hoverAt(uri, 4, line4.indexOf(' met ') + 2), null);
  assert.equal(await hoverAt(uri, 1, 0), null);
  assert.equal(await hoverAt(uri, 0, 2), null);
});

test('the hover card shows the role written in the article and the mention count', async () => {
  const uri = fresh();
  await client.open(uri, ARTICLE);
  const line = ARTICLE.split('\n')[4];
  const h = await hoverAt(uri, 4, line.indexOf('Lindqvist'));
  const value = (h!.contents as MarkupContent).value;
  assert.match(value, /^\*\*Maria Lindqvist\*\* · Person/);
  assert.match(value, /\*Role in this article:\* “[^”]*Minister”/);
  assert.match(value, /Mentioned 2 times; first mention on line 5, column 18\./);
});

test('without a date header the card says that date checks are skipped', async () => {
  const text = 'Officials in Vienna met on Monday. Maria Lindqvist spoke first.\n';
  const uri = fresh();
  await client.open(uri, text);
  const h = await hoverAt(uri, 0, text.indexOf('Vienna') + 1);
  assert.ok(h);
  assert.match((h.contents as MarkupContent).value, /No `date YYYY-MM-DD` header: date checks .* are skipped/);
  const bad = 'date 2023-02-30\n\nOfficials in Vienna met on Monday.\n';
  const uri2 = fresh();
  await client.open(uri2, bad);
  const h2 = await hoverAt(uri2, 2, bad.split('\n')[2].indexOf('Vienna'));
  assert.match((h2!.contents as MarkupContent).value, /2023-02-30 is not a real date: date checks are skipped/);
});

test('positions are UTF-16 code units: astral characters before a name count twice', async () => {
  const text = 'date 2022-05-01\n\n\u{1F30D}\u{1F4F0} Reporters in Vienna waited. \u{1D4D0}\u{1D4D1} Officials in Vienna spoke.\n';
  const uri = fresh();
  await client.open(uri, text);
  const line = text.split('\n')[2];
  // JavaScript indices are UTF-16 code units, as LSP's.
  const second = line.lastIndexOf('Vienna');
  const h = await hoverAt(uri, 2, second + 3);
  assert.ok(h, 'hover on the second Vienna');
  assert.deepEqual(h.range, { start: { line: 2, character: second }, end: { line: 2, character: second + 6 } });
  assert.match((h.contents as MarkupContent).value, /^\*\*Vienna\*\*/);
  // In code points the second "Vienna" starts 4 earlier; at that UTF-16 position there is no name.
  const codePoints = [...line.slice(0, second)].length;
  assert.equal(codePoints, second - 4);
  assert.equal(await hoverAt(uri, 2, codePoints + 1), null);
});

test('document symbols: the sections in order, then the entities grouped by kind at their first mention', async () => {
  const uri = fresh();
  await client.open(uri, ARTICLE);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const a = analyze(ARTICLE);
  assert.deepEqual(symbols.slice(0, 2).map((s) => s.name), ['Talks in Vienna', 'Trade and Energy']);
  assert.deepEqual(symbols[0].selectionRange, { start: { line: 2, character: 0 }, end: { line: 2, character: 15 } });
  assert.deepEqual(symbols[0].range.start, { line: 2, character: 0 });
  assert.equal(symbols[1].range.start.line, 8);
  assert.equal(symbols[1].range.end.line, 11);
  const groups = symbols.slice(2);
  const order = ['People', 'Countries', 'Places', 'Organizations', 'Events'];
  const kindOf: Record<string, string> = { People: 'person', Countries: 'country', Places: 'place', Organizations: 'organization', Events: 'event' };
  assert.ok(groups.some((g) => g.name === 'People') && groups.some((g) => g.name === 'Places'), JSON.stringify(groups.map((g) => g.name)));
  const entityGroups = groups.filter((g) => order.includes(g.name));
  assert.deepEqual(entityGroups.map((g) => g.name), order.filter((n) => entityGroups.some((g) => g.name === n)), 'groups in a fixed order');
  let seen = 0;
  for (const g of entityGroups) {
    const es = a.entities.filter((e) => e.kind === kindOf[g.name]);
    assert.deepEqual(g.children!.map((c) => c.name), es.map((e) => e.name));
    for (const [i, c] of g.children!.entries()) {
      const first = rangeOf(ARTICLE, es[i].mentions[0].start, es[i].mentions[0].end);
      assert.deepEqual(c.range, first);
      assert.deepEqual(c.selectionRange, first);
      assert.match(c.detail ?? '', new RegExp(`${es[i].mentions.length} mentions?$`));
      seen++;
    }
  }
  assert.equal(seen, a.entities.length, 'every entity once');
  // Every selectionRange lies inside its range (LSP requires it) and every child inside its parent.
  const inside = (r: Range, outer: Range) =>
    (r.start.line > outer.start.line || (r.start.line === outer.start.line && r.start.character >= outer.start.character)) &&
    (r.end.line < outer.end.line || (r.end.line === outer.end.line && r.end.character <= outer.end.character));
  const walk = (ss: DocumentSymbol[], parent?: DocumentSymbol) => {
    for (const s of ss) {
      assert.ok(inside(s.selectionRange, s.range), `${s.name}: selectionRange inside range`);
      if (parent) assert.ok(inside(s.range, parent.range), `${s.name} inside ${parent.name}`);
      walk(s.children ?? [], s);
    }
  };
  walk(symbols);
  const person = entityGroups.find((g) => g.name === 'People')!.children!.find((c) => c.name === 'Maria Lindqvist')!;
  assert.match(person.detail!, /Minister · 2 mentions/);
});

test('incremental didChange: inserted, replaced and deleted text move and update the findings', async () => {
  const uri = fresh();
  let text = ARTICLE;
  let diags = await client.open(uri, text);
  const count = diags.length;
  const apply = (range: Range, newText: string) => {
    const doc = TextDocument.create(uri, 'news', 1, text);
    text = TextDocument.applyEdits(doc, [{ range, newText }]);
  };
  // 1. Insert a paragraph with a vague attribution before the first one (two lines down).
  const insert = { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } };
  const added = 'Critics say the plan is doomed.\n\n';
  apply(insert, added);
  diags = (await client.change(uri, [{ range: insert, text: added }]))!;
  assert.equal(diags.length, count + 1);
  assert.ok(diags.some((d) => d.code === 'vague-attribution' && d.range.start.line === 4), JSON.stringify(diags));
  const stat = diags.find((d) => d.code === 'unsourced-statistic')!;
  assert.equal(stat.range.start.line, 8, 'the statistic moved two lines down');
  assert.deepEqual(diags, (await client.open(fresh(), text)).map((d) => d), 'same as a fresh open of the new text');
  // 2. Replace the figure's sentence in place with one that has a source (two changes in one notification).
  const line8 = text.split('\n')[8];
  const changes = [
    { range: { start: { line: 8, character: 0 }, end: { line: 8, character: line8.length } }, text: 'Unemployment rose last year, the statistics office said.' },
    { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } }, text: '2022' },
  ];
  for (const c of changes) apply(c.range, c.text);
  diags = (await client.change(uri, changes))!;
  assert.ok(!diags.some((d) => d.code === 'unsourced-statistic'), JSON.stringify(diags));
  assert.ok(text.startsWith('date 2022-03-04\n'));
  // 3. Delete the inserted paragraph: its finding goes, hovers follow the text.
  const del = { start: { line: 4, character: 0 }, end: { line: 6, character: 0 } };
  apply(del, '');
  diags = (await client.change(uri, [{ range: del, text: '' }]))!;
  assert.ok(!diags.some((d) => d.code === 'vague-attribution' && d.range.start.line === 4));
  const line4 = text.split('\n')[4];
  const h = await hoverAt(uri, 4, line4.indexOf('Peter Brandt') + 1);
  assert.match((h!.contents as MarkupContent).value, /^\*\*Peter Brandt\*\*/);
  // 4. A full-text change (no range) is accepted too.
  diags = (await client.change(uri, [{ text: 'date 2022-03-04\n\nA quiet day in Vienna.\n' }]))!;
  assert.deepEqual(diags, []);
});

test('code actions: quick fixes for each finding, none for other sources or ranges', async () => {
  const uri = fresh();
  const diags = await client.open(uri, ARTICLE);
  assert.ok(diags.length);
  for (const d of diags) {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] },
    });
    assert.ok(actions.length >= 1, `actions for ${d.code}`);
    for (const a of actions) {
      assert.equal(a.kind, 'quickfix');
      assert.deepEqual(a.diagnostics, [d]);
      assert.ok(a.title.length > 0);
      const edits = a.edit?.changes?.[uri];
      assert.ok(edits && edits.length, `${a.title} edits the document`);
    }
  }
  const foreign: Diagnostic = { ...diags[0], source: 'other-linter' };
  assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: foreign.range, context: { diagnostics: [foreign] } }), []);
  assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: [] } }), []);
});

test('requests about unopened documents or positions outside the text answer empty, never an error', async () => {
  const uri = fresh();
  await client.open(uri, ARTICLE);
  const unopened = 'file:///tmp/news-lens-test/never-opened.news';
  assert.equal(await hoverAt(unopened, 0, 0), null);
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: unopened } }), []);
  assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: unopened }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } }), []);
  const lines = ARTICLE.split('\n');
  // "Vienna" ends line 2 (the heading): one character past the line's end must not hover it.
  assert.ok(await hoverAt(uri, 2, lines[2].length), 'the end of the name still hovers');
  assert.equal(await hoverAt(uri, 2, lines[2].length + 1), null);
  assert.equal(await hoverAt(uri, 2, 10_000), null);
  assert.equal(await hoverAt(uri, 10_000, 0), null);
  assert.equal(await hoverAt(uri, lines.length, 0), null);
  assert.equal(await hoverAt(uri, -1, 0), null);
  assert.equal(await hoverAt(uri, 0, -5), null);
  const far = { start: { line: 500, character: 0 }, end: { line: 900, character: 3 } };
  assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: far, context: { diagnostics: [] } }), []);
  const diag: Diagnostic = { range: far, message: 'x', source: 'news-lens', code: 'opinion-as-fact' };
  assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: far, context: { diagnostics: [diag] } }), []);
  // The server is still alive and well.
  assert.ok(await hoverAt(uri, 4, lines[4].indexOf('Vienna')));
  assert.equal(client.stderr, '');
});

test('didClose clears the document\'s diagnostics and its hovers', async () => {
  const uri = fresh();
  const diags = await client.open(uri, ARTICLE);
  assert.ok(diags.length);
  const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await cleared;
  assert.equal(await hoverAt(uri, 4, ARTICLE.split('\n')[4].indexOf('Vienna')), null);
});

test('shutdown then exit ends the server with status 0', async () => {
  const c = await LspClient.start();
  const exited = new Promise<number | null>((resolve) => c.child.once('exit', (code) => resolve(code)));
  assert.equal(await c.request('shutdown', null), null);
  await c.connection.sendNotification('exit');
  assert.equal(await exited, 0);
  c.connection.dispose();
});
