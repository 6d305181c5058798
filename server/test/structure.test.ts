import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStructure, parseDateHeader, splitSentences } from '../src/engine/structure';

test('date header on its own line and followed directly by text', () => {
  assert.equal(parseDateHeader('date 2024-02-17\nText.')?.value, '2024-02-17');
  const inline = parseDateHeader('date 2024-02-17 In a move, ...');
  assert.equal(inline?.value, '2024-02-17');
  assert.deepEqual(inline?.span, { start: 0, end: 15 });
  assert.equal(parseDateHeader('date 2024-02-30\n')?.valid, false);
  assert.equal(parseDateHeader('dated 2024-02-17\n'), null);
  assert.equal(parseDateHeader('Text first.\ndate 2024-02-17'), null);
});

test('headings are short lines without final punctuation; paragraphs split into sentences', () => {
  const text = 'date 2020-01-01\n\nA Title Line\n\nFirst sentence here. Second one follows!\n\nClosing line.';
  const s = parseStructure(text);
  assert.deepEqual(s.blocks.map((b) => b.kind), ['heading', 'paragraph', 'paragraph']);
  assert.deepEqual(s.sentences.map((x) => text.slice(x.start, x.end)), ['A Title Line', 'First sentence here.', 'Second one follows!', 'Closing line.']);
  assert.deepEqual(s.sections.map((x) => x.title), ['A Title Line']);
});

test('sentence boundaries survive titles, initials and acronyms', () => {
  const t = 'Dr. Jane K. Smith met U.S. officials on Feb. 3. The talks ended in the U.S. He left. Mr. Lee stayed.';
  const got = splitSentences(t, 0, t.length).map((x) => t.slice(x.start, x.end));
  assert.deepEqual(got, ['Dr. Jane K. Smith met U.S. officials on Feb. 3.', 'The talks ended in the U.S.', 'He left.', 'Mr. Lee stayed.']);
});

test('quotations are found with their marks', () => {
  const t = 'He said \u201Cwe will win\u201D and left. \u201COpen to the end.';
  const s = parseStructure(t);
  assert.deepEqual(s.quotes.map((q) => t.slice(q.start, q.end)), ['\u201Cwe will win\u201D', '\u201COpen to the end.']);
});
