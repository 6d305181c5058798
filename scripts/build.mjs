#!/usr/bin/env node
// Bundles the client, the server, the CLI, the engine library and the tests with esbuild.
//   node scripts/build.mjs            build everything
//   node scripts/build.mjs --if-stale build only when a source is newer than the bundles
//   node scripts/build.mjs --minify   minified bundles (for the .vsix)
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));

function files(dir, test) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'out' || d.name === 'node_modules' ? [] : files(p, test);
    return test(p) ? [p] : [];
  });
}

const sources = [
  ...files(join(root, 'server'), (p) => /\.(ts|json)$/.test(p) && !p.includes('/out/')),
  ...files(join(root, 'client'), (p) => /\.(ts|json)$/.test(p) && !p.includes('/out/')),
  join(root, 'scripts', 'build.mjs'),
];
const outputs = ['server/out/server.js', 'server/out/worker.js', 'server/out/cli.js', 'server/out/engine.js', 'client/out/extension.js'].map((p) => join(root, p));

function stale() {
  if (outputs.some((o) => !existsSync(o))) return true;
  const oldest = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return sources.some((s) => statSync(s).mtimeMs > oldest);
}

if (args.has('--if-stale') && !stale()) process.exit(0);

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: args.has('--minify') ? false : 'linked',
  minify: args.has('--minify'),
  logLevel: 'warning',
  external: ['vscode'],
};

const started = Date.now();
const tests = files(join(root, 'server', 'test'), (p) => p.endsWith('.test.ts'));
const clientTests = files(join(root, 'client', 'src', 'test'), (p) => p.endsWith('.ts'));
await Promise.all([
  build({ ...common, entryPoints: { server: 'server/src/server.ts', worker: 'server/src/worker.ts', cli: 'server/src/cli.ts', engine: 'server/src/engine/index.ts' }, outdir: 'server/out', absWorkingDir: root }),
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'client/out', absWorkingDir: root }),
  tests.length && build({ ...common, sourcemap: 'inline', entryPoints: tests, outdir: 'server/out/test', outbase: 'server/test', absWorkingDir: root }),
  clientTests.length && build({ ...common, sourcemap: 'inline', logOverride: { 'require-resolve-not-external': 'silent' } /* mocha's parallel mode, unused */, entryPoints: clientTests, outdir: 'client/out/test', outbase: 'client/src/test', absWorkingDir: root }),
]);
console.error(`built in ${Date.now() - started} ms`);
