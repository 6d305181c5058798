// Session-3 recognition rules, each with sentences written for these tests (not from the dev articles).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/engine/analyze';
import { isProduct } from '../src/engine/gazetteer/lexicon';
import type { EntityKind } from '../src/engine/types';

/** [kind, text, canonical name] of every mention, in order. */
function found(text: string): [EntityKind, string, string][] {
  const a = analyze(text);
  return a.mentions.map((m) => {
    const e = a.entities.find((x) => x.id === m.entity)!;
    return [e.kind, m.text, e.name];
  });
}
const kindOf = (text: string, surface: string) => found(text).find(([, t]) => t === surface)?.[0];

test('products come from the products gazetteer file and are never names on their own', () => {
  assert.ok(isProduct('Firefox'));
  assert.ok(isProduct('Internet Explorer'));
  assert.ok(!isProduct('Mozilla'));
  assert.deepEqual(found('Engineers said Minecraft and Wordle were slower on old laptops.'), []);
});

test('an organization followed by a two-word name splits only when the organization is known', () => {
  assert.deepEqual(found('A lawyer for Amnesty International Tamsin Okoro said the case was weak.'), [
    ['organization', 'Amnesty International', 'Amnesty International'],
    ['person', 'Tamsin Okoro', 'Tamsin Okoro'],
  ]);
  // An unknown name shaped like an organization is not cut before its last two words.
  const got = found('Yesterday the Harbour Pilots Association Tamsin Okoro met again.');
  assert.ok(!got.some(([k, t]) => k === 'organization' && t === 'Harbour Pilots Association'), JSON.stringify(got));
});
