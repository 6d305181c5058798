import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, readFileSync, readdirSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Ajv from 'ajv';
import { expandInputs, formatGithub, parseCheckArgs, runCheck, type FileResult, type Finding } from '../src/check';
import { analyze, lineColumn, lineLocator, toJsonResult } from '../src/engine';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'news-lens.js');
const DEV = join(ROOT, '..', 'shared', 'eval', 'dev');

interface Run { status: number | null; stdout: string; stderr: string }
function cli(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'check', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The same command in this process (most tests: spawning a process per case is slow on a loaded machine). */
async function check(args: string[], cwd: string): Promise<Run> {
  let stdout = '', stderr = '';
  const status = await runCheck(args, {
    stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, workerScript: join(ROOT, 'server', 'out', 'cli.js'),
  });
  return { status, stdout, stderr };
}

// Articles written for these tests.
const CLEAN = 'date 2023-05-10\n\nThe minister met officials in Oslo on Tuesday, the ministry said.\n';
const FLAGGED = 'date 2023-05-10\n\nTalks in Oslo\n\nExperts say the talks went well. The landmark meeting was historic.\n\nThe ministry said 40 people attended.\n';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'newslens-check-'));
  mkdirSync(join(dir, 'desk', 'deep'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
  writeFileSync(join(dir, 'clean.news'), CLEAN);
  writeFileSync(join(dir, 'desk', 'flagged.news'), FLAGGED);
  writeFileSync(join(dir, 'desk', 'deep', 'also.article'), FLAGGED);
  writeFileSync(join(dir, 'desk', 'notes.txt'), 'not an article');
  writeFileSync(join(dir, 'node_modules', 'x', 'skip.news'), FLAGGED);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const loadJson = (r: Run) => JSON.parse(r.stdout) as FileResult[];

test('exit code 2 and the usage for no files, an unknown option or a bad value', async () => {
  const none = await cli([], dir);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no files given/);
  assert.match(none.stderr, /usage: news-lens check/);
  assert.equal((await check(['--bogus', 'clean.news'], dir)).status, 2);
  const fmt = await check(['--format', 'xml', 'clean.news'], dir);
  assert.equal(fmt.status, 2);
  assert.match(fmt.stderr, /unknown format 'xml'/);
  assert.equal((await check(['--max-warnings', 'many', 'clean.news'], dir)).status, 2);
  assert.equal((await check(['--rule', 'opinion-as-fact=loud', 'clean.news'], dir)).status, 2);
  assert.equal(typeof parseCheckArgs(['--max-warnings']), 'string');
});

test('exit code 2 with a message for a file that cannot be read; the others are still reported', async () => {
  const r = await check(['--format', 'json', 'missing.news', 'desk/flagged.news'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read missing\.news: no such file/);
  const out = loadJson(r);
  assert.equal(out[0].error, 'no such file');
  assert.ok(out[1].findings!.length > 0);
  const glob = await check(['nowhere/**/*.news'], dir);
  assert.equal(glob.status, 2);
  assert.match(glob.stderr, /no articles match 'nowhere\/\*\*\/\*\.news'/);
});

test('exit code 0 for a clean article, 1 over --max-warnings, 0 within it', async () => {
  // The process's own exit codes, through bin/news-lens.js.
  assert.equal((await cli(['clean.news'], dir)).status, 0);
  assert.equal((await cli(['desk/flagged.news'], dir)).status, 1);
  const clean = await check(['clean.news'], dir);
  assert.equal(clean.status, 0, clean.stderr + clean.stdout);
  assert.match(clean.stdout, /no problems in 1 file/);
  const flagged = await check(['--format', 'json', 'desk/flagged.news'], dir);
  assert.equal(flagged.status, 1);
  const n = loadJson(flagged)[0].findings!.length;
  assert.ok(n >= 2, `expected findings, got ${n}`);
  assert.equal((await check(['--max-warnings', String(n), 'desk/flagged.news'], dir)).status, 0);
  assert.equal((await check(['--max-warnings', String(n - 1), 'desk/flagged.news'], dir)).status, 1);
  assert.equal((await check(['--max-warnings=-1', 'desk/flagged.news'], dir)).status, 0);
  // Turning the rules off makes the article clean.
  const off = await check(['--rule', 'opinion-as-fact=off', '--rule', 'vague-attribution=off', '--rule', 'unsourced-statistic=off', 'desk/flagged.news'], dir);
  assert.equal(off.status, 0, off.stdout);
});

test('json findings carry offsets and 1-based positions that point at the flagged words', async () => {
  const r = await check(['--format', 'json', 'desk/flagged.news'], dir);
  const [res] = loadJson(r);
  assert.equal(res.file, join('desk', 'flagged.news'));
  const lines = FLAGGED.split('\n');
  const rules = new Set<string>();
  for (const f of res.findings as Finding[]) {
    rules.add(f.rule);
    const words = FLAGGED.slice(f.start, f.end);
    assert.equal(lines[f.line - 1].slice(f.column - 1, f.column - 1 + words.length), words);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(f.severity));
  }
  assert.ok(rules.has('vague-attribution') && rules.has('opinion-as-fact'), [...rules].join());
});

test('stylish output groups findings by file with line:column, severity, message and rule', async () => {
  const r = await check(['.'], dir);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^desk[/\\]deep[/\\]also\.article$/m);
  assert.match(r.stdout, /^desk[/\\]flagged\.news$/m);
  assert.match(r.stdout, /^ {2}5:1 +warning {2}.*Experts.* {2}vague-attribution$/m);
  assert.match(r.stdout, /✖ \d+ problems \(0 errors, \d+ warnings, 0 info\) in 2 files of 3/);
  assert.ok(!r.stdout.includes('skip.news'), 'node_modules is skipped');
});

