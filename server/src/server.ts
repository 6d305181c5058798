/**
 * The News Lens language server. It keeps the latest analysis of each open document and translates
 * it into protocol types; all the understanding lives in `./engine`.
 */
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification,
  type InitializeParams, type InitializeResult, type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer, type Analysis, type SeveritySetting } from './engine';
import { hover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { diagnostics } from './features/diagnostics';
import { codeActions } from './features/codeActions';

export interface Settings {
  enabledLanguages: string[];
  rules: Record<string, SeveritySetting>;
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Settings = { enabledLanguages: ['news'], rules: {}, maxFileSize: 10 * 1024 * 1024 };

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const reported = new Set<string>();
  const logOnce = (key: string, message: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    connection.console.error(message);
  };
  const analyzer = createAnalyzer({
    onError: (source, e) => logOnce(`rule:${source}`, `News Lens: ${source} failed and was skipped: ${(e as Error)?.stack ?? e}`),
  });
  const analyses = new Map<string, { version: number; analysis: Analysis | null }>();
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let hasConfiguration = false;

  /** A handler that never throws: an error is logged once and the request answers `fallback`. */
  function guard<P, R>(feature: string, fallback: R, fn: (p: P) => R): (p: P) => R {
    return (p: P) => {
      try {
        return fn(p);
      } catch (e) {
        logOnce(`feature:${feature}`, `News Lens: ${feature} failed: ${(e as Error)?.stack ?? e}`);
        return fallback;
      }
    };
  }

  function enabled(doc: TextDocument): boolean {
    return settings.enabledLanguages.includes(doc.languageId) || /\.(news|article)$/i.test(doc.uri);
  }

  function analysisOf(doc: TextDocument): Analysis | null {
    const cached = analyses.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.analysis;
    let analysis: Analysis | null = null;
    const text = doc.getText();
    if (!enabled(doc)) analysis = null;
    else if (text.length > settings.maxFileSize) {
      logOnce(`size:${doc.uri}`, `News Lens: ${doc.uri} is larger than newsLens.maxFileSize (${settings.maxFileSize} bytes) and is not analyzed.`);
      void connection.window.showInformationMessage(`News Lens skips this file: it is larger than newsLens.maxFileSize (${settings.maxFileSize} bytes).`);
    } else {
      analysis = analyzer.analyze(text, { languageId: doc.languageId, rules: settings.rules });
    }
    analyses.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  function publish(doc: TextDocument): void {
    try {
      const a = analysisOf(doc);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: a ? diagnostics(doc, a) : [] });
    } catch (e) {
      logOnce('feature:diagnostics', `News Lens: diagnostics failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  const pending = new Map<string, NodeJS.Timeout>();
  function schedule(doc: TextDocument, delay: number): void {
    clearTimeout(pending.get(doc.uri));
    pending.set(doc.uri, setTimeout(() => {
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (current) publish(current);
    }, delay));
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
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) settings = normalizeSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'news-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (hasConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'newsLens' }).catch(() => undefined);
      await loadSettings();
      analyses.clear();
      documents.all().forEach(publish);
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (hasConfiguration) await loadSettings();
    else settings = normalizeSettings((change.settings as { newsLens?: unknown } | undefined)?.newsLens);
    analyses.clear();
    documents.all().forEach(publish);
  });

  documents.onDidOpen((e) => publish(e.document));
  documents.onDidChangeContent((e) => schedule(e.document, 0));
  documents.onDidClose((e) => {
    analyses.delete(e.document.uri);
    clearTimeout(pending.get(e.document.uri));
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(guard('hover', null, (p) => {
    const doc = documents.get(p.textDocument.uri);
    const a = doc && analysisOf(doc);
    if (!doc || !a) return null;
    if (p.position.line < 0 || p.position.line >= doc.lineCount) return null;
    return hover(doc, a, doc.offsetAt(p.position));
  }));

  connection.onDocumentSymbol(guard('documentSymbol', [], (p) => {
    const doc = documents.get(p.textDocument.uri);
    const a = doc && analysisOf(doc);
    return doc && a ? documentSymbols(doc, a) : [];
  }));

  connection.onCodeAction(guard('codeAction', [], (p) => {
    const doc = documents.get(p.textDocument.uri);
    const a = doc && analysisOf(doc);
    return doc && a ? codeActions(doc, a, p.context.diagnostics) : [];
  }));

  documents.listen(connection);
  connection.listen();
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function normalizeSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  const rules: Record<string, SeveritySetting> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [k, v] of Object.entries(s.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) rules[k] = v as SeveritySetting;
    }
  }
  return {
    enabledLanguages: Array.isArray(s.enabledLanguages) ? s.enabledLanguages.filter((x): x is string => typeof x === 'string') : DEFAULT_SETTINGS.enabledLanguages,
    rules,
    maxFileSize: typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
  };
}

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all));
}
