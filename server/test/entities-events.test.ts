// Reported events: repeated reports of the same happening merge into one event with all its sentences;
// different happenings stay apart. Articles written for the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/engine/analyze';

const election = `date 2025-05-04
Voters in Norland chose a new parliament on Sunday. In the northern district, Maria Keller of the Green Union was elected with 41% of the vote. In the capital, Tomas Brandt and Ilse Varga were elected for the Civic League. Jonas Weber was re-elected in the southern district after a recount. The election was the first since the 2019 reform.
Officials said the 2019 election had a lower turnout.`;

test('an election reported district by district is one event holding every sentence', () => {
  const a = analyze(election);
  const elections = a.events.filter((e) => e.type === 'election' && e.date === '2025-05-04');
  assert.equal(elections.length, 1, a.events.map((e) => e.label).join(' | '));
  const ev = elections[0];
  const names = ev.participants.map((id) => a.entities.find((e) => e.id === id)!.name);
  for (const n of ['Maria Keller', 'Tomas Brandt', 'Ilse Varga', 'Jonas Weber']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  assert.ok((ev.sentences?.length ?? 0) >= 3, `sentences: ${ev.sentences?.length}`);
  // The sentences are the event's own, in order, and the first is the event's span.
  assert.equal(ev.sentences![0].start, ev.start);
  for (let i = 1; i < ev.sentences!.length; i++) assert.ok(ev.sentences![i].start > ev.sentences![i - 1].start);
  // A label names a few participants and counts the rest.
  assert.match(ev.label, /^Election — /);
});

test('an election of another year is another happening, without the article’s date', () => {
  const a = analyze(election);
  const other = a.events.filter((e) => e.type === 'election' && e.date !== '2025-05-04');
  assert.ok(other.every((e) => e.date === undefined));
  const ev = a.events.find((e) => e.type === 'election' && e.date === '2025-05-04')!;
  const last = election.indexOf('Officials said the 2019 election');
  assert.ok(!ev.sentences!.some((s) => s.start === last), 'the 2019 sentence is not the 2025 election');
});

test('attacks on different places by the same side stay two events; the same attack told twice is one', () => {
  const a = analyze(`date 2025-02-10
Russia attacked Kharkiv with drones on Monday, officials said. The attack on Kharkiv by Russia damaged a school.
Separately, Russia attacked Odesa, a port in the south.`);
  const attacks = a.events.filter((e) => e.type === 'attack');
  assert.equal(attacks.length, 2, attacks.map((e) => e.label).join(' | '));
  assert.equal(attacks[0].sentences?.length, 2);
});

test('meetings with overlapping participants on the same date merge; on another date they do not', () => {
  const a = analyze(`date 2025-03-03
Prime Minister Lena Fischer met President Omar Haddad in Geneva. Fischer and Haddad later met trade ministers. On March 20, 2025, Fischer met Haddad again in Rome.`);
  const meetings = a.events.filter((e) => e.type === 'meeting');
  assert.equal(meetings.length, 2, meetings.map((e) => e.label).join(' | '));
  assert.equal(meetings[0].sentences?.length, 2);
  assert.equal(meetings[1].date, '2025-03-20');
});
