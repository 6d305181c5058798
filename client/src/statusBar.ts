/**
 * The status bar item: the open article's counts ("$(telescope) 12 entities  $(warning) 3"); clicking
 * it opens the Problems panel. Hidden when the active editor is not an article the server analyzes.
 */
import { window, commands, StatusBarAlignment, MarkdownString, type ExtensionContext, type StatusBarItem } from 'vscode';
import { KINDS, type ActiveArticle, type EntitiesSummary } from './entitiesView';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The item's text for a summary (exported for the tests). */
export function statusText(s: EntitiesSummary): string {
  return `$(telescope) ${plural(s.counts.entities, 'entity', 'entities')}  $(warning) ${s.counts.warnings}`;
}

export function registerStatusBar(context: ExtensionContext, article: ActiveArticle): StatusBarItem {
  const item = window.createStatusBarItem('newsLens.status', StatusBarAlignment.Right, 100);
  item.name = 'News Lens';
  item.command = 'newsLens.showProblems';
  const update = (s: EntitiesSummary | null) => {
    if (!s) { item.hide(); return; }
    item.text = statusText(s);
    const kinds = KINDS.filter((k) => s.counts.byKind[k.kind]).map((k) => `${s.counts.byKind[k.kind]} ${k.title.toLowerCase()}`);
    item.tooltip = new MarkdownString(`**News Lens**: ${plural(s.counts.entities, 'entity', 'entities')}${kinds.length ? ` (${kinds.join(', ')})` : ''}, ${plural(s.counts.mentions, 'mention', 'mentions')}; ${plural(s.counts.warnings, 'fact-check warning', 'fact-check warnings')}.\n\nClick to open the Problems panel.`);
    item.accessibilityInformation = { label: `News Lens: ${plural(s.counts.entities, 'entity', 'entities')}, ${plural(s.counts.warnings, 'warning', 'warnings')}` };
    item.show();
  };
  context.subscriptions.push(
    item,
    article.onDidChange(update),
    commands.registerCommand('newsLens.showProblems', () => commands.executeCommand('workbench.actions.view.problems')),
  );
  return item;
}
