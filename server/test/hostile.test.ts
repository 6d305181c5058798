/**
 * Bad input through the real server (stdio): each gets sane output or a clear message, never an
 * exception that escapes a handler, and positions stay exact (compared with a fresh analysis computed
 * here through the engine, and across line-end conventions).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, DocumentSymbol, Position } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient';
import { expected, rng, lineStarts, offsetAt } from './helpers/fuzz';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

const ARTICLE = [
  'date 2021-03-04',
  '',
  'Talks in Vienna',
  '',
  'Foreign Minister Maria Lindqvist met officials in Vienna on Tuesday. The landmark meeting was historic.',
  'Experts say 40 percent of the budget went to defence.',
  '',
  'Lindqvist later flew to Berlin, Germany.',
  '',
].join('\n');

const sortD = (ds: Diagnostic[]) => [...ds].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
let n = 0;
const uriOf = (name: string) => `file:///hostile/${name}-${n++}.news`;

/** Every position request the server answers, at `pos`; none may fail (rename may answer a ResponseError). */
async function probe(uri: string, pos: Position): Promise<void> {
  const td = { textDocument: { uri }, position: pos };
  const range = { start: pos, end: pos };
  await Promise.all([
    client.request('textDocument/hover', td),
    client.request('textDocument/definition', td),
    client.request('textDocument/references', { ...td, context: { includeDeclaration: true } }),
    client.request('textDocument/documentHighlight', td),
    client.request('textDocument/prepareRename', td),
    client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } }),
    client.request('textDocument/semanticTokens/range', { textDocument: { uri }, range }),
  ]);
}

function noErrorsLogged(since: number): void {
  const bad = client.logs.slice(since).filter((l) => /failed|exception|error/i.test(l));
  assert.deepEqual(bad, [], 'the server logged errors');
}

/** Opens `text`, checks diagnostics and symbols against a fresh analysis, probes positions; returns the diagnostics. */
async function check(name: string, text: string): Promise<{ uri: string; diags: Diagnostic[] }> {
  const since = client.logs.length;
  const uri = uriOf(name);
  const diags = await client.open(uri, text);
  const want = expected(uri, text);
  assert.deepEqual(sortD(diags), sortD(want.diagnostics), `${name}: diagnostics differ from a fresh analysis`);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols, want.symbols, `${name}: symbols differ from a fresh analysis`);
  const lines = lineStarts(text).length;
  const r = rng(text.length);
  const positions: Position[] = [{ line: 0, character: 0 }, { line: lines - 1, character: 10_000 }, { line: lines + 3, character: 0 }];
  for (let i = 0; i < 12; i++) positions.push({ line: r.int(0, lines - 1), character: r.int(0, 120) });
  for (const p of positions) await probe(uri, p);
  await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  await client.request('newsLens/entities', { uri });
  noErrorsLogged(since);
  for (const d of diags) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines && p.character >= 0, `${name}: a range outside the text: ${JSON.stringify(d.range)}`);
    }
  }
  return { uri, diags };
}

/** The text a range covers, computed independently of the server's text document library. */
function slice(text: string, range: { start: Position; end: Position }): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

test('an empty file: no diagnostics, no symbols, null hovers', async () => {
  const { uri, diags } = await check('empty', '');
  assert.deepEqual(diags, []);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  const ws = await check('whitespace', ' \n\t\r\n  \n');
  assert.deepEqual(ws.diags, []);
});

