// The grammar's tests cover every construct the issue names, and they fail when the grammar breaks.
// (npm test also runs them directly: scripts/test.mjs runs vscode-tmgrammar-test on syntaxes/test/*.news.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const grammarPath = join(root, 'syntaxes', 'news.tmLanguage.json');
const cases = readdirSync(join(root, 'syntaxes', 'test')).filter((f) => f.endsWith('.news')).map((f) => join(root, 'syntaxes', 'test', f));
const runner = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

function run(grammar: string): { status: number | null; out: string } {
  // --config to a missing file: only the grammar given with -g is loaded.
  const r = spawnSync(process.execPath, [runner, '--compact', '--config', join(tmpdir(), 'no-such-config.json'), '-g', grammar, ...cases], { cwd: root, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('the grammar tests assert each construct: date header, headings, quotations, numbers, dates, attributions', () => {
  const all = cases.map((f) => readFileSync(f, 'utf8')).join('\n');
  for (const scope of ['keyword.other.date-header.news', 'constant.other.date.header.news', 'markup.heading.news', '- markup.heading.news',
    'string.quoted.double.news', 'string.quoted.single.news', 'constant.numeric.news', 'constant.other.date.news',
    'keyword.other.attribution.news', '- keyword.other.attribution.news', 'comment.block.news']) {
    assert.ok(all.includes(scope), `an assertion on ${scope}`);
  }
  const r = run(grammarPath);
  assert.equal(r.status, 0, r.out);
});

test('the grammar tests fail when a rule of the grammar is broken', () => {
  const dir = mkdtempSync(join(tmpdir(), 'news-grammar-'));
  try {
    const g = JSON.parse(readFileSync(grammarPath, 'utf8'));
    // Attribution verbs no longer recognized; headings no longer recognized.
    g.repository.attribution.match = '\\b(?:xyzzy)\\b';
    g.repository.heading.begin = '(?!)';
    const broken = join(dir, 'news.tmLanguage.json');
    writeFileSync(broken, JSON.stringify(g));
    const r = run(broken);
    assert.notEqual(r.status, 0);
    assert.match(r.out, /attributions\.news/);
    assert.match(r.out, /headings\.news/);
    assert.match(r.out, /keyword\.other\.attribution\.news/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
