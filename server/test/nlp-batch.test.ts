/**
 * Batched tagging (several blocks in one compromise call, `analyzeBlockTexts` / `analyzeBlocks`)
 * gives every block exactly what it gets alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBlockText, analyzeBlockTexts, batchStats, NLP_BATCH, type BlockNlp } from '../src/engine/nlp';
import { analyzeBlock, analyzeBlocks } from '../src/engine/blocks';
import { scanBlocks } from '../src/engine/structure';
import { realArticles } from './helpers/edits';

/** Terms as plain data (tags sorted). */
function terms(r: BlockNlp): unknown[] {
  return r.tokens.map((t) => [t.start, t.end, t.text, t.pre, t.post, [...t.tags].sort().join(' ')]);
}

function blocksOf(text: string): string[] {
  return scanBlocks(text).blocks.map((b) => text.slice(b.start, b.end));
}

const articles = realArticles();
const corpus = articles.flatMap(([, text]) => blocksOf(text));

test('the corpus is there', () => {
  assert.ok(articles.length >= 2 && corpus.length > 50, `${articles.length} articles, ${corpus.length} blocks`);
});

test('batched tagging equals tagging each dev block alone (all blocks of all dev articles, in order)', () => {
  const before = { ...batchStats };
  const batched = analyzeBlockTexts(corpus);
  assert.equal(batched.length, corpus.length);
  // The batches really are shared calls: almost every block stays in its batch.
  const kept = batchStats.batched - before.batched, alone = batchStats.alone - before.alone;
  assert.ok(kept > corpus.length * 0.9 && alone < corpus.length * 0.02, `${kept} blocks batched, ${alone} given back`);
  corpus.forEach((b, i) => assert.deepEqual(terms(batched[i]), terms(analyzeBlockText(b)), b.slice(0, 80)));
});

test('batched block results equal per-block results on every dev article (what the cache holds)', () => {
  for (const [name, text] of articles) {
    const blocks = blocksOf(text);
    const together = analyzeBlocks(blocks);
    blocks.forEach((b, i) => assert.deepEqual(together[i], analyzeBlock(b), `${name}, block ${i}: ${b.slice(0, 60)}`));
  }
});

// Blocks written to tempt compromise's sentence merges across a block's end: an open quotation mark
// or parenthesis closed in the next block, splits without letters, abbreviations and ellipses at a
// block's end, a block of punctuation only, line breaks inside a block, CR line ends.
const TRICKY = [
  'The minister said: “We will not sign this agreement.',
  'Tomorrow,” she added, “the talks resume in Oslo.” Nobody replied.',
  'Delegates from Norway (and observers from Chile.',
  'Peru) left early. Then they returned.',
  '***',
  '... and Maria Lindqvist waited in Geneva.',
  'It was signed by Mr.',
  'Jonas Berg of the Finance Ministry said so...',
  '“',
  'Quoted text that closes here.” Berg nodded.',
  '(',
  'Talks Resume In Oslo',
  'First line of a block\nsecond line with Anna Koch in Vienna.\n— dash line',
  '— 14:05 — Officials met in Brussels.',
  'Carlos Mendez arrived.\r\nHe spoke with the press in Lima.',
  'He asked "Why now?',
  '" and left for Warsaw with President Duda.',
  'UPPER CASE HEADLINE ABOUT PARIS AND BERLIN',
  '2024',
  'x',
];

test('batched tagging equals tagging alone on blocks that tempt cross-block merges, in every order', () => {
  const alone = TRICKY.map((b) => terms(analyzeBlockText(b)));
  for (let shift = 0; shift < TRICKY.length; shift++) {
    const order = TRICKY.map((_, i) => (i + shift) % TRICKY.length);
    const batched = analyzeBlockTexts(order.map((i) => TRICKY[i]));
    order.forEach((i, k) => assert.deepEqual(terms(batched[k]), alone[i], `order shift ${shift}: ${JSON.stringify(TRICKY[i])}`));
  }
});

test('a quotation left open at a block\'s end does not pull the next block into its sentence', () => {
  const a = 'The envoy said: “Talks will go on.';
  const b = 'Anyway,” said Petra Novak in Prague.';
  const before = batchStats.batched;
  const [ra, rb] = analyzeBlockTexts([a, b]);
  assert.equal(batchStats.batched - before, 2, 'both tagged in one call, not given back');
  assert.deepEqual(terms(ra), terms(analyzeBlockText(a, )));
  assert.deepEqual(terms(rb), terms(analyzeBlockText(b)));
  for (const t of ra.tokens) assert.ok(t.end <= a.length);
  for (const t of rb.tokens) assert.equal(b.slice(t.start, t.end), t.text);
});

test('batches hold many blocks and stay near NLP_BATCH characters; long blocks go alone', () => {
  const short = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} mentions Lena Vogt in Hamburg.`);
  const long = 'The committee met again and discussed the budget. '.repeat(400);
  const texts = [...short.slice(0, 100), long, ...short.slice(100)];
  const r = analyzeBlockTexts(texts);
  texts.forEach((t, i) => {
    for (const tok of r[i].tokens) assert.equal(t.slice(tok.start, tok.end), tok.text);
  });
  assert.deepEqual(terms(r[100]), terms(analyzeBlockText(long, )));
  assert.deepEqual(terms(r[150]), terms(analyzeBlockText(texts[150], )));
  assert.ok(NLP_BATCH >= 1000);
});
