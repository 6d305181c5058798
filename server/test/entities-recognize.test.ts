// Entity recognition and linking, one pattern family per test, on sentences written for the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/engine/analyze';
import type { Analysis, EntityKind } from '../src/engine/types';

/** [kind, text, canonical name] of every mention, in order. */
function found(text: string): [EntityKind, string, string][] {
  const a = analyze(text);
  return a.mentions.map((m) => {
    const e = a.entities.find((x) => x.id === m.entity)!;
    return [e.kind, m.text, e.name];
  });
}
function entity(a: Analysis, name: string) {
  const e = a.entities.find((x) => x.name === name);
  assert.ok(e, `entity ${name} found in ${a.entities.map((x) => x.name).join(', ')}`);
  return e;
}

test('countries: names, abbreviations, demonyms, compounds and possessives', () => {
  const got = found('The U.S.-Kazakhstan talks drew Kazakh and American officials, while Britain’s envoy and the UAE stayed away. The DRC and the USA were absent.');
  assert.deepEqual(got, [
    ['country', 'U.S.', 'United States'],
    ['country', 'Kazakhstan', 'Kazakhstan'],
    ['country', 'Kazakh', 'Kazakhstan'],
    ['country', 'American', 'United States'],
    ['country', 'Britain', 'United Kingdom'],
    ['country', 'UAE', 'United Arab Emirates'],
    ['country', 'DRC', 'Democratic Republic of the Congo'],
    ['country', 'USA', 'United States'],
  ]);
  // A currency prefix is not the country; a capital used for its government is a place.
  assert.deepEqual(found('The deal was worth NZ$40 million, Washington said.'), [['place', 'Washington', 'Washington']]);
});

test('places: "City, Country" is two mentions; regions; words that are also city names need context', () => {
  assert.deepEqual(found('Delegates gathered in Lyon, France, and later flew to the Sahel and the Middle East.'), [
    ['place', 'Lyon', 'Lyon'],
    ['country', 'France', 'France'],
    ['place', 'Sahel', 'Sahel'],
    ['place', 'Middle East', 'Middle East'],
  ]);
  assert.deepEqual(found('Reading the report, she said it was Nice to see such Mobile teams.'), []);
  assert.deepEqual(found('The match was played in Reading, England, last week.').map((x) => x[1]), ['Reading', 'England']);
});

test('people: titles are stripped and kept as the role', () => {
  const a = analyze('Foreign Minister Jeyhun Bayramov greeted Chancellor Olaf Scholz. Later, Georgia’s President Salome Zourabichvili joined Prime Minister Kristen Michal.');
  const people = a.entities.filter((e) => e.kind === 'person');
  assert.deepEqual(people.map((e) => [e.name, e.roles[0]]), [
    ['Jeyhun Bayramov', 'Foreign Minister'],
    ['Olaf Scholz', 'Chancellor'],
    ['Salome Zourabichvili', 'President of Georgia'],
    ['Kristen Michal', 'Prime Minister'],
  ]);
  for (const e of people) for (const m of e.mentions) assert.ok(!/Minister|Chancellor|President/.test(m.text), m.text);
  assert.equal(entity(a, 'Georgia').kind, 'country');
});

test('people: names compromise does not know, with surnames linked to the full name', () => {
  const a = analyze('Spokeswoman Oyelaran Tekeste said the plan was sound. Tekeste added that Dr. Mirela Vutcova agreed, and Vutcova later confirmed it.');
  assert.deepEqual(entity(a, 'Oyelaran Tekeste').mentions.map((m) => m.text), ['Oyelaran Tekeste', 'Tekeste']);
  assert.deepEqual(entity(a, 'Mirela Vutcova').mentions.map((m) => m.text), ['Mirela Vutcova', 'Vutcova']);
  assert.equal(entity(a, 'Oyelaran Tekeste').roles[0], 'Spokeswoman');
});

test('people: a city name used as a surname follows its person through the article', () => {
  const a = analyze('Campaigner Maren Lyon filed the suit. Lyon told reporters she would appeal.');
  const e = entity(a, 'Maren Lyon');
  assert.equal(e.kind, 'person');
  assert.deepEqual(e.mentions.map((m) => m.text), ['Maren Lyon', 'Lyon']);
});

