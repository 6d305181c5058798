/**
 * `news-lens check [options] FILE|DIR|GLOB...`: the fact-check warnings of many articles, for CI.
 *
 *   --format stylish|json|sarif|github   how findings are printed (default stylish)
 *   --max-warnings N                     exit 1 when there are more than N findings (default 0)
 *   --rule ID=SEVERITY                   severity of a rule (error|warning|information|hint|off), repeatable
 *   --jobs N                             worker threads (default: the number of cores)
 *   --output FILE                        write the report to FILE instead of stdout
 *   --quiet                              no progress on stderr
 *
 * Exit codes: 0 clean (findings ≤ --max-warnings), 1 findings over the limit, 2 usage or I/O error.
 * Files are read and analyzed in parallel by worker threads running this same bundle (`cli.js`);
 * the report lists files in the order given, whatever order the workers finish in.
 */
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, relative, resolve, sep, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyze, lineLocator, RULES, type SeveritySetting } from './engine';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
const SEVERITY_SETTINGS = new Set(['error', 'warning', 'information', 'hint', 'off']);
const ARTICLE = /\.(news|article)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** From this many files on, progress goes to stderr. */
export const PROGRESS_FROM = 20;
/** Under this many files the work is done in this thread: starting workers costs more. */
const PARALLEL_FROM = 4;
const WORKER_ROLE = 'news-lens-check-worker';

export const CHECK_USAGE = `usage: news-lens check [options] FILE|DIR|GLOB...

  Checks articles (.news, .article; .md and .txt when named) and prints their fact-check warnings.
  A directory means every article under it; quote globs ("articles/**/*.news") to let News Lens expand them.

  --format stylish|json|sarif|github   output format (default stylish); github prints workflow annotations
  --max-warnings N     exit 1 when there are more than N findings (default 0: any finding fails)
  --rule ID=SEVERITY   set a rule's severity: error, warning, information, hint or off (repeatable)
  --jobs N             check files in N worker threads (default: the number of cores)
  --output FILE        write the report to FILE instead of stdout
  --quiet              no progress on stderr

  exit codes: 0 clean (findings within --max-warnings), 1 findings over the limit, 2 usage or I/O error
`;

export interface Finding {
  rule: string;
  category: string;
  severity: string;
  message: string;
  /** UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
  /** 1-based; columns count UTF-16 code units. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FileResult {
  file: string;
  findings?: Finding[];
  /** Set when the file could not be read. */
  error?: string;
}

interface Job {
  /** As given (reported as is); read relative to `cwd`. */
  file: string;
  cwd?: string;
  rules: Record<string, SeveritySetting>;
}

/** The language an article file is read as, by its extension (Markdown and plain text are opt-in in the editor, by file in the CLI). */
export function languageOf(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt') return 'plaintext';
  return 'news';
}

/** Reads and analyzes one file; never throws. */
export function checkFile(job: Job): FileResult {
  let text: string;
  try {
    const path = resolve(job.cwd ?? '.', job.file);
    const st = statSync(path);
    if (st.isDirectory()) return { file: job.file, error: 'is a directory' };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { file: job.file, error: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message };
  }
  const a = analyze(text, { languageId: languageOf(job.file), rules: job.rules });
  const pos = lineLocator(text);
  const findings = a.claims.map((c) => {
    // The reported position is the words that triggered the finding when the rule names them.
    const span = c.trigger ?? c;
    const s = pos(span.start), e = pos(span.end);
    return {
      rule: c.rule, category: c.category, severity: c.severity, message: c.message,
      start: span.start, end: span.end, line: s.line, column: s.column, endLine: e.line, endColumn: e.column,
    };
  });
  return { file: job.file, findings };
}

