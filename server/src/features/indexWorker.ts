/**
 * The workspace index's own worker thread: it analyzes the articles on disk (`summarizeText`) so that
 * indexing a large workspace never runs on the server's main thread and never delays a request. It is
 * separate from the analysis store's pool (which serves the open documents first), started when the
 * index has work and stopped after `idleMs` without any, so its memory (compromise and the gazetteers)
 * is given back. Without a worker script (or after the worker fails) it analyzes in-process.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeText, renameSpansInText, type IndexedEntity } from './indexSummary';
import type { Span } from '../engine';

/** The messages the worker (`../worker.ts`) answers: `{ id, summary }` or `{ id, spans }` (or `{ id, error }`). */
export type SummarizeRequest =
  | { readonly id: number; readonly summarize: string }
  | { readonly id: number; readonly renameSpans: { readonly text: string; readonly entity: string; readonly form: string } };

export class IndexWorker {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  private idleTimer: NodeJS.Timeout | undefined;
  /** Summaries computed by the worker thread (for tests and the log). */
  offThread = 0;

  constructor(
    private readonly script = join(__dirname, 'worker.js'),
    private readonly options: { idleMs?: number; log?: (message: string) => void } = {},
  ) {}

  /** The index summary of an article's text. */
  summarize(text: string): Promise<readonly IndexedEntity[]> {
    return this.ask((id) => ({ id, summarize: text }), () => summarizeText(text));
  }

  /** For a rename across the workspace: the spans of `form` in the mentions of entity `entity` in `text`. */
  renameSpans(text: string, entity: string, form: string): Promise<readonly Span[]> {
    return this.ask((id) => ({ id, renameSpans: { text, entity, form } }), () => renameSpansInText(text, entity, form));
  }

  /** Sends a request to the worker thread; computes it in-process (`here`) without one or if it fails. */
  private ask<T>(message: (id: number) => SummarizeRequest, here: () => T): Promise<T> {
    const worker = this.start();
    if (!worker) return Promise.resolve().then(here);
    clearTimeout(this.idleTimer);
    worker.ref();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage(message(id));
    }).catch(here); // the worker died on this file: do it here
  }

  async dispose(): Promise<void> {
    clearTimeout(this.idleTimer);
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    if (this.broken || !existsSync(this.script)) return null;
    try {
      const worker = new Worker(this.script);
      worker.on('message', (m: { id?: number; summary?: IndexedEntity[]; spans?: Span[]; error?: string }) => {
        const p = m.id !== undefined ? this.pending.get(m.id) : undefined;
        if (!p) return;
        this.pending.delete(m.id!);
        const value = m.summary ?? m.spans;
        if (value) { this.offThread++; p.resolve(value); } else p.reject(new Error(m.error ?? 'no answer'));
        if (!this.pending.size) this.idle();
      });
      const fail = (why: string) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.broken = true;
        this.options.log?.(`News Lens: the index's worker thread stopped (${why}); articles are indexed in-process.`);
        for (const p of this.pending.values()) p.reject(new Error(why));
        this.pending.clear();
      };
      worker.on('error', (e) => fail(String((e as Error)?.message ?? e)));
      worker.on('exit', (code) => fail(`exit code ${code}`));
      this.worker = worker;
      return worker;
    } catch (e) {
      this.broken = true;
      this.options.log?.(`News Lens: no worker thread for the index (${(e as Error)?.message ?? e}); articles are indexed in-process.`);
      return null;
    }
  }

  /** Nothing to do: let the process exit, and stop the thread after a while. */
  private idle(): void {
    this.worker?.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const w = this.worker;
      if (!w || this.pending.size) return;
      this.worker = null; // (not broken: started again when there is work)
      void w.terminate();
    }, this.options.idleMs ?? 30_000);
    this.idleTimer.unref();
  }
}
