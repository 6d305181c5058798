/**
 * The article-level caches of incremental analysis (claim findings per block, the entities article
 * pass per block, reported events per block): after edits that change what a cached result depends on
 * outside its own block (the date, the facts, a neighbour sentence, a name elsewhere, the article-wide
 * football flag, a suppression comment, the settings), the analysis equals a fresh one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer, toJsonResult, type Analysis, type AnalyzeOptions } from '../src/engine';
import { commonEnds } from '../src/engine/analyze';
import { linkBlocks, type LinkMemo } from '../src/engine/entities/link';

function plain(a: Analysis): unknown {
  return JSON.parse(JSON.stringify({ ...a, json: toJsonResult('x', a) }));
}

const ARTICLE = [
  'date 2015-06-01',
  'President Barack Obama met Angela Merkel in Berlin on Monday.',
  'Fans gathered to watch the 2014 World Cup in Germany last night.',
  'Unemployment rose to 15 percent last year. Lindqvist said the figure was accurate.',
  'Sydney, the capital of Australia, hosted the talks.',
  'The football season starts next week.',
  'Maria Lindqvist, the labour minister, spoke later.',
].join('\n\n') + '\n';

/** Analyzes `before` then `after` with one analyzer; `after` must equal a fresh analysis. */
function check(before: string, after: string, optsBefore: AnalyzeOptions = {}, optsAfter: AnalyzeOptions = optsBefore): Analysis {
  const incremental = createAnalyzer();
  incremental.analyze(before, optsBefore);
  const got = incremental.analyze(after, optsAfter);
  assert.deepEqual(plain(got), plain(createAnalyzer().analyze(after, optsAfter)));
  return got;
}

const codes = (a: Analysis, text: string) => a.claims.map((c) => `${c.rule}: ${text.slice(c.trigger?.start ?? c.start, c.trigger?.end ?? c.end)}`);

test('the test article has the findings the cache tests rely on', () => {
  const a = createAnalyzer().analyze(ARTICLE);
  assert.deepEqual(codes(a, ARTICLE), ['contradiction: the 2014 World Cup in Germany', 'contradiction: Sydney']);
  const lindqvist = a.entities.find((e) => e.id === 'person:maria-lindqvist');
  assert.equal(lindqvist?.mentions.length, 2);
});

test('an edit of the date header re-checks the unchanged paragraphs against the new date', () => {
  const after = ARTICLE.replace('2015-06-01', '2019-06-01');
  const a = check(ARTICLE, after);
  assert.ok(codes(a, after).some((c) => c.startsWith('contradiction: President Barack Obama')), codes(a, after).join('; '));
  // And back.
  const b = check(after, ARTICLE);
  assert.ok(!codes(b, ARTICLE).some((c) => c.includes('Obama')));
});

test('new facts (a capital, a checked finding) re-check every paragraph; equal facts objects reuse the cache', () => {
  const capital: AnalyzeOptions = { facts: { facts: [{ type: 'capital', country: 'Australia', city: 'Sydney' }] } };
  const a = check(ARTICLE, ARTICLE, {}, capital);
  assert.ok(!codes(a, ARTICLE).some((c) => c.includes('Sydney')));
  const checked: AnalyzeOptions = { facts: { checked: [{ text: 'Fans gathered to watch the 2014 World Cup' }] } };
  const b = check(ARTICLE, ARTICLE, capital, checked);
  assert.deepEqual(codes(b, ARTICLE), ['contradiction: Sydney']);
  // Back to no facts after facts.
  check(ARTICLE, ARTICLE, checked, {});
  // The same facts object again: nothing is checked again.
  const analyzer = createAnalyzer();
  analyzer.analyze(ARTICLE, checked);
  analyzer.analyze(ARTICLE, checked);
  assert.equal(analyzer.stats.claimBlocks, 0);
});