// ---------------------------------------------------------------- files and globs

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches any number of directories, "**" alone anything.
        if (glob[i + 2] === '/') { re += '(?:[^/]*/)*'; i += 2; } else { re += '.*'; i++; }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { re += '\\{'; continue; }
      re += `(?:${glob.slice(i + 1, close).split(',').map((alt) => alt.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')).join('|')})`;
      i = close;
    } else if (c === '[') {
      const close = glob.indexOf(']', i);
      if (close < 0) { re += '\\['; continue; }
      re += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = close;
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const isGlob = (s: string) => /[*?{[]/.test(s);

function walk(dir: string, visit: (file: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const d of entries) {
    const p = join(dir, d.name);
    if (d.isDirectory()) { if (!SKIP_DIRS.has(d.name)) walk(p, visit); }
    else if (d.isFile()) visit(p);
  }
}

/** Expands files, directories (every article under them) and globs; `unmatched` are patterns that matched nothing. */
export function expandInputs(inputs: readonly string[], cwd = process.cwd()): { files: string[]; unmatched: string[] } {
  const files: string[] = [];
  const seen = new Set<string>();
  const unmatched: string[] = [];
  const add = (f: string) => {
    const key = resolve(cwd, f);
    if (!seen.has(key)) { seen.add(key); files.push(f); }
  };
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    if (!isGlob(input) || existsSync(abs)) {
      let dir = false;
      try { dir = statSync(abs).isDirectory(); } catch { /* missing: reported when read */ }
      if (dir) {
        const before = files.length;
        walk(abs, (f) => { if (ARTICLE.test(f)) add(relative(cwd, f) || f); });
        if (files.length === before) unmatched.push(input);
      } else add(input);
      continue;
    }
    // The directory part before the first glob character is walked; the rest is matched.
    const parts = input.split(/[/\\]/);
    const firstGlob = parts.findIndex(isGlob);
    const base = parts.slice(0, firstGlob).join('/') || '.';
    const pattern = globToRegExp(parts.slice(firstGlob).join('/'));
    const baseAbs = resolve(cwd, base);
    const before = files.length;
    walk(baseAbs, (f) => {
      const rel = relative(baseAbs, f).split(sep).join('/');
      if (pattern.test(rel)) add(base === '.' && !input.startsWith('./') ? relative(cwd, f) : join(base, rel));
    });
    if (files.length === before) unmatched.push(input);
  }
  return { files, unmatched };
}

// ---------------------------------------------------------------- parallel checking

/** The worker side: runs in a worker thread started on this bundle. */
function serveWorker(): void {
  parentPort!.on('message', (msg: { id: number; job: Job }) => {
    let result: FileResult;
    try {
      result = checkFile(msg.job);
    } catch (e) {
      result = { file: msg.job.file, error: `analysis failed: ${(e as Error).message}` };
    }
    parentPort!.postMessage({ id: msg.id, result });
  });
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === WORKER_ROLE) serveWorker();

export interface RunOptions {
  jobs: number;
  /** Relative file names are read from here (default: the process's directory). */
  cwd?: string;
  /** The script a worker runs (this bundle); without it everything runs in this thread. */
  workerScript?: string;
  onProgress?: (done: number, total: number) => void;
}

/** Checks every file, in parallel when worth it; results come back in the order of `files`. */
export async function checkFiles(files: readonly string[], rules: Record<string, SeveritySetting>, options: RunOptions): Promise<{ results: FileResult[]; workers: number }> {
  const results: FileResult[] = new Array(files.length);
  let done = 0;
  const workers = options.workerScript && files.length >= PARALLEL_FROM ? Math.min(options.jobs, files.length) : 1;
  if (workers <= 1) {
    for (let i = 0; i < files.length; i++) {
      results[i] = checkFile({ file: files[i], cwd: options.cwd, rules });
      options.onProgress?.(++done, files.length);
      // Let stderr drain between files.
      if (options.onProgress) await new Promise((r) => setImmediate(r));
    }
    return { results, workers: 1 };
  }
  let next = 0;
  await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolvePool) => {
    const w = new Worker(options.workerScript!, { workerData: { role: WORKER_ROLE } });
    let current = -1;
    const feed = () => {
      if (next >= files.length) { void w.terminate(); resolvePool(); return; }
      current = next++;
      w.postMessage({ id: current, job: { file: files[current], cwd: options.cwd, rules } });
    };
    w.on('message', (msg: { id: number; result: FileResult }) => {
      results[msg.id] = msg.result;
      options.onProgress?.(++done, files.length);
      feed();
    });
    w.on('error', () => {
      // A worker that dies: this thread finishes its file and whatever is left.
      if (current >= 0 && !results[current]) {
        results[current] = checkFile({ file: files[current], cwd: options.cwd, rules });
        options.onProgress?.(++done, files.length);
      }
      while (next < files.length) {
        const i = next++;
        results[i] = checkFile({ file: files[i], cwd: options.cwd, rules });
        options.onProgress?.(++done, files.length);
      }
      resolvePool();
    });
    feed();
  })));
  return { results, workers };
}

