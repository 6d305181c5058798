/**
 * The News Lens extension: starts the bundled language server over IPC, hands it the settings, and
 * restarts it if it crashes. Everything else happens in the server.
 */
import * as path from 'node:path';
import { workspace, window, type ExtensionContext } from 'vscode';
import {
  LanguageClient, TransportKind, CloseAction, ErrorAction, State,
  type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { ActiveArticle, registerEntitiesView } from './entitiesView';
import { registerStatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** The languages to attach to: `news` always, plus the ones `newsLens.enabledLanguages` opts in. */
function documentSelector(): { language: string }[] {
  const langs = workspace.getConfiguration('newsLens').get<string[]>('enabledLanguages', ['news']);
  return [...new Set(['news', ...langs])].map((language) => ({ language }));
}

/** The `newsLens` settings as plain data (the server also asks for them through workspace/configuration). */
function settings(): unknown {
  return JSON.parse(JSON.stringify(workspace.getConfiguration('newsLens')));
}

/** What `activate` returns (for the extension-host tests): the tree view's data and the status bar item. */
export interface NewsLensApi {
  article: ActiveArticle;
  entities: ReturnType<typeof registerEntitiesView>;
  statusBar: ReturnType<typeof registerStatusBar>;
  /**
   * The running language server: its process id (reported by the server in its initialize result, so it
   * changes after a restart), and the messages shown to the user about the server stopping.
   */
  server: { pid(): number | undefined; readonly notices: readonly string[] };
}

export async function activate(context: ExtensionContext): Promise<NewsLensApi> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = window.createOutputChannel('News Lens');
  // Restart after a crash, but not more than 4 times in 3 minutes.
  const crashes: number[] = [];
  const notices: string[] = [];
  const notify = (show: (m: string, ...items: string[]) => Thenable<string | undefined>, message: string) => {
    notices.push(message);
    void show(message, 'Show Output').then((choice) => { if (choice) output.show(true); });
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: 'newsLens' },
    outputChannel: output,
    initializationOptions: { settings: settings() },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0] > 3 * 60_000) crashes.shift();
        if (crashes.length > 4) {
          notify(window.showErrorMessage, 'News Lens: the language server stopped 5 times in 3 minutes and will not be restarted. See the "News Lens" output.');
          return { action: CloseAction.DoNotRestart, message: 'The language server stopped 5 times in 3 minutes; it will not be restarted.', handled: true };
        }
        // Say so once per session (a notification); every restart is logged in the output channel.
        if (crashes.length === 1 && !notices.length) {
          notify(window.showWarningMessage, 'News Lens: the language server stopped unexpectedly and was restarted. Details are in the "News Lens" output.');
        }
        return { action: CloseAction.Restart, message: `The language server stopped; restarting it (${crashes.length} in the last 3 minutes).`, handled: true };
      },
    },
  };
  client = new LanguageClient('newsLens', 'News Lens', serverOptions, clientOptions);
  context.subscriptions.push(
    workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('newsLens.enabledLanguages') && client) {
        // The document selector is fixed when the client starts: restart it with the new one.
        client.clientOptions.documentSelector = documentSelector();
        if (client.state === State.Running) await client.restart();
      }
    }),
  );
  // The Entities tree view and the status bar item, fed by the server's `newsLens/entities` request.
  const article = new ActiveArticle(client, context);
  const server: NewsLensApi['server'] = {
    pid: () => {
      const pid = (client?.initializeResult?.capabilities.experimental as { newsLens?: { processId?: unknown } } | undefined)?.newsLens?.processId;
      return typeof pid === 'number' ? pid : undefined;
    },
    notices,
  };
  const api: NewsLensApi = { article, entities: registerEntitiesView(context, article), statusBar: registerStatusBar(context, article), server };
  await client.start();
  article.refresh();
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
