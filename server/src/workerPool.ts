/**
 * The language server's worker threads (`worker.js`): one pool for all the work that runs compromise,
 * so that the main thread never does and keeps answering requests.
 *
 * Jobs, in priority order (lower first):
 * - block jobs (`run`): the uncached blocks of an open document's analysis, in chunks. An analysis of
 *   at most `spreadMaxChars` uncached text spreads its chunks over every worker (both cores for a
 *   large first analysis); a larger one (a multi-megabyte article) uses one worker, and the pool stops
 *   its idle extra workers first: each worker costs 50–100 MB, and the server must stay within ~300 MB.
 *   On a machine already busy (load average above `spreadMaxLoad`, like `make -l`), an analysis also
 *   uses one worker: a second one finds no idle core and only adds its own warm-up and GC.
 * - article jobs (`ask`): a whole article analyzed for the workspace index (`summarize`, background:
 *   lowest priority, one worker at a time, never queued behind or ahead of other work in a worker, so
 *   an open document always has a worker) or for a rename across the workspace (`renameSpans`).
 * The first worker stays; the others stop after `idleMs` without work and start again when needed.
 * Up to `PIPELINE` jobs are posted to a worker ahead of its answers. Without worker threads, or when a
 * worker fails, a job resolves null and the caller computes it in-process.
 */
import { Worker } from 'node:worker_threads';
import { loadavg, cpus } from 'node:os';
import type { BlockResult } from './engine/blocks';
import type { ClaimContext, ClaimSeed } from './engine/claims';
import type { Span } from './engine';
import type { IndexedEntity } from './features/indexSummary';

/** A whole-article request to the worker (`worker.ts`): answered `{ id, summary }` or `{ id, spans }`, or `{ id, error }`. */
export type ArticleRequest =
  | { readonly summarize: string }
  | { readonly renameSpans: { readonly text: string; readonly entity: string; readonly form: string } };

/**
 * Block texts to compute: answered `{ id, results }` (same order), or `{ id, error }`. With `claims`,
 * the answer also holds each block's claim findings computed ahead (`seeds`, same order; see
 * `seedClaims` in engine/claims).
 */
export interface BlocksRequest {
  readonly languageId: string;
  readonly texts: readonly string[];
  readonly claims?: ClaimContext;
}

/** A block job's answer. */
export interface BlocksAnswer {
  readonly results: readonly BlockResult[];
  readonly seeds?: readonly (ClaimSeed | null)[];
}

export type WorkerRequest = (BlocksRequest | ArticleRequest) & { readonly id: number };

interface WorkerAnswer {
  id?: number;
  results?: BlockResult[];
  seeds?: (ClaimSeed | null)[];
  summary?: IndexedEntity[];
  spans?: Span[];
  error?: string;
  ready?: boolean;
}

interface Job {
  readonly owner: string;
  readonly request: BlocksRequest | ArticleRequest;
  readonly priority: number;
  readonly seq: number;
  /** 'spread': any worker; 'solo': one worker (above `spreadMaxChars`, the idle others are stopped); 'background': see above. */
  readonly mode: 'spread' | 'solo' | 'background';
  resolve(answer: WorkerAnswer | null): void;
}

interface Slot {
  worker: Worker;
  /** Jobs posted to the worker, oldest first (it answers them in order). */
  jobs: Job[];
  nextId: number;
  idleTimer?: NodeJS.Timeout;
}

/**
 * Jobs posted to one worker ahead of its answers: the next one waits in the worker's own queue, so the
 * worker goes on while the main thread is busy (a partial assembly can take half a second) instead of
 * idling until its answer is read. Two: a newer edit's job waits at most one job more.
 */
const PIPELINE = 2;

export interface PoolOptions {
  /** At most this many worker threads. */
  readonly size: number;
  /** Extra workers (all but the first) stop after this long without work (ms; default 30 s). */
  readonly idleMs?: number;
  /** Block jobs of analyses with more uncached text than this use one worker (default 1.5 MB). */
  readonly spreadMaxChars?: number;
  /**
   * ...and so do all of them while the 1-minute load average is above this (default: cores + 1; the
   * busy machine has no idle core for a second worker).
   */
  readonly spreadMaxLoad?: number;
  readonly log?: (message: string) => void;
}

