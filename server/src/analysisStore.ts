/**
 * Document → analysis scheduling for the language server.
 *
 * - One analyzer (and block cache) for all open documents: after an edit only the blocks whose text
 *   changed are analyzed again; the article-level passes run on the cached block results.
 * - Blocks that are not cached are computed by worker threads (`./workerPool`: two on two or more
 *   cores, the second only while there is work for it), so the main thread never runs compromise and
 *   keeps answering requests while a large article is analyzed. A newer version of a document cancels
 *   the queued work of the older one (work already running finishes and is cached: most of it is
 *   still needed).
 * - Requests answer from the latest completed analysis (`latest`), which may be one version behind
 *   while an analysis runs. For a large first analysis, partial results (the blocks done so far) are
 *   published as they arrive.
 * - Files above `maxFileSize` are skipped with a message.
 * Without worker threads (no worker.js next to the server, or NEWS_LENS_WORKERS=0) everything runs
 * in-process, synchronously.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { createAnalyzer, MAX_NLP_BLOCK, type Analysis, type Analyzer, type AnalyzeOptions } from './engine';
import type { ClaimContext } from './engine/claims';
import { WorkerPool } from './workerPool';
import { trace } from './trace';

export { WorkerPool };

export interface StoreDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
}

export interface StoreSettings {
  readonly rules: AnalyzeOptions['rules'];
  readonly maxFileSize: number;
}

export interface StoreHooks {
  /** The open document for a uri (the server's `TextDocuments`). */
  document(uri: string): StoreDocument | undefined;
  /** Whether the document is analyzed at all (language id, file name). */
  enabled(doc: StoreDocument): boolean;
  settings(): StoreSettings;
  /** The workspace facts (`.newslens/facts.json`) that apply to a document, if any. */
  facts?(uri: string): AnalyzeOptions['facts'];
  /** A completed (or, with `partial`, a partial) analysis of `version`; null when the file is skipped. */
  onAnalysis(uri: string, version: number, analysis: Analysis | null, partial: boolean): void;
  /** A message for the user, e.g. that a file is too large (shown once per file). */
  notify?(message: string): void;
  /** A pass that failed (logged once per source by the server). */
  onError?(source: string, error: unknown): void;
  log?(message: string): void;
}

export interface StoreOptions {
  /** Path of the worker script (default: worker.js next to this bundle). */
  workerScript?: string;
  /** Worker threads at most (default: NEWS_LENS_WORKERS, else min(2, cores)); 0 analyzes in-process. */
  workers?: number;
  /** Extra workers (all but the first) stop after this long without work (ms; default 30 s). */
  idleMs?: number;
  /**
   * An analysis with more uncached text than this (default 1.5 MB) uses one worker, and idle extra
   * workers are stopped: a second worker costs 50–100 MB, and with a 3 MB article open the server
   * stays within ~300 MB.
   */
  spreadMaxChars?: number;
  /** ...and so does every analysis while the load average is above this (default: cores + 1). */
  spreadMaxLoad?: number;
  /** Uncached blocks are sent to the workers in chunks of about this many characters. */
  chunkChars?: number;
  /** A first analysis with more uncached text than this publishes partial results. */
  partialChars?: number;
  /** Minimum time between two partial results of one document (ms). */
  partialIntervalMs?: number;
}

export interface Latest {
  readonly version: number;
  readonly analysis: Analysis | null;
  readonly partial: boolean;
}

interface DocState {
  latest: Latest | null;
  running: boolean;
  rerun: boolean;
  scheduled: boolean;
  lastPartial: number;
  /** How long the last partial assembly took (ms). */
  partialCost: number;
}

/**
 * Two worker threads on two or more cores (both cores for a large first analysis; the second stops
 * when idle, and very large analyses use one: see `spreadMaxChars`). NEWS_LENS_WORKERS sets it.
 */
function defaultWorkers(): number {
  const cores = Math.max(1, cpus().length);
  const env = process.env.NEWS_LENS_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Math.min(Number(env), cores);
  return Math.min(2, cores);
}

