import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/engine';
import { parseStructure } from '../src/engine/structure';

/** The categories found in one article, with the text of the sentence each flags. */
function found(text: string, rules?: Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'>) {
  const a = analyze(text, { rules });
  return a.claims.map((c) => ({ category: c.category, text: text.slice(c.start, c.end), claim: c }));
}
const cats = (text: string) => found(text).map((f) => f.category);

test('unsourced-statistic: figures stated as fact are flagged, with a message and a placeholder fix', () => {
  const cases = [
    'Turnout reached 64 percent in the northern districts.',
    'The program cost taxpayers $4.5 million last year.',
    'The new bridge carried 48,300 vehicles on its first day.',
    'Unemployment fell from 9 to 7 points in the region over the winter.',
    'One in four households now owns an electric car.',
    'Exports rose by 12 percent after the agreement.',
    'Ticket sales grew fivefold after the final.',
    'The port is the busiest in the country.',
    'It was the deadliest storm on record.',
    'The festival drew 35 thousand visitors.',
    'The hospital treated 240 patients during the outbreak.',
    'It was the worst flood in 50 years.',
    'Turnout was the highest in decades.',
  ];
  for (const t of cases) {
    const f = found(t);
    assert.deepEqual(f.map((x) => x.category), ['unsourced-statistic'], t);
    assert.match(f[0].claim.message, /source/i);
    assert.equal(f[0].claim.fixes?.[0].title, 'Insert an attribution placeholder');
    const fix = f[0].claim.fixes![0].edits[0];
    const fixed = t.slice(0, fix.start) + fix.newText + t.slice(fix.end);
    assert.match(fixed, /, according to \[SOURCE\]\.$/, fixed);
  }
});

test('unsourced-statistic: ordinary numbers are not findings', () => {
  const cases = [
    'Maria Lopez, 52, has lived in the town since 1998.',
    'The two leaders met on March 14 for three hours.',
    'The 14-year-old student won a prize at the fair.',
    'Flights leave at 6:30 every morning.',
    'The convoy travelled about 300 miles (480 km) to the border.',
    'She upgraded her laptop to Windows 11 last week.',
    'The talks ended after 20 minutes.',
    'The town hosted the 12th edition of the festival.',
    'Hundreds of fans waited outside the stadium.',
    'Its goal is to cut emissions to 40 percent of the 1990 level.',
    'He served twelve years in the senate before the 2014 protests.',
  ];
  for (const t of cases) assert.deepEqual(cats(t), [], t);
});

test('unsourced-statistic: a named source in the same or a neighbouring sentence supports the figure', () => {
  assert.deepEqual(cats('Turnout reached 64 percent, the electoral commission said.'), []);
  assert.deepEqual(cats('According to the health ministry, 240 patients were treated.'), []);
  assert.deepEqual(cats('Mayor Ana Ruiz spoke on Monday. "We are proud," she said. The festival drew 35 thousand visitors.'), []);
  assert.deepEqual(cats('The festival drew 35 thousand visitors. Organizers at Ruiz Events told reporters the site was full.'), []);
  // A vague source does not support it, and a neighbour in another paragraph does not either.
  assert.deepEqual(cats('The festival drew 35 thousand visitors.\n\nThe mayor said she was pleased.'), ['unsourced-statistic']);
  // The figure inside a quotation belongs to the speaker.
  assert.deepEqual(cats('"We counted 35 thousand visitors," Ruiz said.'), []);
});

