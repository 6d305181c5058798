/**
 * Document → analysis scheduling for the language server.
 *
 * - One analyzer (and block cache) for all open documents: after an edit only the blocks whose text
 *   changed are analyzed again; the article-level passes run on the cached block results.
 * - Blocks that are not cached are computed by a worker thread (`worker.js`; a pool, one by default),
 *   so the main thread never runs compromise and keeps answering requests
 *   while a large article is analyzed. A newer version of a document cancels the queued work of the
 *   older one (work already running finishes and is cached: most of it is still needed).
 * - Requests answer from the latest completed analysis (`latest`), which may be one version behind
 *   while an analysis runs. For a large first analysis, partial results (the blocks done so far) are
 *   published as they arrive.
 * - Files above `maxFileSize` are skipped with a message.
 * Without worker threads (no worker.js next to the server, or NEWS_LENS_WORKERS=0) everything runs
 * in-process, synchronously.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { createAnalyzer, type Analysis, type Analyzer, type AnalyzeOptions, type BlockResult } from './engine';
import { analyzeBlocks } from './engine/blocks';

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
  /** Worker threads (default: NEWS_LENS_WORKERS, else min(2, cores)); 0 analyzes in-process. */
  workers?: number;
  /** Uncached blocks are sent to the workers in chunks of about this many characters. */
  chunkChars?: number;
  /** A first analysis with more uncached text than this publishes partial results. */
  partialChars?: number;
  /**
   * An analysis with at least this much uncached text also computes blocks on the main thread, beside
   * the workers (one job at a time, between messages): both cores work on a large first analysis
   * without a second worker's memory. Default Infinity (never); NEWS_LENS_MAIN_THREAD=1 sets 16 KB.
   */
  mainThreadChars?: number;
  /**
   * ...but not with more uncached text than this (default 1.5 MB): compromise on the main thread costs
   * memory that grows with the text (375 MB instead of 289 MB peak with a 3 MB article), so very large
   * articles are left to the worker, and the server stays within ~300 MB.
   */
  mainThreadMaxChars?: number;
  /** Minimum time between two partial results of one document (ms). */
  partialIntervalMs?: number;
}

export interface Latest {
  readonly version: number;
  readonly analysis: Analysis | null;
  readonly partial: boolean;
}

interface Job {
  readonly owner: string;
  readonly languageId: string;
  readonly texts: readonly string[];
  readonly priority: number;
  readonly seq: number;
  /** The main thread may take this job when no worker is free. */
  readonly shareable: boolean;
  resolve(results: readonly BlockResult[] | null): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  nextId: number;
}