/** The size of a text in UTF-8 bytes (exact only when it matters: near the limit). */
function byteSize(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length;
  return Buffer.byteLength(text, 'utf8');
}

/** The key of a block text in flight (per language). */
const flightKey = (languageId: string, text: string) => `${languageId}\u0000${text}`;

export class AnalysisStore {
  readonly analyzer: Analyzer;
  private readonly pool: WorkerPool | null;
  private readonly docs = new Map<string, DocState>();
  /** Block texts (per language) being computed by a worker, and when they will be in the cache. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly notified = new Set<string>();
  /** `whenAnalyzed` callers, per document. */
  private readonly waiters = new Map<string, { version: number; resolve(): void }[]>();
  private readonly chunkChars: number;
  private readonly partialChars: number;
  private readonly partialIntervalMs: number;

  constructor(private readonly hooks: StoreHooks, options: StoreOptions = {}) {
    this.analyzer = createAnalyzer({ onError: hooks.onError, phase: (name) => trace(`    ${name}`) });
    const script = options.workerScript ?? join(__dirname, 'worker.js');
    const workers = options.workers ?? defaultWorkers();
    this.pool = workers > 0 && existsSync(script)
      ? new WorkerPool(script, { size: workers, idleMs: options.idleMs, spreadMaxChars: options.spreadMaxChars, spreadMaxLoad: options.spreadMaxLoad, log: (m) => hooks.log?.(m) })
      : null;
    this.chunkChars = options.chunkChars ?? 8192;
    this.partialChars = options.partialChars ?? 256 * 1024;
    this.partialIntervalMs = options.partialIntervalMs ?? 1000;
  }

  /** The worker pool (null when analyzing in-process): the workspace index's jobs run there too. */
  get workers(): WorkerPool | null {
    return this.pool;
  }

  /** Starts the worker threads now, before the first document arrives (they load compromise meanwhile). */
  prewarm(): void {
    this.pool?.prewarm();
  }

  /** The latest completed analysis of an open document (possibly of an older version), or null. */
  latest(uri: string): Latest | null {
    return this.docs.get(uri)?.latest ?? null;
  }

  /** A document was opened or changed: analyze its newest version soon. */
  update(uri: string): void {
    let st = this.docs.get(uri);
    if (!st) this.docs.set(uri, (st = { latest: null, running: false, rerun: false, scheduled: false, lastPartial: 0, partialCost: 0 }));
    if (st.running) {
      // Stale work: drop what is still queued for the older version (the run notices and restarts).
      st.rerun = true;
      this.pool?.cancel(uri);
      return;
    }
    if (st.scheduled) return;
    st.scheduled = true;
    setImmediate(() => {
      st!.scheduled = false;
      void this.run(uri);
    });
  }

  /** Analyze every open document again (the settings changed). */
  refreshAll(): void {
    for (const uri of this.docs.keys()) this.update(uri);
  }

  close(uri: string): void {
    this.pool?.cancel(uri);
    this.docs.delete(uri);
    this.wake(uri, Infinity);
  }

  /**
   * Resolves when a complete analysis of `version` (or of a later version) of the document is done,
   * or when the document is closed.
   */
  whenAnalyzed(uri: string, version: number): Promise<void> {
    const latest = this.latest(uri);
    if (!this.docs.has(uri) || (latest && !latest.partial && latest.version >= version)) return Promise.resolve();
    return new Promise((resolve) => {
      let list = this.waiters.get(uri);
      if (!list) this.waiters.set(uri, (list = []));
      list.push({ version, resolve });
    });
  }

  private wake(uri: string, version: number): void {
    const list = this.waiters.get(uri);
    if (!list) return;
    const keep = list.filter((w) => w.version > version);
    for (const w of list) if (w.version <= version) w.resolve();
    if (keep.length) this.waiters.set(uri, keep);
    else this.waiters.delete(uri);
  }

