// Builds the .vsix with `scripts/package.mjs` and checks what is inside: only what the extension runs
// (bundles, grammar, manifest, language configuration, README, licence, icon), no sources, no source maps,
// no node_modules, and a packaged CLI that works on its own, without any node_modules beside it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = join(__dirname, '..', '..', '..');
const hasVsce = existsSync(join(root, 'node_modules', '@vscode', 'vsce', 'package.json'));
const skip = hasVsce ? false : '@vscode/vsce is not installed (run npm ci): the .vsix cannot be built here';

interface Entry { name: string; method: number; size: number; data: Buffer }

/** Reads the entries of a zip file (a .vsix) through its central directory. */
function readZip(buf: Buffer): Entry[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'not a zip file: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    entries.push({ name, method, size, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nlen + xlen + clen;
  }
  return entries;
}

let dir: string;
let vsix: string;
let entries: Entry[] = [];
before(() => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'news-lens-vsix-'));
  vsix = join(dir, 'news-lens.vsix');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', vsix], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `scripts/package.mjs failed:\n${r.stdout}\n${r.stderr}`);
  entries = readZip(readFileSync(vsix));
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('the .vsix holds only what the extension runs', { skip }, () => {
  const names = entries.map((e) => e.name).sort();
  const allowed = [
    /^\[Content_Types\]\.xml$/, /^extension\.vsixmanifest$/,
    /^extension\/package\.json$/, /^extension\/readme\.md$/i, /^extension\/changelog\.md$/i, /^extension\/LICENSE(\.txt)?$/,
    /^extension\/language-configuration\.json$/, /^extension\/syntaxes\/[\w.-]+\.tmLanguage\.json$/,
    /^extension\/images\/icon\.png$/, /^extension\/schemas\/facts\.schema\.json$/,
    /^extension\/client\/out\/extension\.js$/, /^extension\/server\/out\/(server|worker|cli)\.js$/,
  ];
  const stray = names.filter((n) => !allowed.some((re) => re.test(n)));
  assert.deepEqual(stray, [], `unexpected files in the .vsix: ${stray.join(', ')}`);
  for (const n of names) {
    assert.ok(!/\.(ts|map)$/.test(n) && !n.includes('node_modules/') && !n.includes('/src/') && !n.includes('/test/'), `source, map or node_modules in the .vsix: ${n}`);
  }
  for (const need of ['extension/package.json', 'extension/client/out/extension.js', 'extension/server/out/server.js',
    'extension/syntaxes/news.tmLanguage.json', 'extension/language-configuration.json', 'extension/images/icon.png']) {
    assert.ok(names.includes(need), `missing from the .vsix: ${need}`);
  }
  assert.ok(names.some((n) => /^extension\/readme\.md$/i.test(n)) && names.some((n) => /^extension\/LICENSE/.test(n)), 'README and licence are packaged');
  const size = statSync(vsix).size;
  assert.ok(size < 10 * 1024 * 1024, `the .vsix is ${size} bytes: over 10 MB, say why in the README or make it smaller`);
});

test('the packaged manifest points at files that are in the package', { skip }, () => {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const pkg = JSON.parse(byName.get('extension/package.json')!.data.toString('utf8'));
  const inPkg = (p: string) => byName.has(`extension/${p.replace(/^\.\//, '')}`);
  assert.ok(inPkg(pkg.main.endsWith('.js') ? pkg.main : `${pkg.main}.js`), `main ${pkg.main} is not packaged`);
  assert.ok(pkg.icon && inPkg(pkg.icon), `icon ${pkg.icon} is not packaged`);
  for (const l of pkg.contributes.languages) if (l.configuration) assert.ok(inPkg(l.configuration), l.configuration);
  for (const g of pkg.contributes.grammars) assert.ok(inPkg(g.path), g.path);
  // The bundles are minified and carry no source map reference.
  for (const js of ['extension/client/out/extension.js', 'extension/server/out/server.js']) {
    assert.doesNotMatch(byName.get(js)!.data.toString('utf8'), /sourceMappingURL/, `${js} refers to a source map`);
  }
});

test('the packaged CLI analyzes an article with no node_modules beside it', { skip }, () => {
  const unpacked = join(dir, 'unpacked');
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const p = join(unpacked, e.name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, e.data);
  }
  const article = join(dir, 'check.news');
  writeFileSync(article, 'date 2020-06-01\n\nA visit to Paris\n\nPresident Emmanuel Macron welcomed delegates from Japan in Paris. Experts say the talks were historic.\n');
  const r = spawnSync(process.execPath, [join(unpacked, 'extension', 'server', 'out', 'cli.js'), 'analyze', '--json', article], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status === 0 || r.status === 1, true, `cli exited ${r.status}: ${r.stderr}`);
  const [result] = JSON.parse(r.stdout);
  const names = result.entities.map((e: { name: string }) => e.name);
  assert.ok(names.some((n: string) => /Paris/.test(n)), `entities: ${names.join(', ')}`);
  assert.ok(result.diagnostics.length > 0, 'the packaged CLI reports claims');
});