test('vague-attribution: unnamed sources are flagged; named ones are not', () => {
  const vague = [
    'Experts say the reform will fail.',
    'Critics argue that the plan is too expensive.',
    'It is widely believed that the minister will resign.',
    'Many people think the tax is unfair.',
    'The ship reportedly sank near the coast.',
    'Some observers note that the vote was delayed.',
    'According to unnamed sources, the deal collapsed.',
    'A recent survey found that most residents oppose the plan.',
    'The treatment has been described as dangerous.',
    'Analysts at several banks have warned of a slowdown.',
    'The camp, which the agency calls a shelter, is what critics charge is a prison.',
    'The ceasefire, widely seen as fragile, held through the night.',
    'Widely regarded as a reformer, the governor took office in May.',
    'The ruling is considered by many to be a setback for the union.',
    'Scientists say droughts are becoming longer.',
  ];
  for (const t of vague) assert.deepEqual(cats(t), ['vague-attribution'], t);
  const named = [
    'Finance Minister Karl Berg said the reform will pass.',
    'According to the World Health Organization, the outbreak is over.',
    'Critics of the plan gathered outside parliament on Monday.',
    'The ministry reported that the ship sank near the coast.',
    'Berg claimed that the driver allegedly fled the scene.',
    'The ruling was criticised by the bar association as too lenient.',
    'The plan, widely covered in the press, was published on Monday.',
    'Scientists at the University of Oslo say droughts are becoming longer.',
  ];
  for (const t of named) assert.deepEqual(cats(t), [], t);
});

test('opinion-as-fact: evaluative language in the reporter\u2019s voice, not in quotes or attributed speech', () => {
  const opinion = [
    'The summit was a momentous step for the region.',
    'The agreement is a testament to years of patient work.',
    'The minister played a pivotal role in the talks.',
    'The visit marked a significant development in relations between the two countries.',
    'This decision underscores the importance of the alliance.',
    'Sadly, the museum will close next year.',
    'It was one of the most successful campaigns ever.',
    'The new stadium is a stunning piece of architecture.',
    'The vote was a turning point for the party.',
    'The mayor gave a stirring speech at the opening.',
    'The two ministers held fruitful talks on fishing rights.',
    'The merger reflects the robust partnership between the two firms.',
  ];
  for (const t of opinion) assert.deepEqual(cats(t), ['opinion-as-fact'], t);
  const fine = [
    'The minister said the summit was a momentous step.',
    '"This is a historic day," the president told reporters.',
    'Historic England listed the building in 1970.',
    'The march passed through the historic district of the city.',
    'The report was released on Tuesday.',
    'Berg underscored the need for new talks.',
    'The river reached its highest level in 50 years, the weather service said.',
    'The foreign minister described the vote as historic.',
  ];
  for (const t of fine) assert.deepEqual(cats(t), [], t);
});

test('headings are not claims, and a trigger in a heading is ignored', () => {
  assert.deepEqual(cats('A Historic Day for 5,000 Workers\n\nThe plant reopened on Monday.'), []);
});

test('suppression comments: ignore silences the next paragraph, disable the whole file', () => {
  const t = 'date 2020-01-01\n\n<!-- news-lens-ignore opinion-as-fact -->\nThe summit was a momentous step.\n\nThe summit was a momentous step.\n';
  const s = parseStructure(t);
  assert.equal(s.directives.length, 1);
  assert.equal(s.directives[0].kind, 'ignore');
  assert.deepEqual(s.directives[0].rules, ['opinion-as-fact']);
  assert.equal(s.blocks.length, 2, 'the comment is not text');
  const f = found(t);
  assert.equal(f.length, 1);
  assert.ok(f[0].claim.start > t.indexOf('\n\nThe summit'));
  // An ignore for another rule silences nothing.
  assert.equal(found(t.replace('ignore opinion-as-fact', 'ignore vague-attribution')).length, 2);
  assert.equal(found(t + '\n<!-- news-lens-disable opinion-as-fact -->\n').length, 0);
  assert.equal(found('<!-- news-lens-disable vague-attribution unsourced-statistic -->\nExperts say 60% agree.\n').length, 0);
  assert.equal(found('<!-- news-lens-ignore -->\nExperts say 60% agree.\n').length, 0);
});

test('severity settings: per rule, `off` removes the rule', () => {
  const t = 'Experts say the summit was a momentous step.\n\nTurnout reached 64 percent.';
  assert.deepEqual(found(t, { 'unsourced-statistic': 'off' }).map((f) => f.category), ['vague-attribution']);
  assert.equal(found(t, { 'vague-attribution': 'error' })[0].claim.severity, 'error');
});