test('binary data and NUL bytes', async () => {
  const r = rng(42);
  const bytes = Buffer.from(Array.from({ length: 6000 }, () => r.int(0, 255)));
  await check('binary-utf8', bytes.toString('utf8'));
  await check('binary-latin1', bytes.toString('latin1'));
  // A PNG header followed by an article, and an article with NUL bytes inside words and lines.
  await check('png', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' + ARTICLE);
  const withNul = ARTICLE.replace(/\n/g, '\0\n').replace('Vienna on', 'Vienna\0\0 on').replace('Experts', '\0Experts');
  const { uri } = await check('nul', withNul);
  // Positions stay exact: a hover over the name answers with the name's range.
  const line = withNul.split('\n')[4];
  const hover = await client.request<{ range: { start: Position; end: Position } } | null>('textDocument/hover', {
    textDocument: { uri }, position: { line: 4, character: line.indexOf('Lindqvist') + 3 },
  });
  assert.ok(hover, 'a hover on the name');
  assert.match(slice(withNul, hover.range), /Lindqvist/);
});

test('lone surrogates', async () => {
  const text = ARTICLE.replace('Foreign', '\uD800Foreign').replace('Experts', '\uDC00 Experts').replace('percent of', 'percent \uDBFF of').replace('Berlin', '\uDFFF\uD800Berlin') + '\uD83D';
  const { uri, diags } = await check('surrogates', text);
  assert.ok(diags.some((d) => d.code === 'vague-attribution' || d.code === 'unsourced-statistic'), JSON.stringify(diags));
  const lines = text.split('\n');
  const hover = await client.request<{ range: { start: Position; end: Position } } | null>('textDocument/hover', {
    textDocument: { uri }, position: { line: 4, character: lines[4].indexOf('Lindqvist') + 2 },
  });
  assert.ok(hover, 'a hover on the name after a lone surrogate');
  assert.match(slice(text, hover.range), /Lindqvist$/);
  // Astral characters before a name shift UTF-16 positions by two each.
  const astral = ARTICLE.replace('Foreign Minister', '😀👩\u200D👩\u200D👧 Foreign Minister');
  const a = await check('astral', astral);
  const l4 = astral.split('\n')[4];
  const h2 = await client.request<{ range: { start: Position; end: Position } } | null>('textDocument/hover', {
    textDocument: { uri: a.uri }, position: { line: 4, character: l4.indexOf('Lindqvist') + 1 },
  });
  assert.ok(h2);
  assert.equal(slice(astral, h2.range).endsWith('Lindqvist'), true);
  await check('combining-rtl-cjk', ARTICLE.replace('Vienna', 'Wi\u0301e\u0308n').replace('Berlin', 'برلين 北京 서울 \u202Eevil\u202C') + '\u0301\u0301\n');
});

test('CRLF, lone CR and mixed line ends: the same positions as with LF', async () => {
  const lf = await check('lf', ARTICLE);
  assert.ok(lf.diags.length >= 2, JSON.stringify(lf.diags));
  const strip = (ds: Diagnostic[]) => sortD(ds).map((d) => ({ code: d.code, range: d.range }));
  const crlf = await check('crlf', ARTICLE.replace(/\n/g, '\r\n'));
  assert.deepEqual(strip(crlf.diags), strip(lf.diags), 'CRLF');
  const cr = await check('cr', ARTICLE.replace(/\n/g, '\r'));
  assert.deepEqual(strip(cr.diags), strip(lf.diags), 'lone CR');
  let i = 0;
  const mixed = ARTICLE.replace(/\n/g, () => ['\r\n', '\r', '\n'][i++ % 3]);
  const mx = await check('mixed', mixed);
  assert.deepEqual(strip(mx.diags), strip(lf.diags), 'mixed');
});

test('a byte order mark: the date header is still read, positions count the BOM', async () => {
  const plain = await check('nobom', ARTICLE);
  const bom = await check('bom', '\uFEFF' + ARTICLE);
  assert.ok(!bom.diags.some((d) => d.code === 'invalid-date'));
  // Only positions on the first line move (by one code unit).
  const shift = (ds: Diagnostic[]) => sortD(ds).map((d) => ({ code: d.code, range: d.range }));
  assert.deepEqual(shift(bom.diags), shift(plain.diags).map((d) => ({
    ...d, range: {
      start: d.range.start.line === 0 ? { ...d.range.start, character: d.range.start.character + 1 } : d.range.start,
      end: d.range.end.line === 0 ? { ...d.range.end, character: d.range.end.character + 1 } : d.range.end,
    },
  })));
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
    textDocument: { uri: bom.uri }, position: { line: 4, character: ARTICLE.split('\n')[4].indexOf('Lindqvist') + 1 },
  });
  assert.ok(hover && !/No `date/.test(hover.contents.value), JSON.stringify(hover));
});

test('an impossible date (2024-02-30) is reported on the header; no header is fine', async () => {
  const bad = await check('baddate', ARTICLE.replace('2021-03-04', '2024-02-30'));
  const note = bad.diags.find((d) => d.code === 'invalid-date');
  assert.ok(note, JSON.stringify(bad.diags));
  assert.match(note.message, /2024-02-30 does not exist/);
  assert.deepEqual(note.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 15 } });
  const leap = await check('leapdate', ARTICLE.replace('2021-03-04', '2024-02-29'));
  assert.ok(!leap.diags.some((d) => d.code === 'invalid-date'));
  for (const d of ['2023-02-29', '2023-13-01', '2023-00-10', '2023-04-31']) {
    const r = await check(`date-${d}`, ARTICLE.replace('2021-03-04', d));
    assert.ok(r.diags.some((x) => x.code === 'invalid-date'), d);
  }
  const none = await check('nodate', ARTICLE.split('\n').slice(2).join('\n'));
  assert.ok(!none.diags.some((d) => d.code === 'invalid-date'));
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
    textDocument: { uri: none.uri }, position: { line: 2, character: ARTICLE.split('\n')[4].indexOf('Lindqvist') + 1 },
  });
  assert.ok(hover && /No `date/.test(hover.contents.value), JSON.stringify(hover));
});

