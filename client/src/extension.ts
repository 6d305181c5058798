/**
 * The News Lens extension: starts the bundled language server over IPC and hands it the settings.
 * Everything else happens in the server.
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

function documentSelector(): { language: string }[] {
  const langs = workspace.getConfiguration('newsLens').get<string[]>('enabledLanguages', ['news']);
  return [...new Set(['news', ...langs])].map((language) => ({ language }));
}

/** What `activate` returns (for the extension-host tests): the tree view's data and the status bar item. */
export interface NewsLensApi {
  article: ActiveArticle;
  entities: ReturnType<typeof registerEntitiesView>;
  statusBar: ReturnType<typeof registerStatusBar>;
}

export async function activate(context: ExtensionContext): Promise<NewsLensApi> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = window.createOutputChannel('News Lens');
  let restarts = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: 'newsLens' },
    outputChannel: output,
    initializationOptions: { settings: workspace.getConfiguration('newsLens') },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        restarts++;
        if (restarts > 5) {
          void window.showErrorMessage('News Lens: the language server stopped 5 times and will not be restarted. See the "News Lens" output.');
          return { action: CloseAction.DoNotRestart };
        }
        if (restarts === 1) void window.showWarningMessage('News Lens: the language server stopped and was restarted. See the "News Lens" output.');
        output.appendLine(`The language server stopped; restarting (${restarts}).`);
        return { action: CloseAction.Restart };
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
  const api: NewsLensApi = { article, entities: registerEntitiesView(context, article), statusBar: registerStatusBar(context, article) };
  await client.start();
  article.refresh();
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
