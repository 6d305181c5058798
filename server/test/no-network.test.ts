/**
 * No network, no eval: the language server and the CLI run with a preload that fails on any socket
 * (TCP, TLS, UDP, HTTP, DNS, fetch) and on any evaluation of a string as code (eval, Function, vm),
 * plus V8's --disallow-code-generation-from-strings. A violation is written to stderr and throws.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { LspClient } from './helpers/lspClient';

const ROOT = join(__dirname, '..', '..', '..');
const MARK = 'NEWS_LENS_FORBIDDEN';

const PRELOAD = `
'use strict';
const fail = (what) => {
  const e = new Error('${MARK}: ' + what);
  try { require('fs').writeSync(2, e.message + '\\n' + e.stack + '\\n'); } catch {}
  throw e;
};
const net = require('net'), tls = require('tls'), dgram = require('dgram'), dns = require('dns'), http = require('http'), https = require('https'), vm = require('vm');
net.Socket.prototype.connect = function () { fail('net.Socket.connect'); };
for (const [name, mod, fns] of [['net', net, ['connect', 'createConnection']], ['tls', tls, ['connect']], ['dgram', dgram, ['createSocket']],
  ['http', http, ['request', 'get']], ['https', https, ['request', 'get']],
  ['dns', dns, ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']], ['dns.promises', dns.promises, ['lookup', 'resolve']]]) {
  for (const f of fns) mod[f] = function () { fail(name + '.' + f); };
}
globalThis.fetch = function () { fail('fetch'); };
globalThis.eval = function () { fail('eval'); };
const OrigFunction = Function;
const Guarded = new Proxy(OrigFunction, { construct() { fail('new Function'); }, apply() { fail('Function()'); } });
globalThis.Function = Guarded;
Object.defineProperty(OrigFunction.prototype, 'constructor', { value: Guarded });
for (const f of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) vm[f] = function () { fail('vm.' + f); };
vm.Script = function () { fail('vm.Script'); };
`;

function preloadEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'news-lens-preload-'));
  const file = join(dir, 'forbid.js');
  writeFileSync(file, PRELOAD);
  return { ...process.env, NODE_OPTIONS: `--require ${file} --disallow-code-generation-from-strings` };
}

test('the preload catches sockets and eval (so the tests below can fail)', () => {
  const env = preloadEnv();
  for (const code of [
    "require('net').connect(9, '127.0.0.1')",
    "require('http').get('http://127.0.0.1:9/')",
    "require('dns').lookup('localhost', () => {})",
    "fetch('http://127.0.0.1:9/')",
    "eval('1 + 1')",
    "new Function('return 1')()",
    "(function () {}).constructor('return 1')()",
    "require('vm').runInThisContext('1')",
  ]) {
    const r = spawnSync(process.execPath, ['-e', code], { env, encoding: 'utf8' });
    assert.notEqual(r.status, 0, code);
    assert.ok(r.stderr.includes(MARK) || /EvalError|Code generation from strings disallowed/.test(r.stderr), `${code}: ${r.stderr}`);
  }
});

test('the language server makes no network connection and evaluates no string as code', { timeout: 120_000 }, async () => {
  const client = await LspClient.start({ env: preloadEnv(), workspaceFolders: [`file://${join(ROOT, 'samples')}`] });
  try {
    const sample = readdirSync(join(ROOT, 'samples')).find((f) => f.endsWith('.news'))!;
    const text = 'date 2024-02-30\n\nTalks\n\nPresident Maria Lindqvist met officials in Vienna, Austria. Experts say 40 percent agreed. The landmark deal was historic.\n';
    const uri = `file://${join(ROOT, 'samples', sample)}`;
    const diags = await client.open(uri, text);
    assert.ok(diags.length > 0);
    await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'Critics say 12% left. ' }]);
    const pos = { line: 4, character: 40 };
    await client.request('textDocument/hover', { textDocument: { uri }, position: pos });
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/semanticTokens/full', { textDocument: { uri } });
    await client.request('textDocument/references', { textDocument: { uri }, position: pos, context: { includeDeclaration: true } });
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: diags } });
    await client.request('workspace/symbol', { query: 'a' });
    await client.request('newsLens/indexStatus', {}).catch(() => undefined);
    assert.equal(client.child.exitCode, null, client.stderr);
    assert.ok(!client.stderr.includes(MARK), client.stderr);
    assert.ok(!/EvalError|Code generation from strings/.test(client.stderr), client.stderr);
  } finally {
    await client.stop();
  }
});

test('the CLI makes no network connection and evaluates no string as code', () => {
  const samples = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.news')).map((f) => join(ROOT, 'samples', f));
  const r = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.js'), 'analyze', '--json', ...samples], { env: preloadEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.stderr.includes(MARK), r.stderr);
  assert.ok(Array.isArray(JSON.parse(r.stdout)));
});
