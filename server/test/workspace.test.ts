import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient';
import { matchScore, type EntitiesSummary } from '../src/features/workspaceIndex';

// Articles written for these tests.
const A = 'date 2023-05-10\n\nPresident John Carter met officials in Oslo on Tuesday. Carter said Norway would sign a trade pact.\n';
const B = 'date 2023-06-01\n\nIn Paris, President John Carter met officials. Experts say the talks were historic.\n';
const C = 'date 2023-07-01\n\nOfficials in Madrid met on Friday to discuss the budget.\n';

let dir: string;
let client: LspClient;
const uri = (name: string) => pathToFileURL(join(dir, name)).toString();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newslens-ws-'));
  mkdirSync(join(dir, 'desk'));
  mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'a.news'), A);
  writeFileSync(join(dir, 'desk', 'b.article'), B);
  writeFileSync(join(dir, 'desk', 'c.news'), C);
  writeFileSync(join(dir, 'desk', 'notes.txt'), A);
  writeFileSync(join(dir, 'node_modules', 'pkg', 'skip.news'), A);
  writeFileSync(join(dir, '.git', 'skip.news'), A);
  client = await LspClient.start({
    workspaceFolders: [pathToFileURL(dir).toString()],
    capabilities: { workspace: { symbol: {}, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
});
after(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

const symbols = (query: string) => client.request<SymbolInformation[]>('workspace/symbol', { query });
const settled = () => client.request<{ files: number }>('newsLens/indexStatus', {});

test('the workspace is indexed in the background: articles only, node_modules and .git skipped', async () => {
  assert.equal(client.capabilities.workspaceSymbolProvider, true);
  const status = await settled();
  assert.equal(status.files, 3);
  const carter = await symbols('Carter');
  assert.deepEqual(carter.map((s) => s.location.uri).sort(), [uri('a.news'), uri('desk/b.article')].sort());
  assert.ok(carter.every((s) => s.name === 'John Carter' && s.kind === 19 /* Object */));
  // The location is the first mention in each article.
  const inA = carter.find((s) => s.location.uri === uri('a.news'))!;
  assert.deepEqual(inA.location.range.start, { line: 2, character: 'President '.length });
  assert.match(inA.containerName ?? '', /a\.news/);
  assert.match(carter.find((s) => s.location.uri === uri('desk/b.article'))!.containerName ?? '', /desk[/\\]b\.article/);
});

test('the watcher is registered dynamically for article files', () => {
  const reg = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.ok(reg, JSON.stringify(client.registrations));
  assert.deepEqual((reg.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern), ['**/*.{news,article}']);
});

test('queries match aliases, prefixes and subsequences, case-insensitively', async () => {
  // "carter" is also the alias form; "oslo" only in a.news.
  assert.equal((await symbols('carter')).length, 2);
  assert.deepEqual((await symbols('osl')).map((s) => s.location.uri), [uri('a.news')]);
  assert.ok((await symbols('jcrtr')).some((s) => s.name === 'John Carter'));
  assert.deepEqual(await symbols('Zzyzx'), []);
  const all = await symbols('');
  assert.ok(all.some((s) => s.name === 'Madrid') && all.some((s) => s.name === 'Paris'));
  assert.ok(matchScore('car', 'carter') > matchScore('car', 'john carter'));
  assert.ok(matchScore('car', 'john carter') > matchScore('jcr', 'john carter'));
  assert.equal(matchScore('xyz', 'john carter'), 0);
});

test('the index follows changes on disk: created, changed and deleted files', async () => {
  writeFileSync(join(dir, 'desk', 'new.news'), 'date 2023-08-01\n\nPresident John Carter arrived in Madrid.\n');
  writeFileSync(join(dir, 'desk', 'c.news'), 'date 2023-07-01\n\nPresident John Carter spoke in Madrid on Friday.\n');
  unlinkSync(join(dir, 'a.news'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [
      { uri: uri('desk/new.news'), type: 1 },
      { uri: uri('desk/c.news'), type: 2 },
      { uri: uri('a.news'), type: 3 },
    ],
  });
  assert.equal((await settled()).files, 3);
  const carter = (await symbols('Carter')).map((s) => s.location.uri).sort();
  assert.deepEqual(carter, [uri('desk/b.article'), uri('desk/c.news'), uri('desk/new.news')].sort());
  assert.deepEqual((await symbols('Oslo')), []);
});

test('an open document\'s live text replaces its disk version in the index', async () => {
  const u = uri('desk/b.article');
  await client.open(u, 'date 2023-06-01\n\nIn Lisbon, officials met President Maria Rossi of Italy.\n', 'news');
  const rossi = await symbols('Rossi');
  assert.deepEqual(rossi.map((s) => s.location.uri), [u]);
  assert.ok(!(await symbols('Carter')).some((s) => s.location.uri === u));
  // Closing it goes back to the disk version.
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  await settled();
  assert.ok((await symbols('Carter')).some((s) => s.location.uri === u));
  assert.deepEqual(await symbols('Rossi'), []);
});

test('newsLens/entities summarizes the open article: entities by kind, mention counts and warnings', async () => {
  const u = uri('desk/b.article');
  const diags = await client.open(u, B, 'news');
  const s = await client.request<EntitiesSummary | null>('newsLens/entities', { uri: u });
  assert.ok(s);
  assert.equal(s.uri, u);
  assert.equal(s.counts.warnings, diags.length);
  assert.ok(s.counts.warnings >= 1, 'the vague attribution is a warning');
  const carter = s.entities.find((e) => e.name === 'John Carter');
  assert.ok(carter);
  assert.equal(carter.kind, 'person');
  assert.equal(carter.mentions, 1);
  assert.deepEqual(carter.range.start, { line: 2, character: B.split('\n')[2].indexOf('John') });
  assert.equal(s.counts.entities, s.entities.length);
  assert.equal(Object.values(s.counts.byKind).reduce((x, y) => x + y, 0), s.entities.length);
  assert.equal(s.counts.mentions, s.entities.reduce((n, e) => n + e.mentions, 0));
  assert.equal(await client.request('newsLens/entities', { uri: 'file:///not/open.news' }), null);
});
