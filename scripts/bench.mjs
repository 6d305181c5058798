#!/usr/bin/env node
// npm run bench: News Lens's speed and memory against a naive baseline, measured in one run on this
// machine. A benchmark, not a test: it prints figures and never fails on time.
//
//   node scripts/bench.mjs [--sizes 3k,30k,300k,1m,3m] [--latency-sizes 100k,1m|none] [--edits 60] [--hovers 400]
//                          [--no-server] [--no-engine] [--repeat N] [--compare-env K=V[,K=V...]]
//
// BENCH_DUMP=1 prints the raw edit and hover times of each latency run on stderr; BENCH_TRACE=1 (with
// NEWS_LENS_TRACE=1 or gc) also the server's trace, each edit and hover marked. BENCH_SERVER=path
// measures another build of the server (e.g. a copy of server/out from before a change, for an A/B).
// --repeat N runs each first-analysis measurement N times, interleaved (baseline, server, baseline,
// server...), and prints medians (times, per-run ratios) and the highest peak RSS: on a shared
// machine one run says little. --compare-env also measures the server with these environment
// variables (e.g. NEWS_LENS_WORKERS=1) in the same run, as a second column.
//
// 1. First analysis. For each size, an article built from the dev articles (scripts/lib/articles.mjs:
//    every paragraph distinct, so no cache can help) is analyzed in a fresh child process:
//    - baseline: raw compromise on the whole text: nlp(text), then people(), places(), organizations()
//      with spans from term offsets;
//    - News Lens (server): the real language server over stdio (worker threads, block cache): from
//      didOpen to the final diagnostics; peak RSS of the server process (VmHWM, worker threads included);
//    - News Lens (1 thread): the engine in-process, no workers (for reference).
//    Time is wall-clock after warm-up (compromise loaded, JIT warm on a small article), RSS is the
//    child's peak resident set.
// 2. Through the real server over stdio, on the 100 KB and 1 MB articles: edit → diagnostics latency
//    (didChange of a small edit in a random paragraph until publishDiagnostics for that version) and
//    hover latency (textDocument/hover on mentions and random positions).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, cpus, loadavg, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { devParagraphs, buildArticle } from './lib/articles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SERVER = process.env.BENCH_SERVER || join(root, 'server', 'out', 'server.js');
const ENGINE = join(root, 'server', 'out', 'engine.js');
const SIZES = { '3k': 3e3, '30k': 3e4, '100k': 1e5, '300k': 3e5, '1m': 1e6, '3m': 3e6 };
const DEV_DIRS = [join(root, '..', 'shared', 'eval', 'dev'), join(root, 'samples')];

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const has = (name) => process.argv.includes(name);

// ---------------------------------------------------------------------------------------------
// Child modes: one measurement per process, printed as JSON.

function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

async function childBaseline(file) {
  const mod = require('compromise');
  const nlp = typeof mod === 'function' ? mod : mod.default;
  const text = readFileSync(file, 'utf8');
  const run = (t) => {
    const doc = nlp(t);
    doc.compute('offset');
    let n = 0;
    for (const view of [doc.people(), doc.places(), doc.organizations()]) {
      for (const m of view.json({ terms: { offset: true } })) {
        const terms = m.terms;
        if (terms.length) n += terms[terms.length - 1].offset.start + terms[terms.length - 1].offset.length - terms[0].offset.start > 0 ? 1 : 0;
      }
    }
    return n;
  };
  run(warmupText());
  const t0 = performance.now();
  const found = run(text);
  return { ms: performance.now() - t0, rssMb: peakRssMb(), found };
}

/** A small article for warm-ups, distinct from every measured one (no cache can carry over). */
function warmupText() {
  const text = readFileSync(join(DEV_DIRS[1], readdirNews(DEV_DIRS[1])[0]), 'utf8').replace(/^\uFEFF?\s*date\s+\d{4}-\d{2}-\d{2}\s*/, '');
  return 'date 2024-02-17\n\n' + text.split(/\n\s*\n/).map((p, i) => `(Warm-up ${i}) ${p.trim()}`).join('\n\n') + '\n';
}

function readdirNews(dir) {
  return require('node:fs').readdirSync(dir).filter((f) => f.endsWith('.news')).sort();
}

