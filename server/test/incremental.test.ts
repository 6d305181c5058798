/**
 * Incremental analysis equals a fresh analysis: the engine's block cache, over seeded random edit
 * sequences on the dev articles and the sample (not timed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer, parseStructure, BlockCache, toJsonResult, type Analysis } from '../src/engine';
import { realArticles, rng, randomEdit, applyEdit } from './helpers/edits';

const articles = realArticles();
const pool = articles.map(([, t]) => t);

/** Everything an analysis says, as plain data (frozen objects compare like plain ones). */
function plain(a: Analysis): unknown {
  return JSON.parse(JSON.stringify({ ...a, json: toJsonResult('x', a) }));
}

test('the corpus is there', () => {
  assert.ok(articles.length >= 2, `expected the dev articles and the sample, found ${articles.length}`);
});

for (const [name, original] of articles) {
  test(`incremental == fresh over random edits: ${name}`, () => {
    const next = rng(0x5eed ^ name.length * 7919 ^ original.length);
    const incremental = createAnalyzer();
    let text = original;
    incremental.analyze(text);
    const missesBefore = incremental.cache.misses;
    for (let step = 1; step <= 30; step++) {
      const edit = randomEdit(text, next, pool), before = text;
      text = applyEdit(text, edit);
      // Every other edit is told to the analyzer (as the server does): it then reads only the changed
      // lines, from the old text and the insertion.
      if (step % 2) incremental.edited(before, edit.start, edit.end, edit.text, text);
      const got = incremental.analyze(text);
      if (step % 15 === 0 || step === 29) {
        const fresh = createAnalyzer().analyze(text);
        assert.deepEqual(plain(got), plain(fresh), `${name}: step ${step} differs from a fresh analysis`);
      }
    }
    // 30 small edits recompute only the blocks they touched, not the whole article.
    const blocks = parseStructure(original).blocks.length;
    assert.ok(incremental.cache.misses - missesBefore < 30 * 3 + blocks / 2,
      `${incremental.cache.misses - missesBefore} blocks recomputed for 30 edits of a ${blocks}-block article`);
  });
}

test('an edit recomputes only the paragraph it touched', () => {
  const text = 'date 2022-05-01\n\nHeadline Here\n\nFirst paragraph about Maria Lindqvist in Vienna.\n\nSecond paragraph, with 12 percent.\n';
  const a = createAnalyzer();
  a.analyze(text);
  const misses = a.cache.misses;
  const edited = text.replace('Second paragraph', 'The second paragraph');
  const got = a.analyze(edited);
  assert.equal(a.cache.misses - misses, 1);
  assert.deepEqual(plain(got), plain(createAnalyzer().analyze(edited)));
  // Offsets after the edit are re-based.
  const m = got.mentions.find((x) => x.text === 'Maria Lindqvist');
  assert.ok(m && edited.slice(m.start, m.end) === 'Maria Lindqvist');
});

test('a partial analysis skips uncached blocks, and the complete one equals a fresh one', () => {
  const [, text] = articles[0];
  const a = createAnalyzer();
  const missing = a.missingBlocks(text);
  assert.ok(missing.length > 2);
  const partial = a.assemble(text, {}, 'skip');
  assert.equal(partial.skipped, parseStructure(text).blocks.length);
  assert.equal(partial.analysis.mentions.length, 0);
  // Fill the cache as worker threads would, then assemble.
  const other = createAnalyzer();
  for (const t of missing.slice(0, 2)) a.cache.put('news', t, other.cache.get('news', t));
  assert.equal(a.missingBlocks(text).length, missing.length - 2);
  const half = a.assemble(text, {}, 'skip');
  assert.ok(half.skipped > 0 && half.skipped < partial.skipped);
  assert.deepEqual(plain(a.analyze(text)), plain(createAnalyzer().analyze(text)));
});

test('a small cache evicts old blocks and still gives the fresh analysis', () => {
  const cache = new BlockCache(2000);
  const a = createAnalyzer({ cache });
  for (const [, text] of articles.slice(0, 3)) a.analyze(text);
  assert.ok(cache.weight <= 2000 || cache.size === 1, `weight ${cache.weight}`);
  const [, text] = articles[0];
  assert.deepEqual(plain(a.analyze(text)), plain(createAnalyzer().analyze(text)));
});

test('settings apply to cached blocks: a rule turned off disappears, severities follow', () => {
  const text = 'date 2022-05-01\n\nThe talks marked a momentous turning point for the region. Many experts believe the plan will fail.\n';
  const a = createAnalyzer();
  const on = a.analyze(text);
  assert.ok(on.claims.some((c) => c.rule === 'opinion-as-fact'));
  const off = a.analyze(text, { rules: { 'opinion-as-fact': 'off', 'vague-attribution': 'error' } });
  assert.ok(!off.claims.some((c) => c.rule === 'opinion-as-fact'));
  assert.ok(off.claims.some((c) => c.rule === 'vague-attribution' && c.severity === 'error'));
});

test('block structure matches for CRLF, lone CR, Unicode line separators and a BOM', () => {
  const text = '\uFEFFHeading One\r\n\r\nA first paragraph.\rStill the first.\u2028\u2028Second one.\u2029\u2029  \t\n Third paragraph here.';
  const s = parseStructure(text);
  assert.deepEqual(s.blocks.map((b) => text.slice(b.start, b.end)), ['Heading One', 'A first paragraph.\rStill the first.', 'Second one.', 'Third paragraph here.']);
  assert.deepEqual(s.blocks.map((b) => b.kind), ['heading', 'paragraph', 'paragraph', 'paragraph']);
  const a = createAnalyzer();
  assert.deepEqual(plain(a.analyze(text)), plain(createAnalyzer().analyze(text)));
});
