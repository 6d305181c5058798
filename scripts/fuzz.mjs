#!/usr/bin/env node
// npm run fuzz -- --count N --seed S [--case I] [--parallel P] [--reduce]
// Builds the server (if stale) and the fuzz driver, then runs it. See server/test/helpers/fuzz.ts.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit', cwd: root });
if (b.status !== 0) process.exit(b.status ?? 1);
await build({
  entryPoints: { 'fuzz-main': 'server/test/helpers/fuzzMain.ts' }, outdir: 'server/out/test', absWorkingDir: root,
  bundle: true, platform: 'node', format: 'cjs', target: 'node18', sourcemap: 'inline', logLevel: 'warning', external: ['vscode'],
});
const r = spawnSync(process.execPath, ['--enable-source-maps', join(root, 'server', 'out', 'test', 'fuzz-main.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
