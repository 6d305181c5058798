import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Claim } from '../src/engine';

function contradictions(text: string): Claim[] {
  return analyze(text).claims.filter((c) => c.category === 'contradiction');
}

/** Each article gives no contradiction. */
function assertQuiet(articles: readonly string[]): void {
  for (const t of articles) assert.deepEqual(contradictions(t).map((c) => c.message), [], t);
}

/** Applies a claim's first fix to the text. */
function applyFix(text: string, c: Claim, index = 0): string {
  const edits = [...(c.fixes?.[index]?.edits ?? [])].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const CASES: { name: string; wrong: string; right: string; known: RegExp; fixed?: string }[] = [
  {
    name: 'capital: "X, the capital of Y"',
    wrong: 'date 2021-06-01\n\nThe delegation landed in Sydney, the capital of Australia, on Monday.\n',
    right: 'date 2021-06-01\n\nThe delegation landed in Canberra, the capital of Australia, on Monday.\n',
    known: /Canberra is the capital of Australia/,
  },
  {
    name: 'capital: "Y\'s capital, X"',
    wrong: 'date 2021-06-01\n\nProtesters gathered in Turkey\u2019s capital, Istanbul, after the vote.\n',
    right: 'date 2021-06-01\n\nProtesters gathered in Turkey\u2019s capital, Ankara, after the vote.\n',
    known: /Ankara is the capital of Turkey/,
  },
  {
    name: 'capital: "the Canadian capital X"',
    wrong: 'date 2021-06-01\n\nThe talks moved to the Canadian capital, Toronto, for a second round.\n',
    right: 'date 2021-06-01\n\nThe talks moved to the Canadian capital, Ottawa, for a second round.\n',
    known: /Ottawa is the capital of Canada/,
  },
  {
    name: 'city, country pair',
    wrong: 'date 2021-06-01\n\nThe ministers met in Munich, Austria, to discuss energy prices.\n',
    right: 'date 2021-06-01\n\nThe ministers met in Munich, Germany, to discuss energy prices.\n',
    known: /Munich is in Germany/,
  },
  {
    name: 'title and name at the article\u2019s date',
    wrong: 'date 2019-03-12\n\nPresident Barack Obama signed the trade bill on Tuesday.\n',
    right: 'date 2019-03-12\n\nPresident Donald Trump signed the trade bill on Tuesday.\n',
    known: /Barack Obama was not President of the United States on 2019-03-12.*held by Donald Trump/,
  },
  {
    name: 'foreign minister at the article\u2019s date',
    wrong: 'date 2023-10-02\n\nGerman Foreign Minister Heiko Maas arrived in Kyiv for talks.\n',
    right: 'date 2023-10-02\n\nGerman Foreign Minister Annalena Baerbock arrived in Kyiv for talks.\n',
    known: /Heiko Maas was not Foreign Minister of Germany.*Annalena Baerbock/,
  },
  {
    name: 'a named event in the wrong city',
    wrong: 'date 2024-11-20\n\nNegotiators at COP29 in Dubai argued over climate finance.\n',
    right: 'date 2024-11-20\n\nNegotiators at COP29 in Baku argued over climate finance.\n',
    known: /COP29 \(2024\) took place in Baku, Azerbaijan/,
  },
  {
    name: 'a named event in the wrong year',
    wrong: 'date 2022-01-10\n\nThe pledges made at COP26 in Glasgow in 2019 were reviewed.\n',
    right: 'date 2022-01-10\n\nThe pledges made at COP26 in Glasgow in 2021 were reviewed.\n',
    known: /took place in 2021, not 2019/,
  },
  {
    name: 'Olympic host',
    wrong: 'date 2013-02-01\n\nThe stadium built for the 2012 Summer Olympics in Beijing was sold.\n',
    right: 'date 2013-02-01\n\nThe stadium built for the 2012 Summer Olympics in London was sold.\n',
    known: /2012 Summer Olympics took place in London/,
  },
  {
    name: 'capital: "X, the Turkish capital" with words before the city',
    wrong: 'date 2021-06-01\n\nIn Istanbul, the Turkish capital, crowds waited for the result.\n',
    right: 'date 2021-06-01\n\nIn Ankara, the Turkish capital, crowds waited for the result.\n',
    known: /Ankara is the capital of Turkey, not Istanbul/,
  },
  {
    name: 'capital: "the Nigerian capital of X" at a sentence start',
    wrong: 'date 2021-06-01\n\nThe Nigerian capital of Lagos hosted the trade fair.\n',
    right: 'date 2021-06-01\n\nThe Nigerian capital of Abuja hosted the trade fair.\n',
    known: /Abuja is the capital of Nigeria, not Lagos/,
  },
  {
    name: 'title and a name spelled without its umlaut',
    wrong: 'date 2016-05-04\n\nGerman Chancellor Gerhard Schroeder opened the fair in Hanover.\n',
    right: 'date 2016-05-04\n\nGerman Chancellor Angela Merkel opened the fair in Hanover.\n',
    known: /Gerhard Schröder was not Chancellor of Germany on 2016-05-04/,
  },
  {
    name: 'Olympics named by their city, in the wrong year',
    wrong: 'date 2019-02-01\n\nThe bobsleigh track built for the Sochi Winter Olympics in 2016 now stands empty.\n',
    right: 'date 2019-02-01\n\nThe bobsleigh track built for the Sochi Winter Olympics in 2014 now stands empty.\n',
    known: /Winter Olympics in Sochi took place in 2014, not 2016/,
  },
  {
    name: 'Olympics named by a city and a year that do not go together',
    wrong: 'date 2013-02-01\n\nVolunteers from the Beijing 2012 Olympics met again.\n',
    right: 'date 2013-02-01\n\nVolunteers from the London 2012 Olympics met again.\n',
    known: /2012 Summer Olympics took place in London, United Kingdom, not Beijing/,
  },
  {
    name: 'G20 summit host with its year',
    wrong: 'date 2017-08-01\n\nLeaders quarrelled at the 2016 G20 summit in Osaka over steel.\n',
    right: 'date 2017-08-01\n\nLeaders quarrelled at the 2016 G20 summit in Hangzhou over steel.\n',
    known: /Hangzhou, China/,
  },
];

for (const c of CASES) {
  test(`contradiction fires, states the known fact, and its fix corrects it: ${c.name}`, () => {
    const found = contradictions(c.wrong);
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
    assert.match(found[0].message, c.known);
    assert.equal(found[0].severity, 'error');
    assert.ok(found[0].fixes?.length, 'a replace fix');
    assert.match(found[0].fixes![0].title, /^Replace with "/);
    assert.deepEqual(contradictions(c.right), [], 'quiet on the corrected article');
    assert.equal(applyFix(c.wrong, found[0]), c.right, 'the fix writes the known fact');
  });
}

test('office checks stay quiet for former holders, other years and no date header', () => {
  assert.deepEqual(contradictions('date 2019-03-12\n\nFormer President Barack Obama spoke in Chicago.\n'), []);
  assert.deepEqual(contradictions('date 2019-03-12\n\nIn 2012, President Barack Obama visited Myanmar.\n'), []);
  assert.equal(contradictions('date 2019-03-12\n\nIn 2005, President Barack Obama visited Myanmar.\n').length, 1);
  const undated = analyze('President Barack Obama signed the trade bill on Tuesday.\n');
  assert.deepEqual(undated.claims.filter((c) => c.category === 'contradiction'), []);
  assert.ok(undated.notes.some((n) => /date-dependent checks are skipped/.test(n)));
  // Before the base's first recorded term there is nothing to check against.
  assert.deepEqual(contradictions('date 1975-03-12\n\nPresident Barack Obama was born.\n'), []);
});

test('capital and pair checks stay quiet on regions, lists and non-national capitals', () => {
  assertQuiet([
    'date 2020-01-01\n\nSydney, the capital of New South Wales, flooded.\n',
    'date 2020-01-01\n\nThe tour visits Berlin, France and Spain.\n',
    'date 2020-01-01\n\nAlmaty, the former capital of Kazakhstan, grew fast.\n',
    'date 2020-01-01\n\nMumbai, the financial capital of India, reopened.\n',
    'date 2020-01-01\n\nShe grew up in Atlanta, Georgia, and moved away.\n',
    'date 2020-01-01\n\n"Sydney, the capital of Australia, is lovely," the tourist said wrongly.\n',
    'date 2020-01-01\n\nWe met in Ankara, the Turkish capital, and in Canberra, the Australian capital.\n',
  ]);
  // A city whose name holds another city's: "New York" is not a claim about York (England).
  const text = 'date 2020-01-01\n\nNew York, the US capital, reopened.\n';
  assert.ok(contradictions(text).every((c) => !/not York\b/.test(c.message)), 'not about York');
});

test('Olympics: a city that hosted several Games is checked against all of them, and right years stay quiet', () => {
  const [c] = contradictions('date 2021-01-01\n\nSeveral of the athletes had met at the Olympics in Paris in 2020.\n');
  assert.ok(c, 'one finding');
  assert.match(c.message, /the Olympics in Paris took place in 1900, 1924 and 2024, not 2020/);
  assert.deepEqual(c.fixes, [], 'no single right year to offer');
  assertQuiet([
    'date 2021-01-01\n\nThe athletes had met at the Olympics in London in 2012.\n',
    'date 2021-09-01\n\nThe Tokyo Olympics in 2021 were held without spectators.\n',
    'date 2023-01-01\n\nThe Beijing Winter Olympics in 2022 used artificial snow.\n',
    'date 2013-01-01\n\nThe London 2012 Olympics left a stadium behind.\n',
  ]);
});

test('office checks read a title in an appositive: "X, the U.S. president," and "the French president, X,"', () => {
  const after = 'date 2019-06-12\n\nBarack Obama, the U.S. president, welcomed the agreement on Wednesday.\n';
  const [a] = contradictions(after);
  assert.ok(a, 'a finding');
  assert.match(a.message, /Barack Obama was not President of the United States on 2019-06-12.*Donald Trump/);
  assert.equal(applyFix(after, a), after.replace('Barack Obama', 'Donald Trump'));
  assert.equal(applyFix(after, a, 1), after.replace('the U.S. president', 'the former U.S. president'));
  const before = 'date 2016-06-12\n\nThe French president, Jacques Chirac, sent a message of support.\n';
  const [b] = contradictions(before);
  assert.ok(b, 'a finding');
  assert.match(b.message, /Jacques Chirac was not President of France on 2016-06-12.*François Hollande/);
  assert.match(contradictions('date 2010-03-01\n\nGordon Brown, Britain\u2019s prime minister, met the envoys.\n').map((c) => c.message).join(''), /^$/);
  assert.match(contradictions('date 2012-03-01\n\nGordon Brown, Britain\u2019s prime minister, met the envoys.\n')[0]?.message ?? '', /David Cameron/);
  assertQuiet([
    'date 2019-06-12\n\nBarack Obama, the former U.S. president, welcomed the agreement.\n',
    'date 2019-06-12\n\nDonald Trump, the U.S. president, welcomed the agreement.\n',
    'date 2019-06-12\n\nBarack Obama, the author of two memoirs, welcomed the agreement.\n',
    'date 2019-06-12\n\nThe president of the club, Barack Obama, welcomed the agreement.\n',
  ]);
});

test('office checks stay quiet when the words say the office is not held now, or is another office', () => {
  assertQuiet([
    'date 2024-06-01\n\nSupporters of ousted Prime Minister Imran Khan marched in Lahore.\n',
    'date 2025-06-01\n\nPope Francis, who died in April, was remembered at the service.\n',
    'date 2016-06-01\n\nExiled President Viktor Yanukovych gave an interview from Russia.\n',
    'date 2016-06-01\n\nFlorida Attorney General Pam Bondi joined the lawsuit.\n',
  ]);
  // A country before a bare title is still checked.
  assert.equal(contradictions('date 2016-06-01\n\nUkraine\u2019s President Viktor Yanukovych gave an interview.\n').length, 1);
});

test('office checks read names with a hyphenated particle ("al-Assad", "el-Sisi")', () => {
  const [c] = contradictions('date 2025-06-01\n\nSyrian President Bashar al-Assad met the envoys in Damascus.\n');
  assert.ok(c, 'a finding');
  assert.match(c.message, /Bashar al-Assad was not President of Syria on 2025-06-01.*Ahmed al-Sharaa/);
  assertQuiet([
    'date 2023-06-01\n\nSyrian President Bashar al-Assad met the envoys in Damascus.\n',
    'date 2023-06-01\n\nEgyptian President Abdel Fattah el-Sisi met the envoys in Cairo.\n',
  ]);
});
