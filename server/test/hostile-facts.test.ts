/**
 * Hostile facts files (`.newslens/facts.json`) through the real language server: prototype keys, wrong
 * types, an oversized file, deep nesting and broken JSON are each rejected with an error diagnostic in
 * that file; the articles' analyses stay those without the file; the server keeps answering; and
 * nothing in the file reaches the built-in prototypes of the server process (a preload in the server
 * snapshots them on SIGUSR2 and writes whether they changed).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient';
import { MAX_FACTS_SIZE, MAX_FACTS_DEPTH } from '../src/engine/facts';

const dir = mkdtempSync(join(tmpdir(), 'newslens-hostile-facts-'));
const root = join(dir, 'ws'), other = join(dir, 'other');
for (const d of [join(root, '.newslens'), join(other, '.newslens')]) mkdirSync(d, { recursive: true });
const rootUri = pathToFileURL(root).href, otherUri = pathToFileURL(other).href;
const factsUri = `${rootUri}/.newslens/facts.json`, otherFactsUri = `${otherUri}/.newslens/facts.json`;
const articleUri = `${rootUri}/bridge.news`;
const ARTICLE = 'date 2022-05-01\n\nBridge opening in Canberra\n\nMayor Jane Roe opened the new bridge in Canberra on Monday. Experts say the bridge is a triumph. Ticket sales rose by 40 percent.\n';
const VALID = JSON.stringify({ offices: [{ title: 'Mayor', holders: [{ name: 'Jane Roe', start: '2015-01-01', end: '2020-01-01' }, { name: 'Sam Doe', start: '2020-01-01' }] }] });

// The other folder holds an oversized facts file on disk from the start: rejected when the server starts.
writeFileSync(join(other, '.newslens', 'facts.json'), `{"checked": [${'{"text": "a checked sentence"},'.repeat(Math.ceil(MAX_FACTS_SIZE / 28))}{"text": "last"}]}`);

// The probe: runs first in the server process (NODE_OPTIONS=--require) and, on SIGUSR2, writes whether
// the built-in prototypes differ from what they were at the first signal, and what `{}` inherits.
const probe = join(dir, 'probe.js'), probeOut = join(dir, 'probe.json');
writeFileSync(probe, `
const { writeFileSync, renameSync } = require('node:fs');
const protos = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype,
  Number: Number.prototype, Map: Map.prototype, Set: Set.prototype, RegExp: RegExp.prototype, Promise: Promise.prototype, Error: Error.prototype };
const snap = () => JSON.stringify(Object.entries(protos).map(([k, p]) => [k, Object.isExtensible(p), Object.getPrototypeOf(p) === null,
  Reflect.ownKeys(p).map((key) => { const d = Object.getOwnPropertyDescriptor(p, key); return String(key) + ':' + typeof d.value + ':' + !!d.get; }).sort()]));
let first;
process.on('SIGUSR2', () => {
  const now = snap();
  first ??= now;
  const plain = {};
  const inherited = ['polluted', 'isAdmin', 'injected', 'x'].filter((k) => k in plain || k in Object.prototype);
  writeFileSync(${JSON.stringify(probeOut)} + '.tmp', JSON.stringify({ same: now === first, inherited }));
  renameSync(${JSON.stringify(probeOut)} + '.tmp', ${JSON.stringify(probeOut)});
});
`);

let client: LspClient;
before(async () => {
  client = await LspClient.start({
    rootUri, workspaceFolders: [rootUri, otherUri],
    env: { ...process.env, NODE_OPTIONS: `--require ${probe}` },
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
});
after(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Asks the probe in the server process about the prototypes. */
async function prototypes(): Promise<{ same: boolean; inherited: string[] }> {
  rmSync(probeOut, { force: true });
  process.kill(client.child.pid!, 'SIGUSR2');
  for (let i = 0; i < 600 && !existsSync(probeOut); i++) await new Promise((r) => setTimeout(r, 50));
  return JSON.parse(readFileSync(probeOut, 'utf8'));
}

const brief = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort();