async function childEngine(file) {
  const { createAnalyzer } = require(ENGINE);
  const text = readFileSync(file, 'utf8');
  createAnalyzer().analyze(warmupText());
  const t0 = performance.now();
  const a = createAnalyzer().analyze(text);
  return { ms: performance.now() - t0, rssMb: peakRssMb(), found: a.mentions.length };
}

// ---------------------------------------------------------------------------------------------
// A minimal LSP client over stdio.

async function startServer(env = {}) {
  const rpc = require('vscode-jsonrpc/node');
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => (process.env.BENCH_TRACE ? process.stderr.write(d) : (stderr += d)));
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  const last = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    last.set(p.uri, p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && w.pred(p)) { waiters.splice(i, 1); w.resolve(p); }
    }
  });
  conn.onNotification('window/logMessage', () => {});
  conn.onNotification('window/showMessage', () => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: null,
    capabilities: { textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: { versionSupport: true } } },
  });
  await conn.sendNotification('initialized', {});
  const waitDiagnostics = (uri, pred, timeoutMs = 600000) => new Promise((resolve, reject) => {
    const now = last.get(uri);
    if (now && pred(now)) return resolve(now);
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
    waiters.push({ uri, pred, resolve: (p) => { clearTimeout(timer); resolve(p); } });
  });
  /** Resolves when the server's latest analysis of `uri` is complete for `version`. */
  const settled = async (uri, version) => {
    for (;;) {
      const s = await conn.sendRequest('newsLens/analysisStatus', { uri });
      if (s && s.version === version && !s.partial) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const memory = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  };
  const stop = async () => {
    try {
      await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await conn.sendNotification('exit');
    } catch { /* gone */ }
    await new Promise((r) => { if (child.exitCode !== null) return r(); const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 3000); child.once('exit', () => { clearTimeout(t); r(); }); });
    conn.dispose();
  };
  const open = async (uri, text) => {
    const p = waitDiagnostics(uri, (d) => d.version === 1);
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news', version: 1, text } });
    await p;
    const first = performance.now() - t0;
    await settled(uri, 1);
    return { firstPartMs: first, ms: performance.now() - t0 };
  };
  return { conn, child, open, waitDiagnostics, settled, memory, stop };
}

/** The spans of every mention in the file, flat: [start, end, start, end, ...]. */
function childMentions(file) {
  const { analyze } = require(ENGINE);
  return analyze(readFileSync(file, 'utf8')).mentions.flatMap((m) => [m.start, m.end]);
}

