/**
 * The workspace index: the entities of every article in the workspace folders, for workspace/symbol
 * (Ctrl+T "Aliyev" lists every article that mentions him), and the summary of one article's entities
 * that the client's tree view and status bar show (the `newsLens/entities` request).
 *
 * The index is built in the background: files are found with bounds (file count, file size, no
 * node_modules, .git or hidden folders) and analyzed one at a time through `IndexOptions.summarize`
 * (the server runs it as a background job of its worker pool, `../workerPool.ts`, so a large
 * workspace never delays a request; in-process by default). It keeps a small summary per file, not the analysis. Open documents are not
 * read from disk: the server passes their live analyses when answering.
 */
import { promises as fsp } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SymbolKind, type Range, type SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, EntityKind } from '../engine';
import { summarizeText, type IndexedEntity } from './indexSummary';

export const ARTICLE_FILE = /\.(news|article)$/i;
export const ARTICLE_GLOB = '**/*.{news,article}';
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'build', 'bower_components']);

export const SYMBOL_KIND: Record<EntityKind, SymbolKind> = {
  person: SymbolKind.Object,
  country: SymbolKind.Module,
  place: SymbolKind.Field,
  organization: SymbolKind.Class,
  event: SymbolKind.Event,
};

export { summarize, summarizeText, type IndexedEntity } from './indexSummary';

export interface IndexOptions {
  /** At most this many files are indexed (the rest are skipped with one log line). */
  readonly maxFiles?: number;
  /** Files larger than this many bytes are skipped. */
  readonly maxFileSize?: number;
  readonly log?: (message: string) => void;
  /** Analyzes one article's text into the index's summary (default: in-process, `summarizeText`). */
  readonly summarize?: (text: string) => Promise<readonly IndexedEntity[]>;
}

