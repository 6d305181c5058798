import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allCountries, countryByIso, countryByName, citiesByName, cityByName, isCapitalOf, isDemonym, territoryByName,
} from '../src/engine/gazetteer';

test('every UN member and observer plus Taiwan and Kosovo, with capital and region', () => {
  const all = allCountries();
  assert.equal(all.length, 197);
  for (const c of all) {
    assert.ok(c.capital, `${c.name} has a capital`);
    assert.ok(c.region, `${c.name} has a region`);
    assert.match(c.iso2, /^[A-Z]{2}$/);
  }
  assert.equal(countryByIso('TW')?.name, 'Taiwan');
  assert.equal(countryByIso('XK')?.name, 'Kosovo');
  assert.equal(countryByIso('VA')?.capital, 'Vatican City');
  assert.equal(countryByIso('AZE')?.iso2, 'AZ');
  // Territories are not countries.
  assert.equal(countryByIso('HK'), undefined);
  assert.equal(countryByName('Greenland'), undefined);
  assert.equal(territoryByName('Greenland')?.iso2, 'GL');
});

test('names, abbreviations and demonyms find their country, case-sensitively', () => {
  for (const form of ['United States', 'U.S.', 'US', 'USA', 'America', 'American']) assert.equal(countryByName(form)?.iso2, 'US', form);
  for (const form of ['United Kingdom', 'U.K.', 'UK', 'Britain', 'British']) assert.equal(countryByName(form)?.iso2, 'GB', form);
  assert.equal(countryByName('UAE')?.iso2, 'AE');
  assert.equal(countryByName('DRC')?.iso2, 'CD');
  assert.equal(countryByName('Azerbaijani')?.iso2, 'AZ');
  assert.equal(countryByName('Turkey')?.iso2, 'TR');
  assert.equal(countryByName('Ivory Coast')?.iso2, 'CI');
  assert.equal(countryByName('us'), undefined);
  assert.equal(countryByName('american'), undefined);
  assert.ok(isDemonym('Azerbaijani'));
  assert.ok(!isDemonym('Azerbaijan'));
  assert.equal(countryByName('Azerbaijan')?.capital, 'Baku');
  assert.equal(countryByName('Azerbaijan')?.subregion, 'Western Asia');
});

test('cities carry their country; capitals and ambiguous names are flagged', () => {
  assert.equal(cityByName('Munich')?.country, 'DE');
  assert.ok(citiesByName('Baku').some((c) => c.country === 'AZ' && c.capital));
  assert.equal(cityByName('Paris')?.country, 'FR');
  assert.ok(citiesByName('Reading').every((c) => c.commonWord));
  assert.ok(citiesByName('Nice').every((c) => c.commonWord));
  assert.deepEqual(citiesByName('Qwertyville'), []);
  assert.ok(isCapitalOf('Baku', 'AZ'));
  assert.ok(isCapitalOf('Canberra', 'Australia'));
  assert.ok(!isCapitalOf('Sydney', 'Australia'));
  assert.ok(isCapitalOf('La Paz', 'BO'));
});

test('facts for hovers: a country’s capital and region, a city’s country', async () => {
  const { factsOf } = await import('../src/engine/entities/link');
  assert.deepEqual(factsOf('country', 'Azerbaijan').lines.slice(0, 2), ['Capital: Baku', 'Region: Western Asia (Asia)']);
  assert.equal(factsOf('country', 'Azerbaijan').country, 'AZ');
  assert.match(factsOf('place', 'Munich').lines[0], /^City in Germany \(population [\d,]+\)$/);
  assert.match(factsOf('place', 'Baku').lines[0], /^Capital of Azerbaijan/);
  assert.deepEqual(factsOf('person', 'Someone').lines, []);
});

test('places: regions, provinces and states of large countries, conflict-area towns, city name forms', async () => {
  const { analyze } = await import('../src/engine/analyze');
  const text = 'Tankers left the Gulf for ports in Gauteng and KwaZulu-Natal, while exporters in Latin America, Scandinavia and the Nordics watched. '
    + 'Clashes in the West Bank, Gaza City and Khan Younis continued. Rain fell across Uttar Pradesh, Sichuan and Sinaloa, and flights from NYC were cancelled.';
  const a = analyze(text);
  const places = a.mentions.filter((m) => a.entities.find((e) => e.id === m.entity)?.kind === 'place').map((m) => m.text);
  assert.deepEqual(places, ['Gulf', 'Gauteng', 'KwaZulu-Natal', 'Latin America', 'Scandinavia', 'Nordics', 'West Bank', 'Gaza City', 'Khan Younis', 'Uttar Pradesh', 'Sichuan', 'Sinaloa', 'NYC']);
  // Longer names that start with "Gulf" keep their own kind and span.
  const b = analyze('Veterans of the Gulf War met officials of the Gulf Cooperation Council near the Gulf of Mexico.');
  assert.deepEqual(b.mentions.map((m) => [b.entities.find((e) => e.id === m.entity)!.kind, m.text]), [
    ['event', 'Gulf War'], ['organization', 'Gulf Cooperation Council'], ['place', 'Gulf of Mexico'],
  ]);
});