// ---------------------------------------------------------------- formats

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export function formatStylish(results: readonly FileResult[], color = false): string {
  const c = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const totals: Record<string, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    if (r.error) { out.push(`${c('4', r.file)}\n  ${c('31', 'error')}  cannot read the file: ${r.error}\n`); continue; }
    if (!r.findings?.length) continue;
    out.push(c('4', r.file));
    const w = Math.max(...r.findings.map((f) => `${f.line}:${f.column}`.length));
    for (const f of r.findings) {
      totals[f.severity] = (totals[f.severity] ?? 0) + 1;
      const sev = f.severity === 'error' ? c('31', 'error  ') : f.severity === 'warning' ? c('33', 'warning') : c('36', f.severity === 'hint' ? 'hint   ' : 'info   ');
      out.push(`  ${`${f.line}:${f.column}`.padEnd(w)}  ${sev}  ${f.message}  ${c('2', f.rule)}`);
    }
    out.push('');
  }
  const n = totals.error + totals.warning + totals.information + totals.hint;
  const unreadable = results.filter((r) => r.error).length;
  if (n) out.push(c('1', `✖ ${count(n, 'problem')} (${count(totals.error, 'error')}, ${count(totals.warning, 'warning')}, ${totals.information + totals.hint} info) in ${count(results.filter((r) => r.findings?.length).length, 'file')} of ${results.length}`));
  else if (!unreadable) out.push(`✔ no problems in ${count(results.length, 'file')}`);
  if (unreadable) out.push(c('31', `${count(unreadable, 'file')} could not be read`));
  return out.join('\n') + '\n';
}

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(results.map((r) => (r.error ? { file: r.file, error: r.error } : { file: r.file, findings: r.findings }))) + '\n';
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function toSarif(results: readonly FileResult[], cwd = process.cwd(), version = '0.1.0'): object {
  const known = new Map(RULES.map((r) => [r.id, r] as const));
  const ruleIds = [...new Set([...RULES.map((r) => r.id), ...results.flatMap((r) => r.findings?.map((f) => f.rule) ?? [])])];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const uriOf = (file: string) => {
    const rel = relative(cwd, resolve(cwd, file));
    if (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel)) return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
    return { uri: pathToFileURL(resolve(cwd, file)).toString() };
  };
  const failed = results.filter((r) => r.error);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'News Lens',
          version,
          semanticVersion: version,
          informationUri: 'https://example.invalid/news-lens',
          rules: ruleIds.map((id) => {
            const r = known.get(id);
            return {
              id,
              name: id.replace(/(^|-)(\w)/g, (_, _d, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r?.description ?? id },
              defaultConfiguration: { level: SARIF_LEVEL[r?.defaultSeverity ?? 'warning'] },
              properties: { category: r?.category ?? id },
            };
          }),
        },
      },
      originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd + sep).toString() } },
      columnKind: 'utf16CodeUnits',
      invocations: [{
        executionSuccessful: failed.length === 0,
        toolExecutionNotifications: failed.map((r) => ({
          level: 'error',
          message: { text: `cannot read ${r.file}: ${r.error}` },
          locations: [{ physicalLocation: { artifactLocation: uriOf(r.file) } }],
        })),
      }],
      results: results.flatMap((r) => (r.findings ?? []).map((f) => ({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule),
        level: SARIF_LEVEL[f.severity] ?? 'warning',
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: uriOf(r.file),
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, charOffset: f.start, charLength: f.end - f.start },
          },
        }],
        properties: { category: f.category },
      }))),
    }],
  };
}