test('an edit in a neighbour sentence that removes the attribution makes the statistic unsourced', () => {
  const after = ARTICLE.replace('Lindqvist said the figure was accurate.', 'Lindqvist liked the figure.');
  const a = check(ARTICLE, after);
  assert.ok(codes(a, after).includes('unsourced-statistic: 15 percent'), codes(a, after).join('; '));
  check(after, ARTICLE);
});

test('a full name added later takes over a one-word name in an unchanged paragraph, and lets go when removed', () => {
  const without = ARTICLE.replace('Maria Lindqvist, the labour minister, spoke later.', 'The labour minister spoke later.');
  const a = check(without, ARTICLE);
  const e = a.entities.find((x) => x.id === 'person:maria-lindqvist');
  assert.deepEqual(e?.mentions.map((m) => m.text), ['Lindqvist', 'Maria Lindqvist']);
  const b = check(ARTICLE, without);
  assert.ok(!b.entities.some((x) => x.id === 'person:maria-lindqvist'));
  // Only the paragraphs with the changed forms were rescanned (and the new one).
  const analyzer = createAnalyzer();
  analyzer.analyze(without);
  analyzer.analyze(ARTICLE);
  assert.ok(analyzer.stats.rescannedBlocks >= 2 && analyzer.stats.rescannedBlocks < 6, `rescanned ${analyzer.stats.rescannedBlocks}`);
});

test('the article-wide football flag: removing the only mention of football elsewhere drops the World Cup finding', () => {
  const after = ARTICLE.replace('The football season starts next week.', 'The season starts next week.');
  const a = check(ARTICLE, after);
  assert.ok(!codes(a, after).some((c) => c.includes('World Cup')));
  const b = check(after, ARTICLE);
  assert.ok(codes(b, ARTICLE).some((c) => c.includes('World Cup')));
  // In the text between paragraphs (a suppression comment for another rule), as in a fresh analysis.
  check(after, after.replace('\n\nThe season', '\n\n<!-- news-lens-ignore football -->\nThe season'));
});

test('a suppression comment, a paragraph inserted before, and severity settings apply to cached findings', () => {
  const ignored = ARTICLE.replace('\n\nSydney', '\n\n<!-- news-lens-ignore contradiction -->\nSydney');
  const a = check(ARTICLE, ignored);
  assert.ok(!codes(a, ignored).some((c) => c.includes('Sydney')));
  check(ignored, ARTICLE);
  // A comment that disables a rule in the whole file, added after the paragraphs (none of them moves).
  const disabled = `${ARTICLE}\n<!-- news-lens-disable contradiction -->\n`;
  assert.deepEqual(codes(check(ARTICLE, disabled), disabled), []);
  assert.equal(codes(check(disabled, ARTICLE), ARTICLE).length, 2);
  const inserted = ARTICLE.replace('\n\nSydney', '\n\nA new paragraph about Vienna.\n\nSydney');
  check(ARTICLE, inserted);
  const off = check(ARTICLE, ARTICLE, {}, { rules: { contradiction: 'off' } });
  assert.equal(off.claims.length, 0);
  const info = check(ARTICLE, ARTICLE, { rules: { contradiction: 'off' } }, { rules: { contradiction: 'information' } });
  assert.ok(info.claims.length === 2 && info.claims.every((c) => c.severity === 'information'));
});

test('an edit recomputes the claims of the touched paragraph only', () => {
  const analyzer = createAnalyzer();
  analyzer.analyze(ARTICLE);
  const after = ARTICLE.replace('hosted the talks', 'hosted the long talks');
  const got = analyzer.analyze(after);
  assert.equal(analyzer.stats.claimBlocks, 1);
  assert.deepEqual(plain(got), plain(createAnalyzer().analyze(after)));
});

test('the same paragraph twice, then one copy edited: events and claims stay exact', () => {
  const twice = ARTICLE + '\nSydney, the capital of Australia, hosted the talks.\n';
  const a = check(ARTICLE, twice);
  assert.equal(codes(a, twice).filter((c) => c.includes('Sydney')).length, 2);
  check(twice, twice.replace('Sydney, the capital of Australia, hosted the talks.\n\nThe football', 'Sydney hosted the talks.\n\nThe football'));
});

