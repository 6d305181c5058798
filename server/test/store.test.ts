/**
 * The server's analysis store with its real worker threads: a first analysis spread over two workers
 * gives exactly the engine's analysis; a very large one uses one worker; extra workers stop when idle;
 * whenAnalyzed waits for a document's version. Not timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { AnalysisStore, WorkerPool, type StoreDocument, type StoreOptions } from '../src/analysisStore';
import { createAnalyzer, analyzeBlock, toJsonResult, type Analysis } from '../src/engine';
import { realArticles } from './helpers/edits';

// Tests are bundled into server/out/test/, next to ../worker.js.
const WORKER = join(__dirname, '..', 'worker.js');

/** An article of about `chars` characters from the dev articles' paragraphs, each made distinct. */
function article(chars: number): string {
  const paras = realArticles().flatMap(([, t]) => t.replace(/^\uFEFF?date \d{4}-\d{2}-\d{2}\s*/, '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
  const out = ['date 2024-02-17'];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const p = `(${i}) ${paras[i % paras.length]}`;
    out.push(p);
    size += p.length + 2;
  }
  return out.join('\n\n') + '\n';
}

interface StoreRun {
  analysis: Analysis | null;
  /** Workers started for this analysis, and running at its end. */
  spawned: number;
  workers: number;
  /** Blocks whose claims the main thread checked in the final assembly (the rest came from the workers' seeds). */
  claimBlocks: number;
}

/** A store of one document with the real workers; `done` gets each complete analysis. */
function storeOf(doc: StoreDocument, options: StoreOptions, done: (a: Analysis | null) => void): AnalysisStore {
  return new AnalysisStore({
    document: (uri) => (uri === doc.uri ? doc : undefined),
    enabled: () => true,
    settings: () => ({ rules: {}, maxFileSize: 10 * 1024 * 1024 }),
    onAnalysis: (_uri, _version, a, partial) => { if (!partial) done(a); },
  }, { workerScript: WORKER, workers: 2, partialChars: Infinity, spreadMaxLoad: Infinity, ...options });
}

async function analyzeWithStore(text: string, options: StoreOptions, prewarm = false): Promise<StoreRun> {
  const doc: StoreDocument = { uri: 'file:///store/a.news', languageId: 'news', version: 1, getText: () => text };
  let analysis: Analysis | null = null;
  const store = storeOf(doc, options, (a) => { analysis = a; });
  try {
    if (prewarm) store.prewarm();
    store.update(doc.uri);
    await store.whenAnalyzed(doc.uri, 1);
    return { analysis, spawned: store.workers!.spawned, workers: store.workers!.workers, claimBlocks: store.analyzer.stats.claimBlocks };
  } finally {
    await store.dispose();
  }
}

const plain = (a: Analysis | null) => (a ? JSON.parse(JSON.stringify(toJsonResult('a.news', a))) : null);

test('the worker bundle is built', () => {
  assert.ok(existsSync(WORKER), WORKER);
});

test('a first analysis spread over two workers equals the engine\'s', async () => {
  const text = article(80_000);
  const fresh = createAnalyzer().analyze(text);
  const two = await analyzeWithStore(text, { chunkChars: 4096 });
  assert.equal(two.spawned, 2, 'the second worker was started for the analysis');
  assert.deepEqual(plain(two.analysis), plain(fresh));
  const one = await analyzeWithStore(text, { chunkChars: 4096, workers: 1 });
  assert.equal(one.spawned, 1);
  assert.deepEqual(plain(one.analysis), plain(fresh));
  // The workers computed the blocks' claims ahead: the main thread checked few of them again.
  const paragraphs = fresh.blocks.filter((b) => b.kind === 'paragraph' && b.sentences.length).length;
  assert.ok(two.claimBlocks < paragraphs / 4, `${two.claimBlocks} of ${paragraphs} blocks checked on the main thread`);
});

test('an analysis above spreadMaxChars uses one worker, and the idle extra one is stopped', async () => {
  const text = article(40_000);
  const small = await analyzeWithStore(text, { chunkChars: 4096 });
  assert.equal(small.spawned, 2);
  const large = await analyzeWithStore(text, { chunkChars: 4096, spreadMaxChars: 20_000 });
  assert.equal(large.spawned, 1, 'no second worker for a very large analysis');
  const prewarmed = await analyzeWithStore(text, { chunkChars: 4096, spreadMaxChars: 20_000 }, true);
  assert.equal(prewarmed.spawned, 2, 'both workers were prewarmed');
  assert.equal(prewarmed.workers, 1, 'the idle second worker was stopped for the very large analysis');
  assert.deepEqual(plain(large.analysis), plain(small.analysis));
  // No claims computed ahead for a very large analysis (its one worker's memory goes to the blocks).
  assert.equal(large.claimBlocks, small.analysis!.blocks.filter((b) => b.kind === 'paragraph' && b.sentences.length).length);
  assert.ok(small.claimBlocks < large.claimBlocks / 4);
  assert.deepEqual(plain(prewarmed.analysis), plain(small.analysis));
  assert.ok(small.analysis && small.analysis.entities.length > 0);
});

test('on a busy machine (load average above spreadMaxLoad) an analysis uses one worker', async () => {
  const text = article(40_000);
  const busy = await analyzeWithStore(text, { chunkChars: 4096, spreadMaxLoad: -1 });
  assert.equal(busy.spawned, 1);
  const prewarmed = await analyzeWithStore(text, { chunkChars: 4096, spreadMaxLoad: -1 }, true);
  assert.equal(prewarmed.workers, 2, 'the idle second worker stays (memory is not the reason)');
  assert.deepEqual(plain(busy.analysis), plain(createAnalyzer().analyze(text)));
});

test('an extra worker stops when idle; the first one stays', async () => {
  const pool = new WorkerPool(WORKER, { size: 2, idleMs: 50 });
  try {
    pool.prewarm();
    assert.equal(pool.workers, 2);
    const texts = ['Minister Ana Ruiz met officials in Lisbon.', 'Ruiz said 40 percent agreed.'];
    const [a, b] = await Promise.all([pool.run('x', 'news', texts.slice(0, 1), 100), pool.run('x', 'news', texts.slice(1), 100)]);
    assert.deepEqual([a, b].map((r) => r && r.length), [1, 1]);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(pool.workers, 1);
    assert.deepEqual(await pool.run('x', 'news', texts, 100), texts.map((t) => analyzeBlock(t)));
  } finally {
    await pool.dispose();
  }
});

test('whenAnalyzed resolves for the version asked, a later one, or when the document closes', async () => {
  let version = 1;
  let text = article(6_000);
  const doc: StoreDocument = { uri: 'file:///store/w.news', languageId: 'news', get version() { return version; }, getText: () => text };
  const seen: number[] = [];
  const store = new AnalysisStore({
    document: (uri) => (uri === doc.uri ? doc : undefined),
    enabled: () => true,
    settings: () => ({ rules: {}, maxFileSize: 10 * 1024 * 1024 }),
    onAnalysis: (_uri, v, _a, partial) => { if (!partial) seen.push(v); },
  }, { workerScript: WORKER, workers: 1 });
  try {
    store.update(doc.uri);
    const first = store.whenAnalyzed(doc.uri, 1);
    // A newer version before the first is done: waiting for version 1 ends with version 2's analysis.
    version = 2;
    text += '\nPresident Ana Ruiz arrived in Oslo.\n';
    store.update(doc.uri);
    await first;
    assert.ok(seen.length >= 1, 'an analysis of version 1 or later was done');
    await store.whenAnalyzed(doc.uri, 2);
    assert.equal(store.latest(doc.uri)?.version, 2);
    assert.equal(store.latest(doc.uri)?.partial, false);
    // Closed while waiting for a version that will never be analyzed: it resolves all the same.
    const never = store.whenAnalyzed(doc.uri, 3);
    store.close(doc.uri);
    await never;
  } finally {
    await store.dispose();
  }
});

test('an edit inside one paragraph: its new text goes to a worker before the document changes, and the analysis equals a fresh one', async () => {
  let text = article(20_000);
  let version = 1;
  const doc: StoreDocument = { uri: 'file:///store/s.news', languageId: 'news', get version() { return version; }, getText: () => text };
  let analysis: Analysis | null = null;
  const store = storeOf(doc, { workers: 1 }, (a) => { analysis = a; });
  try {
    store.update(doc.uri);
    await store.whenAnalyzed(doc.uri, 1);
    // Inside a paragraph (after "(3) "): sent ahead; the new paragraph is computed before the edit is applied.
    const at = text.indexOf('(3) ') + 4;
    const insert = 'Officials said ';
    const before = text;
    store.speculate(doc, at, at, insert);
    const para = (t: string, i: number) => t.slice(t.lastIndexOf('\n\n', i) + 2, t.indexOf('\n\n', i));
    const newPara = para(before.slice(0, at) + insert + before.slice(at), at);
    for (let i = 0; i < 200 && !store.analyzer.cache.entry('news', newPara); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(store.analyzer.cache.entry('news', newPara), 'the edited paragraph is in the cache before the document changed');
    assert.equal(text, before);
    text = before.slice(0, at) + insert + before.slice(at);
    version = 2;
    store.update(doc.uri);
    await store.whenAnalyzed(doc.uri, 2);
    assert.deepEqual(plain(analysis), plain(createAnalyzer().analyze(text)));
    // Not sent ahead: a line break (the paragraphs may change), an edit across two paragraphs, a stale text.
    for (const [start, end, t] of [[at, at, 'x\n\ny'], [text.indexOf('(3) '), text.indexOf('(4) '), 'z'], [at, at, '<!-- news-lens-ignore -->']] as const) {
      const edited = para(text.slice(0, start) + t + text.slice(end), start);
      store.speculate(doc, start, end, t);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(store.analyzer.cache.entry('news', edited), undefined, `not sent ahead: ${JSON.stringify(t)}`);
    }
  } finally {
    await store.dispose();
  }
});