/** How well `query` matches `form`: 3 prefix, 2 word start, 1 substring, 0.5 subsequence, 0 none. */
export function matchScore(query: string, form: string): number {
  if (!query) return 1;
  const i = form.indexOf(query);
  if (i === 0) return 3;
  if (i > 0) return /[\p{L}\p{N}]/u.test(form[i - 1]) ? 1 : 2;
  let j = 0;
  for (let k = 0; k < form.length && j < query.length; k++) if (form[k] === query[j]) j++;
  return j === query.length ? 0.5 : 0;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, readonly IndexedEntity[]>();
  /** Files removed (deleted, or their folder removed) while being analyzed: their result is dropped. */
  private readonly removed = new Set<string>();
  private readonly summarize: (text: string) => Promise<readonly IndexedEntity[]>;
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private roots: string[] = [];
  private draining: Promise<void> | null = null;
  private scanning: Promise<void> = Promise.resolve();
  private skippedNoted = false;
  readonly maxFiles: number;
  maxFileSize: number;
  private readonly log: (message: string) => void;
  /** Files indexed from disk so far (for tests and the log). */
  indexed = 0;

  constructor(options: IndexOptions = {}) {
    this.maxFiles = options.maxFiles ?? 5000;
    this.maxFileSize = options.maxFileSize ?? 2 * 1024 * 1024;
    this.log = options.log ?? (() => undefined);
    this.summarize = options.summarize ?? (async (text) => summarizeText(text));
  }

  /** Starts indexing the folders (file URIs) in the background. */
  addFolders(folderUris: readonly string[]): void {
    const dirs = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.roots.push(...dirs);
    const previous = this.scanning;
    this.scanning = previous.then(async () => {
      for (const dir of dirs) await this.scan(dir);
    });
  }

  removeFolders(folderUris: readonly string[]): void {
    for (const u of folderUris) {
      if (!u.startsWith('file:')) continue;
      const dir = fileURLToPath(u);
      this.roots = this.roots.filter((r) => r !== dir);
      for (const key of [...this.files.keys(), ...this.queue]) {
        if (fileURLToPath(key).startsWith(dir + '/') || fileURLToPath(key).startsWith(dir + '\\')) this.remove(key);
      }
    }
  }

  /** Resolves when the scans started so far and the files queued so far are indexed. */
  async settled(): Promise<void> {
    for (;;) {
      const scanning = this.scanning;
      await scanning;
      if (this.draining) await this.draining;
      if (scanning === this.scanning && !this.draining && !this.queue.length) return;
    }
  }

  private async scan(root: string): Promise<void> {
    const stack = [root];
    let found = 0;
    while (stack.length) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const d of entries) {
        if (d.isDirectory()) {
          if (!d.name.startsWith('.') && !SKIP_DIRS.has(d.name)) stack.push(join(dir, d.name));
        } else if (d.isFile() && ARTICLE_FILE.test(d.name)) {
          if (this.files.size + this.queue.length >= this.maxFiles) {
            if (!this.skippedNoted) this.log(`News Lens: the workspace has more than ${this.maxFiles} articles; the rest are not indexed.`);
            this.skippedNoted = true;
            return;
          }
          found++;
          this.enqueue(pathToFileURL(join(dir, d.name)).toString());
        }
      }
    }
    this.log(`News Lens: indexing ${found} article${found === 1 ? '' : 's'} in ${root}.`);
  }

  /** (Re-)indexes a file from disk in the background (created or changed on disk). */
  enqueue(uri: string): void {
    if (!uri.startsWith('file:') || !ARTICLE_FILE.test(uri)) return;
    this.removed.delete(uri);
    if (!this.queued.has(uri)) {
      this.queued.add(uri);
      this.queue.push(uri);
    }
    this.draining ??= this.drain().finally(() => { this.draining = null; });
  }

  /** Forgets a file (deleted on disk). */
  remove(uri: string): void {
    this.files.delete(uri);
    this.removed.add(uri);
    const i = this.queue.indexOf(uri);
    if (i >= 0) this.queue.splice(i, 1);
    this.queued.delete(uri);
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      // One file per turn of the event loop: requests are answered in between.
      await new Promise<void>((r) => setImmediate(r));
      const uri = this.queue.shift();
      if (!uri) break;
      this.queued.delete(uri);
      await this.indexFile(uri);
    }
  }

  private async indexFile(uri: string): Promise<void> {
    const path = fileURLToPath(uri);
    try {
      const st = await fsp.stat(path);
      if (st.size > this.maxFileSize) {
        this.files.delete(uri);
        this.log(`News Lens: ${path} is larger than ${this.maxFileSize} bytes and is not indexed.`);
        return;
      }
      const text = await fsp.readFile(path, 'utf8');
      const summary = await this.summarize(text);
      // Deleted meanwhile, or changed again (queued): this result is not the file's.
      if (this.removed.has(uri) || this.queued.has(uri)) return;
      this.files.set(uri, summary);
      this.indexed++;
    } catch (e) {
      this.files.delete(uri);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`News Lens: cannot index ${path}: ${(e as Error).message}`);
    }
  }

  /** The files on disk whose index summary has the entity `id` (for a rename across the workspace). */
  filesWithEntity(id: string): string[] {
    const out: string[] = [];
    for (const [uri, entities] of this.files) if (entities.some((e) => e.id === id)) out.push(uri);
    return out;
  }

  /** The files in the index (disk versions). */
  get size(): number {
    return this.files.size;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  private label(uri: string): string {
    if (!uri.startsWith('file:')) return uri;
    const path = fileURLToPath(uri);
    const root = this.roots.find((r) => path.startsWith(r));
    return root ? relative(root, path) : basename(path);
  }

  /**
   * Workspace symbols: one per entity per article whose name or one of its written forms matches
   * `query` (case-insensitive; prefix, word, substring, then subsequence matches), best first.
   * `open` gives the live entities of open documents, which replace their disk versions.
   */
  symbols(query: string, open: ReadonlyMap<string, readonly IndexedEntity[]>, limit = 1000): SymbolInformation[] {
    const q = query.trim().toLowerCase();
    const scored: { score: number; s: SymbolInformation }[] = [];
    const consider = (uri: string, entities: readonly IndexedEntity[]) => {
      for (const e of entities) {
        let score = 0;
        for (const f of e.forms) score = Math.max(score, matchScore(q, f));
        if (!score) continue;
        scored.push({
          score,
          s: { name: e.name, kind: SYMBOL_KIND[e.kind], containerName: `${this.label(uri)} · ${e.kind}, ${e.mentions} mention${e.mentions === 1 ? '' : 's'}`, location: { uri, range: e.range } },
        });
      }
    };
    for (const [uri, entities] of open) consider(uri, entities);
    for (const [uri, entities] of this.files) if (!open.has(uri)) consider(uri, entities);
    scored.sort((x, y) => y.score - x.score || x.s.name.localeCompare(y.s.name) || x.s.location.uri.localeCompare(y.s.location.uri));
    return scored.slice(0, limit).map((x) => x.s);
  }
}

/** The `newsLens/entities` answer: one open article's entities with counts, for the tree view and status bar. */
export interface EntitiesSummary {
  uri: string;
  version: number;
  counts: { entities: number; mentions: number; warnings: number; byKind: Record<EntityKind, number> };
  entities: { id: string; kind: EntityKind; name: string; mentions: number; forms: string[]; warnings: number; range: Range }[];
}

export function entitiesSummary(doc: TextDocument, a: Analysis): EntitiesSummary {
  const byKind = { person: 0, country: 0, place: 0, organization: 0, event: 0 } as Record<EntityKind, number>;
  const entities = a.entities.filter((e) => e.mentions.length).map((e) => {
    byKind[e.kind]++;
    // A warning belongs to an entity when the flagged span holds one of its mentions.
    const warnings = a.claims.filter((c) => e.mentions.some((m) => m.start >= c.start && m.end <= c.end)).length;
    return {
      id: e.id, kind: e.kind, name: e.name, mentions: e.mentions.length,
      forms: [...new Set(e.mentions.map((m) => m.text))],
      warnings,
      range: { start: doc.positionAt(e.mentions[0].start), end: doc.positionAt(e.mentions[0].end) },
    };
  });
  return {
    uri: doc.uri,
    version: doc.version,
    counts: { entities: entities.length, mentions: a.mentions.length, warnings: a.claims.length, byKind },
    entities,
  };
}