test('positions past the end of a line or of the file, and negative ones', async () => {
  const { uri } = await check('positions', ARTICLE);
  const since = client.logs.length;
  for (const pos of [{ line: 4, character: 100_000 }, { line: 999, character: 0 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }, { line: -1, character: -5 }, { line: 0, character: -1 }]) {
    await probe(uri, pos);
  }
  // An edit whose range runs past the end of a line and of the file is clamped (as LSP says).
  const diags = await client.change(uri, [{ range: { start: { line: 4, character: 500 }, end: { line: 4, character: 900 } }, text: ' Critics say 12 percent.' }]);
  const text = ARTICLE.replace('historic.', 'historic. Critics say 12 percent.');
  assert.deepEqual(sortD(diags!), sortD(expected(uri, text).diagnostics));
  const d2 = await client.change(uri, [{ range: { start: { line: 50, character: 0 }, end: { line: 60, character: 3 } }, text: '\nMore text.' }]);
  assert.deepEqual(sortD(d2!), sortD(expected(uri, text + '\nMore text.').diagnostics));
  noErrorsLogged(since);
});

test('requests for documents that were never opened answer nothing, without errors', async () => {
  const since = client.logs.length;
  const uri = 'file:///hostile/never-opened.news';
  await probe(uri, { line: 0, character: 0 });
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  assert.deepEqual((await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } })).data, []);
  assert.equal(await client.request('textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 0 }, newName: 'X' }), null);
  assert.equal(await client.request('newsLens/entities', { uri }), null);
  noErrorsLogged(since);
});

test('a change for a document or version the server never saw', async () => {
  const since = client.logs.length;
  // A change to a document that is not open is ignored (and does not create it).
  const ghost = 'file:///hostile/ghost.news';
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: ghost, version: 3 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Experts say 40 percent.' }] });
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: ghost } });
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: ghost } }), []);
  // A version that skips ahead is applied; diagnostics carry it.
  const uri = uriOf('versions');
  await client.open(uri, ARTICLE);
  const wait = client.waitForDiagnostics(uri, (d) => d.version === 9);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 9 }, contentChanges: [{ text: 'Critics say 12 percent.\n' }] });
  const p = await wait;
  assert.deepEqual(sortD(p.diagnostics), sortD(expected(uri, 'Critics say 12 percent.\n').diagnostics));
  // An older version after a newer one: still applied in order, and the server keeps answering.
  const wait2 = client.waitForDiagnostics(uri, (d) => d.version === 4);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: ARTICLE }] });
  const p2 = await wait2;
  assert.deepEqual(sortD(p2.diagnostics), sortD(expected(uri, ARTICLE).diagnostics));
  // Malformed notifications and requests: no crash, and requests get an answer.
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: null });
  await client.connection.sendNotification('textDocument/didOpen', {});
  await client.connection.sendNotification('textDocument/didChange', {});
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: ghost } }), null);
  assert.ok(client.child.exitCode === null, 'the server is alive');
  const again = await check('after-malformed', ARTICLE);
  assert.ok(again.diags.length > 0);
  void since;
});