test('directories and globs expand to articles, in a stable order, without duplicates', () => {
  const all = expandInputs(['.'], dir);
  assert.deepEqual(all.files, ['clean.news', join('desk', 'deep', 'also.article'), join('desk', 'flagged.news')]);
  assert.deepEqual(expandInputs(['desk/**/*.news'], dir).files, [join('desk', 'flagged.news')]);
  assert.deepEqual(expandInputs(['**/*.{news,article}'], dir).files, all.files);
  assert.deepEqual(expandInputs(['*.news', 'clean.news', './clean.news'], dir).files, ['clean.news']);
  assert.deepEqual(expandInputs(['desk/*.txt'], dir).files, [join('desk', 'notes.txt')]);
  assert.deepEqual(expandInputs(['desk/*.md'], dir).unmatched, ['desk/*.md']);
});

function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'server', 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
  // The schema is JSON Schema draft-04: its `id` is draft-07's `$id`; the keywords it uses are the same.
  const { id, $schema: _drop, ...rest } = schema;
  // unicodeRegExp: false — the published schema's `language` pattern has a stray ']' that only non-unicode regexps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => { try { return !!new URL(s); } catch { return false; } });
  ajv.addFormat('uri-reference', (s: string) => { try { return !!new URL(s, 'file:///base/'); } catch { return false; } });
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s));
  const compiled = ajv.compile({ $id: id, ...rest });
  const validate = (data: unknown): boolean => compiled(data) as boolean;
  return Object.assign(validate, { get errors() { return compiled.errors; } });
}

test('SARIF output is valid SARIF 2.1.0 and locates each finding', async () => {
  const validate = sarifValidator();
  // The validator is not a rubber stamp.
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  const r = await check(['--format', 'sarif', '.'], dir);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'News Lens');
  assert.equal(run.columnKind, 'utf16CodeUnits');
  const json = loadJson(await check(['--format', 'json', '.'], dir));
  assert.equal(run.results.length, json.reduce((n, f) => n + (f.findings?.length ?? 0), 0));
  const first = run.results[0];
  assert.equal(run.tool.driver.rules[first.ruleIndex].id, first.ruleId);
  const loc = first.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
  assert.match(loc.artifactLocation.uri, /^desk\/(deep\/also\.article|flagged\.news)$/);
  const text = readFileSync(join(dir, decodeURIComponent(loc.artifactLocation.uri)), 'utf8');
  assert.ok(text.slice(loc.region.charOffset, loc.region.charOffset + loc.region.charLength).length > 0);
  assert.equal(text.split('\n')[loc.region.startLine - 1].slice(loc.region.startColumn - 1, loc.region.endColumn - 1), text.slice(loc.region.charOffset, loc.region.charOffset + loc.region.charLength));
  // An unreadable file is a tool execution notification, and the log stays valid.
  const bad = await check(['--format', 'sarif', 'missing.news', 'clean.news'], dir);
  assert.equal(bad.status, 2);
  const badLog = JSON.parse(bad.stdout);
  assert.ok(validate(badLog), JSON.stringify(validate.errors, null, 2));
  assert.equal(badLog.runs[0].invocations[0].executionSuccessful, false);
  assert.match(badLog.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /missing\.news/);
});

