/**
 * A small seeded fuzz run inside `npm test` (the full run is `npm run fuzz -- --count 10000`): random
 * articles and random incremental edit sequences through the real server over stdio; after each sequence
 * the server must be alive, have answered every request, and publish the diagnostics and symbols of a
 * fresh analysis of the final text. NEWS_LENS_FUZZ_COUNT / NEWS_LENS_FUZZ_SEED override the defaults.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFuzz, makeCase, finalText, applyChange, offsetAt, positionAt, lineStarts } from './helpers/fuzz';

const COUNT = Number(process.env.NEWS_LENS_FUZZ_COUNT ?? 200);
const SEED = Number(process.env.NEWS_LENS_FUZZ_SEED ?? 20240217);

test('the fuzzer\'s own text model follows LSP positions (CRLF, lone CR, clamping)', () => {
  const text = 'ab\r\ncd\ref\ngh';
  assert.deepEqual(lineStarts(text), [0, 4, 7, 10]);
  assert.equal(offsetAt(text, { line: 1, character: 1 }), 5);
  assert.equal(offsetAt(text, { line: 0, character: 99 }), 2, 'past the end of a line: its end, before the CRLF');
  assert.equal(offsetAt(text, { line: 9, character: 0 }), text.length, 'past the last line: the end');
  assert.deepEqual(positionAt(text, 8), { line: 2, character: 1 });
  assert.equal(applyChange(text, { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: 'X' }), 'ab\r\nXef\ngh');
  assert.equal(applyChange(text, { text: 'new' }), 'new');
});

test('fuzz cases are a pure function of (seed, index)', () => {
  assert.deepEqual(makeCase(7, 3), makeCase(7, 3));
  assert.notDeepEqual(makeCase(7, 3), makeCase(7, 4));
  assert.equal(typeof finalText(makeCase(7, 3)), 'string');
});

test(`fuzz: ${COUNT} random edit sequences through the server (seed ${SEED})`, { timeout: 600_000 }, async () => {
  const result = await runFuzz({ count: COUNT, seed: SEED, parallel: 2, maxFailures: 1 });
  assert.equal(result.failures.length, 0, result.failures.map((f) => f.message).join('\n\n') +
    `\nreplay: npm run fuzz -- --seed ${SEED} --case ${result.failures[0]?.fuzzCase.index}`);
  assert.equal(result.passed, COUNT);
});
