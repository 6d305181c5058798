/**
 * The workspace index analyzes the articles on disk as background jobs of the server's worker pool:
 * the summaries are those of an in-process analysis; an open document's blocks do not wait behind
 * them; and while a large workspace is being indexed the server keeps answering hovers (the main
 * thread never runs the index's analyses).
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient';
import { WorkerPool } from '../src/workerPool';
import { analyzeBlock } from '../src/engine';
import { summarizeText } from '../src/features/indexSummary';

// Sentences written for this test; names vary per paragraph so that every block is new to the analyzer.
const FIRST = ['Maria', 'Tomas', 'Ingrid', 'Pavel', 'Lucia', 'Omar', 'Greta', 'Hugo', 'Nadia', 'Felix'];
const LAST = ['Lindqvist', 'Okafor', 'Brennan', 'Castellano', 'Varga', 'Haddad', 'Moreau', 'Kowalski', 'Jensen', 'Ferreira'];
const CITY = ['Oslo', 'Lisbon', 'Vienna', 'Dublin', 'Warsaw', 'Athens', 'Madrid', 'Prague', 'Helsinki', 'Budapest'];
function article(seed: number, chars: number): string {
  let out = `date 2023-0${1 + (seed % 9)}-1${seed % 10}\n\nCouncil talks, part ${seed}\n\n`;
  for (let i = 0; out.length < chars; i++) {
    const k = seed * 7919 + i;
    const who = `${FIRST[k % 10]} ${LAST[Math.floor(k / 10) % 10]}`;
    out += `Minister ${who} arrived in ${CITY[(k >> 3) % 10]} on day ${i} of the talks. ${who.split(' ')[1]} said the council `
      + `would meet again within ${(k % 90) + 2} days, and officials in ${CITY[(k >> 5) % 10]} agreed.\n\n`;
  }
  return out;
}
const NEEDLE = 'date 2023-05-10\n\nPresident Aurelio Quintana met officials in Lisbon on Tuesday. Quintana said the talks went well.\n';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'newslens-ws-worker-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const WORKER = join(__dirname, '..', 'worker.js');

test('background index jobs give the summaries of an in-process analysis', async () => {
  const pool = new WorkerPool(WORKER, { size: 2, idleMs: 50 });
  try {
    const texts = [NEEDLE, article(1, 6000), '', 'no date, no names here.\n'];
    for (const t of texts) assert.deepEqual(await pool.summarize('index', t), summarizeText(t));
    assert.equal(pool.spawned, 1, 'one worker for background jobs');
  } finally {
    await pool.dispose();
  }
  // Without a worker: null, and the caller computes it in-process.
  const none = new WorkerPool(join(dir, 'missing-worker.js'), { size: 1 });
  assert.equal(await none.summarize('index', NEEDLE), null);
  await none.dispose();
});

test('an open document\'s blocks do not wait behind the index', async () => {
  const pool = new WorkerPool(WORKER, { size: 2 });
  try {
    const order: string[] = [];
    const big = [article(3, 60_000), article(4, 60_000)].map((t, i) => pool.summarize('index', t).then((r) => { order.push(`index ${i}`); return r; }));
    // Queued after the index jobs, but before the second one: on the other worker, at once.
    const text = 'President Aurelio Quintana met officials in Lisbon on Tuesday.';
    const blocks = await pool.run('file:///open.news', 'news', [text], text.length);
    order.push('blocks');
    assert.deepEqual(blocks, [analyzeBlock(text)]);
    await Promise.all(big);
    assert.deepEqual(order, ['blocks', 'index 0', 'index 1']);
    assert.equal(pool.spawned, 2, 'the index runs on one worker at a time; the document got the other');
  } finally {
    await pool.dispose();
  }
});

test('while a large workspace is indexed, hovers are answered all along', async () => {
  const FILES = 3;
  for (let i = 0; i < FILES; i++) writeFileSync(join(dir, `big-${i}.news`), article(i + 2, 100_000));
  writeFileSync(join(dir, 'needle.news'), NEEDLE);
  const client = await LspClient.start({
    workspaceFolders: [pathToFileURL(dir).toString()],
    capabilities: { workspace: { symbol: {} } },
  });
  try {
    const uri = pathToFileURL(join(dir, 'open.news')).toString();
    await client.open(uri, 'date 2023-05-10\n\nPresident Emmanuel Macron met officials in Lisbon on Tuesday.\n');
    let settled = false;
    const status = client.request<{ files: number }>('newsLens/indexStatus', {}).then((s) => { settled = true; return s; });
    let answered = 0;
    while (!settled) {
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 22 } });
      assert.match(JSON.stringify(h), /Macron/);
      if (!settled) answered++;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal((await status).files, FILES + 1);
    // On the main thread, a hover could only be answered between two files (a handful in all).
    assert.ok(answered >= 10 * (FILES + 1), `${answered} hovers answered while ${FILES} large articles were indexed`);
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Quintana' });
    assert.ok(found.some((s) => s.location.uri.endsWith('/needle.news')), JSON.stringify(found));
    const bigs = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Lindqvist' });
    assert.ok(new Set(bigs.map((s) => s.location.uri)).size >= 2, 'the large articles are indexed too');
  } finally {
    await client.stop();
  }
});
