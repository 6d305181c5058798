import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKnowledgeBase, normalizeName } from '../src/engine/kb';
import { allCountries, citiesByName } from '../src/engine/gazetteer';

const kb = createKnowledgeBase();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

test('the knowledge base is versioned and covers the G20 members from 2000', () => {
  assert.match(kb.version, /^\d{4}\.\d+\.\d+$/);
  const g20 = ['AR', 'AU', 'BR', 'CA', 'CN', 'FR', 'DE', 'IN', 'ID', 'IT', 'JP', 'MX', 'RU', 'SA', 'ZA', 'KR', 'TR', 'GB', 'US', 'EU'];
  for (const c of g20) {
    const offices = kb.offices.filter((o) => o.country === c);
    assert.ok(offices.some((o) => /government/.test(o.kind)), `${c}: head of government`);
    assert.ok(offices.some((o) => o.kind === 'foreign-minister'), `${c}: foreign minister`);
    for (const o of offices) {
      const from = o.established && o.established > '2000-01-01' ? o.established : '2000-01-01';
      assert.ok(o.holders[0].start <= from, `${o.id} starts by ${from} (${o.holders[0].start})`);
      if (o.abolished) assert.equal(o.holders[o.holders.length - 1].end, o.abolished, `${o.id}: the last term ends when the office was abolished`);
      else assert.ok(o.holders.some((h) => h.end === null), `${o.id} has a current holder`);
    }
  }
});

test('office terms are ISO dates, ordered, and never overlap for a one-holder office (acting terms aside)', () => {
  for (const o of kb.offices) {
    const terms = o.holders.filter((h) => !h.acting);
    for (const h of o.holders) {
      assert.match(h.start, ISO_DATE, `${o.id} ${h.name}`);
      assert.ok(!Number.isNaN(Date.parse(h.start)), `${o.id} ${h.name} start`);
      if (h.end !== null) {
        assert.match(h.end, ISO_DATE);
        assert.ok(h.start < h.end, `${o.id} ${h.name}: ${h.start} < ${h.end}`);
      }
    }
    for (let i = 1; i < terms.length; i++) {
      const prev = terms[i - 1], cur = terms[i];
      assert.ok(prev.end !== null, `${o.id}: only the last holder may be in office (${prev.name})`);
      assert.ok(prev.end! <= cur.start, `${o.id}: ${prev.name} (to ${prev.end}) overlaps ${cur.name} (from ${cur.start})`);
    }
    assert.ok(o.titles.length > 0 && o.titles.every((t) => t.trim() === t && t.length > 1), o.id);
  }
});

test('holders on a date, and names folded for diacritics and dots', () => {
  const us = kb.offices.find((o) => o.id === 'us-president')!;
  assert.deepEqual(kb.holdersAt(us, '2019-05-01').map((h) => h.name), ['Donald Trump']);
  assert.deepEqual(kb.holdersAt(us, '2009-01-19').map((h) => h.name), ['George W. Bush']);
  assert.deepEqual(kb.holdersAt(us, '2009-01-20').map((h) => h.name), ['Barack Obama']);
  assert.equal(normalizeName('Recep Tayyip Erdoğan'), 'recep tayyip erdogan');
  assert.equal(normalizeName('Binali Yıldırım'), 'binali yildirim');
  assert.equal(normalizeName('Antony J. Blinken'), normalizeName('Antony J Blinken'));
  assert.ok(kb.termsOf('Antony J. Blinken').some((t) => t.office.id === 'us-secretary-of-state'));
});

test('every capital is a known city of its country', () => {
  const missing: string[] = [];
  for (const c of allCountries()) {
    if (!c.capital) continue;
    if (!citiesByName(c.capital).some((x) => x.country === c.iso2)) missing.push(`${c.name}: ${c.capital}`);
    assert.ok(kb.isCapital(c.capital, c.iso2), `${c.capital} is the capital of ${c.name}`);
  }
  assert.deepEqual(missing, []);
});

test('event hosts: COP1–COP30, Olympics, World Cups, G7 and G20 summits, consistent', () => {
  const cops = kb.eventsOf('cop').map((e) => e.number);
  assert.deepEqual(cops, Array.from({ length: 30 }, (_, i) => i + 1));
  const cop29 = kb.eventsOf('cop').find((e) => e.number === 29)!;
  assert.equal(cop29.city, 'Baku');
  assert.equal(cop29.year, 2024);
  for (const series of ['summer-olympics', 'winter-olympics', 'fifa-world-cup', 'g7-summit', 'g20-summit']) {
    const evs = kb.eventsOf(series);
    assert.ok(evs.length >= 10, series);
    for (const e of evs) {
      assert.ok(Number.isInteger(e.year) && e.year >= 1896 && e.year <= 2040, `${e.name}`);
      for (const c of e.countries ?? [e.country]) assert.ok(c.length === 2, `${e.name}: ISO code ${c}`);
    }
  }
  // Olympic years are unique per season; COP years increase.
  for (const s of ['summer-olympics', 'winter-olympics', 'fifa-world-cup']) {
    const ys = kb.eventsOf(s).map((e) => e.year);
    assert.equal(new Set(ys).size, ys.length, s);
  }
  const copYears = kb.eventsOf('cop').map((e) => e.year);
  assert.deepEqual([...copYears].sort((a, b) => a - b), copYears);
  // A host city the gazetteer knows is in the host country.
  for (const e of kb.events) {
    // An island or a town under the gazetteer's threshold is marked; every other host city is checked.
    if (!e.city || e.notInGazetteer) continue;
    const cities = citiesByName(e.city);
    if (cities.length && !e.countries) assert.ok(cities.some((c) => c.country === e.country), `${e.name}: ${e.city} in ${e.country}`);
  }
});
