import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './helpers/lspClient';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

const ARTICLE = 'date 2021-03-04\n\nTalks in Vienna\n\nForeign Minister Maria Lindqvist met officials in Vienna. The landmark meeting was historic.\n';

test('the server publishes diagnostics, answers hover and document symbols', async () => {
  const uri = 'file:///tmp/basic.news';
  const diags = await client.open(uri, ARTICLE);
  assert.ok(diags.some((d) => d.source === 'news-lens' && d.code === 'opinion-as-fact'), JSON.stringify(diags));
  const line = ARTICLE.split('\n')[4];
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
    textDocument: { uri }, position: { line: 4, character: line.indexOf('Lindqvist') + 2 },
  });
  assert.ok(hover && hover.contents.value.includes('Maria Lindqvist'), JSON.stringify(hover));
  const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(symbols.some((s) => s.name === 'Talks in Vienna'));
  const none = await client.request('textDocument/hover', { textDocument: { uri: 'file:///tmp/unopened.news' }, position: { line: 0, character: 0 } });
  assert.equal(none, null);
});
