/**
 * The name rules `nlp.ts` applies itself (compromise's post-tagger is not run): a given name before a
 * capitalized word, a word that may be a given name ("Dean", "Rob"), a name particle between two
 * capitalized words. Sentences written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBlockText } from '../src/engine/nlp';
import { analyze } from '../src/engine';

function tagsOf(text: string, word: string): Set<string> {
  const t = analyzeBlockText(text).tokens.find((x) => x.text === word);
  assert.ok(t, `${word} is a token of ${text}`);
  return new Set(t.tags);
}

function people(text: string): string[] {
  return analyze(`date 2024-05-01\n\n${text}\n`).entities.filter((e) => e.kind === 'person').map((e) => e.name);
}

test('a given name makes the capitalized word after it a surname, even a city name', () => {
  const s = 'The charity was run for years by Maria Salem and her brother.';
  assert.ok(tagsOf(s, 'Salem').has('LastName'));
  assert.ok(tagsOf(s, 'Salem').has('Person'));
  assert.ok(tagsOf(s, 'Maria').has('Person'));
  // With an initial between them.
  assert.ok(tagsOf('The prize went to Maria T. Salem last year.', 'Salem').has('LastName'));
});

test('a comma between the words stops the rule', () => {
  const s = 'She thanked Maria, Salem and the rest of the team.';
  assert.ok(!tagsOf(s, 'Salem').has('LastName'));
});

test('a word that may be a given name ("Dean", "Rob") before a capitalized word starts a name', () => {
  const s = 'The foundation was set up by Dean Okonkwo in 1989.';
  assert.ok(tagsOf(s, 'Dean').has('Person'));
  assert.ok(tagsOf(s, 'Okonkwo').has('Person'));
  assert.deepEqual(people(s), ['Dean Okonkwo']);
  // Lower case, it is the common noun.
  assert.ok(!tagsOf('The dean Okonkwo appointed was new.', 'dean').has('Person'));
});

test('a name particle joins two capitalized words into one name', () => {
  const s = 'Energy ministers heard Faisal bin Rashid speak on Monday.';
  for (const w of ['Faisal', 'bin', 'Rashid']) assert.ok(tagsOf(s, w).has('Person'), w);
  assert.deepEqual(people(s), ['Faisal bin Rashid']);
  // A place before the particle is not a name.
  assert.ok(!tagsOf('Flights from Paris van Rental were cancelled.', 'van').has('Person'));
});
