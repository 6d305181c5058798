/**
 * The server's analysis store with its real worker thread: a first analysis shared between the worker
 * and the main thread gives exactly the engine's analysis; the main thread helps only within its
 * size bounds. Not timed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { AnalysisStore, type StoreDocument, type StoreOptions } from '../src/analysisStore';
import { createAnalyzer, toJsonResult, type Analysis } from '../src/engine';
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

async function analyzeWithStore(text: string, options: StoreOptions): Promise<{ analysis: Analysis | null; mainJobs: number }> {
  const doc: StoreDocument = { uri: 'file:///store/a.news', languageId: 'news', version: 1, getText: () => text };
  let analysis: Analysis | null = null;
  const store = new AnalysisStore({
    document: (uri) => (uri === doc.uri ? doc : undefined),
    enabled: () => true,
    settings: () => ({ rules: {}, maxFileSize: 10 * 1024 * 1024 }),
    onAnalysis: (_uri, _version, a, partial) => { if (!partial) analysis = a; },
  }, { workerScript: WORKER, workers: 1, partialChars: Infinity, ...options });
  try {
    store.update(doc.uri);
    await store.idle();
    return { analysis, mainJobs: store.mainJobs };
  } finally {
    await store.dispose();
  }
}

const plain = (a: Analysis | null) => (a ? JSON.parse(JSON.stringify(toJsonResult('a.news', a))) : null);

test('the worker bundle is built', () => {
  assert.ok(existsSync(WORKER), WORKER);
});

test('a first analysis shared by the worker and the main thread equals the engine\'s', async () => {
  const text = article(80_000);
  const fresh = createAnalyzer().analyze(text);
  const shared = await analyzeWithStore(text, { chunkChars: 4096, mainThreadChars: 16 * 1024 });
  assert.ok(shared.mainJobs > 0, 'the main thread computed some blocks');
  assert.deepEqual(plain(shared.analysis), plain(fresh));
  const workerOnly = await analyzeWithStore(text, { chunkChars: 4096 }); // the default: workers only
  assert.equal(workerOnly.mainJobs, 0);
  assert.deepEqual(plain(workerOnly.analysis), plain(fresh));
});

test('the main thread does not help below mainThreadChars or above mainThreadMaxChars', async () => {
  const text = article(40_000);
  const small = await analyzeWithStore(text, { chunkChars: 4096, mainThreadChars: 60_000 });
  assert.equal(small.mainJobs, 0);
  const large = await analyzeWithStore(text, { chunkChars: 4096, mainThreadChars: 1000, mainThreadMaxChars: 20_000 });
  assert.equal(large.mainJobs, 0);
  assert.deepEqual(plain(large.analysis), plain(small.analysis));
  assert.ok(small.analysis && small.analysis.entities.length > 0);
});
