/**
 * The server's documents (`NewsTextDocuments`) answer as `vscode-languageserver-textdocument` does:
 * text, line count, positions, offsets and line ranges after the same seeded random edits, on texts
 * with \n, \r\n and lone \r line breaks, edits that make and split \r\n pairs, and ranges past the ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NewsTextDocuments, flattenText } from '../src/textDocument';
import { rng } from './helpers/edits';

const BASES = [
  'date 2024-05-01\nFirst paragraph, with a quote.\n\nSecond one.\nThird line',
  'Lines\r\nwith CRLF\r\n\r\nand a lone\rCR and\nLF\n',
  '',
  '\n\n\n',
];
const INSERTS = ['', 'x', ' word ', '\n', '\r', '\r\n', '\n\r', 'a\nb\r\nc', '\n\n', '“quoted”'];

function compare(mine: TextDocument, lib: TextDocument, next: () => number, where: string): void {
  assert.equal(mine.getText(), lib.getText(), `${where}: text`);
  assert.equal(mine.lineCount, lib.lineCount, `${where}: line count`);
  const n = lib.getText().length;
  for (let k = 0; k < 12; k++) {
    const offset = Math.floor(next() * (n + 3)) - 1;
    assert.deepEqual(mine.positionAt(offset), lib.positionAt(offset), `${where}: positionAt(${offset})`);
    const position = { line: Math.floor(next() * (lib.lineCount + 2)) - 1, character: Math.floor(next() * 14) - 1 };
    assert.equal(mine.offsetAt(position), lib.offsetAt(position), `${where}: offsetAt(${JSON.stringify(position)})`);
    const line = Math.floor(next() * (lib.lineCount + 2)) - 1;
    assert.deepEqual(mine.getLineRange(line), lib.getLineRange(line), `${where}: getLineRange(${line})`);
    assert.equal(mine.getEOLCharacters(line), lib.getEOLCharacters(line), `${where}: getEOLCharacters(${line})`);
  }
  const a = lib.positionAt(Math.floor(next() * (n + 1))), b = lib.positionAt(Math.floor(next() * (n + 1)));
  assert.equal(mine.getText({ start: a, end: b }), lib.getText({ start: a, end: b }), `${where}: getText(range)`);
}

test('the server\'s documents answer as the library\'s after the same random edits', () => {
  const next = rng(0xd0c);
  let edits = 0;
  for (const base of BASES) {
    for (let run = 0; run < 6; run++) {
      let mine = NewsTextDocuments.create('file:///a.news', 'news', 1, base);
      let lib = TextDocument.create('file:///a.news', 'news', 1, base);
      for (let v = 2; v < 60; v++) {
        const text = lib.getText();
        const p = lib.positionAt(Math.floor(next() * (text.length + 1)));
        const q = next() < 0.4 ? lib.positionAt(Math.floor(next() * (text.length + 1))) : p;
        // Ranges are sometimes given backwards, or with a character past the line's end.
        const start = next() < 0.1 ? { line: p.line, character: p.character + 5 } : p;
        const insert = INSERTS[Math.floor(next() * INSERTS.length)];
        const changes = next() < 0.05 ? [{ text: insert + text.slice(0, 20) }] : [{ range: { start, end: q }, text: insert }];
        mine = NewsTextDocuments.update(mine, changes, v);
        lib = TextDocument.update(lib, changes, v);
        edits++;
        assert.equal(mine.version, v);
        if (v % 7 === 0) flattenText(mine);
        compare(mine, lib, next, `base ${BASES.indexOf(base)}, run ${run}, v${v}`);
      }
    }
  }
  assert.ok(edits > 1000);
});

test('a document from another factory is refused with a clear error', () => {
  const lib = TextDocument.create('file:///a.news', 'news', 1, 'text');
  assert.throws(() => NewsTextDocuments.update(lib, [{ text: 'x' }], 2), /another factory/);
});
