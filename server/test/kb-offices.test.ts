// The wider office-holder knowledge base: international offices (UN, NATO, the Pope, IMF, WHO, IOC, ECB),
// more US and UK offices, and heads of state and government of countries often in the news. Consistency
// of the data, then behaviour through the engine on sentences written for these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Claim } from '../src/engine';
import { createKnowledgeBase, normalizeName, officesOfPerson, type Office } from '../src/engine/kb';

const kb = createKnowledgeBase();
/** The names of the holders of office `id` on `date`. */
const holdersOn = (id: string, date: string) => kb.holdersAt(kb.offices.find((o) => o.id === id) as Office, date).map((h) => h.name);

function contradictions(date: string, sentence: string): Claim[] {
  return analyze(`date ${date}\n\n${sentence}\n`).claims.filter((c) => c.category === 'contradiction');
}

/** Offices the brief asks for, by id: each must exist, start by 2000 (or its creation) and reach the data's date. */
const REQUIRED = [
  'un-secretary-general', 'nato-secretary-general', 'pope', 'imf-managing-director', 'who-director-general', 'ioc-president',
  'ecb-president', 'world-bank-president', 'us-fed-chair',
  'us-vice-president', 'us-secretary-of-defense', 'us-treasury-secretary', 'us-attorney-general', 'us-national-security-adviser',
  'gb-chancellor-of-the-exchequer', 'gb-home-secretary', 'gb-defence-secretary',
  'ua-president', 'ua-prime-minister', 'il-prime-minister', 'il-president', 'ir-president', 'ir-supreme-leader',
  'pk-prime-minister', 'pk-president', 'es-prime-minister', 'nl-prime-minister', 'pl-president', 'pl-prime-minister',
  'se-prime-minister', 'no-prime-minister', 'eg-president', 'ng-president', 'ke-president', 'et-prime-minister',
  've-president', 'co-president', 'cl-president', 'ph-president', 'vn-president', 'vn-prime-minister', 'th-prime-minister',
  'my-prime-minister', 'nz-prime-minister', 'ie-taoiseach', 'gr-prime-minister', 'hu-prime-minister', 'by-president',
  'sy-president', 'af-president', 'kp-supreme-leader', 'tw-president', 'qa-emir', 'ae-president',
];

test('the new offices exist, start by 2000 (or their creation), and reach the data\u2019s date', () => {
  const byId = new Map(kb.offices.map((o) => [o.id, o]));
  assert.equal(byId.size, kb.offices.length, 'office ids are unique');
  for (const id of REQUIRED) {
    const o = byId.get(id);
    assert.ok(o, `office ${id}`);
    const from = o.established && o.established > '2000-01-01' ? o.established : '2000-01-01';
    assert.ok(o.holders[0].start <= from, `${id} starts by ${from} (${o.holders[0].start})`);
    if (o.abolished) assert.equal(o.holders[o.holders.length - 1].end, o.abolished, `${id}: the last term ends when the office was abolished`);
    else assert.ok(o.holders.some((h) => h.end === null), `${id} has a holder at ${kb.validThrough}`);
    for (const h of o.holders) {
      assert.ok(h.start <= kb.validThrough, `${id} ${h.name}: starts after validThrough`);
      if (h.end) assert.ok(h.end <= kb.validThrough, `${id} ${h.name}: ends after validThrough (${h.end}); an incumbent's end is null`);
    }
  }
});

test('every holder is found by name under every title of the office, and a full name never names two people under one title', () => {
  for (const o of kb.offices) {
    for (const t of o.titles) assert.ok(kb.officesWithTitle(t).includes(o), `${o.id}: title "${t}"`);
    for (const h of o.holders) {
      for (const n of [h.name, ...(h.aliases ?? [])]) assert.ok(kb.termsOf(n).some((x) => x.office === o && x.term === h), `${o.id}: ${n}`);
      if (!/\s/.test(h.name)) continue; // a regnal or single name ("Francis", "Beatrix")
      for (const t of o.titles) {
        const withTitle = new Set(kb.officesWithTitle(t));
        const people = new Set(kb.termsOf(h.name).filter((x) => withTitle.has(x.office)).map((x) => x.term.name));
        assert.deepEqual([...people], [h.name], `"${t} ${h.name}" names one person`);
      }
    }
  }
});

