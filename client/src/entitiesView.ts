/**
 * The "News Lens: Entities" tree view in the Explorer: the open article's entities grouped by kind,
 * with their mention counts and warnings; clicking one selects its first mention.
 *
 * The data comes from the server's custom request `newsLens/entities` ({ uri } → EntitiesSummary or
 * null for a document the server does not analyze). `ActiveArticle` asks again when the active
 * editor changes and when its diagnostics change (the server publishes them after each analysis);
 * the status bar item listens to the same `ActiveArticle`.
 */
import {
  window, languages, commands, EventEmitter, TreeItem, TreeItemCollapsibleState, ThemeIcon, Range, Selection,
  TextEditorRevealType, Uri, MarkdownString,
  type Event, type ExtensionContext, type TreeDataProvider, type TreeView, type TextEditor,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

type Kind = 'person' | 'country' | 'place' | 'organization' | 'event';
interface Position { line: number; character: number }

/** The answer of `newsLens/entities` (server/src/features/workspaceIndex.ts). */
export interface EntitiesSummary {
  uri: string;
  version: number;
  counts: { entities: number; mentions: number; warnings: number; byKind: Record<Kind, number> };
  entities: { id: string; kind: Kind; name: string; mentions: number; forms: string[]; warnings: number; range: { start: Position; end: Position } }[];
}

export const ENTITIES_REQUEST = 'newsLens/entities';

export const KINDS: readonly { kind: Kind; title: string; icon: string }[] = [
  { kind: 'person', title: 'People', icon: 'person' },
  { kind: 'country', title: 'Countries', icon: 'globe' },
  { kind: 'place', title: 'Places', icon: 'location' },
  { kind: 'organization', title: 'Organizations', icon: 'organization' },
  { kind: 'event', title: 'Events', icon: 'calendar' },
];

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The summary of the article in the active editor, kept current. */
export class ActiveArticle {
  private readonly emitter = new EventEmitter<EntitiesSummary | null>();
  readonly onDidChange: Event<EntitiesSummary | null> = this.emitter.event;
  current: EntitiesSummary | null = null;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly client: LanguageClient, context: ExtensionContext) {
    context.subscriptions.push(
      this.emitter,
      window.onDidChangeActiveTextEditor(() => this.refresh()),
      // The server publishes diagnostics after every analysis of an open article (an empty list
      // too), so they mark the moment a new summary exists; a keystroke alone has none yet.
      languages.onDidChangeDiagnostics((e) => {
        const uri = window.activeTextEditor?.document.uri.toString();
        if (uri && e.uris.some((u) => u.toString() === uri)) this.refresh(50);
      }),
      { dispose: () => clearTimeout(this.timer) },
    );
  }

  /** Asks the server again after `delay` ms (coalescing calls). */
  refresh(delay = 0): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetch(), delay);
  }

  /** Asks the server now; resolves with the new summary. */
  async fetch(): Promise<EntitiesSummary | null> {
    const generation = ++this.generation;
    const editor = window.activeTextEditor;
    let summary: EntitiesSummary | null = null;
    if (editor && this.client.isRunning()) {
      try {
        summary = await this.client.sendRequest<EntitiesSummary | null>(ENTITIES_REQUEST, { uri: editor.document.uri.toString() });
      } catch {
        summary = null;
      }
    }
    // A newer request has started meanwhile: its answer wins.
    if (generation !== this.generation) return this.current;
    this.current = summary;
    this.emitter.fire(summary);
    return summary;
  }
}

type Node = { type: 'kind'; kind: Kind; title: string; icon: string; count: number } | { type: 'entity'; entity: EntitiesSummary['entities'][number]; uri: string };

export class EntitiesProvider implements TreeDataProvider<Node> {
  private readonly emitter = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly article: ActiveArticle) {
    article.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    const s = this.article.current;
    if (!s) return [];
    if (!node) {
      return KINDS.filter((k) => s.counts.byKind[k.kind] > 0).map((k) => ({ type: 'kind', ...k, count: s.counts.byKind[k.kind] }));
    }
    if (node.type === 'kind') {
      return s.entities.filter((e) => e.kind === node.kind)
        .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
        .map((entity) => ({ type: 'entity', entity, uri: s.uri }));
    }
    return [];
  }

  getTreeItem(node: Node): TreeItem {
    if (node.type === 'kind') {
      const item = new TreeItem(node.title, TreeItemCollapsibleState.Expanded);
      item.description = String(node.count);
      item.iconPath = new ThemeIcon(node.icon);
      item.id = `kind:${node.kind}`;
      item.contextValue = 'newsLens.kind';
      return item;
    }
    const e = node.entity;
    const item = new TreeItem(e.name, TreeItemCollapsibleState.None);
    item.description = `${plural(e.mentions, 'mention')}${e.warnings ? ` · ${plural(e.warnings, 'warning')}` : ''}`;
    item.iconPath = new ThemeIcon(e.warnings ? 'warning' : KINDS.find((k) => k.kind === e.kind)!.icon);
    item.id = `entity:${e.id}`;
    item.contextValue = 'newsLens.entity';
    const forms = e.forms.filter((f) => f !== e.name);
    item.tooltip = new MarkdownString(`**${e.name}** — ${e.kind}\n\n${plural(e.mentions, 'mention')}${forms.length ? ` (also ${forms.map((f) => `“${f}”`).join(', ')})` : ''}${e.warnings ? `\n\n${plural(e.warnings, 'warning')} on sentences that mention it` : ''}`);
    item.command = { command: 'newsLens.entities.reveal', title: 'Go to First Mention', arguments: [node.uri, e.range] };
    return item;
  }
}

export function registerEntitiesView(context: ExtensionContext, article: ActiveArticle): { provider: EntitiesProvider; view: TreeView<Node> } {
  const provider = new EntitiesProvider(article);
  const view = window.createTreeView('newsLens.entities', { treeDataProvider: provider, showCollapseAll: true });
  const describe = (s: EntitiesSummary | null) => {
    view.description = s ? `${s.counts.entities} ${s.counts.entities === 1 ? 'entity' : 'entities'}, ${plural(s.counts.warnings, 'warning')}` : undefined;
    view.message = s ? (s.counts.entities ? undefined : 'No people, places or events found in this article yet.') : 'Open a news article (.news, .article) to see its entities.';
  };
  describe(null);
  context.subscriptions.push(
    view,
    article.onDidChange(describe),
    commands.registerCommand('newsLens.entities.refresh', () => article.fetch()),
    commands.registerCommand('newsLens.entities.reveal', async (uri: string, range: { start: Position; end: Position }) => {
      const editor: TextEditor = await window.showTextDocument(Uri.parse(uri), { preserveFocus: false });
      const r = new Range(range.start.line, range.start.character, range.end.line, range.end.character);
      editor.selection = new Selection(r.start, r.end);
      editor.revealRange(r, TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  );
  void commands.executeCommand('setContext', 'newsLens.active', true);
  return { provider, view };
}
