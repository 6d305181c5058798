/**
 * The News Lens language server. `./analysisStore` keeps the latest analysis of each open document
 * (incremental, worker threads for large ones); the handlers here translate it into protocol types;
 * all the understanding lives in `./engine`.
 */
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification, FileChangeType, ResponseError, LSPErrorCodes, type TextDocumentPositionParams,
  type InitializeParams, type InitializeResult, type Connection, type RenameParams, type WorkspaceEdit,
  type Range,
} from 'vscode-languageserver/node';
import { promises as fsp } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NewsTextDocuments, flattenText } from './textDocument';
import { StreamMessageWriterReusing } from './messageWriter';
import { collectYoungNow } from './idleGc';
import { format } from 'node:util';
import { entityById, type Analysis } from './engine';
import { AnalysisStore } from './analysisStore';
import { hover, prepareHover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { diagnostics } from './features/diagnostics';
import { codeActions } from './features/codeActions';
import { definition, references, documentHighlights, prepareRename, rename, entityAt, withOtherArticles, type OtherArticle } from './features/navigation';
import { formSpans } from './features/renameSpans';
import { LEGEND as SEMANTIC_LEGEND, encodeTokens, SemanticTokensCache } from './features/semanticTokens';
import { WorkspaceIndex, summarize, entitiesSummary, ARTICLE_GLOB, type IndexedEntity } from './features/workspaceIndex';
import { summarizeText, renameSpansInText } from './features/indexSummary';
import { offsetInDocument } from './features/convert';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './features/settings';
import { FactsFiles, isFactsUri } from './features/factsFile';
import { trace, ON as TRACING } from './trace';
import { tuneV8 } from './v8tuning';

export { DEFAULT_SETTINGS, normalizeSettings, type Settings };

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(NewsTextDocuments);
  /** The edit being applied (one range of one document), until the document manager has applied it. */
  let told: { uri: string; version: number; from: string; start: number; end: number; insert: string } | undefined;
  const reported = new Set<string>();
  const logOnce = (key: string, message: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    connection.console.error(message);
  };
  const store = new AnalysisStore({
    document: (uri) => documents.get(uri),
    enabled: (doc) => enabled(doc as TextDocument),
    settings: () => settings,
    facts: (uri) => facts.factsFor(uri),
    onAnalysis: (uri) => { const doc = documents.get(uri); if (doc) publish(doc); onAnalyzed(uri); },
    // A notification, not window/showMessageRequest: a client that does not answer that request (or
    // answers it with an error) must not leave a rejected promise behind, which would end the server.
    notify: (message) => { connection.console.log(message); void connection.sendNotification('window/showMessage', { type: 3, message }); },
    onError: (source, e) => logOnce(`rule:${source}`, `News Lens: ${source} failed and was skipped: ${(e as Error)?.stack ?? e}`),
    log: (message) => logOnce(message, message),
  });
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let hasConfiguration = false;
  const facts = new FactsFiles();
  /** A facts file read from disk (not open in the editor): its errors are published on it all the same. */
  const factsWithErrors = new Set<string>();
  function publishFactsFromDisk(uri: string): void {
    if (documents.get(uri)) return;
    const diagnostics = facts.diagnosticsOf(uri);
    if (!diagnostics.length && !factsWithErrors.has(uri)) return; // (nothing to say, nothing to clear)
    if (diagnostics.length) factsWithErrors.add(uri); else factsWithErrors.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  }
  /** The facts file changed: re-check every open article against the new facts. */
  function factsChanged(): void {
    store.refreshAll();
  }

  /** Features made to throw, for the containment tests (NEWS_LENS_FAULTS=feature,...). */
  const faults = new Set((process.env.NEWS_LENS_FAULTS ?? '').split(',').filter(Boolean));
  /**
   * A handler that never throws: an error is logged once and the request answers `fallback`. A
   * ResponseError is a deliberate answer (e.g. rename's "the new name is empty") and goes through.
   */
  function guard<P, R>(feature: string, fallback: R, fn: (p: P) => R): (p: P) => R {
    return (p: P) => {
      const t0 = TRACING ? performance.now() : 0;
      try {
        if (faults.has(feature)) throw new Error(`fault injected into ${feature} (NEWS_LENS_FAULTS)`);
        return fn(p);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        logOnce(`feature:${feature}`, `News Lens: ${feature} failed: ${(e as Error)?.stack ?? e}`);
        return fallback;
      } finally {
        // (Traced: the requests that took over a millisecond.)
        if (TRACING && performance.now() - t0 > 1) trace(`${feature} took ${(performance.now() - t0).toFixed(1)} ms`);
      }
    };
  }

  function enabled(doc: TextDocument): boolean {
    return settings.enabledLanguages.includes(doc.languageId) || /\.(news|article)$/i.test(doc.uri);
  }

  /** The latest completed analysis of the document (it may be one version behind while one runs). */
  function analysisOf(doc: TextDocument): Analysis | null {
    return store.latest(doc.uri)?.analysis ?? null;
  }

  /** What the server does once an edit's diagnostics are out (see `publish`). */
  function idle(doc: TextDocument): void {
    try {
      flattenText(doc);
      const t0 = performance.now();
      if (collectYoungNow()) trace(`  young generation collected in ${(performance.now() - t0).toFixed(1)} ms`);
    } catch (e) {
      logOnce('idle', `News Lens: the work after publishing diagnostics failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  /** Publishes the latest analysis' diagnostics when it is of the document's current version. */
  function publish(doc: TextDocument): void {
    try {
      if (isFactsUri(doc.uri)) {
        void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: facts.diagnosticsOf(doc.uri) });
        return;
      }
      const latest = store.latest(doc.uri);
      if (!latest || latest.version !== doc.version) return;
      const a = latest.analysis;
      const list = a ? diagnostics(doc, a) : [];
      trace(`  ${list.length} diagnostics made`);
      // Once the diagnostics are written (the event loop sends a large message in parts, as the client
      // reads it): the edited text made flat, and the young generation collected (`collectYoungNow`),
      // before the next edit or request.
      connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: list }).then(() => setImmediate(idle, doc), () => undefined);
      trace('  diagnostics sent');
    } catch (e) {
      logOnce('feature:diagnostics', `News Lens: diagnostics failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  async function loadSettings(): Promise<void> {
    if (!hasConfiguration) return;
    try {
      const [s] = await connection.workspace.getConfiguration([{ section: 'newsLens' }]);
      settings = normalizeSettings(s);
    } catch {
      settings = { ...DEFAULT_SETTINGS };
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    // The worker threads load compromise while the client sends its settings and opens documents.
    store.prewarm();
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    clientCaps = params.capabilities;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // `{ settings: {...} }` (the VS Code client) or `{ newsLens: {...} }` (Helix sends its `config` here).
    const init = params.initializationOptions as { settings?: unknown; newsLens?: unknown } | undefined;
    if (init?.settings ?? init?.newsLens) settings = normalizeSettings(init.settings ?? init.newsLens);
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: { delta: true }, range: true },
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        // The process id, for the client's crash-restart test (it kills this process and waits for a new one).
        experimental: { newsLens: { processId: process.pid } },
      },
      serverInfo: { name: 'news-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    startWorkspaceIndex();
    facts.loadFolders(workspaceFolders).forEach(publishFactsFromDisk);
    if (clientCaps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.newslens/facts.json' }] }).catch(() => undefined);
    }
    if (hasConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'newsLens' }).catch(() => undefined);
      await loadSettings();
      store.refreshAll();
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (hasConfiguration) await loadSettings();
    else settings = normalizeSettings((change.settings as { newsLens?: unknown } | undefined)?.newsLens);
    store.refreshAll();
    refreshSemanticTokens();
  });

  // The facts file open in the editor: its text is the facts; its errors are its diagnostics.
  const factsEdited = (doc: TextDocument) => { facts.update(doc.uri, doc.getText()); publish(doc); factsChanged(); };
  documents.onDidOpen((e) => (isFactsUri(e.document.uri) ? factsEdited(e.document) : store.update(e.document.uri)));
  documents.onDidChangeContent((e) => {
    trace(`changed v${e.document.version}`);
    if (isFactsUri(e.document.uri)) return factsEdited(e.document);
    // The edit, told to the engine: it then reads only the changed lines, not the new text.
    const t = told;
    told = undefined;
    if (t && t.uri === e.document.uri && t.version === e.document.version) store.edited(t.from, t.start, t.end, t.insert, e.document.getText());
    store.update(e.document.uri);
  });
  documents.onDidClose((e) => {
    if (isFactsUri(e.document.uri)) { facts.loadFromDisk(e.document.uri); factsChanged(); }
    store.close(e.document.uri);
    // (a facts file keeps the errors of its version on disk, read again just above)
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: isFactsUri(e.document.uri) ? facts.diagnosticsOf(e.document.uri) : [] });
  });

  connection.onHover(guard('hover', null, (p) => {
    const doc = documents.get(p.textDocument.uri);
    const a = doc && analysisOf(doc);
    const offset = doc && a ? offsetInDocument(doc, p.position) : null;
    return doc && a && offset !== null ? hover(doc, a, offset, facts.factsFor(doc.uri)) : null;
  }));

  connection.onDocumentSymbol(async (p) => {
    // Editors cache the symbols of a version (outline, breadcrumbs): wait (bounded) for the first analysis
    // rather than answer an empty outline that stays until the next edit.
    const doc0 = documents.get(p.textDocument.uri);
    if (doc0 && store.latest(doc0.uri)?.version !== doc0.version) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([store.whenAnalyzed(doc0.uri, doc0.version), new Promise((r) => { timer = setTimeout(r, 10_000); })]);
      clearTimeout(timer);
    }
    return guard('documentSymbol', [], (q: typeof p) => {
      const doc = documents.get(q.textDocument.uri);
      const a = doc && analysisOf(doc);
      return doc && a ? documentSymbols(doc, a) : [];
    })(p);
  });

  connection.onCodeAction(guard('codeAction', [], (p) => {
    const doc = documents.get(p.textDocument.uri);
    const a = doc && analysisOf(doc);
    return doc && a ? codeActions(doc, a, p.context.diagnostics) : [];
  }));

  // --- Navigation, semantic tokens, workspace index (features/navigation, semanticTokens, workspaceIndex) ---
  let clientCaps: InitializeParams['capabilities'] = {};
  let workspaceFolders: string[] = [];
  // The index analyzes the articles on disk as background jobs of the store's worker pool (after the
  // open documents' work, one worker at a time); in-process only without worker threads.
  const pool = store.workers;
  const index = new WorkspaceIndex({
    log: (m) => connection.console.log(m),
    maxFileSize: Math.min(settings.maxFileSize, 2 * 1024 * 1024),
    summarize: async (text) => (await pool?.summarize('index', text)) ?? summarizeText(text),
  });
  const semanticCache = new SemanticTokensCache();
  /** Documents whose semantic tokens were answered from an older analysis: refreshed when the new one is done. */
  const staleTokens = new Set<string>();
  /**
   * The latest analysis of an open document, with a TextDocument of the text it analyzed (the store may
   * be one version behind while an analysis runs: positions are then those of the analyzed text).
   */
  function current(uri: string): { doc: TextDocument; a: Analysis; stale: boolean } | null {
    const doc = documents.get(uri);
    const latest = doc && store.latest(uri);
    if (!doc || !latest?.analysis) return null;
    if (latest.version === doc.version) return { doc, a: latest.analysis, stale: false };
    return { doc: TextDocument.create(uri, doc.languageId, latest.version, latest.analysis.text), a: latest.analysis, stale: true };
  }
  /** The open document at a position and its analysis, or null. */
  function at(p: TextDocumentPositionParams): { doc: TextDocument; a: Analysis; offset: number; stale: boolean } | null {
    const c = current(p.textDocument.uri);
    if (!c || p.position.line < 0 || p.position.line >= c.doc.lineCount) return null;
    return { ...c, offset: c.doc.offsetAt(p.position) };
  }
  /**
   * When an analysis has been the latest for a moment (no edit since), what a first hover on it needs
   * is made then (its mentions, entities and reported events are otherwise made on first use: the
   * diagnostics after an edit do not wait for them). Typing keeps putting it off; a pause pays for it.
   */
  const preparing = new Map<string, NodeJS.Timeout>();
  const PREPARE_AFTER_MS = 150;
  /** Paragraph checks the claim rules are warmed with, once (`AnalysisStore.warmClaims`). */
  const WARM_CLAIM_CHECKS = 16;
  let claimsWarm = false;
  function onAnalyzed(uri: string): void {
    if (staleTokens.delete(uri)) refreshSemanticTokens();
    clearTimeout(preparing.get(uri));
    preparing.set(uri, setTimeout(() => {
      preparing.delete(uri);
      const latest = store.latest(uri);
      const doc = documents.get(uri);
      if (!latest?.analysis || latest.partial || !doc || doc.version !== latest.version) return;
      try {
        prepareHover(latest.analysis, facts.factsFor(uri));
      } catch (e) {
        logOnce('feature:hover', `News Lens: hover failed: ${(e as Error)?.stack ?? e}`);
      }
      // Once: the claim rules warmed on this thread, for the edits whose findings are checked here.
      if (!claimsWarm) {
        try {
          const t0 = Date.now();
          const n = store.warmClaims(WARM_CLAIM_CHECKS);
          claimsWarm = n > 0;
          trace(`  claim rules warmed (${n} paragraph checks) in ${Date.now() - t0} ms`);
        } catch (e) {
          claimsWarm = true;
          logOnce('feature:diagnostics', `News Lens: warming the claim rules failed: ${(e as Error)?.stack ?? e}`);
        }
      }
    }, PREPARE_AFTER_MS).unref());
  }
  function refreshSemanticTokens(): void {
    if (clientCaps.workspace?.semanticTokens?.refreshSupport) void connection.languages.semanticTokens.refresh();
  }
  function startWorkspaceIndex(): void {
    index.addFolders(workspaceFolders);
    if (clientCaps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: ARTICLE_GLOB }] }).catch(() => undefined);
    }
    if (clientCaps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        index.removeFolders(e.removed.map((f) => f.uri));
        index.addFolders(e.added.map((f) => f.uri));
      });
    }
  }
  connection.onDidChangeWatchedFiles((p) => {
    for (const c of p.changes) {
      if (isFactsUri(c.uri)) {
        if (!documents.get(c.uri)) { publishFactsFromDisk(facts.loadFromDisk(c.uri)); factsChanged(); }
        continue;
      }
      if (c.type === FileChangeType.Deleted) index.remove(c.uri);
      else index.enqueue(c.uri);
    }
  });
  documents.onDidClose((e) => { semanticCache.forget(e.document.uri); index.enqueue(e.document.uri); });
  connection.onDefinition(guard('definition', null, (p) => { const h = at(p); return h && definition(h.doc, h.a, h.offset); }));
  connection.onReferences(guard('references', [], (p) => { const h = at(p); return h ? references(h.doc, h.a, h.offset, p.context.includeDeclaration) : []; }));
  connection.onDocumentHighlight(guard('documentHighlight', [], (p) => { const h = at(p); return h ? documentHighlights(h.doc, h.a, h.offset) : []; }));
  connection.onPrepareRename(guard('prepareRename', null, (p) => { const h = at(p); return h && prepareRename(h.doc, h.a, h.offset); }));
  connection.onRenameRequest(async (p) => {
    const edit = guard('rename', null, (q: RenameParams) => {
      const h = at(q);
      if (h?.stale) throw new ResponseError(LSPErrorCodes.ContentModified, 'News Lens is still analyzing the latest edit: try the rename again in a moment.');
      return h && rename(h.doc, h.a, h.offset, String(q.newName ?? ''), { annotations: !!clientCaps.workspace?.workspaceEdit?.changeAnnotationSupport });
    })(p);
    if (!edit) return edit;
    try {
      return await renameAcrossWorkspace(p, edit);
    } catch (e) {
      logOnce('feature:rename-workspace', `News Lens: rename in the other articles failed (this article is renamed): ${(e as Error)?.stack ?? e}`);
      return edit;
    }
  });
  /**
   * A rename changes the same entity (same id) in the other articles of the workspace too: the open ones
   * from their analyses, the ones on disk that the index lists, analyzed by the worker pool.
   */
  async function renameAcrossWorkspace(p: RenameParams, edit: WorkspaceEdit): Promise<WorkspaceEdit> {
    const h = at(p);
    const hit = h && entityAt(h.a, h.offset);
    if (!h || !hit || String(p.newName ?? '').trim() === hit.mention.text) return edit;
    const { id } = hit.entity, form = hit.mention.text;
    const others: OtherArticle[] = [];
    for (const d of documents.all()) {
      if (d.uri === h.doc.uri || !enabled(d) || isFactsUri(d.uri)) continue;
      const c = current(d.uri);
      const e = c && !c.stale ? entityById(c.a, id) : undefined;
      if (c && e) others.push({ doc: c.doc, version: d.version, spans: formSpans(e.mentions, form) });
    }
    for (const uri of index.filesWithEntity(id)) {
      if (uri === h.doc.uri || documents.get(uri)) continue;
      let text: string;
      try { text = await fsp.readFile(fileURLToPath(uri), 'utf8'); } catch { continue; }
      const spans = (await pool?.renameSpans('rename', text, id, form)) ?? renameSpansInText(text, id, form);
      others.push({ doc: TextDocument.create(uri, 'news', 0, text), version: null, spans });
    }
    return withOtherArticles(edit, others, String(p.newName));
  }
  const tokensOf = (uri: string, range?: { start: number; end: number }, c = current(uri)) => {
    if (!settings.semanticHighlighting.enabled) return [];
    // Answered before the first analysis (no tokens) or from an older one: refreshed when the new one lands
    // (the editor keeps a version's tokens until told otherwise).
    if (!c || c.stale) staleTokens.add(uri);
    return c ? encodeTokens(c.doc, c.a, range) : [];
  };
  connection.languages.semanticTokens.on(guard('semanticTokens', { data: [] }, (p) => semanticCache.full(p.textDocument.uri, tokensOf(p.textDocument.uri))));
  connection.languages.semanticTokens.onDelta(guard('semanticTokens', { data: [] }, (p) => semanticCache.delta(p.textDocument.uri, p.previousResultId, tokensOf(p.textDocument.uri))));
  connection.languages.semanticTokens.onRange(guard('semanticTokens', { data: [] }, (p) => {
    const c = current(p.textDocument.uri);
    return { data: c ? tokensOf(p.textDocument.uri, { start: c.doc.offsetAt(p.range.start), end: c.doc.offsetAt(p.range.end) }, c) : [] };
  }));
  connection.onWorkspaceSymbol(guard('workspaceSymbol', [], (p) => {
    const open = new Map<string, IndexedEntity[]>();
    for (const d of documents.all()) {
      const c = current(d.uri);
      if (c) open.set(d.uri, summarize(c.a, (s, e) => ({ start: c.doc.positionAt(s), end: c.doc.positionAt(e) })));
    }
    return index.symbols(p.query, open);
  }));
  /** Custom request `newsLens/entities` ({ uri }): the open article's entities and counts (tree view, status bar). */
  connection.onRequest('newsLens/entities', guard('entities', null, (p: { uri: string }) => {
    const c = p && current(p.uri);
    return c ? entitiesSummary(c.doc, c.a) : null;
  }));
  /** Custom request `newsLens/indexStatus`: resolves when the background index has caught up. */
  /** Custom request `newsLens/analysisStatus` ({ uri }): the version of the latest analysis, and whether it is partial. */
  connection.onRequest('newsLens/analysisStatus', (p: { uri: string }) => {
    const l = p && store.latest(p.uri);
    return l ? { version: l.version, partial: l.partial, analyzed: !!l.analysis } : null;
  });
  connection.onRequest('newsLens/indexStatus', async () => { await index.settled(); return { files: index.size }; });

  // The document manager, with one step before it applies an edit: an edit of one range is noted (to
  // be told to the engine), and an edit inside one paragraph sends the paragraph's new text to a worker
  // at once (`AnalysisStore.speculate`).
  documents.listen({
    onDidOpenTextDocument: (h) => connection.onDidOpenTextDocument(h),
    onDidChangeTextDocument: (h) => connection.onDidChangeTextDocument((e) => {
      const change = e.contentChanges.length === 1 ? e.contentChanges[0] as { range?: Range; text: string } : undefined;
      const doc = documents.get(e.textDocument.uri);
      told = undefined;
      if (doc && change?.range && !isFactsUri(doc.uri) && enabled(doc)) {
        const a = doc.offsetAt(change.range.start), b = doc.offsetAt(change.range.end);
        const start = Math.min(a, b), end = Math.max(a, b);
        told = { uri: doc.uri, version: e.textDocument.version, from: doc.getText(), start, end, insert: change.text };
        try {
          store.speculate(doc, start, end, change.text);
        } catch (err) {
          logOnce('speculate', `News Lens: sending an edited paragraph ahead failed: ${(err as Error)?.stack ?? err}`);
        }
      }
      return h(e);
    }),
    onDidCloseTextDocument: (h) => connection.onDidCloseTextDocument(h),
    onWillSaveTextDocument: (h) => connection.onWillSaveTextDocument(h),
    onWillSaveTextDocumentWaitUntil: (h) => connection.onWillSaveTextDocumentWaitUntil(h),
    onDidSaveTextDocument: (h) => connection.onDidSaveTextDocument(h),
  });
  connection.listen();
}

if (require.main === module) {
  tuneV8(); // before the worker threads start
  startServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));
}

/**
 * The connection over stdin and stdout, as `createConnection` makes it for `--stdio` (the process ends
 * when stdin does; `console` goes to the client's log, not into the protocol's stream), with the
 * message writer that encodes large messages into a reused buffer (`StreamMessageWriterReusing`).
 */
function stdioConnection(): Connection {
  // (The library accepts a MessageWriter where its types say a stream: it wraps only streams.)
  const writer = new StreamMessageWriterReusing(process.stdout) as unknown as NodeJS.WritableStream;
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer);
  const to = (log: (message: string) => void) => (...args: unknown[]) => log(format(...args));
  console.log = to((m) => connection.console.log(m));
  console.info = to((m) => connection.console.info(m));
  console.warn = to((m) => connection.console.warn(m));
  console.error = to((m) => connection.console.error(m));
  console.debug = to((m) => connection.console.log(m));
  return connection;
}