test('organizations: known bodies, abbreviations and name shapes', () => {
  const got = found('NATO and the European Union met the Ministry of Foreign Affairs, the Green Party, Harbour Freight Logistics Inc. and the State Department.');
  assert.deepEqual(got.map(([k, t]) => [k, t]), [
    ['organization', 'NATO'],
    ['organization', 'European Union'],
    ['organization', 'Ministry of Foreign Affairs'],
    ['organization', 'Green Party'],
    ['organization', 'Harbour Freight Logistics Inc.'],
    ['organization', 'State Department'],
  ]);
  const a = analyze('The UN warned on Monday. A United Nations official said more aid was needed.');
  assert.equal(a.entities.filter((e) => e.kind === 'organization').length, 1);
  assert.equal(entity(a, 'United Nations').mentions.length, 2);
});

test('organizations: "X of the Y Party" is a person and a party; "X Party and the Y Party" two parties', () => {
  const got = found('Votes went to Lorna Vasquez of the Labour Party, and to the Civic Party and the Liberal Party.');
  assert.deepEqual(got.map(([k, t]) => [k, t]), [
    ['person', 'Lorna Vasquez'],
    ['organization', 'Labour Party'],
    ['organization', 'Civic Party'],
    ['organization', 'Liberal Party'],
  ]);
});

test('events: named events from the gazetteer and from patterns', () => {
  const got = found('After COP28 and before the 2028 Summer Olympics, leaders met at the Munich Security Conference, the Halifax International Security Forum and the Lisbon Ocean Summit, recalling World War II.');
  assert.deepEqual(got.filter(([k]) => k === 'event').map(([, t]) => t), [
    'COP28', '2028 Summer Olympics', 'Munich Security Conference', 'Halifax International Security Forum', 'Lisbon Ocean Summit', 'World War II',
  ]);
  // Generic descriptions are not named events.
  assert.deepEqual(found('The summit and the conference ended without a deal.'), []);
});

test('one sense per article: a form labelled once is labelled the same everywhere', () => {
  const a = analyze('Campaigner Idris Okonkwo-Baptiste spoke first.\n\nOkonkwo-Baptiste\n\nLater, Okonkwo-Baptiste left for Kenya. Kenya welcomed him.');
  const e = entity(a, 'Idris Okonkwo-Baptiste');
  assert.equal(e.mentions.length, 3);
  assert.equal(entity(a, 'Kenya').mentions.length, 2);
});

test('linking: U.S., America and American join United States; demonyms their country', () => {
  const a = analyze('U.S. officials said America would help. An American envoy and a French diplomat flew to France.');
  assert.deepEqual(entity(a, 'United States').mentions.map((m) => m.text), ['U.S.', 'America', 'American']);
  assert.deepEqual(entity(a, 'France').mentions.map((m) => m.text), ['French', 'France']);
  assert.ok(entity(a, 'France').facts.lines.includes('Capital: Paris'));
});

test('reported events: who met whom, where and when', () => {
  const a = analyze('date 2025-03-04\n\nSecretary of State Lena Marsh met Mongolia’s President Batbold Enkhbayar in Ulaanbaatar on March 3, 2025. The meeting, requested by Marsh, lasted two hours.');
  assert.equal(a.events.length, 1);
  const ev = a.events[0];
  assert.equal(ev.type, 'meeting');
  assert.equal(ev.label, 'Meeting — Marsh, Enkhbayar — Ulaanbaatar — 2025-03-03');
  assert.deepEqual(ev.participants, [entity(a, 'Lena Marsh').id, entity(a, 'Batbold Enkhbayar').id]);
  assert.equal(ev.place, entity(a, 'Ulaanbaatar').id);
  // Without a date in the sentence, the article's date.
  const b = analyze('date 2025-05-06\n\nThe foreign ministers of Chile and Peru signed an agreement in Lima.');
  assert.equal(b.events[0]?.label, 'Agreement — Chile, Peru — Lima — 2025-05-06');
});