test('a 10 MB single line: the server answers, says what it skipped, and stays responsive', { timeout: 300_000 }, async () => {
  const unit = 'Officials met in Vienna and experts say 40 percent agreed while Maria Lindqvist listened ';
  const big = unit.repeat(Math.ceil(10_000_000 / unit.length)).slice(0, 10_000_000);
  const uri = uriOf('big');
  const diags = await client.open(uri, big);
  const note = diags.find((d) => d.code === 'too-long');
  assert.ok(note, JSON.stringify(diags.slice(0, 3)));
  assert.match(note.message, /10000000 characters/);
  for (const d of diags) assert.ok(d.range.end.line === 0 && d.range.end.character <= big.length);
  // Still responsive: another document is analyzed, and hovers over the big one answer.
  await probe(uri, { line: 0, character: 5_000_000 });
  const small = await check('after-big', ARTICLE);
  assert.ok(small.diags.length > 0);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('a file larger than newsLens.maxFileSize is skipped with a message', async () => {
  // As the extension does: the settings come with initialize, and through workspace/configuration.
  const c = await LspClient.start({ settings: { maxFileSize: 2000 }, initializationOptions: { settings: { maxFileSize: 2000 } } });
  try {
    const uri = 'file:///hostile/large.news';
    const big = ARTICLE.repeat(20);
    assert.ok(big.length > 2000 && ARTICLE.length < 2000);
    const diags = await c.open(uri, big);
    assert.deepEqual(diags, []);
    assert.ok(c.logs.some((l) => /larger than newsLens\.maxFileSize/.test(l)), c.logs.join('\n'));
    // Cut below the cap, the same file is analyzed; grown past it again, it is skipped (no stale warnings).
    const lines = big.split('\n');
    const all = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
    const small = await c.change(uri, [{ range: all, text: ARTICLE }]);
    assert.ok(small && small.length > 0, 'the shortened file gets its diagnostics');
    const again = await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: big }]);
    assert.deepEqual(again, []);
    assert.equal(c.child.exitCode, null);
  } finally {
    await c.stop();
  }
});

test('containment: a rule or a feature that throws is logged once with its id; the rest keeps working', async () => {
  const c = await LspClient.start({ env: { ...process.env, NEWS_LENS_FAULTS: 'opinion-as-fact,hover' } });
  try {
    const uri = 'file:///hostile/faulty.news';
    const diags = await c.open(uri, ARTICLE);
    assert.ok(!diags.some((d) => d.code === 'opinion-as-fact'), 'the failing rule returns nothing');
    assert.ok(diags.some((d) => d.code === 'vague-attribution'), 'the other rules still run');
    await c.change(uri, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'The pivotal vote was remarkable. ' }]);
    const pos = { line: 4, character: ARTICLE.split('\n')[4].indexOf('Lindqvist') + 1 };
    for (let i = 0; i < 3; i++) assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: pos }), null);
    // Other features answer.
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
    const def = await c.request('textDocument/definition', { textDocument: { uri }, position: pos });
    assert.ok(def, 'definition still answers');
    const ruleLogs = c.logs.filter((l) => l.includes('opinion-as-fact') && /failed/.test(l));
    const hoverLogs = c.logs.filter((l) => /hover failed/.test(l));
    assert.equal(ruleLogs.length, 1, c.logs.join('\n'));
    assert.equal(hoverLogs.length, 1, c.logs.join('\n'));
    assert.match(ruleLogs[0], /fault injected into opinion-as-fact/);
    assert.equal(c.child.exitCode, null);
  } finally {
    await c.stop();
  }
});
