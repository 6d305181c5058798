/**
 * A small LSP client for protocol tests: starts the built server (`server/out/server.js --stdio`) as a
 * child process and speaks JSON-RPC to it through vscode-jsonrpc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic, InitializeResult, PublishDiagnosticsParams, TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

// Tests are bundled into server/out/test/, next to ../server.js.
export const SERVER_JS = join(__dirname, '..', 'server.js');

export interface StartOptions {
  /** Answers to workspace/configuration for the `newsLens` section. */
  settings?: Record<string, unknown>;
  /** Whether the client announces workspace/configuration support (default true). */
  configuration?: boolean;
  initializationOptions?: unknown;
  rootUri?: string | null;
  /** Workspace folders (file URIs) announced in initialize. */
  workspaceFolders?: string[];
  /** Client capabilities merged (one level deep: `workspace`, `textDocument`) into the defaults. */
  capabilities?: { workspace?: Record<string, unknown>; textDocument?: Record<string, unknown> };
  env?: NodeJS.ProcessEnv;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly logs: string[] = [];
  /** Capabilities the server registered dynamically. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  semanticRefreshes = 0;
  stderr = '';
  settings: Record<string, unknown>;
  private waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();

  constructor(options: StartOptions = {}) {
    this.settings = options.settings ?? {};
    this.child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p)) { w.resolve(p); return false; }
        return true;
      });
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onNotification('window/showMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'newsLens' ? this.settings : null)));
    this.connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.connection.onRequest('workspace/semanticTokens/refresh', () => { this.semanticRefreshes++; return null; });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const c = new LspClient(options);
    const result = await c.initialize(options);
    c.capabilities = result.capabilities;
    return c;
  }

  capabilities: InitializeResult['capabilities'] = {};

  async initialize(options: StartOptions = {}): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.workspaceFolders?.map((uri) => ({ uri, name: uri.split('/').pop() })) ?? null,
      capabilities: {
        workspace: { configuration: options.configuration ?? true, didChangeConfiguration: { dynamicRegistration: true }, ...options.capabilities?.workspace },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          ...options.capabilities?.textDocument,
        },
      },
      initializationOptions: options.initializationOptions,
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (or the current ones if they do). */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = Number(process.env.NEWS_LENS_TEST_TIMEOUT ?? 90000)): Promise<PublishDiagnosticsParams> {
    const now = this.diagnostics.get(uri);
    if (now && pred(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, text: string, languageId = 'news'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    const p = this.waitForDiagnostics(uri, (d) => d.version === undefined || d.version === 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return (await p).diagnostics;
  }

  /** Sends changes (incremental or full) and waits for the diagnostics of the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[], wait = true): Promise<Diagnostic[] | undefined> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const p = wait ? this.waitForDiagnostics(uri, (d) => d.version === undefined || d.version >= version) : undefined;
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return p ? (await p).diagnostics : undefined;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification('exit');
    } catch {
      /* already gone */
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const t = setTimeout(() => { this.child.kill('SIGKILL'); resolve(); }, 3000);
      this.child.once('exit', () => { clearTimeout(t); resolve(); });
    });
    this.connection.dispose();
  }
}
