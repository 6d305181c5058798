/**
 * Incremental == fresh through the real server over stdio: seeded random edit sequences on the dev
 * articles (some sent in bursts without waiting, so stale work is cancelled), then the diagnostics,
 * the outline and hovers equal those of a fresh server that opens the final text (not timed).
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './helpers/lspClient';
import { realArticles, rng, randomEdit, applyEdit } from './helpers/edits';
import { positionAt } from './helpers/fuzz';

let edited: LspClient;
let fresh: LspClient;
before(async () => { [edited, fresh] = await Promise.all([LspClient.start(), LspClient.start()]); });
after(async () => { await Promise.all([edited.stop(), fresh.stop()]); });

const articles = realArticles();
const pool = articles.map(([, t]) => t);

async function snapshot(client: LspClient, uri: string, text: string): Promise<unknown> {
  const diagnostics = client.diagnostics.get(uri)?.diagnostics ?? [];
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  const hovers: unknown[] = [];
  for (let i = 0; i < 12; i++) {
    const offset = Math.floor((text.length * i) / 12);
    hovers.push(await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) }));
  }
  return { diagnostics, symbols, hovers };
}

// Three articles plus one long one (every article joined: many blocks, several worker chunks).
const cases: [string, string][] = [...articles.slice(0, 3), ['all-articles.news', 'date 2024-02-17\n\n' + pool.map((t) => t.replace(/^\s*date\s+\S+\s*/, '')).join('\n\n')]];

for (const [name, original] of cases) {
  test(`server: incremental == fresh after random edits: ${name}`, async () => {
    const next = rng(0xbeef ^ original.length);
    const uri = `file:///tmp/incremental/${name}`;
    let text = original;
    await edited.open(uri, text);
    for (let step = 1; step <= 24; step++) {
      const e = randomEdit(text, next, pool);
      const range = { start: positionAt(text, e.start), end: positionAt(text, e.end) };
      text = applyEdit(text, e);
      // Every third edit waits for its diagnostics; the others arrive in bursts.
      await edited.change(uri, [{ range, text: e.text }], step % 3 === 0);
    }
    await edited.change(uri, [{ range: { start: positionAt(text, 0), end: positionAt(text, 0) }, text: '' }]);
    const freshUri = `file:///tmp/fresh/${name}`;
    await fresh.open(freshUri, text);
    const got = await snapshot(edited, uri, text);
    const want = await snapshot(fresh, freshUri, text);
    assert.deepEqual(got, want);
  });
}