/**
 * A small pool of worker threads that compute block results; jobs run smallest first. Shareable jobs
 * may also run on the main thread, one at a time, when every worker is busy.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private queue: Job[] = [];
  private seq = 0;
  private mainBusy = false;
  broken = false;
  /** Jobs computed on the main thread (for tests and the benchmark). */
  mainJobs = 0;

  constructor(private readonly script: string, private readonly size: number, private readonly log: (m: string) => void) {}

  /** Computes `texts`; resolves null when the job was cancelled or the worker failed. */
  run(owner: string, languageId: string, texts: readonly string[], priority: number, shareable = false): Promise<readonly BlockResult[] | null> {
    return new Promise((resolve) => {
      this.queue.push({ owner, languageId, texts, priority, seq: this.seq++, shareable, resolve });
      this.queue.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      this.pump();
    });
  }

  /** Drops the queued (not yet running) jobs of `owner`; they resolve null. */
  cancel(owner: string): void {
    const keep: Job[] = [];
    for (const j of this.queue) {
      if (j.owner === owner) j.resolve(null);
      else keep.push(j);
    }
    this.queue = keep;
  }

  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length + (this.mainBusy ? 1 : 0);
  }

  private spawn(): Slot | undefined {
    try {
      // A small young generation and a bounded old one: compromise makes much short-lived garbage,
      // and with V8's defaults a worker's heap grows to ~170 MB for what fits in ~110 (3 MB article).
      // A worker that runs out of memory stops; its blocks are then analyzed in-process.
      const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 192 } });
      const slot: Slot = { worker, job: null, nextId: 1 };
      worker.unref();
      worker.on('message', (m: { id?: number; results?: BlockResult[]; error?: string; ready?: boolean }) => {
        if (m.ready) return;
        const job = slot.job;
        slot.job = null;
        if (m.error) this.log(`News Lens: a worker failed on a block: ${m.error}`);
        job?.resolve(m.results ?? null);
        this.pump();
      });
      const fail = (why: string) => {
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
        const job = slot.job;
        slot.job = null;
        this.log(`News Lens: a worker thread stopped (${why}); its blocks are analyzed in-process.`);
        job?.resolve(null);
        this.pump();
      };
      worker.on('error', (e) => fail(String((e as Error)?.message ?? e)));
      worker.on('exit', (code) => { if (this.slots.includes(slot)) fail(`exit code ${code}`); });
      this.slots.push(slot);
      return slot;
    } catch (e) {
      this.broken = true;
      this.log(`News Lens: worker threads are not available (${(e as Error)?.message ?? e}); analyzing in-process.`);
      return undefined;
    }
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size && !this.broken) slot = this.spawn();
      if (!slot) {
        this.runOnMain();
        break;
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: slot.nextId++, languageId: job.languageId, texts: job.texts });
    }
    for (const s of this.slots) if (!s.job) s.worker.unref();
  }

  /** Takes the next shareable job onto the main thread, after the messages already waiting. */
  private runOnMain(): void {
    if (this.mainBusy) return;
    const i = this.queue.findIndex((j) => j.shareable);
    if (i < 0) return;
    const job = this.queue.splice(i, 1)[0];
    this.mainBusy = true;
    setImmediate(() => {
      let results: BlockResult[] | null = null;
      try {
        results = analyzeBlocks(job.texts, job.languageId);
        this.mainJobs++;
      } catch (e) {
        this.log(`News Lens: computing blocks on the main thread failed: ${(e as Error)?.stack ?? e}`);
      }
      this.mainBusy = false;
      job.resolve(results);
      this.pump();
    });
  }

  async dispose(): Promise<void> {
    for (const j of this.queue) j.resolve(null);
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
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
 * One worker thread by default: each one loads compromise and the gazetteers (about 100 MB), and the
 * server must stay within a few hundred MB with a very large article open. NEWS_LENS_WORKERS sets it.
 */
function defaultWorkers(): number {
  const env = process.env.NEWS_LENS_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Math.min(Number(env), Math.max(1, cpus().length));
  return 1;
}

/** The size of a text in UTF-8 bytes (exact only when it matters: near the limit). */
function byteSize(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length;
  return Buffer.byteLength(text, 'utf8');
}

export class AnalysisStore {
  readonly analyzer: Analyzer;
  private readonly pool: WorkerPool | null;
  private readonly docs = new Map<string, DocState>();
  /** Block texts (per language) being computed by a worker, and when they will be in the cache. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly notified = new Set<string>();
  private readonly chunkChars: number;
  private readonly partialChars: number;
  private readonly partialIntervalMs: number;
  private readonly mainThreadChars: number;
  private readonly mainThreadMaxChars: number;

  constructor(private readonly hooks: StoreHooks, options: StoreOptions = {}) {
    this.analyzer = createAnalyzer({ onError: hooks.onError });
    const script = options.workerScript ?? join(__dirname, 'worker.js');
    const workers = options.workers ?? defaultWorkers();
    this.pool = workers > 0 && existsSync(script) ? new WorkerPool(script, workers, (m) => hooks.log?.(m)) : null;
    this.chunkChars = options.chunkChars ?? 8192;
    this.partialChars = options.partialChars ?? 256 * 1024;
    this.partialIntervalMs = options.partialIntervalMs ?? 1000;
    // Off by default: measured on the shared 2-core machine (load 9–13), a server with one worker was
    // faster than one whose main thread helped (30 KB: 0.84× vs 1.36× the baseline; 300 KB: 0.91× vs
    // 1.32×): the main thread first loads compromise (cold, not JIT-warm) and no core was idle.
    // NEWS_LENS_MAIN_THREAD=1 turns it on (for a machine with idle cores).
    this.mainThreadChars = options.mainThreadChars ?? (process.env.NEWS_LENS_MAIN_THREAD === '1' ? 16 * 1024 : Infinity);
    this.mainThreadMaxChars = options.mainThreadMaxChars ?? 1536 * 1024;
  }

  /** Jobs the main thread computed beside the workers. */
  get mainJobs(): number {
    return this.pool?.mainJobs ?? 0;
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
  }

  async dispose(): Promise<void> {
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
    const options: AnalyzeOptions = { languageId, rules: settings.rules, facts: this.hooks.facts?.(uri) };
    if (!this.pool || this.pool.broken) return this.finish(uri, st, version, this.analyzer.analyze(text, options));

    for (let attempt = 0; ; attempt++) {
      const missing = this.analyzer.missingBlocks(text, options);
      if (!missing.length) break;
      if (attempt >= 3) {
        // Workers keep failing on these blocks: compute them here.
        return this.finish(uri, st, version, this.analyzer.analyze(text, options));
      }
      let missingChars = 0;
      for (const t of missing) missingChars += t.length;
      const partial = missingChars > this.partialChars;
      const shareable = missingChars >= this.mainThreadChars && missingChars <= this.mainThreadMaxChars;
      const waits: Promise<void>[] = [];
      let chunk: string[] = [];
      let chunkSize = 0;
      const send = () => {
        if (!chunk.length) return;
        const texts = chunk;
        const done = this.pool!.run(uri, languageId, texts, missingChars, shareable).then((results) => {
          if (results) {
            results.forEach((r, i) => {
              for (const e of r.errors ?? []) this.hooks.onError?.(e.source, e.message);
              this.analyzer.cache.put(languageId, texts[i], r);
            });
          }
          for (const t of texts) this.inFlight.delete(`${languageId}\u0000${t}`);
          if (partial && results) this.maybePartial(uri, st, version, text, options);
        });
        for (const t of texts) this.inFlight.set(`${languageId}\u0000${t}`, done);
        waits.push(done);
        chunk = [];
        chunkSize = 0;
      };
      for (const t of missing) {
        const running = this.inFlight.get(`${languageId}\u0000${t}`);
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
    this.finish(uri, st, version, this.analyzer.analyze(text, options));
  }

  private maybePartial(uri: string, st: DocState, version: number, text: string, options: AnalyzeOptions): void {
    const now = Date.now();
    // At most every `partialIntervalMs`, and never more than a tenth of the time on partial results.
    if (now - st.lastPartial < Math.max(this.partialIntervalMs, 10 * st.partialCost) || st.rerun) return;
    const doc = this.hooks.document(uri);
    if (!doc || doc.version !== version) return;
    const { analysis, skipped } = this.analyzer.assemble(text, options, 'skip');
    st.lastPartial = Date.now();
    st.partialCost = st.lastPartial - now;
    if (skipped > 0) this.finish(uri, st, version, analysis, true);
  }
}