test('a mention that appears in an unchanged paragraph (its name is written in full elsewhere) re-checks its claims', () => {
  const base = 'date 2015-06-01\n\nUnemployment reached 15 percent last year, as Lindqvist "conceded" in March.\n\n';
  const without = base + 'The labour minister spoke later.\n';
  const withName = base + 'Maria Lindqvist, the labour minister, spoke later.\n';
  // The speaker next to the quotation names the source only once "Lindqvist" is a mention.
  const a = check(without, withName);
  assert.deepEqual(codes(a, withName), []);
  const b = check(withName, without);
  assert.deepEqual(codes(b, without), ['unsourced-statistic: 15 percent']);
});

test('an analysis after edits is still frozen all the way down (reused pieces included)', () => {
  const analyzer = createAnalyzer();
  analyzer.analyze(ARTICLE);
  const after = ARTICLE.replace('hosted the talks', 'hosted the long talks').replace('President', 'Former President');
  const a = analyzer.analyze(after);
  const seen = new Set<object>();
  const walk = (o: unknown, path: string): void => {
    if (o === null || typeof o !== 'object' || seen.has(o)) return;
    seen.add(o);
    assert.ok(Object.isFrozen(o), `${path} is not frozen`);
    for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
  };
  walk(a, 'analysis');
  assert.ok(seen.size > 50);
});

test('the reported event of an unchanged paragraph follows its mentions: a name found there, an entity id that changes', () => {
  const meeting = 'date 2024-02-17\n\nOfficials said Lindqvist met Kowalczyk in Vienna on Monday.\n';
  const label = (a: Analysis) => a.events.map((e) => `${e.label} [${e.participants.join(', ')}]`);
  // "Lindqvist" becomes a mention (new spans in the meeting's paragraph) once her full name is written.
  const withLindqvist = meeting + '\nMaria Lindqvist, the labour minister, spoke later.\n';
  assert.deepEqual(label(check(meeting, withLindqvist)), ['Meeting — Lindqvist, Kowalczyk — Vienna — 2024-02-17 [person:maria-lindqvist, person:kowalczyk]']);
  assert.deepEqual(label(check(withLindqvist, meeting)), ['Meeting — Kowalczyk — Vienna — 2024-02-17 [person:kowalczyk]']);
  // The same spans, another entity: "Kowalczyk" joins Tomasz Kowalczyk once his full name is written.
  const withKowalczyk = meeting + '\nTomasz Kowalczyk, the envoy, arrived later.\n';
  assert.deepEqual(label(check(meeting, withKowalczyk)), ['Meeting — Kowalczyk — Vienna — 2024-02-17 [person:tomasz-kowalczyk]']);
  assert.deepEqual(label(check(withKowalczyk, meeting)), ['Meeting — Kowalczyk — Vienna — 2024-02-17 [person:kowalczyk]']);
});

test('commonEnds: the common prefix, then the common suffix of what is left', () => {
  assert.deepEqual(commonEnds('abcdef', 'abcdef'), [6, 0]);
  assert.deepEqual(commonEnds('abcdef', 'abXdef'), [2, 3]);
  assert.deepEqual(commonEnds('abcdef', 'abcXdef'), [3, 3]);
  assert.deepEqual(commonEnds('aaaa', 'aaaaa'), [4, 0]);
  assert.deepEqual(commonEnds('', 'abc'), [0, 0]);
  const long = 'x'.repeat(5000) + 'middle' + 'y'.repeat(3000);
  assert.deepEqual(commonEnds(long, long.replace('middle', 'centre')), [5000, 3001]);
  assert.deepEqual(commonEnds(long, long.replace('middle', 'mid')), [5003, 3000]);
});

