// The hover card shows the knowledge base's office of a person: found by the canonical name, the forms
// the article uses and the role written next to the name, marked on the article's date. Written for the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/engine/analyze';
import { entityCard } from '../src/features/hover';
import { createKnowledgeBase, officesOfPerson } from '../src/engine/kb';

function cardOf(text: string, name: string, facts?: Parameters<typeof entityCard>[3]): string {
  const a = analyze(text);
  const e = a.entities.find((x) => x.name === name);
  assert.ok(e, `${name} in ${a.entities.map((x) => x.name).join(', ')}`);
  return entityCard(a, e, undefined, facts);
}

test('a person the knowledge base knows: office and dates, in office on the article’s date', () => {
  const card = cardOf('date 2023-05-02\nSecretary of State Antony J. Blinken flew to Rome. Blinken met officials there.', 'Antony J. Blinken');
  assert.match(card, /Known as Antony Blinken/);
  assert.match(card, /United States Secretary of State: 2021-01-26 – 2025-01-20 — in office on the article’s date/);
  assert.doesNotMatch(card, /no entry for this name/);
});

test('a bare surname shared by several office holders needs the role or the date', () => {
  const kb = createKnowledgeBase();
  // Two presidents called Bush: the date picks one.
  const on2004 = officesOfPerson(kb, ['Bush'], [], '2004-06-01');
  assert.ok(on2004.length > 0);
  assert.ok(on2004.every((o) => o.term.name === 'George W. Bush'));
  assert.ok(on2004.some((o) => o.atDate));
  // No date, no role: nothing is claimed.
  assert.deepEqual(officesOfPerson(kb, ['Bush']), []);
  // A full name the knowledge base does not know is not looked up by its surname.
  assert.deepEqual(officesOfPerson(kb, ['Jenna Bush', 'Bush'], [], '2004-06-01'), []);
});

test('the role written in the article narrows the offices; a role of another country does not fit', () => {
  const kb = createKnowledgeBase();
  const macron = officesOfPerson(kb, ['Emmanuel Macron', 'Macron'], ['President of France']);
  assert.ok(macron.length > 0 && macron.every((o) => o.office.country === 'FR'));
  const card = cardOf('date 2022-03-01\nFrench President Emmanuel Macron spoke. Macron said little.', 'Emmanuel Macron');
  assert.match(card, /President of France: 2017-05-14/);
});

test('people the knowledge base does not know keep "no entry"; user facts add offices', () => {
  const text = 'date 2024-01-10\nMayor Dana Whitfield opened the bridge. Whitfield cut the ribbon.';
  assert.match(cardOf(text, 'Dana Whitfield'), /no entry for this name/);
  const facts = { offices: [{ title: 'Mayor of Riverton', holders: [{ name: 'Dana Whitfield', start: '2022-01-01', end: null }] }] };
  assert.match(cardOf(text, 'Dana Whitfield', facts), /Mayor of Riverton: 2022-01-01 – in office — in office on the article’s date/);
});

test('hover cards: prepared when idle or made on first hover, the same card as made afresh; the role at the mention and the facts count', async () => {
  const { hover, prepareHover } = await import('../src/features/hover');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const text = 'date 2024-02-17\n\nSecretary of State Antony Blinken met President Ilham Aliyev in Munich.\n\nBlinken later flew to Baku. Aliyev stayed.\n';
  const doc = TextDocument.create('file:///h.news', 'news', 1, text);
  const cardAt = (a: ReturnType<typeof analyze>, s: string, facts?: Parameters<typeof hover>[3]) => {
    const h = hover(doc, a, text.indexOf(s) + 1, facts);
    return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : null;
  };
  const fresh = (s: string) => cardAt(analyze(text), s);
  const a = analyze(text);
  prepareHover(a);
  for (const s of ['Antony Blinken', 'Blinken later', 'Ilham Aliyev', 'Aliyev stayed', 'Munich']) {
    assert.equal(cardAt(a, s), fresh(s), s);
    assert.equal(cardAt(a, s), fresh(s), `${s} (again, from the cache)`);
  }
  // The role written at the mention comes first: the two mentions of Blinken give two cards.
  assert.match(cardAt(a, 'Antony Blinken')!, /Role in this article:\* “Secretary of State”/);
  // Other facts, another card.
  const facts = { offices: [{ office: 'Minister of Bavarian Affairs', country: 'DE', holders: [{ name: 'Antony Blinken', start: '2023-01-01' }] }] } as unknown as Parameters<typeof hover>[3];
  assert.notEqual(cardAt(a, 'Antony Blinken', facts), cardAt(a, 'Antony Blinken'));
});