test('aliases are not bare words that a title would swallow from other people', () => {
  // A one-word alias is a surname or given name of the holder; a few words are never aliases: they name
  // other holders of the same title (popes' regnal names) or are common words and first names.
  const banned = ['benedict', 'leo', 'john', 'paul', 'pius', 'miller', 'martin', 'clark', 'key', 'english', 'kim', 'lee', 'ahmed', 'ahmad', 'mohamed', 'mohammed', 'muhammad', 'lagos'];
  for (const o of kb.offices) for (const h of o.holders) {
    for (const a of h.aliases ?? []) assert.ok(!banned.includes(normalizeName(a)), `${o.id} ${h.name}: alias "${a}"`);
  }
  // One person's terms in one office never overlap, and acting terms are marked.
  for (const o of kb.offices) {
    const byPerson = new Map<string, typeof o.holders[number][]>();
    for (const h of o.holders) byPerson.set(h.name, [...(byPerson.get(h.name) ?? []), h]);
    for (const [name, terms] of byPerson) {
      for (let i = 1; i < terms.length; i++) assert.ok(terms[i - 1].end !== null && terms[i - 1].end! <= terms[i].start, `${o.id} ${name}`);
    }
  }
});

test('holders on a date in the new offices', () => {
  assert.deepEqual(holdersOn('un-secretary-general', '2006-12-31'), ['Kofi Annan']);
  assert.deepEqual(holdersOn('un-secretary-general', '2007-01-01'), ['Ban Ki-moon']);
  assert.deepEqual(holdersOn('pope', '2013-03-05'), [], 'the see was vacant between Benedict XVI and Francis');
  assert.deepEqual(holdersOn('us-secretary-of-defense', '2019-07-20'), ['Richard V. Spencer']);
  assert.deepEqual(holdersOn('il-prime-minister', '2006-02-01'), ['Ariel Sharon', 'Ehud Olmert'], 'acting holder beside the incapacitated one');
  assert.deepEqual(holdersOn('no-prime-minister', '2003-01-01'), ['Kjell Magne Bondevik']);
  assert.deepEqual(holdersOn('af-president', '2022-01-01'), []);
});