async function childServerFirst(file) {
  const server = await startServer();
  try {
    // Warm-up: a small article (worker threads started, compromise loaded, JIT warm).
    await server.open('file:///bench/warmup.news', warmupText());
    const text = readFileSync(file, 'utf8');
    const r = await server.open(pathToFileURL(file).href, text);
    const mem = server.memory();
    return { ms: r.ms, firstPartMs: r.firstPartMs, rssMb: mem.hwmMb, rssNowMb: mem.rssMb };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Latency through the server.

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function positionAt(lineStarts, offset) {
  let lo = 0, hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

function lineStartsOf(text) {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function latency(file, edits, hovers) {
  const server = await startServer();
  try {
    await server.open('file:///bench/warmup.news', warmupText());
    let text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    await server.open(uri, text);
    const next = rng(42);
    const words = [' today', ' officials said', ' in Vienna', ' 15 percent', 'x', ' the talks were historic.', ' Maria Lindqvist'];
    const editTimes = [];
    let version = 1;
    for (let i = 0; i < edits; i++) {
      // A small edit inside a random paragraph (after a word), as a writer types.
      let at = Math.floor(next() * text.length);
      const space = text.indexOf(' ', at);
      at = space < 0 ? text.length : space;
      const insert = words[Math.floor(next() * words.length)];
      const lineStarts = lineStartsOf(text); // the client's bookkeeping, not timed
      const pos = positionAt(lineStarts, at);
      version++;
      const v = version;
      const p = server.waitDiagnostics(uri, (d) => d.version === v);
      const t0 = performance.now();
      await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: pos, end: pos }, text: insert }] });
      await p;
      editTimes.push(performance.now() - t0);
      if (process.env.BENCH_TRACE) process.stderr.write(`[bench] edit ${i} ${JSON.stringify(insert)} at ${at}: ${editTimes[i].toFixed(1)} ms\n`);
      text = text.slice(0, at) + insert + text.slice(at);
      await server.settled(uri, v);
    }
    // Hovers: on mentions and at random positions. The mentions are found by the engine in a child
    // process: analyzing a 1 MB article here would leave this process a large heap to collect while the
    // hovers are timed (the client's GC pauses would be counted as the server's latency).
    const edited = join(dirname(file), `edited-${Date.now()}.news`);
    writeFileSync(edited, text);
    const found = runChild('mentions', edited);
    rmSync(edited, { force: true });
    if (!Array.isArray(found)) throw new Error(`mentions: ${found.error}`);
    const mentions = [];
    for (let i = 0; i < found.length; i += 2) mentions.push({ start: found[i], end: found[i + 1] });
    const lineStarts = lineStartsOf(text);
    const hoverTimes = [];
    let hits = 0;
    for (let i = 0; i < hovers; i++) {
      const m = mentions.length && i % 2 === 0 ? mentions[Math.floor(next() * mentions.length)] : null;
      const offset = m ? m.start + Math.floor((m.end - m.start) / 2) : Math.floor(next() * text.length);
      const t0 = performance.now();
      const h = await server.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionAt(lineStarts, offset) });
      hoverTimes.push(performance.now() - t0);
      if (process.env.BENCH_TRACE) process.stderr.write(`[bench] hover ${i} at ${offset}: ${hoverTimes[i].toFixed(2)} ms\n`);
      if (h) hits++;
    }
    if (process.env.BENCH_DUMP) console.error(JSON.stringify({ editTimes: editTimes.map((x) => +x.toFixed(1)), hoverTimes: hoverTimes.map((x) => +x.toFixed(2)) }));
    return { editTimes, hoverTimes, hits };
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------

function runChild(mode, file, env = {}) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, ...env } });
  const line = (r.stdout || '').trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return { error: (r.stderr || r.stdout || `exit ${r.status}`).slice(-300) };
  }
}

