#!/usr/bin/env node
// Runs the whole offline test suite with node's test runner: every server/out/test/**/*.test.js.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.test.js') ? [join(dir, d.name)] : []);
}
const only = process.argv.slice(2);
const all = files(join(root, 'server', 'out', 'test')).sort();
const selected = only.length ? all.filter((f) => only.some((o) => f.includes(o))) : all;
if (!selected.length) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}
// The TextMate grammar's tests (syntaxes/test/*.news, run by vscode-tmgrammar-test with package.json's grammars).
let grammarStatus = 0;
if (!only.length || only.some((o) => 'grammar'.includes(o))) {
  console.log('# grammar tests: vscode-tmgrammar-test syntaxes/test/*.news');
  const g = spawnSync(process.execPath, [join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js'), '--compact', 'syntaxes/test/*.news'], { stdio: 'inherit', cwd: root });
  grammarStatus = g.status ?? 1;
  if (grammarStatus !== 0) console.error('grammar tests failed');
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected], { stdio: 'inherit', cwd: root });
process.exit(r.status || grammarStatus || (r.status === null ? 1 : 0));