  async dispose(): Promise<void> {
    for (const uri of [...this.waiters.keys()]) this.wake(uri, Infinity);
    this.docs.clear();
    await this.pool?.dispose();
  }

  /** Resolves when no analysis is running or scheduled (for tests and the benchmark). */
  async idle(): Promise<void> {
    while ([...this.docs.values()].some((s) => s.running || s.scheduled || s.rerun)) await new Promise((r) => setTimeout(r, 5));
  }

  private async run(uri: string): Promise<void> {
    const st = this.docs.get(uri);
    if (!st || st.running) return;
    st.running = true;
    try {
      await this.analyze(uri, st);
    } catch (e) {
      this.hooks.onError?.('analysis', e);
    } finally {
      st.running = false;
      if (st.rerun && this.docs.get(uri) === st) {
        st.rerun = false;
        this.update(uri);
      }
    }
  }

  private finish(uri: string, st: DocState, version: number, analysis: Analysis | null, partial = false): void {
    st.latest = { version, analysis, partial };
    this.hooks.onAnalysis(uri, version, analysis, partial);
    if (!partial) this.wake(uri, version);
  }

  private async analyze(uri: string, st: DocState): Promise<void> {
    const doc = this.hooks.document(uri);
    if (!doc) return;
    const { version, languageId } = doc;
    const text = doc.getText();
    if (!this.hooks.enabled(doc)) return this.finish(uri, st, version, null);
    const settings = this.hooks.settings();
    if (byteSize(text, settings.maxFileSize) > settings.maxFileSize) {
      if (!this.notified.has(uri)) {
        this.notified.add(uri);
        this.hooks.notify?.(`News Lens skips ${uri}: it is larger than newsLens.maxFileSize (${settings.maxFileSize} bytes).`);
      }
      return this.finish(uri, st, version, null);
    }
    this.notified.delete(uri);
    const options = this.optionsFor(doc, settings);
    if (!this.pool || this.pool.broken) return this.finish(uri, st, version, this.analyzer.analyze(text, options));

    trace(`analyze ${uri} v${version} (${text.length} chars)`);
    for (let attempt = 0; ; attempt++) {
      const missing = this.analyzer.missingBlocks(text, options);
      trace(`  ${missing.length} blocks missing`);
      if (!missing.length) break;
      if (attempt >= 3) {
        // Workers keep failing on these blocks: compute them here.
        return this.finish(uri, st, version, this.analyzer.analyze(text, options));
      }
      let missingChars = 0;
      for (const t of missing) missingChars += t.length;
      const partial = missingChars > this.partialChars;
      // The workers also compute the blocks' claim findings ahead (seeds), unless the analysis is too
      // large to spread over them (then one worker's memory goes to the blocks alone). Also for an edit's
      // few blocks: the claim rules are warm in the workers (they ran there on the first analysis),
      // while on the main thread, which rarely runs them, they are cold (measured on a 1 MB article: a
      // paragraph's rules took 25-40 ms there, on a few edits in ten).
      const seeding = missingChars <= this.pool.spreadMaxChars;
      const claims = seeding ? this.analyzer.claimContext(text, options) ?? undefined : undefined;
      const waits: Promise<void>[] = [];
      let chunk: string[] = [];
      let chunkSize = 0;
      const send = () => {
        if (!chunk.length) return;
        waits.push(this.dispatch(uri, languageId, chunk, missingChars, claims, (got) => {
          if (partial && got) this.maybePartial(uri, st, version, text, options);
        }));
        chunk = [];
        chunkSize = 0;
      };
      for (const t of missing) {
        const running = this.inFlight.get(flightKey(languageId, t));
        if (running) { waits.push(running); continue; }
        chunk.push(t);
        chunkSize += t.length;
        if (chunkSize >= this.chunkChars) send();
      }
      send();
      await Promise.all(waits);
      const now = this.hooks.document(uri);
      if (!now || now.version !== version || st.rerun) return; // a newer version is waiting
    }
    trace('  assemble');
    const analysis = this.analyzer.analyze(text, options);
    trace(`  assembled (claims checked on ${this.analyzer.stats.claimBlocks} blocks, ${this.analyzer.stats.rescannedBlocks} rescanned)`);
    this.finish(uri, st, version, analysis);
    trace('  published', true);
  }

