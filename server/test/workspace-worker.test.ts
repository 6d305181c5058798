/**
 * The workspace index analyzes the articles on disk in a worker thread of its own: the summaries are
 * those of an in-process analysis, and while a large workspace is being indexed the server keeps
 * answering hovers (the main thread never runs the index's analyses).
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient';
import { IndexWorker } from '../src/features/indexWorker';
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

test('the index worker gives the summaries of an in-process analysis', async () => {
  const worker = new IndexWorker(join(__dirname, '..', 'worker.js'), { idleMs: 50 });
  const texts = [NEEDLE, article(1, 6000), '', 'no date, no names here.\n'];
  for (const t of texts) assert.deepEqual(await worker.summarize(t), summarizeText(t));
  assert.equal(worker.offThread, texts.length, 'computed in the worker thread');
  // Idle: the thread stops, and starts again when there is work.
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await worker.summarize(NEEDLE), summarizeText(NEEDLE));
  assert.equal(worker.offThread, texts.length + 1);
  await worker.dispose();
  // Without a worker script: the same summaries, computed in-process.
  const none = new IndexWorker(join(dir, 'missing-worker.js'));
  assert.deepEqual(await none.summarize(NEEDLE), summarizeText(NEEDLE));
  assert.equal(none.offThread, 0);
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
