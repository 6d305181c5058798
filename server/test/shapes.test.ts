/**
 * Object shapes after compromise is loaded (engine/shapes.ts): the analysis' sentences, mentions and
 * block results deserialized from a worker keep one V8 map per shape, not one map per object. Checked in
 * a child process with V8's natives syntax (%HaveSameMap).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ENGINE = join(__dirname, '..', 'engine.js');

const SCRIPT = `
const v8 = require('node:v8');
const { createAnalyzer } = require(${JSON.stringify(ENGINE)});
const text = [
  'date 2021-03-04',
  'Mayor Tilda Okonkwo opened the ferry terminal in Lisbon. Hundreds of people came. Okonkwo thanked the builders.',
  'The terminal cost 40 million euros, officials said. Rain fell on Lisbon all afternoon.',
  'Later, Okonkwo flew to Madrid. Tilda Okonkwo met Ravi Dutta there.',
].join('\\n\\n') + '\\n';
const a = createAnalyzer().analyze(text);
const shared = (xs) => xs.every((x, i) => i === 0 || %HaveSameMap(x, xs[i - 1]));
// A block result as a worker sends it: its raw mentions and sentences, deserialized here.
const back = v8.deserialize(v8.serialize({ kind: 'paragraph', sentences: [{ start: 0, end: 9 }, { start: 10, end: 20 }], mentions: [{ start: 0, end: 5, kind: 'person', canonical: 'A' }, { start: 6, end: 9, kind: 'place', canonical: 'B' }] }));
console.log(JSON.stringify({
  sentences: a.sentences.length, sentencesShared: shared(a.sentences),
  plainMentions: a.mentions.filter((m) => !m.role).length, mentionsShared: shared(a.mentions.filter((m) => !m.role)),
  deserializedShared: shared(back.sentences) && shared(back.mentions),
}));
`;

test('sentences, mentions and deserialized block results share one map per shape once compromise is loaded', () => {
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', SCRIPT], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.ok(got.sentences >= 6 && got.plainMentions >= 5, r.stdout);
  assert.deepEqual({ s: got.sentencesShared, m: got.mentionsShared, d: got.deserializedShared }, { s: true, m: true, d: true });
});
