import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFacts, MAX_FACTS_SIZE } from '../src/engine/facts';
import { analyze } from '../src/engine';
import schema from '../../schemas/facts.schema.json';
import manifest from '../../package.json';

const GOOD = JSON.stringify({
  version: 1,
  entities: [{ name: 'Port Elwin', kind: 'place', country: 'Australia' }],
  offices: [{ title: 'Mayor', holders: [{ name: 'Jane Roe', start: '2015-01-01', end: '2020-01-01' }, { name: 'Sam Doe', start: '2020-01-01' }] }],
  facts: [{ type: 'capital', country: 'Australia', city: 'Canberra' }, { type: 'city', city: 'Dunmore', country: 'Ireland' }],
  checked: [{ text: 'drew 35 thousand visitors', rule: 'unsourced-statistic', note: 'confirmed with the organizers' }],
}, null, 2);

test('a valid facts file parses, with terms normalized', () => {
  const r = parseFacts(GOOD);
  assert.deepEqual(r.errors, []);
  assert.equal(r.facts?.offices?.[0].holders[1].end, null);
});

test('a malformed facts file gives errors with positions and no facts, never an exception', () => {
  const syntax = parseFacts('{ "offices": [ }');
  assert.equal(syntax.facts, null);
  assert.ok(syntax.errors.length > 0 && syntax.errors[0].message.startsWith('JSON'));
  const bad = '{\n  "offices": [{ "title": "Mayor", "holders": [{ "name": "Jane Roe", "start": "2015" }] }],\n  "colour": 1\n}';
  const r = parseFacts(bad);
  assert.equal(r.facts, null);
  const startErr = r.errors.find((e) => /start/.test(e.message))!;
  assert.ok(startErr, JSON.stringify(r.errors));
  assert.equal(bad.slice(startErr.start, startErr.end), '"2015"');
  assert.ok(r.errors.some((e) => /colour/.test(e.message)));
  const order = parseFacts('{"offices":[{"title":"Mayor","holders":[{"name":"A","start":"2020-01-01","end":"2019-01-01"}]}]}');
  assert.ok(order.errors.some((e) => /ends .* before it starts/.test(e.message)));
  for (const t of ['', 'null', '[]', '"x"', '{"checked":[{"text":1}]}']) assert.equal(parseFacts(t).facts, null, t);
});

test('limits: size, depth, and no __proto__ / constructor keys', () => {
  assert.match(parseFacts(' '.repeat(MAX_FACTS_SIZE + 1)).errors[0].message, /larger than/);
  const deep = '{"entities":' + '['.repeat(40) + ']'.repeat(40) + '}';
  assert.ok(parseFacts(deep).errors.some((e) => /deeper/.test(e.message)));
  const proto = parseFacts('{"__proto__": {"polluted": true}, "entities": []}');
  assert.equal(proto.facts, null);
  assert.ok(proto.errors.some((e) => /__proto__/.test(e.message)));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(parseFacts('{"entities":[{"name":"X","kind":"person","constructor":1}]}').errors.some((e) => /constructor/.test(e.message)));
});

test('user facts feed the checks: offices, cities, checked findings', () => {
  const facts = parseFacts(GOOD).facts!;
  const mayor = 'date 2022-05-01\n\nMayor Jane Roe opened the bridge on Monday.\n';
  assert.equal(analyze(mayor).claims.length, 0, 'unknown office: nothing to check');
  const found = analyze(mayor, { facts }).claims.filter((c) => c.category === 'contradiction');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Jane Roe was not Mayor.*Sam Doe/);
  assert.equal(analyze(mayor.replace('Jane Roe', 'Sam Doe'), { facts }).claims.length, 0);
  // A city the user places in a country is not a contradiction there.
  const pair = 'date 2022-05-01\n\nThe ferry left Dunmore, Ireland, at dawn.\n';
  assert.equal(analyze(pair, { facts }).claims.filter((c) => c.category === 'contradiction').length, 0);
  // A finding marked as checked is not reported.
  const stat = 'The festival drew 35 thousand visitors.';
  assert.equal(analyze(stat).claims.length, 1);
  assert.equal(analyze(stat, { facts }).claims.length, 0);
});

test('the schema is contributed for .newslens/facts.json', () => {
  const v = (manifest as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } }).contributes.jsonValidation;
  assert.ok(v.some((x) => x.fileMatch === '.newslens/facts.json' && x.url === './schemas/facts.schema.json'));
  assert.equal((schema as { type: string }).type, 'object');
});