test('block texts reused from the previous text only where the text is the same: equal-length edits in the first and last paragraphs', () => {
  // The same spans before and after: only the text tells the blocks apart.
  const first = ARTICLE.replace('in Berlin on Monday', 'in Moscow on Monday');
  const last = ARTICLE.replace('Maria Lindqvist, the labour', 'Maria Kowalczyk, the labour');
  const has = (a: Analysis, name: string) => a.mentions.some((m) => m.text === name);
  let a = check(ARTICLE, first);
  assert.ok(has(a, 'Moscow') && !has(a, 'Berlin'));
  a = check(first, ARTICLE);
  assert.ok(has(a, 'Berlin') && !has(a, 'Moscow'));
  a = check(ARTICLE, last);
  assert.ok(has(a, 'Maria Kowalczyk') && !has(a, 'Maria Lindqvist'));
  a = check(last, ARTICLE);
  assert.ok(has(a, 'Maria Lindqvist') && !has(a, 'Maria Kowalczyk'));
});

test('a cleared block cache: the blocks of the last text are missing again', () => {
  const analyzer = createAnalyzer();
  const blocks = analyzer.analyze(ARTICLE).blocks.length;
  assert.deepEqual(analyzer.missingBlocks(ARTICLE), []);
  analyzer.cache.clear();
  assert.equal(analyzer.missingBlocks(ARTICLE).length, blocks);
  analyzer.analyze(ARTICLE);
  assert.deepEqual(analyzer.missingBlocks(ARTICLE), []);
});

test('entities after an edit: a role changed in one paragraph, the other paragraphs moved or not', () => {
  const base = 'date 2015-06-01\n\nGovernor Ada Brennan opened the bridge in Dublin.\n\nThe crowd was small.\n\nAda Brennan, the governor, later left for Cork.\n';
  const role = (a: Analysis) => a.entities.find((e) => e.id === 'person:ada-brennan')?.roles;
  assert.deepEqual(role(createAnalyzer().analyze(base)), ['Governor']);
  // The same grouping (same names in the same order): the role comes from the edited paragraph.
  const senator = base.replace('Governor Ada', 'Senator Ada');
  assert.deepEqual(role(check(base, senator)), ['Senator']);
  assert.deepEqual(role(check(senator, base)), ['Governor']);
  // An edit in the middle paragraph moves the last one: Ada Brennan's mentions there are new, Dublin's are not.
  const analyzer = createAnalyzer();
  const a = analyzer.analyze(base);
  const of = (x: Analysis, id: string) => x.entities.find((e) => e.id === id);
  // (Entities are made when first asked for: here before the next analysis, as a hover would.)
  assert.ok(of(a, 'place:dublin') && of(a, 'person:ada-brennan'));
  const moved = base.replace('was small', 'was very small');
  const b = analyzer.analyze(moved);
  assert.deepEqual(plain(b), plain(createAnalyzer().analyze(moved)));
  assert.equal(of(b, 'place:dublin'), of(a, 'place:dublin'), 'an entity whose mentions did not move is reused');
  assert.notEqual(of(b, 'person:ada-brennan'), of(a, 'person:ada-brennan'));
  assert.equal(of(b, 'person:ada-brennan')?.roles, of(a, 'person:ada-brennan')?.roles, 'roles of moved mentions are reused');
});

test('mentions and entities are made when first asked for: older analyses asked after newer ones still give their own', () => {
  const base = 'date 2015-06-01\n\nGovernor Ada Brennan opened the bridge in Dublin.\n\nThe crowd was small.\n\nAda Brennan, the governor, later left for Cork.\n';
  const texts = [
    base,
    base.replace('Governor Ada', 'Senator Ada'), // a role changed
    base.replace('Governor Ada', 'Senator Ada').replace('was small', 'was very small'), // the last paragraph moved
    base.replace('was small', 'was very small'), // the role back, the paragraph still moved
    base.replace('in Dublin', 'in Cork'), // a new grouping
  ];
  // Made in reverse order, in order, and every other one first.
  for (const order of [[4, 3, 2, 1, 0], [0, 1, 2, 3, 4], [1, 3, 0, 2, 4]]) {
    const analyzer = createAnalyzer();
    const made = texts.map((t) => analyzer.analyze(t));
    for (const i of order) assert.deepEqual(plain(made[i]), plain(createAnalyzer().analyze(texts[i])), `text ${i} (order ${order.join(',')})`);
  }
});

