/**
 * publishDiagnostics payloads: messages that quote a two-byte article are sent as one-byte strings when
 * their characters allow it (features/diagnostics.ts), with the same text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize } from 'node:v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../src/engine';
import { diagnostics } from '../src/features/diagnostics';

/** Whether V8 holds the string as one byte per character (the serializer's tag for it is '"'). */
const isOneByte = (s: string) => serialize(s)[2] === 0x22;

test('diagnostic messages quoting an article with curly quotes are one-byte strings with the same text', () => {
  const text = 'date 2022-05-06\n\nThe council’s “new plan” was a remarkable triumph. Unemployment fell to 7 percent in May.\n\nCritics say it is a “catastrophe” for Zürich’s taxpayers.\n';
  const a = analyze(text);
  assert.ok(a.claims.length >= 2, a.claims.map((c) => c.message).join('\n'));
  assert.ok(a.claims.some((c) => !isOneByte(c.message)), 'the engine quotes the two-byte article');
  const doc = TextDocument.create('file:///t.news', 'news', 1, text);
  const list = diagnostics(doc, a);
  assert.deepEqual(list.map((d) => d.message), a.claims.map((c) => c.message));
  for (const d of list) assert.equal(isOneByte(d.message), /^[\u0000-\u00ff]*$/.test(d.message), d.message);
  assert.ok(list.some((d) => isOneByte(d.message)));
});
