#!/usr/bin/env node
// Builds news-lens-<version>.vsix offline with @vscode/vsce.
//   node scripts/package.mjs [--out FILE]
// The bundles are built minified (no source maps) into a staging folder, so the development bundles in
// */out/ are left alone (tests may be running them). Everything the extension runs is in the bundles:
// the server's data files are inlined by esbuild, so the package needs no node_modules.
import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const argv = process.argv.slice(2);
const outArg = argv.indexOf('--out');
const out = resolve(outArg >= 0 ? argv[outArg + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`));

const started = Date.now();
const stage = mkdtempSync(join(tmpdir(), 'news-lens-package-'));
try {
  // What the extension needs at run time, as .vscodeignore lists it (it stays the one filter).
  for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'language-configuration.json', '.vscodeignore', 'syntaxes', 'images', 'schemas']) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f), { recursive: true });
  }
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', minify: true, sourcemap: false, logLevel: 'warning', external: ['vscode'], absWorkingDir: root };
  await Promise.all([
    build({ ...common, entryPoints: { server: 'server/src/server.ts', worker: 'server/src/worker.ts', cli: 'server/src/cli.ts' }, outdir: join(stage, 'server', 'out') }),
    build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: join(stage, 'client', 'out') }),
  ]);
  mkdirSync(dirname(out), { recursive: true });
  const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
  // --no-dependencies: everything is bundled (and npm workspaces confuse vsce's dependency walk).
  // --no-rewrite-relative-links: the README's screenshots are relative links to docs/images/ in the repository.
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`vsce package failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  console.error(`packaged ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