test('a wrong holder for the article\u2019s date is a contradiction that names the holder; the right one is not', () => {
  const wrong = contradictions('2019-05-01', 'UN Secretary-General Ban Ki-moon praised the deal.');
  assert.equal(wrong.length, 1);
  assert.match(wrong[0].message, /Ban Ki-moon was not Secretary-General of the United Nations on 2019-05-01.*held by António Guterres/);
  assert.equal(wrong[0].fixes?.[0]?.edits[0].newText, 'António Guterres');
  assert.deepEqual(contradictions('2019-05-01', 'UN Secretary-General António Guterres praised the deal.'), []);
  assert.deepEqual(contradictions('2019-05-01', 'Former UN Secretary-General Ban Ki-moon praised the deal.'), []);
  assert.deepEqual(contradictions('2019-05-01', 'The deal was praised by former U.N. chief Ban Ki-moon.'), []);

  const cases: [string, string, RegExp][] = [
    ['2025-03-01', 'NATO Secretary General Jens Stoltenberg met ministers in Brussels.', /held by Mark Rutte/],
    ['2019-05-01', 'Pope Benedict XVI celebrated Mass in the square.', /Benedict XVI was not Pope.*held by Francis/],
    ['2021-06-01', 'IMF Managing Director Christine Lagarde warned about debt.', /held by Kristalina Georgieva/],
    ['2019-05-01', 'WHO Director-General Margaret Chan warned of a new outbreak.', /held by Tedros Adhanom Ghebreyesus/],
    ['2015-05-01', 'IOC President Thomas Bach and Director-General Tedros opened the meeting.', /Tedros Adhanom Ghebreyesus was not Director-General.*Margaret Chan/],
    ['2022-06-01', 'Fed Chair Janet Yellen raised interest rates.', /Janet Yellen was not Chair of the Federal Reserve.*held by Jerome Powell/],
    ['2015-06-01', 'World Bank President Ajay Banga opened the meeting.', /held by Jim Yong Kim/],
    ['2019-05-01', 'Vice President Joe Biden met voters in Iowa.', /Joe Biden was not Vice President of the United States.*held by Mike Pence/],
    ['2025-06-01', 'Defense Secretary Lloyd Austin arrived in Kyiv.', /held by Pete Hegseth/],
    ['2016-06-01', 'Treasury Secretary Steven Mnuchin announced sanctions.', /held by Jack Lew/],
    ['2022-06-01', 'Attorney General Jeff Sessions opened an inquiry.', /held by Merrick Garland/],
    ['2020-06-01', 'National Security Adviser John Bolton flew to Seoul.', /held by Robert O'Brien/],
    ['2023-06-01', 'Chancellor Rishi Sunak presented the budget.', /Chancellor of the Exchequer.*held by Jeremy Hunt/],
    ['2021-06-01', 'Defence Secretary Gavin Williamson visited the base.', /held by Ben Wallace/],
    ['2020-06-01', 'Ukrainian President Petro Poroshenko visited the front.', /held by Volodymyr Zelenskyy/],
    ['2009-06-01', 'North Korean leader Kim Jong Un inspected the troops.', /held by Kim Jong-il/],
    ['2012-05-01', 'UAE President Sheikh Mohamed bin Zayed spoke at the forum.', /held by Khalifa bin Zayed Al Nahyan/],
    ['2020-05-01', 'Philippine President Ferdinand Marcos Jr. spoke at the forum.', /held by Rodrigo Duterte/],
    ['2010-05-01', 'King Felipe opened the session of parliament.', /Felipe VI was not King of Spain.*held by Juan Carlos I/],
    ['2024-09-01', 'Dutch Prime Minister Mark Rutte spoke in The Hague.', /held by Dick Schoof/],
  ];
  for (const [date, sentence, known] of cases) {
    const found = contradictions(date, sentence);
    assert.equal(found.length, 1, `${date} ${sentence}: ${found.map((c) => c.message).join(' | ')}`);
    assert.match(found[0].message, known, sentence);
  }
  const right: [string, string][] = [
    ['2025-03-01', 'NATO Secretary General Mark Rutte met ministers in Brussels.'],
    ['2020-05-01', 'Pope Francis met Taoiseach Leo Varadkar in Rome.'],
    ['2010-05-01', 'Vice President Joe Biden and Defense Secretary Robert Gates met King Juan Carlos.'],
    ['2023-06-01', 'Chancellor Jeremy Hunt met Chancellor Olaf Scholz and Home Secretary Suella Braverman.'],
    ['2016-05-01', 'ECB President Mario Draghi met Iranian President Hassan Rouhani and Supreme Leader Ali Khamenei.'],
    ['2023-01-01', 'Kenyan President William Ruto met Prime Minister Abiy Ahmed and Nigerian President Muhammadu Buhari.'],
  ];
  for (const [date, sentence] of right) assert.deepEqual(contradictions(date, sentence).map((c) => c.message), [], sentence);
});

test('ambiguous short titles: a person with two offices, several terms, and a surname two holders share', () => {
  // Several terms: Netanyahu was Prime Minister 2009-2021 and again from December 2022.
  assert.deepEqual(contradictions('2015-06-01', 'Prime Minister Benjamin Netanyahu addressed the Knesset.'), []);
  assert.deepEqual(contradictions('2023-06-01', 'Israeli Prime Minister Netanyahu addressed the Knesset.'), []);
  const lapid = contradictions('2022-09-01', 'Prime Minister Benjamin Netanyahu addressed the Knesset.');
  assert.equal(lapid.length, 1);
  assert.match(lapid[0].message, /terms 2009-03-31 to 2021-06-13, 2022-12-29 to today.*held by Yair Lapid/);
  // Putin was Prime Minister, not President, from 2008 to 2012: the title decides.
  assert.match(contradictions('2010-05-01', 'President Vladimir Putin visited Paris.')[0]?.message ?? '', /held by Dmitry Medvedev/);
  assert.deepEqual(contradictions('2010-05-01', 'Prime Minister Vladimir Putin visited Paris.'), []);
  // Two offices held one after the other: Javid was Home Secretary, then Chancellor.
  assert.match(contradictions('2019-10-01', 'Home Secretary Sajid Javid spoke on Monday.')[0]?.message ?? '', /held by Priti Patel/);
  assert.deepEqual(contradictions('2019-10-01', 'Chancellor Sajid Javid spoke on Monday.'), []);
  // Rutte and Stoltenberg: a prime minister who became NATO's Secretary General.
  assert.deepEqual(contradictions('2016-05-01', 'Secretary General Jens Stoltenberg met Prime Minister Erna Solberg and Prime Minister Mark Rutte.'), []);
  assert.match(contradictions('2016-05-01', 'Prime Minister Jens Stoltenberg met Secretary General Anders Fogh Rasmussen.').map((c) => c.message).join(' | '),
    /Jens Stoltenberg was not Prime Minister of Norway.*Erna Solberg.* \| .*Anders Fogh Rasmussen was not Secretary General of NATO/);
  // One surname, two people (the Kaczyński twins): the title picks the person.
  assert.deepEqual(contradictions('2007-01-01', 'President Kaczynski met Prime Minister Kaczynski in Warsaw.'), []);
  assert.match(contradictions('2009-01-01', 'Prime Minister Kaczynski spoke in Warsaw.')[0]?.message ?? '', /Jarosław Kaczyński.*held by Donald Tusk/);
  // One surname, two prime ministers (the Sharifs): either one in office is enough.
  assert.deepEqual(contradictions('2015-06-01', 'Prime Minister Sharif spoke in Lahore.'), []);
  assert.deepEqual(contradictions('2023-01-01', 'Prime Minister Sharif spoke in Lahore.'), []);
  assert.match(contradictions('2020-01-01', 'Prime Minister Sharif spoke in Lahore.')[0]?.message ?? '', /held by Imran Khan/);
  // An acting holder is in office: Holder was acting Attorney General in January 2001.
  assert.deepEqual(contradictions('2001-01-25', 'Attorney General Eric Holder signed the order.'), []);
  // A regnal name an earlier pope shares is not this pope's alias.
  assert.deepEqual(contradictions('2019-05-01', 'Pope Leo XIII wrote about the rights of workers.'), []);
  // Vice presidents of other countries, and a title the person never held here, are not checked.
  assert.deepEqual(contradictions('2010-05-01', 'Vice President Xi Jinping visited Washington.'), []);
  assert.deepEqual(contradictions('2019-05-01', 'Then-Vice President Joe Biden visited Kyiv.'), []);
});

test('the hover\u2019s offices of a person include the new offices', () => {
  const rutte = officesOfPerson(kb, ['Mark Rutte', 'Rutte'], [], '2025-03-01');
  assert.deepEqual(rutte.map((o) => [o.office.id, o.atDate]), [['nl-prime-minister', false], ['nato-secretary-general', true]]);
  // A surname two presidents share needs the role or the date.
  assert.deepEqual(officesOfPerson(kb, ['Kaczyński']), []);
  assert.deepEqual(officesOfPerson(kb, ['Kaczyński'], ['President']).map((o) => o.term.name), ['Lech Kaczyński']);
});

test('honorifics before a holder\u2019s name are skipped, and long names resolve', () => {
  // Six name words after an honorific: the full name, the short alias, and the name without the honorific.
  assert.match(contradictions('2010-03-01', 'Emir Sheikh Tamim bin Hamad Al Thani opened the new port in Doha.')[0]?.message ?? '',
    /Tamim bin Hamad Al Thani was not Emir of Qatar.*held by Hamad bin Khalifa Al Thani/);
  assert.match(contradictions('2010-03-01', 'Qatari Emir Sheikh Tamim opened the new port.')[0]?.message ?? '', /Tamim bin Hamad Al Thani was not Emir of Qatar/);
  assert.match(contradictions('2015-03-01', 'UAE President Sheikh Mohamed bin Zayed Al Nahyan received the delegation.')[0]?.message ?? '',
    /Mohamed bin Zayed Al Nahyan was not President of the United Arab Emirates.*held by Khalifa bin Zayed Al Nahyan/);
  assert.match(contradictions('2019-03-01', 'Prime Minister Sir Keir Starmer spoke in the Commons.')[0]?.message ?? '', /Keir Starmer was not Prime Minister.*held by Theresa May/);
  assert.match(contradictions('2015-03-01', 'Prime Minister Dr. Abiy Ahmed spoke in Addis Ababa.')[0]?.message ?? '', /Abiy Ahmed was not Prime Minister of Ethiopia/);
  // In office: no finding, whether or not the honorific is written.
  assert.deepEqual(contradictions('2024-03-01', 'Emir Sheikh Tamim bin Hamad Al Thani opened the new port in Doha.'), []);
  assert.deepEqual(contradictions('2024-03-01', 'UAE President Sheikh Mohamed bin Zayed Al Nahyan received the delegation.'), []);
  assert.deepEqual(contradictions('2024-03-01', 'UAE President Mohamed bin Zayed received the delegation.'), []);
  assert.deepEqual(contradictions('2025-03-01', 'Prime Minister Sir Keir Starmer spoke in the Commons.'), []);
  assert.deepEqual(contradictions('2015-03-01', 'Iran\u2019s supreme leader, Ayatollah Ali Khamenei, addressed the crowd.'), []);
  // An honorific before someone the base does not know: nothing.
  assert.deepEqual(contradictions('2015-03-01', 'Prime Minister Dr. Henrietta Pemberton-Okafor spoke in the chamber.'), []);
});

test('a Roman numeral after a name: part of the name, or another person', () => {
  // Not this king or pope: another bearer of the name.
  assert.deepEqual(contradictions('2010-05-01', 'King Felipe V founded the royal library.'), []);
  assert.deepEqual(contradictions('2019-05-01', 'King Charles II reopened the theatres.'), []);
  assert.deepEqual(contradictions('2019-05-01', 'King Harald IV ruled from Bergen.'), []);
  // Part of the holder's name: checked.
  assert.match(contradictions('2019-05-01', 'King Charles III opened the new session of parliament.')[0]?.message ?? '', /Charles III was not Monarch of the United Kingdom.*held by Elizabeth II/);
  assert.match(contradictions('2010-05-01', 'King Felipe VI opened the session of parliament.')[0]?.message ?? '', /Felipe VI was not King of Spain.*held by Juan Carlos I/);
  assert.deepEqual(contradictions('2023-05-01', 'King Charles III opened the new session of parliament.'), []);
});

test('an appositive "the vice president" is checked; other vice presidents are not', () => {
  assert.match(contradictions('2019-05-01', 'Joe Biden, the vice president, toured the flooded towns.')[0]?.message ?? '',
    /Joe Biden was not Vice President of the United States.*held by Mike Pence/);
  assert.match(contradictions('2015-05-01', 'The U.S. vice president, Kamala Harris, toured the flooded towns.')[0]?.message ?? '', /Kamala Harris was not Vice President/);
  assert.deepEqual(contradictions('2022-05-01', 'Kamala Harris, the vice president, toured the flooded towns.'), []);
  assert.deepEqual(contradictions('2019-05-01', 'Joe Biden, the former vice president, toured the flooded towns.'), []);
  assert.deepEqual(contradictions('2019-05-01', 'Mike Pence, the vice president of the company, toured the plant.'), []);
  assert.deepEqual(contradictions('2015-05-01', 'The company\u2019s vice president, Kamala Harris, toured the plant.'), []);
});

test('Thailand\u2019s prime ministers from the 2006 coup to 2011', () => {
  assert.deepEqual(holdersOn('th-prime-minister', '2007-06-01'), ['Surayud Chulanont']);
  assert.deepEqual(holdersOn('th-prime-minister', '2008-05-01'), ['Samak Sundaravej']);
  assert.deepEqual(holdersOn('th-prime-minister', '2008-10-15'), ['Somchai Wongsawat']);
  assert.deepEqual(holdersOn('th-prime-minister', '2010-04-01'), ['Abhisit Vejjajiva']);
  assert.match(contradictions('2007-06-01', 'Prime Minister Thaksin Shinawatra opened the new airport.')[0]?.message ?? '', /Thaksin Shinawatra was not Prime Minister of Thailand.*held by Surayud Chulanont/);
  assert.match(contradictions('2013-06-01', 'Prime Minister Abhisit Vejjajiva opened the new airport.')[0]?.message ?? '', /Abhisit Vejjajiva was not Prime Minister of Thailand.*held by Yingluck Shinawatra/);
  assert.deepEqual(contradictions('2010-04-01', 'Prime Minister Abhisit Vejjajiva opened the new airport.'), []);
  assert.deepEqual(contradictions('2008-05-01', 'Thai Prime Minister Samak spoke to reporters.'), []);
});

test('Ukraine\u2019s foreign minister from June 2014; not checked before its first recorded term', () => {
  assert.deepEqual(holdersOn('ua-foreign-minister', '2017-01-01'), ['Pavlo Klimkin']);
  assert.deepEqual(holdersOn('ua-foreign-minister', '2022-03-01'), ['Dmytro Kuleba']);
  assert.match(contradictions('2019-05-01', 'Foreign Minister Dmytro Kuleba met his Polish counterpart in Warsaw.')[0]?.message ?? '',
    /Dmytro Kuleba was not Minister of Foreign Affairs of Ukraine.*held by Pavlo Klimkin/);
  assert.match(contradictions('2025-03-01', 'Ukrainian Foreign Minister Kuleba met his Polish counterpart in Warsaw.')[0]?.message ?? '', /held by Andrii Sybiha/);
  assert.deepEqual(contradictions('2022-03-01', 'Foreign Minister Dmytro Kuleba met his Polish counterpart in Warsaw.'), []);
  assert.deepEqual(contradictions('2025-03-01', 'Foreign Minister Andriy Sybiha met his Polish counterpart in Warsaw.'), []);
  // Before Klimkin's appointment the base names no holder: no check.
  assert.deepEqual(contradictions('2013-05-01', 'Foreign Minister Pavlo Klimkin met his Polish counterpart in Warsaw.'), []);
});

test('Spain\u2019s foreign minister from January 2020', () => {
  assert.match(contradictions('2023-05-01', 'Spanish Foreign Minister Arancha Gonzalez Laya visited Rabat.')[0]?.message ?? '',
    /Arancha González Laya was not Minister of Foreign Affairs, European Union and Cooperation of Spain.*held by José Manuel Albares/);
  assert.match(contradictions('2020-05-01', 'Foreign Minister Albares visited Rabat.')[0]?.message ?? '', /held by Arancha González Laya/);
  assert.deepEqual(contradictions('2023-05-01', 'Foreign Minister José Manuel Albares visited Rabat.'), []);
  assert.deepEqual(contradictions('2020-05-01', 'Foreign Minister González Laya visited Rabat.'), []);
  // Before the first recorded term (2020-01-13): not checked.
  assert.deepEqual(contradictions('2019-05-01', 'Foreign Minister José Manuel Albares visited Rabat.'), []);
});
