import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStructure, parseDateHeader, splitSentences, scanBlocks, rescanBlocks, editedSlice } from '../src/engine/structure';
import { commonEnds } from '../src/engine/analyze';

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

test('a rescan around an edit finds the blocks a whole scan finds (random edits on real articles)', () => {
  const root = join(__dirname, '..', '..', '..');
  const dir = join(root, 'server', 'test', 'fixtures', 'heldout');
  const articles = [join(root, 'samples', 'blinken-aliyev-munich.news'), ...readdirSync(dir).filter((f) => f.endsWith('.news')).map((f) => join(dir, f))]
    .map((f) => readFileSync(f, 'utf8'));
  assert.ok(articles.length >= 3);
  // Edits that join and split paragraphs, make headings, touch the date header, add line breaks of every
  // kind and suppression comments, or delete runs of text.
  const inserts = ['x', ' word', '\n', '\n\n', '\r\n\r\n', '\u2028', '   \n  \n', 'New heading\n\n', '<!-- news-lens-ignore -->\n', 'date 2024-01-01\n', '', ''];
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  let rescans = 0;
  for (const article of articles) {
    let text = article;
    let scan = scanBlocks(text);
    for (let i = 0; i < 150; i++) {
      const at = Math.floor(rnd() * (text.length + 1));
      const del = rnd() < 0.3 ? Math.floor(rnd() * 40) : 0;
      const insert = inserts[Math.floor(rnd() * inserts.length)], end = Math.min(text.length, at + del);
      const next = text.slice(0, at) + insert + text.slice(end);
      // Every other edit as told (its bounds, and the new lines read from the old text and the insertion).
      const told = i % 2 === 1;
      const [p, q] = told ? [at, text.length - end] : commonEnds(text, next);
      const again = told ? rescanBlocks(scan, text, next, p, q, editedSlice(text, at, end, insert)) : rescanBlocks(scan, text, next, p, q);
      assert.deepEqual(again, scanBlocks(next), `edit ${i} at ${at}${told ? ' (told)' : ''}`);
      if (again.blocks.length && p > 0) rescans++;
      text = next;
      scan = again;
    }
  }
  assert.ok(rescans > 300);
});

test('an edited text is read from the old text and the insertion as it would be from the new text', () => {
  const from = 'date 2024-05-01\nFirst paragraph.\n\nSecond \u201Cquoted\u201D paragraph.\r\n';
  let seed = 5;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (const insert of ['', 'x', 'a longer insertion\n\nwith a break']) {
    for (let k = 0; k < 200; k++) {
      const start = Math.floor(rnd() * (from.length + 1)), end = Math.min(from.length, start + Math.floor(rnd() * 6));
      const to = from.slice(0, start) + insert + from.slice(end);
      const slice = editedSlice(from, start, end, insert);
      const a = Math.floor(rnd() * (to.length + 1)), b = a + Math.floor(rnd() * (to.length + 1 - a));
      assert.equal(slice(a, b), to.slice(a, b), `[${a}, ${b}) of an edit at [${start}, ${end})`);
    }
  }
});
