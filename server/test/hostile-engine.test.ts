/** The engine on hostile input: long blocks tagged in pieces, paragraphs too long for the entity pass. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBlockText, NLP_CHUNK } from '../src/engine/nlp';
import { analyze, MAX_NLP_BLOCK } from '../src/engine';

const SENTENCE = 'The committee met on Tuesday and discussed the budget at length. ';

test('a block longer than one NLP piece is tagged in pieces with exact offsets', () => {
  const filler = SENTENCE.repeat(Math.ceil((NLP_CHUNK * 2.5) / SENTENCE.length));
  const text = filler + 'Angela Merkel travelled to Paris, France. ' + filler + 'Emmanuel Macron spoke.';
  const r = analyzeBlockText(text);
  for (const t of r.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  for (let i = 1; i < r.tokens.length; i++) assert.ok(r.tokens[i].start >= r.tokens[i - 1].end, 'tokens in order, disjoint');
  // Names in the second and third pieces get their tags as in a short block.
  const people = r.tokens.filter((t) => t.tags.has('Person')).map((t) => t.text);
  assert.ok(people.includes('Merkel'), JSON.stringify(people));
  assert.ok(people.includes('Macron'), JSON.stringify(people));
  // The same names are found as in a short block.
  const a = analyze(text);
  assert.ok(a.entities.some((e) => e.kind === 'person' && e.name.includes('Merkel')));
});

test('pieces never split a surrogate pair, even without spaces', () => {
  const text = 'x' + '😀'.repeat(NLP_CHUNK);
  const r = analyzeBlockText(text);
  for (const t of r.tokens) {
    assert.equal(text.slice(t.start, t.end), t.text);
    assert.ok(!/^[\uDC00-\uDFFF]/.test(t.text) && !/[\uD800-\uDBFF]$/.test(t.text), 'no half pair');
  }
});

test('a paragraph longer than MAX_NLP_BLOCK gets no entity pass, and a note says so', () => {
  const para = 'Angela Merkel ' + 'word '.repeat(Math.ceil(MAX_NLP_BLOCK / 5));
  const a = analyze(`date 2024-01-01\n\nAngela Merkel spoke.\n\n${para}\n`);
  assert.equal(a.tooLong?.length, 1);
  assert.ok(a.notes.some((n) => /longer than/.test(n)));
  // The short paragraph is still analyzed, the long one is not.
  assert.ok(a.entities.some((e) => e.name.includes('Merkel')));
  assert.ok(a.mentions.every((m) => m.start < a.tooLong![0].start));
});

test('a sentence too long to be prose is not checked for claims (no quadratic blow-up)', () => {
  const a = analyze('Experts say 40 percent ' + 'and more '.repeat(2000));
  assert.deepEqual(a.claims, []);
  const b = analyze('Experts say 40 percent of them agreed.');
  assert.ok(b.claims.length > 0);
});

test('a list after a city and country does not make the contradiction rule backtrack exponentially', { timeout: 120_000 }, () => {
  // Before the fix, ", " and 30 capital letters took minutes (the pattern nested `(?:Word\s*)+` in `(...)*`).
  const a = analyze(`date 2024-01-01\n\nOfficials met in Paris, France, ${'A'.repeat(40)}! Talks in Rome, Italy, ${'Bb'.repeat(30)} went on.\n`);
  assert.ok(Array.isArray(a.claims));
});