  /** The engine's options for a document. */
  private optionsFor(doc: StoreDocument, settings: StoreSettings): AnalyzeOptions {
    return { languageId: doc.languageId, rules: settings.rules, facts: this.hooks.facts?.(doc.uri) };
  }

  /**
   * Sends block texts to a worker; their results (and claim findings computed ahead) go into the
   * cache. The texts are in flight until then: an analysis that needs one waits for it.
   */
  private dispatch(uri: string, languageId: string, texts: readonly string[], missingChars: number, claims: ClaimContext | undefined, then?: (got: boolean) => void): Promise<void> {
    const done = this.pool!.blocks(uri, languageId, texts, missingChars, claims).then((answer) => {
      trace(`  chunk of ${texts.length} back`);
      const results = answer?.results;
      if (results) {
        results.forEach((r, i) => {
          for (const e of r.errors ?? []) this.hooks.onError?.(e.source, e.message);
          this.analyzer.cache.put(languageId, texts[i], r);
          const seed = answer.seeds?.[i];
          if (seed) this.analyzer.seedClaims(r, seed);
        });
      }
      for (const t of texts) this.inFlight.delete(flightKey(languageId, t));
      then?.(!!results);
    });
    for (const t of texts) this.inFlight.set(flightKey(languageId, t), done);
    return done;
  }

  /** Warms the claim rules on this thread (`Analyzer.warmClaims`): once, when the server is idle. */
  warmClaims(count: number): number {
    return this.analyzer.warmClaims(count);
  }

  /** Tells the engine that `to` is `from` with [start, end) replaced by `insert` (`Analyzer.edited`). */
  edited(from: string, start: number, end: number, insert: string, to: string): void {
    this.analyzer.edited(from, start, end, insert, to);
  }

  /**
   * An edit is about to be applied to a document (`doc` is still its old version): when it stays
   * inside one paragraph, the paragraph's new text is sent to a worker now, while the server applies
   * the edit and scans the changed lines. The analysis then finds the paragraph in flight or done.
   * Only a guess: a block result depends on its text alone, and one that no analysis asks for is
   * never used.
   */
  speculate(doc: StoreDocument, start: number, end: number, newText: string): void {
    if (!this.pool || this.pool.broken || !this.docs.has(doc.uri) || /[\r\n\u2028\u2029<]/.test(newText)) return;
    const old = doc.getText();
    const b = this.analyzer.blockAround(old, doc.languageId, start, end);
    if (!b) return;
    const text = b.text.slice(0, start - b.start) + newText + b.text.slice(end - b.start);
    const key = flightKey(doc.languageId, text);
    if (text.length > MAX_NLP_BLOCK || this.inFlight.has(key) || this.analyzer.cache.entry(doc.languageId, text)) return;
    const claims = this.analyzer.claimContext(old, this.optionsFor(doc, this.hooks.settings())) ?? undefined;
    trace(`  speculate: 1 block (${text.length} chars)`);
    void this.dispatch(doc.uri, doc.languageId, [text], text.length, claims);
  }

  private maybePartial(uri: string, st: DocState, version: number, text: string, options: AnalyzeOptions): void {
    const now = Date.now();
    // At most every `partialIntervalMs`, and never more than a tenth of the time on partial results.
    if (now - st.lastPartial < Math.max(this.partialIntervalMs, 10 * st.partialCost) || st.rerun) return;
    const doc = this.hooks.document(uri);
    if (!doc || doc.version !== version) return;
    const { analysis, skipped } = this.analyzer.assemble(text, options, 'skip');
    trace(`  partial assembled (${skipped} left) in ${Date.now() - now} ms`);
    st.lastPartial = Date.now();
    st.partialCost = st.lastPartial - now;
    if (skipped > 0) this.finish(uri, st, version, analysis, true);
  }
}
