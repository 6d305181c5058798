// The acceptance checks of the issue on the bundled sample article (read from samples/, not copied).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/engine/analyze';
import { outlineOf } from '../src/engine/json';
import { entityCard } from '../src/features/hover';

const root = join(__dirname, '..', '..', '..');
const text = readFileSync(join(root, 'samples', 'blinken-aliyev-munich.news'), 'utf8');

test('sample: the hover on "Blinken" names Antony J. Blinken, Secretary of State', () => {
  const a = analyze(text);
  const at = text.indexOf('Blinken\'s request');
  const m = a.mentions.find((x) => x.start === at);
  assert.ok(m, 'the surname is a mention');
  const e = a.entities.find((x) => x.id === m.entity)!;
  const card = entityCard(a, e);
  assert.match(card, /^\*\*Antony J\. Blinken\*\* · Person/);
  assert.match(card, /\*Role in this article:\* “Secretary of State”/);
  assert.match(card, /Meeting — Blinken, Aliyev — Munich — 2024-02-17/);
  // The knowledge base's office, found from the linked name and the role.
  assert.match(card, /United States Secretary of State: 2021-01-26 – 2025-01-20 — in office on the article’s date/);
});

test('sample: the hover on "Azerbaijan" gives its capital Baku', () => {
  const a = analyze(text);
  const e = a.entities.find((x) => x.name === 'Azerbaijan')!;
  assert.equal(e.kind, 'country');
  assert.match(entityCard(a, e), /Capital: Baku/);
});

test('sample: the outline lists the Munich meeting with Blinken and Aliyev', () => {
  const a = analyze(text);
  const group = outlineOf(a).find((i) => i.name === 'Reported events');
  assert.ok(group?.children?.some((c) => c.name === 'Meeting — Blinken, Aliyev — Munich — 2024-02-17'));
});