/** Priority of background (index) jobs: after everything else. */
const BACKGROUND = Number.MAX_SAFE_INTEGER;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private queue: Job[] = [];
  private seq = 0;
  broken = false;
  /** Workers started so far (for tests). */
  spawned = 0;
  readonly spreadMaxChars: number;
  private readonly spreadMaxLoad: number;
  private readonly idleMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly script: string, private readonly options: PoolOptions) {
    this.spreadMaxChars = options.spreadMaxChars ?? 1536 * 1024;
    this.spreadMaxLoad = options.spreadMaxLoad ?? cpus().length + 1;
    this.idleMs = options.idleMs ?? 30_000;
    this.log = options.log ?? (() => undefined);
  }

  /** Workers running now. */
  get workers(): number {
    return this.slots.length;
  }

  /** Starts every worker now (they load compromise while the editor opens its documents). */
  prewarm(): void {
    while (!this.broken && this.slots.length < this.options.size) {
      const slot = this.spawn();
      if (slot) this.idle(slot);
    }
  }

  /**
   * Computes block `texts` for an analysis with `uncachedChars` of uncached text (its priority: smaller
   * analyses first); resolves null when the job was cancelled or the worker failed.
   */
  run(owner: string, languageId: string, texts: readonly string[], uncachedChars: number): Promise<readonly BlockResult[] | null> {
    return this.blocks(owner, languageId, texts, uncachedChars).then((a) => a?.results ?? null);
  }

  /** `run`, and with `claims` each block's claim findings computed ahead (see `BlocksRequest`). */
  blocks(owner: string, languageId: string, texts: readonly string[], uncachedChars: number, claims?: ClaimContext): Promise<BlocksAnswer | null> {
    // (An edit's few blocks take whichever worker is free.)
    const busy = uncachedChars >= 32 * 1024 && loadavg()[0] > this.spreadMaxLoad;
    const mode = uncachedChars > this.spreadMaxChars || busy ? 'solo' : 'spread';
    return this.push(owner, claims ? { languageId, texts, claims } : { languageId, texts }, uncachedChars, mode)
      .then((a) => (a?.results ? { results: a.results, seeds: a.seeds } : null));
  }

  /** The index summary of an article's text (background work); null when no worker could compute it. */
  summarize(owner: string, text: string): Promise<readonly IndexedEntity[] | null> {
    return this.push(owner, { summarize: text }, BACKGROUND, 'background').then((a) => a?.summary ?? null);
  }

  /** For a rename across the workspace: the spans of `form` in entity `entity`'s mentions in `text` (before other work). */
  renameSpans(owner: string, text: string, entity: string, form: string): Promise<readonly Span[] | null> {
    return this.push(owner, { renameSpans: { text, entity, form } }, -1, 'spread').then((a) => a?.spans ?? null);
  }

  private push(owner: string, request: Job['request'], priority: number, mode: Job['mode']): Promise<WorkerAnswer | null> {
    if (this.broken) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.queue.push({ owner, request, priority, seq: this.seq++, mode, resolve });
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
    let n = this.queue.length;
    for (const s of this.slots) n += s.jobs.length;
    return n;
  }

  private spawn(): Slot | undefined {
    try {
      // A bounded heap: with V8's defaults a worker's heap grows to ~170 MB for what fits in ~110 (3 MB
      // article). The first worker (the one that stays, and the only one a very large analysis uses)
      // has a small young generation; the others a larger one: compromise makes much short-lived
      // garbage, and with 4 MB semi-spaces a megabyte of text takes ~320 scavenges, with 16 MB ~90
      // (half the scavenge time), for ~20 MB more while the worker runs.
      // A worker that runs out of memory stops; its jobs are then computed in-process.
      const young = this.slots.length === 0 ? 12 : 48;
      const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: young, maxOldGenerationSizeMb: 192 } });
      const slot: Slot = { worker, jobs: [], nextId: 1 };
      this.spawned++;
      worker.unref();
      worker.on('message', (m: WorkerAnswer) => {
        if (m.ready) return;
        const job = slot.jobs.shift();
        if (m.error) this.log(`News Lens: a worker failed on a ${job && 'texts' in job.request ? 'block' : 'file'}: ${m.error}`);
        job?.resolve(m.error ? null : m);
        this.pump();
      });
      const fail = (why: string) => {
        const i = this.slots.indexOf(slot);
        if (i < 0) return;
        this.slots.splice(i, 1);
        clearTimeout(slot.idleTimer);
        const jobs = slot.jobs;
        slot.jobs = [];
        this.log(`News Lens: a worker thread stopped (${why}); its work is done in-process.`);
        for (const job of jobs) job.resolve(null);
        this.pump();
      };
      worker.on('error', (e) => fail(String((e as Error)?.message ?? e)));
      worker.on('exit', (code) => fail(`exit code ${code}`));
      this.slots.push(slot);
      return slot;
    } catch (e) {
      this.broken = true;
      this.log(`News Lens: worker threads are not available (${(e as Error)?.message ?? e}); analyzing in-process.`);
      for (const j of this.queue) j.resolve(null);
      this.queue = [];
      return undefined;
    }
  }

  /** Stops a worker on purpose (idle, or to give its memory to a very large analysis). */
  private stop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0 || slot.jobs.length) return;
    this.slots.splice(i, 1);
    clearTimeout(slot.idleTimer);
    void slot.worker.terminate();
  }

  /** A worker without work: it lets the process exit, and an extra one stops after `idleMs`. */
  private idle(slot: Slot): void {
    slot.worker.unref();
    if (slot.idleTimer || slot === this.slots[0]) return;
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = undefined;
      if (!slot.jobs.length && slot !== this.slots[0]) this.stop(slot);
    }, this.idleMs);
    slot.idleTimer.unref();
  }

  private canSpawn(): boolean {
    return !this.broken && this.slots.length < this.options.size;
  }

  /** The worker for `job` now, or undefined (it waits). */
  private slotFor(job: Job): Slot | undefined {
    const running = (s: Slot) => s.jobs.some((j) => j.mode === 'background');
    if (job.mode === 'background') {
      if (this.slots.some(running)) return undefined;
      return this.slots.find((s) => !s.jobs.length) ?? (this.canSpawn() ? this.spawn() : undefined);
    }
    const usable = this.slots.filter((s) => !running(s));
    if (job.mode === 'solo') {
      // One worker; for a very large analysis the idle others are stopped (their memory goes to it).
      // (For those, the first worker: the one with the smaller heap.)
      const first = job.priority > this.spreadMaxChars && usable.includes(this.slots[0]) ? this.slots[0] : undefined;
      const slot = first ?? usable.find((s) => s.jobs.length) ?? usable[0] ?? (this.canSpawn() ? this.spawn() : undefined);
      if (job.priority > this.spreadMaxChars) for (const s of [...this.slots]) if (s !== slot && !s.jobs.length) this.stop(s);
      return slot && slot.jobs.length < PIPELINE ? slot : undefined;
    }
    return usable.find((s) => !s.jobs.length)
      ?? (this.canSpawn() ? this.spawn() : undefined)
      ?? usable.find((s) => s.jobs.length < PIPELINE);
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length;) {
      const job = this.queue[i];
      const slot = this.broken ? undefined : this.slotFor(job);
      if (!slot) { i++; continue; }
      this.queue.splice(i, 1);
      clearTimeout(slot.idleTimer);
      slot.idleTimer = undefined;
      slot.jobs.push(job);
      slot.worker.ref();
      slot.worker.postMessage({ ...job.request, id: slot.nextId++ });
    }
    for (const s of this.slots) if (!s.jobs.length) this.idle(s);
  }

  async dispose(): Promise<void> {
    for (const j of this.queue) j.resolve(null);
    this.queue = [];
    const slots = this.slots.splice(0);
    for (const s of slots) clearTimeout(s.idleTimer);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