/** What the server says about the article: diagnostics, entities, outline and a hover. */
async function articleView(): Promise<unknown> {
  const entities = await client.request<{ counts: unknown; entities: unknown[] } | null>('newsLens/entities', { uri: articleUri });
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: articleUri } });
  const hover = await client.request('textDocument/hover', { textDocument: { uri: articleUri }, position: { line: 4, character: 8 } });
  return { diagnostics: brief(client.diagnostics.get(articleUri)?.diagnostics ?? []), counts: entities?.counts, entities: entities?.entities, symbols, hover };
}

let factsVersion = 0;
/** Puts `text` in the facts file open in the editor; resolves with the diagnostics the server publishes on it. */
async function editFacts(text: string): Promise<Diagnostic[]> {
  if (factsVersion === 0) { factsVersion = 1; return client.open(factsUri, text, 'json'); }
  factsVersion++;
  return (await client.change(factsUri, [{ text }]))!;
}

/** Waits until the article's diagnostics satisfy `pred` (the server re-checks articles when the facts change). */
async function articleDiagnostics(pred: (ds: readonly Diagnostic[]) => boolean): Promise<readonly Diagnostic[]> {
  return (await client.waitForDiagnostics(articleUri, (p) => pred(p.diagnostics))).diagnostics;
}
const hasContradiction = (ds: readonly Diagnostic[]) => ds.some((d) => d.code === 'contradiction' && /Sam Doe/.test(d.message));

let baseline: unknown;
let baselineDiagnostics: string[];

test('baseline: the article without facts, and a valid facts file that the checks use', async () => {
  const ds = await client.open(articleUri, ARTICLE);
  assert.ok(!hasContradiction(ds), 'no office data for mayors without the facts file');
  baselineDiagnostics = brief(ds);
  baseline = await articleView();
  assert.equal((await prototypes()).same, true, 'first snapshot');
  assert.deepEqual(await editFacts(VALID), []);
  await articleDiagnostics(hasContradiction);
});

const hostile: [string, string, RegExp][] = [
  ['a __proto__ key at the top', '{"__proto__": {"polluted": true, "isAdmin": true}, "offices": []}', /__proto__/],
  ['a __proto__ key deep inside', '{"offices": [{"title": "Mayor", "holders": [{"name": "Jane Roe", "start": "2015-01-01", "__proto__": {"injected": 1}}]}]}', /__proto__/],
  ['a constructor.prototype path', '{"constructor": {"prototype": {"polluted": true}}}', /constructor/],
  ['a prototype key', '{"entities": [{"name": "Jane Roe", "kind": "person", "prototype": {"polluted": true}}]}', /prototype/],
  ['__proto__ written with an escape', '{"\\u005f_proto__": {"polluted": true}}', /__proto__/],
  ['a top-level array', '[{"offices": []}]', /object/],
  ['a number', '42', /object/],
  ['null', 'null', /object/],
  ['entities as a string', '{"entities": "Jane Roe"}', /entities/],
  ['a title that is a number', '{"offices": [{"title": 5, "holders": [{"name": "Jane Roe", "start": "2015-01-01"}]}]}', /title/],
  ['a year that is a string', '{"facts": [{"type": "event", "name": "Bridge Fair", "year": "1999"}]}', /year|facts/],
  ['an unknown kind', '{"entities": [{"name": "Jane Roe", "kind": "wizard"}]}', /kind/],
  ['an unknown top-level key', '{"offices": [], "script": "process.exit(1)"}', /script/],
  ['a date that is not a date', '{"offices": [{"title": "Mayor", "holders": [{"name": "Jane Roe", "start": "yesterday"}]}]}', /start/],
  ['an oversized file', `{"checked": [${'{"text": "a checked sentence"},'.repeat(Math.ceil(MAX_FACTS_SIZE / 28))}{"text": "last"}]}`, /larger than/],
  ['nesting a little too deep', `{"entities": ${'['.repeat(MAX_FACTS_DEPTH + 2)}${']'.repeat(MAX_FACTS_DEPTH + 2)}}`, /deeper/],
  ['nesting 300 000 levels deep', '['.repeat(300_000), /deeper/],
  ['broken JSON', '{"offices": [ }', /JSON/],
  ['a trailing comma', '{"offices": [],}', /JSON/],
  ['a comment', '// my facts\n{"offices": []}', /JSON/],
  ['NUL and a lone surrogate', '{"offices": [\u0000, "\ud800"]}', /JSON|offices/],
  ['an empty file', '', /empty|JSON/],
];

