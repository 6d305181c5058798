/**
 * Claim findings computed ahead, block by block, where the block's result is made (the server's
 * worker threads: `seedClaims`): an analysis that uses them equals one that does not, and a seed made
 * with another date, article flag or mention spans than the article's is not used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, analyzeBlock, type Analysis, type Analyzer } from '../src/engine';
import { seedClaims, type ClaimContext } from '../src/engine/claims';
import type { BlockResult } from '../src/engine/blocks';

const plain = (a: Analysis) => JSON.parse(JSON.stringify(a));

/** An analyzer whose block cache holds every block of `text`, each with its claims seeded in `context`. */
function seeded(text: string, context: ClaimContext | ((r: BlockResult) => ClaimContext)): { an: Analyzer; results: Map<string, BlockResult> } {
  const an = createAnalyzer();
  const results = new Map<string, BlockResult>();
  for (const t of an.missingBlocks(text)) {
    const r = analyzeBlock(t);
    an.cache.put('news', t, r);
    results.set(t, r);
    const seed = seedClaims(t, r, typeof context === 'function' ? context(r) : context);
    if (seed) an.seedClaims(r, seed);
  }
  return { an, results };
}

const root = join(__dirname, '..', '..', 'test', 'fixtures', 'heldout');
const articles = [
  ...readdirSync(root).filter((f) => f.endsWith('.news')).map((f) => join(root, f)),
  join(__dirname, '..', '..', '..', 'samples', 'blinken-aliyev-munich.news'),
];

test('an analysis with every block\'s claims seeded equals a fresh one, on real articles', () => {
  let checked = 0, computed = 0, claims = 0;
  assert.ok(articles.length >= 10);
  for (const file of articles) {
    const text = readFileSync(file, 'utf8');
    const fresh = createAnalyzer().analyze(text);
    const { an } = seeded(text, createAnalyzer().claimContext(text)!);
    const got = an.analyze(text);
    assert.deepEqual(plain(got), plain(fresh), file);
    checked += got.blocks.filter((b) => b.kind === 'paragraph' && b.sentences.length).length;
    computed += an.stats.claimBlocks;
    claims += got.claims.length;
  }
  assert.ok(claims > 20, `the articles have findings (${claims})`);
  // Most blocks take their seed (the rest had their mentions changed by the article pass).
  assert.ok(computed < checked / 2, `${computed} of ${checked} blocks checked again`);
});

const ARTICLE = [
  'date 2015-06-01',
  'President Barack Obama met Angela Merkel in Berlin on Monday.',
  'Fans gathered to watch the 2014 World Cup in Germany last night.',
  'Unemployment rose to 15 percent last year, the ministry said.',
].join('\n\n') + '\n';

test('a seed is used only with the date, the football flag and the mention spans it was made with', () => {
  const fresh = plain(createAnalyzer().analyze(ARTICLE));
  const context = createAnalyzer().claimContext(ARTICLE)!;
  assert.deepEqual(context, { date: '2015-06-01', football: false });
  // Seeds made in other contexts: the analysis is still the fresh one (each seed would change it).
  for (const other of [{ ...context, date: '2021-06-01' }, { ...context, football: true }]) {
    const { an } = seeded(ARTICLE, other);
    assert.deepEqual(plain(an.analyze(ARTICLE)), fresh);
  }
  const obama = (r: BlockResult) => r.mentions.some((m) => m.canonical.includes('Obama'));
  const sample = seeded(ARTICLE, (r) => (obama(r) ? { ...context, date: '2021-06-01' } : context));
  const text = [...sample.results.keys()].find((t) => obama(sample.results.get(t)!))!;
  assert.ok(seedClaims(text, sample.results.get(text)!, { ...context, date: '2021-06-01' })!.findings.flat().length > 0, 'the 2021 seed has a finding');
  // A seed with a finding the block does not have, made with the block's own spans, is used as it is
  // (what makes the checks above meaningful); with other spans in a sentence it read, it is not; with
  // other spans only where it read none, it is.
  const r = analyzeBlock(text);
  const own = seedClaims(text, r, context)!.spans;
  assert.ok(own.length >= 4 && own[0] > 0, 'the block has mentions after its start');
  const fake = { start: 0, end: 9, message: 'seeded' };
  const whole = new Int32Array([0, text.length]);
  const cases: [Int32Array, Int32Array, boolean][] = [
    [own, whole, true],
    [new Int32Array([0, 1]), whole, false],
    [new Int32Array([0, 1]), new Int32Array([own[1], text.length]), false],
    [new Int32Array([0, 1, ...own.slice(2)]), new Int32Array([own[1], text.length]), true],
  ];
  for (const [spans, reads, used] of cases) {
    const an = createAnalyzer();
    an.cache.put('news', text, r);
    for (const t of an.missingBlocks(ARTICLE)) an.cache.put('news', t, analyzeBlock(t));
    an.seedClaims(r, { ...context, spans, reads, findings: [[fake], [], [], []] });
    const got = an.analyze(ARTICLE);
    assert.equal(got.claims.some((c) => c.message === 'seeded'), used, `spans ${spans}, reads ${reads}`);
  }
});

test('no claim context with the user\'s facts (another knowledge base)', () => {
  const an = createAnalyzer();
  assert.equal(an.claimContext(ARTICLE, { facts: { people: [] } as never }), null);
  assert.ok(an.claimContext(ARTICLE));
});

test('warming the claim rules checks paragraphs of the last text and changes nothing', () => {
  const a = createAnalyzer();
  assert.equal(a.warmClaims(5), 0, 'nothing analyzed yet: nothing to warm');
  const text = readFileSync(join(__dirname, '..', '..', '..', 'samples', 'blinken-aliyev-munich.news'), 'utf8');
  const before = JSON.stringify(a.analyze(text));
  const paragraphs = a.analyze(text).blocks.filter((b) => b.kind === 'paragraph' && b.sentences.length).length;
  assert.ok(paragraphs > 1);
  // More checks than paragraphs: they are checked in turn, again from the first.
  assert.equal(a.warmClaims(paragraphs * 2 + 1), paragraphs * 2 + 1);
  const again = a.analyze(text.trimEnd() + ' Officials said so.');
  assert.equal(a.stats.claimBlocks, 1, 'only the edited paragraph is checked again: the cache is as it was');
  assert.equal(JSON.stringify(a.analyze(text)), before);
  assert.ok(again.claims.length > 0);
  assert.equal(a.warmClaims(0), 0);
  const empty = createAnalyzer();
  empty.analyze('Heading only');
  assert.equal(empty.warmClaims(3), 0, 'no paragraph with sentences');
});