const fmtMs = (ms) => (ms === undefined || Number.isNaN(ms) ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const fmtMb = (mb) => (mb === undefined || Number.isNaN(mb) ? '—' : `${mb.toFixed(0)} MB`);

async function main() {
  if (has('--child')) {
    const mode = arg('--child'), file = process.argv[process.argv.indexOf('--child') + 2];
    const r = mode === 'baseline' ? await childBaseline(file) : mode === 'engine' ? await childEngine(file) : mode === 'mentions' ? childMentions(file) : await childServerFirst(file);
    console.log(JSON.stringify(r));
    process.exit(0);
  }
  if (!existsSync(SERVER) || !existsSync(ENGINE)) {
    const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
    if (b.status) process.exit(b.status);
  }
  const sizes = arg('--sizes', '3k,30k,300k,1m,3m').split(',').filter((s) => SIZES[s]);
  const edits = Number(arg('--edits', '60'));
  const hovers = Number(arg('--hovers', '400'));
  const dir = mkdtempSync(join(tmpdir(), 'news-lens-bench-'));
  const paras = devParagraphs(DEV_DIRS);
  const files = {};
  const latencySizes = has('--no-server') ? [] : arg('--latency-sizes', '100k,1m').split(',').filter((s) => SIZES[s]);
  for (const s of new Set([...sizes, ...latencySizes])) {
    files[s] = join(dir, `article-${s}.news`);
    writeFileSync(files[s], buildArticle(paras, SIZES[s]));
  }
  const started = Date.now();
  console.log(`News Lens benchmark — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`Articles built from ${paras.length} distinct paragraphs of the dev articles; every paragraph distinct.\n`);

  const repeat = Math.max(1, Number(arg('--repeat', '1')) || 1);
  const altEnv = arg('--compare-env') ? Object.fromEntries(arg('--compare-env').split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) : null;
  const median = (xs) => {
    const v = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
    return v.length ? (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : undefined;
  };
  /** Medians over the runs: times and ratios (each run's ratio against the baseline of the same round); RSS: the highest. */
  const summarize = (runs, base) => {
    const ok = runs.filter((r) => r && !r.error);
    if (!ok.length) return runs.find((r) => r?.error) ?? {};
    return {
      ms: median(ok.map((r) => r.ms)),
      rssMb: Math.max(...ok.map((r) => r.rssMb)),
      ratio: base ? median(runs.map((r, i) => (r && !r.error && base[i] && !base[i].error ? r.ms / base[i].ms : NaN))) : undefined,
    };
  };
  const rows = [];
  for (const s of sizes) {
    const bytes = readFileSync(files[s]).length;
    const bases = [], srvs = [], alts = [], engs = [];
    for (let r = 0; r < repeat; r++) {
      bases.push(runChild('baseline', files[s]));
      srvs.push(runChild('server', files[s]));
      if (altEnv) alts.push(runChild('server', files[s], altEnv));
      if (!has('--no-engine')) engs.push(runChild('engine', files[s]));
    }
    rows.push({ s, bytes, base: summarize(bases), srv: summarize(srvs, bases), alt: altEnv ? summarize(alts, bases) : null, eng: summarize(engs) });
    process.stderr.write(`  measured ${s}\n`);
  }
  const altName = altEnv ? Object.entries(altEnv).map(([k, v]) => `${k}=${v}`).join(' ') : '';
  const head = ['article', 'baseline time', 'baseline peak RSS', 'News Lens time', 'server peak RSS', 'time ratio', 'RSS ratio', ...(altEnv ? [`with ${altName}`, 'its peak RSS', 'its ratio'] : []), '1-thread engine', 'engine RSS'];
  const table = rows.map(({ s, bytes, base, srv, alt, eng }) => [
    `${s} (${(bytes / 1024).toFixed(0)} KB)`,
    base.error ? 'error' : fmtMs(base.ms), fmtMb(base.rssMb),
    srv.error ? 'error' : fmtMs(srv.ms), fmtMb(srv.rssMb),
    srv.ratio ? `${srv.ratio.toFixed(2)}×` : '—',
    base.rssMb && srv.rssMb ? `${(srv.rssMb / base.rssMb).toFixed(2)}×` : '—',
    ...(alt ? [alt.error ? 'error' : fmtMs(alt.ms), fmtMb(alt.rssMb), alt.ratio ? `${alt.ratio.toFixed(2)}×` : '—'] : []),
    eng.ms ? fmtMs(eng.ms) : '—', fmtMb(eng.rssMb),
  ]);
  const lat = [];
  if (!has('--no-server')) {
    for (const s of latencySizes) {
      const r = await latency(files[s], edits, hovers);
      lat.push([`${s}`, fmtMs(quantile(r.editTimes, 0.5)), fmtMs(quantile(r.editTimes, 0.95)), fmtMs(quantile(r.hoverTimes, 0.5)), fmtMs(quantile(r.hoverTimes, 0.99)), `${r.hits}/${r.hoverTimes.length}`]);
    }
  }
  const print = (header, body) => {
    const w = header.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
    const line = (r) => '| ' + r.map((c, i) => String(c).padEnd(w[i])).join(' | ') + ' |';
    console.log(line(header));
    console.log('|' + w.map((x) => '-'.repeat(x + 2)).join('|') + '|');
    for (const r of body) console.log(line(r));
  };
  console.log('First analysis: naive baseline (compromise on the whole text) vs News Lens (server over stdio, didOpen → final diagnostics)');
  print(head, table);
  if (repeat > 1) console.log(`(${repeat} runs each, interleaved: median times, median of the per-run ratios, highest peak RSS)`);
  for (const { s, base, srv, alt, eng } of rows) for (const [n, r] of [['baseline', base], ['server', srv], ['server with ' + altName, alt], ['engine', eng]]) if (r?.error) console.log(`  ${s} ${n}: ${r.error}`);
  if (lat.length) {
    console.log(`\nThrough the server over stdio (${edits} edits, ${hovers} hovers each; half the hovers on mentions):`);
    print(['article', 'edit→diagnostics median', 'edit→diagnostics p95', 'hover median', 'hover p99', 'hovers with a card'], lat);
  }
  console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s. Wall-clock figures on a shared machine are noisy; load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}.`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
