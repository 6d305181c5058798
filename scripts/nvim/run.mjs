#!/usr/bin/env node
// npm run test:nvim — headless Neovim speaks LSP to the built server (scripts/nvim/test.lua).
// Needs `nvim` (0.7 or later) on PATH: `apt-get install -y neovim`. Without it the run fails with a
// clear message, unless NEWS_LENS_SKIP_NVIM=1 (then it says it skipped).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  const msg = 'test:nvim: `nvim` is not installed (apt-get install -y neovim).';
  if (process.env.NEWS_LENS_SKIP_NVIM === '1') {
    console.log(`${msg} SKIPPED (NEWS_LENS_SKIP_NVIM=1).`);
    process.exit(0);
  }
  console.error(msg);
  process.exit(1);
}
console.log(`# ${version.stdout.split('\n')[0]}`);
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = mkdtempSync(join(tmpdir(), 'news-lens-nvim-'));
try {
  const article = join(dir, 'work', 'article.news');
  mkdirSync(dirname(article));
  copyFileSync(join(root, 'scripts', 'nvim', 'article.news'), article);
  // Keep Neovim's state, cache and lsp.log out of the real home.
  const env = { ...process.env, NEWS_LENS_ROOT: root, HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), XDG_STATE_HOME: join(dir, 'state'), XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
  const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(root, 'scripts', 'nvim', 'test.lua')}`, article],
    { cwd: dir, env, encoding: 'utf8', timeout: 90_000 });
  process.stdout.write(r.stdout ?? '');
  if (r.stderr?.trim()) process.stderr.write(r.stderr);
  if (r.error) { console.error(`test:nvim: ${r.error.message}`); process.exit(1); }
  if (r.status !== 0) { console.error(`test:nvim: Neovim exited with status ${r.status}`); process.exit(1); }
  if (!/all checks passed/.test(r.stdout)) { console.error('test:nvim: the script did not report success'); process.exit(1); }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