test('github format prints one workflow annotation per finding, with escaped values', async () => {
  const r = await check(['--format', 'github', 'desk/flagged.news'], dir);
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split('\n');
  const json = loadJson(await check(['--format', 'json', 'desk/flagged.news'], dir))[0].findings!;
  assert.equal(lines.length, json.length);
  json.forEach((f, i) => {
    assert.equal(lines[i], `::warning file=desk/flagged.news,line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=News Lens (${f.rule})::${f.message}`);
  });
  const escaped = formatGithub([{ file: 'a,b:c.news', findings: [{ rule: 'r', category: 'r', severity: 'error', message: '50% sure\nreally', start: 0, end: 1, line: 1, column: 1, endLine: 1, endColumn: 2 }] }]);
  assert.equal(escaped, '::error file=a%2Cb%3Ac.news,line=1,col=1,endLine=1,endColumn=2,title=News Lens (r)::50%25 sure%0Areally\n');
});

test('--output writes the report to a file', async () => {
  const r = await check(['--format', 'sarif', '--output', 'report.sarif', 'desk/flagged.news'], dir);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')).version, '2.1.0');
});

test('the dev corpus and a held-out-sized corpus are checked in parallel, with progress, exit codes 0 and 1, and the results of one thread', { skip: !existsSync(DEV) && 'the eval corpus is not next to the repository' }, async () => {
  const dev = readdirSync(DEV).filter((f) => f.endsWith('.news')).sort((a, b) => a.localeCompare(b));
  // The dev corpus, read where it is, in one thread.
  const serial = await check(['--quiet', '--jobs', '1', '--format', 'json', '--max-warnings=-1', DEV], dir);
  assert.equal(serial.status, 0, serial.stderr);
  assert.equal(serial.stderr, '');
  const devResults = loadJson(serial);
  assert.equal(devResults.length, dev.length);
  const perDev = devResults.reduce((n, r) => n + r.findings!.length, 0);
  assert.ok(perDev > 0);
  // Held-out-sized: three times the dev articles under other names, through the real command and 2 workers.
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  for (let i = 0; i < 3; i++) for (const f of dev) copyFileSync(join(DEV, f), join(corpus, `${i}-${f}`));
  const total = dev.length * 3;
  assert.ok(total >= 20);
  const within = await cli(['--format', 'json', '--jobs', '2', '--max-warnings', String(3 * perDev), 'corpus'], dir);
  assert.equal(within.status, 0, within.stderr);
  assert.match(within.stderr, new RegExp(`checked ${total}/${total} files`));
  assert.match(within.stderr, new RegExp(`${total} files checked in [\\d.]+ s with 2 workers`));
  const results = loadJson(within);
  assert.deepEqual(results.map((r) => r.file), readdirSync(corpus).sort((a, b) => a.localeCompare(b)).map((f) => join('corpus', f)));
  // Each copy has exactly the findings of its original checked in one thread.
  const original = new Map(devResults.map((r) => [basename(r.file), r.findings]));
  for (const r of results) assert.deepEqual(r.findings, original.get(basename(r.file).replace(/^\d-/, '')), r.file);
  // One finding over the limit: exit 1.
  const over = await cli(['--quiet', '--jobs', '2', '--max-warnings', String(3 * perDev - 1), 'corpus'], dir);
  assert.equal(over.status, 1, over.stderr);
  assert.equal(over.stderr, '');
});

test('line and column: the locator agrees with the one-offset scan on LF, CRLF and lone CR text', () => {
  const text = 'date 2024-01-01\r\n\r\nTitle\rFirst line.\nSecond, with “quotes” and 😀.\r\n\nEnd';
  const at = lineLocator(text);
  for (let o = 0; o <= text.length; o++) assert.deepEqual(at(o), lineColumn(text, o), `offset ${o}`);
  assert.deepEqual(at(text.indexOf('End')), { line: 7, column: 1 });
});

test('analyze reads a .md file as Markdown and a .news file as an article, like check', () => {
  // A Markdown heading may end in a question mark; in an article a line ending in one is a sentence.
  const text = 'date 2024-01-01\n\n# Did the talks in Oslo fail?\n\nThe minister met officials in Oslo on Tuesday, the ministry said.\n';
  writeFileSync(join(dir, 'talks.md'), text);
  writeFileSync(join(dir, 'talks.news'), text);
  const r = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.js'), 'analyze', '--json', 'talks.md', 'talks.news'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [md, news] = JSON.parse(r.stdout) as { outline: { kind: string; name: string }[] }[];
  const sections = (x: typeof md) => x.outline.filter((i) => i.kind === 'section').map((i) => i.name);
  assert.deepEqual(sections(md), sections(toJsonResult('talks.md', analyze(text, { languageId: 'markdown' }))));
  assert.deepEqual(sections(news), sections(toJsonResult('talks.news', analyze(text))));
  assert.notDeepEqual(sections(md), sections(news));
});