/** GitHub Actions workflow commands: one `::warning file=…,line=…::message` annotation per finding. */
export function formatGithub(results: readonly FileResult[]): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const cmd: Record<string, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
  const out: string[] = [];
  for (const r of results) {
    const file = prop(r.file.split(sep).join('/'));
    if (r.error) { out.push(`::error file=${file},title=${prop('News Lens')}::${data(`cannot read the file: ${r.error}`)}`); continue; }
    for (const f of r.findings ?? []) {
      out.push(`::${cmd[f.severity] ?? 'warning'} file=${file},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${prop(`News Lens (${f.rule})`)}::${data(f.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

// ---------------------------------------------------------------- command line

export interface CheckArgs {
  format: Format;
  maxWarnings: number;
  rules: Record<string, SeveritySetting>;
  jobs: number;
  output?: string;
  quiet: boolean;
  inputs: string[];
}

/** Parses `check`'s arguments; a string is a usage error. */
export function parseCheckArgs(argv: readonly string[]): CheckArgs | string {
  const args: CheckArgs = { format: 'stylish', maxWarnings: 0, rules: {}, jobs: Math.max(1, availableParallelism?.() ?? cpus().length), quiet: false, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    try {
      if (name === '--format' || name === '-f') {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) return `unknown format '${f}' (use ${FORMATS.join(', ')})`;
        args.format = f as Format;
      } else if (name === '--max-warnings') {
        const v = value();
        if (!/^-?\d+$/.test(v)) return `--max-warnings needs a whole number, not '${v}'`;
        args.maxWarnings = Number(v) < 0 ? Infinity : Number(v);
      } else if (name === '--rule') {
        const v = value();
        const m = /^([\w-]+)[=:](\w+)$/.exec(v);
        if (!m || !SEVERITY_SETTINGS.has(m[2])) return `--rule needs ID=SEVERITY with SEVERITY one of error, warning, information, hint, off; got '${v}'`;
        args.rules[m[1]] = m[2] as SeveritySetting;
      } else if (name === '--jobs' || name === '-j') {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) < 1) return `--jobs needs a number of at least 1, not '${v}'`;
        args.jobs = Number(v);
      } else if (name === '--output' || name === '-o') {
        args.output = value();
      } else if (name === '--quiet' || name === '-q') {
        args.quiet = true;
      } else if (a === '--') {
        args.inputs.push(...argv.slice(i + 1));
        break;
      } else if (a.startsWith('-') && a !== '-') {
        return `unknown option ${a}`;
      } else args.inputs.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (!args.inputs.length) return 'no files given';
  return args;
}

export interface CheckIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stderrIsTTY?: boolean;
  stdoutIsTTY?: boolean;
  cwd?: string;
  workerScript?: string;
}

/** Runs `news-lens check`; resolves with the exit code. */
export async function runCheck(argv: readonly string[], io: CheckIo): Promise<number> {
  const parsed = parseCheckArgs(argv);
  if (typeof parsed === 'string') {
    io.stderr(`news-lens check: ${parsed}\n\n${CHECK_USAGE}`);
    return 2;
  }
  const cwd = io.cwd ?? process.cwd();
  const { files, unmatched } = expandInputs(parsed.inputs, cwd);
  for (const u of unmatched) io.stderr(`news-lens check: no articles match '${u}'\n`);
  if (!files.length) {
    if (!unmatched.length) io.stderr(`news-lens check: no files given\n\n${CHECK_USAGE}`);
    return 2;
  }
  const started = Date.now();
  const progress = !parsed.quiet && files.length >= PROGRESS_FROM;
  let lastShown = 0;
  const onProgress = progress ? (done: number, total: number) => {
    if (io.stderrIsTTY) io.stderr(`\rnews-lens: checked ${done}/${total} files`);
    else if (done === total || done - lastShown >= Math.max(1, Math.ceil(total / 10))) {
      lastShown = done;
      io.stderr(`news-lens: checked ${done}/${total} files\n`);
    }
  } : undefined;
  const { results, workers } = await checkFiles(files, parsed.rules, {
    jobs: parsed.jobs, cwd, workerScript: io.workerScript, onProgress,
  });
  if (progress) io.stderr(`${io.stderrIsTTY ? '\n' : ''}news-lens: ${count(files.length, 'file')} checked in ${((Date.now() - started) / 1000).toFixed(1)} s with ${count(workers, 'worker')}\n`);

  const color = !parsed.output && !!io.stdoutIsTTY && !process.env.NO_COLOR;
  const report = parsed.format === 'json' ? formatJson(results)
    : parsed.format === 'sarif' ? JSON.stringify(toSarif(results, cwd), null, 2) + '\n'
    : parsed.format === 'github' ? formatGithub(results)
    : formatStylish(results, color);
  let status = 0;
  if (parsed.output) {
    try {
      writeFileSync(resolve(cwd, parsed.output), report);
    } catch (e) {
      io.stderr(`news-lens check: cannot write ${parsed.output}: ${(e as Error).message}\n`);
      status = 2;
    }
  } else io.stdout(report);

  for (const r of results) if (r.error) io.stderr(`news-lens check: cannot read ${r.file}: ${r.error}\n`);
  if (unmatched.length || results.some((r) => r.error)) return 2;
  const findings = results.reduce((n, r) => n + (r.findings?.length ?? 0), 0);
  if (findings > parsed.maxWarnings) {
    if (parsed.format !== 'stylish' || parsed.output) io.stderr(`news-lens check: ${count(findings, 'finding')} (more than --max-warnings ${parsed.maxWarnings})\n`);
    return status || 1;
  }
  return status;
}