for (const [name, text, expected] of hostile) {
  test(`facts file with ${name}: rejected with a diagnostic in that file, the analyses unchanged`, async () => {
    const ds = await editFacts(text);
    assert.ok(ds.length > 0, `an error diagnostic on the facts file; got none (server log: ${client.logs.slice(-3).join(' | ')})`);
    assert.ok(ds.every((d) => d.severity === 1 && d.source === 'news-lens' && d.code === 'facts-file'), JSON.stringify(ds));
    assert.ok(ds.some((d) => expected.test(d.message)), `a message matching ${expected}: ${ds.map((d) => d.message).join(' | ')}`);
    const lines = text.split('\n');
    for (const d of ds) {
      assert.ok(d.range.start.line < lines.length && d.range.end.line < lines.length, `range inside the file: ${JSON.stringify(d.range)}`);
    }
    // The file adds nothing: the article is analyzed as without it (the valid facts of before no longer apply).
    await articleDiagnostics((a) => !hasContradiction(a));
    assert.deepEqual(await articleView(), baseline);
    assert.deepEqual(brief(client.diagnostics.get(articleUri)!.diagnostics), baselineDiagnostics);
    const p = await prototypes();
    assert.deepEqual(p, { same: true, inherited: [] }, 'the built-in prototypes of the server are untouched');
    // The engine keeps working: the valid file applies again.
    assert.deepEqual(await editFacts(VALID), []);
    await articleDiagnostics(hasContradiction);
  });
}

test('names such as "__proto__" or "constructor" as values are plain strings: accepted, nothing changes', async () => {
  const ds = await editFacts(JSON.stringify({
    entities: [{ name: '__proto__', kind: 'person', aliases: ['constructor', 'hasOwnProperty', 'toString'] }, { name: 'prototype', kind: 'place', country: '__proto__' }],
    facts: [{ type: 'capital', country: 'constructor', city: 'toString' }, { type: 'city', city: 'valueOf', country: '__proto__' }, { type: 'event', name: 'hasOwnProperty', year: 2000, city: '__proto__' }],
    checked: [{ text: '__proto__ constructor' }],
  }));
  assert.deepEqual(ds, []);
  await articleDiagnostics((a) => !hasContradiction(a));
  assert.deepEqual(await articleView(), baseline);
  // An article that uses those words is analyzed as any other.
  const uri = `${rootUri}/words.news`;
  const words = await client.open(uri, 'date 2022-05-01\n\nThe constructor of the toString bridge met __proto__ in Canberra. Experts say it is historic.\n');
  assert.ok(words.some((d) => d.code === 'vague-attribution'), JSON.stringify(words));
  assert.deepEqual(await prototypes(), { same: true, inherited: [] });
});

test('a hostile facts file on disk: rejected at start and when it changes, with a diagnostic in that file', async () => {
  // The oversized file in the second folder was read when the server started.
  const start = await client.waitForDiagnostics(otherFactsUri, (p) => p.diagnostics.length > 0);
  assert.match(start.diagnostics[0].message, /larger than/);
  // The facts file of the first folder, closed and rewritten on disk with a __proto__ key.
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: factsUri } });
  factsVersion = 0;
  writeFileSync(join(root, '.newslens', 'facts.json'), '{\n  "offices": [],\n  "__proto__": { "polluted": true }\n}\n');
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: factsUri, type: 2 }] });
  const onDisk = await client.waitForDiagnostics(factsUri, (p) => p.diagnostics.some((d) => /__proto__/.test(d.message)));
  assert.equal(onDisk.diagnostics[0].range.start.line, 2, 'on the line of the key');
  await articleDiagnostics((a) => !hasContradiction(a));
  assert.deepEqual(await articleView(), baseline);
  // Fixed on disk: the errors go away and the facts apply.
  writeFileSync(join(root, '.newslens', 'facts.json'), VALID);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: factsUri, type: 2 }] });
  await client.waitForDiagnostics(factsUri, (p) => p.diagnostics.length === 0);
  await articleDiagnostics(hasContradiction);
  assert.deepEqual(await prototypes(), { same: true, inherited: [] });
  assert.equal(client.child.exitCode, null, 'the server is still running');
  assert.ok(!/RangeError|Maximum call stack/.test(client.stderr + client.logs.join('\n')), 'no stack overflow was logged');
});