test('entities are in order of their first mentions, a joined one-word name included (fresh and after an edit)', () => {
  const inOrder = (a: Analysis) => a.entities.every((e, i, xs) => i === 0 || xs[i - 1].mentions[0].start < e.mentions[0].start);
  const analyzer = createAnalyzer();
  const a = analyzer.analyze(ARTICLE);
  // "Lindqvist" (third paragraph) joins Maria Lindqvist (last paragraph): the entity comes before Sydney's.
  assert.ok(a.entities.findIndex((e) => e.id === 'person:maria-lindqvist') < a.entities.findIndex((e) => e.id.includes('sydney')));
  assert.ok(inOrder(a));
  assert.ok(inOrder(analyzer.analyze(ARTICLE.replace('hosted the talks', 'hosted the long talks'))));
});

test('linking: a one-word name joined to a later full name puts the entity at its first mention, in every call of a memo', () => {
  const text = 'Lindqvist spoke. Sydney waited. Maria Lindqvist left.';
  const at = (s: string) => text.indexOf(s);
  const blocks = [
    { start: 0, text: text.slice(0, at('Sydney') - 1), mentions: [{ start: 0, end: 9, kind: 'person' as const, canonical: 'Lindqvist' }] },
    { start: at('Sydney'), text: text.slice(at('Sydney'), at('Maria') - 1), mentions: [{ start: 0, end: 6, kind: 'place' as const, canonical: 'Sydney' }] },
    { start: at('Maria'), text: text.slice(at('Maria')), mentions: [{ start: 0, end: 15, kind: 'person' as const, canonical: 'Maria Lindqvist' }] },
  ];
  const memo: LinkMemo = { blocks: new WeakMap() };
  for (let call = 0; call < 2; call++) {
    const { entities } = linkBlocks(blocks, memo);
    assert.deepEqual(entities.map((e) => `${e.id} ${e.mentions.map((m) => m.start).join(',')}`), [`person:maria-lindqvist 0,${at('Maria')}`, `place:sydney ${at('Sydney')}`]);
  }
});

test('reported events are made when first asked for: an older analysis asked after newer ones still gives its own', () => {
  const one = 'date 2024-02-17\n\nOfficials said Lindqvist met Kowalczyk in Vienna on Monday.\n\nMaria Lindqvist, the labour minister, spoke later.\n';
  const two = one.replace('in Vienna', 'in Prague').replace('Maria Lindqvist, the labour minister', 'The labour minister');
  const three = two.replace('Officials said', 'Aides said');
  const analyzer = createAnalyzer();
  const a = analyzer.analyze(one), b = analyzer.analyze(two), c = analyzer.analyze(three);
  const labels = (x: Analysis) => x.events.map((e) => `${e.label} [${e.participants.join(', ')}] ${e.start}`);
  // Asked for in another order than made, twice each.
  for (const [x, text] of [[c, three], [a, one], [b, two], [a, one]] as const) assert.deepEqual(labels(x), labels(createAnalyzer().analyze(text)));
  assert.equal(a.events, a.events);
  assert.ok(Object.isFrozen(a.events) && a.events.every((e) => Object.isFrozen(e)));
  assert.notDeepEqual(labels(a), labels(b));
});

test('the football flag counts a mention between paragraphs (a comment line), as a scan of the whole text does', () => {
  const base = ['date 2015-06-01', 'Fans gathered to watch the 2014 World Cup in Germany last night.', 'The season starts next week.'].join('\n\n') + '\n';
  const withGap = base.replace('\n\nThe season', '\n\n<!-- news-lens-ignore vague-attribution football -->\nThe season');
  assert.deepEqual(codes(createAnalyzer().analyze(base), base), []);
  assert.deepEqual(codes(check(base, withGap), withGap), ['contradiction: the 2014 World Cup in Germany']);
  assert.deepEqual(codes(check(withGap, base), base), []);
});
