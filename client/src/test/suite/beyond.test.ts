/**
 * Issue 8 through the VS Code API: the "News Lens: Entities" tree view, the status bar item, semantic
 * tokens, go to definition / find references / rename, and workspace symbols across the articles of the
 * workspace. Runs in a real extension host (code-server through scripts/e2e, or VS Code through
 * npm run test:vscode) on the articles in the first workspace folder.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsOf, newsLens, occurrences, open, positionOf, waitFor, workspaceFile } from './helpers';
import type { EntitiesSummary } from '../../entitiesView';

/** The summary the tree view and status bar show, once it is of `doc` and lists `name`. */
async function summaryOf(doc: vscode.TextDocument, name: string): Promise<EntitiesSummary> {
  const api = await newsLens();
  return waitFor(`the entities of ${doc.uri.path} (with ${name})`, async () => {
    const s = await api.article.fetch();
    return s && s.uri === doc.uri.toString() && s.entities.some((e) => e.name === name) ? s : undefined;
  });
}

/** A tree item's label as text. */
const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

/** Decoded semantic tokens: the text of each token with its type and modifiers. */
function decode(doc: vscode.TextDocument, tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend) {
  const out: { text: string; type: string; modifiers: string[] }[] = [];
  let line = 0, char = 0;
  const d = tokens.data;
  for (let i = 0; i + 4 < d.length; i += 5) {
    line += d[i];
    char = d[i] === 0 ? char + d[i + 1] : d[i + 1];
    const start = new vscode.Position(line, char);
    out.push({
      text: doc.getText(new vscode.Range(start, start.translate(0, d[i + 2]))),
      type: legend.tokenTypes[d[i + 3]],
      modifiers: legend.tokenModifiers.filter((_, bit) => d[i + 4] & (1 << bit)),
    });
  }
  return out;
}

describe('News Lens beyond the basics (issue 8)', function () {
  this.timeout(120_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the open article\'s entities by kind in the Entities view, with mention counts and warnings', async () => {
    const api = await newsLens();
    const { document } = await open('talks.news');
    await diagnosticsOf('talks.news');
    const s = await summaryOf(document, 'Emmanuel Macron');
    const provider = api.entities.provider;
    const kinds = provider.getChildren();
    const titles = kinds.map((k) => label(provider.getTreeItem(k)));
    assert.deepEqual(titles, ['People', 'Countries', 'Places'], 'kinds present in talks.news, in the view\'s order');
    const people = provider.getChildren(kinds[0]).map((n) => provider.getTreeItem(n));
    assert.deepEqual(people.map(label).sort(), ['Emmanuel Macron', 'Karl Nehammer']);
    assert.equal(provider.getTreeItem(kinds[0]).description, '2', 'the kind row counts its entities');
    const places = provider.getChildren(kinds[2]).map((n) => provider.getTreeItem(n));
    const vienna = places.find((i) => label(i) === 'Vienna');
    assert.ok(vienna, places.map(label).join(', '));
    assert.match(String(vienna.description), /^2 mentions/, 'Vienna is mentioned twice (heading and text)');
    // Warnings: "Experts say ..." and "42 percent" are in sentences that mention entities.
    const withWarnings = s.entities.filter((e) => e.warnings > 0);
    assert.ok(withWarnings.length > 0, 'some entity carries the warnings of its sentences');
    for (const e of withWarnings) {
      const item = provider.getChildren(kinds.find((k) => k.type === 'kind' && k.kind === e.kind)).map((n) => provider.getTreeItem(n)).find((i) => label(i) === e.name);
      assert.ok(item, e.name);
      assert.match(String(item.description), /warning/, `${e.name}: ${item.description}`);
    }
    assert.equal(api.entities.view.description, `${s.counts.entities} entities, ${s.counts.warnings} warning${s.counts.warnings === 1 ? '' : 's'}`);

    // Clicking an entity selects its first mention.
    const macron = people.find((i) => label(i) === 'Emmanuel Macron')!;
    assert.ok(macron.command);
    await vscode.commands.executeCommand(macron.command.command, ...(macron.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.getText(editor.selection), 'Emmanuel Macron');

    // Another article: the view follows the active editor.
    const brief = await open('brief.article');
    await summaryOf(brief.document, 'Erna Solberg');
    const after = provider.getChildren().map((k) => provider.getChildren(k).map((n) => label(provider.getTreeItem(n)))).flat();
    assert.ok(after.includes('Erna Solberg') && !after.includes('Emmanuel Macron'), after.join(', '));
  });

  it('shows the article\'s counts in the status bar, and clicking it opens the Problems panel', async () => {
    const api = await newsLens();
    const { document } = await open('talks.news');
    const warnings = (await diagnosticsOf('talks.news')).length;
    const s = await waitFor('the status bar to show talks.news', async () => {
      const x = await summaryOf(document, 'Emmanuel Macron');
      return x.counts.warnings === warnings ? x : undefined;
    });
    const item = api.statusBar;
    assert.equal(item.text, `$(telescope) ${s.counts.entities} entities  $(warning) ${warnings}`);
    assert.equal(s.counts.entities, 5, 'Vienna, Karl Nehammer, Emmanuel Macron, France, Japan');
    const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '';
    assert.match(tooltip, /2 people/);
    assert.match(tooltip, /2 countries/);
    assert.equal(item.command, 'newsLens.showProblems');
    await vscode.commands.executeCommand('newsLens.showProblems'); // must not throw
    // A document the server does not analyze hides the item.
    await open('notes.md');
    await waitFor('the summary to clear on Markdown', async () => ((await api.article.fetch()) === null ? true : undefined));
  });

  it('follows an edit by itself: the new analysis reaches the Entities view without asking', async () => {
    const api = await newsLens();
    const editor = await open('talks.news');
    const { document } = editor;
    await summaryOf(document, 'Emmanuel Macron');
    try {
      await editor.edit((b) => b.insert(document.positionAt(document.getText().length), '\nThe envoy Ingrid Solberg arrived in Vienna on Monday.\n'));
      // Only the view's own refresh (on the server's new diagnostics) may update `current` here.
      const s = await waitFor('the view to list Ingrid Solberg', () => {
        const c = api.article.current;
        return c && c.uri === document.uri.toString() && c.entities.some((e) => e.name === 'Ingrid Solberg') ? c : undefined;
      });
      assert.equal(s.entities.find((e) => e.name === 'Ingrid Solberg')?.kind, 'person');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      // The next tests read the analysis: wait until the reverted text's has arrived.
      await waitFor('the view to drop Ingrid Solberg after the revert', () => {
        const c = api.article.current;
        return c && c.uri === document.uri.toString() && !c.entities.some((e) => e.name === 'Ingrid Solberg') ? true : undefined;
      });
    }
  });

  it('paints entity names with semantic tokens of their kind', async () => {
    const { document } = await open('talks.news');
    await diagnosticsOf('talks.news');
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
    assert.ok(legend, 'a semantic tokens legend');
    for (const kind of ['person', 'country', 'place', 'organization', 'event']) assert.ok(legend.tokenTypes.includes(kind), kind);
    const tokens = await waitFor('semantic tokens', async () => {
      const t = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
      return t && t.data.length ? t : undefined;
    });
    const decoded = decode(document, tokens, legend);
    const find = (text: string) => decoded.filter((t) => t.text === text);
    assert.deepEqual(find('Emmanuel Macron').map((t) => t.type), ['person']);
    assert.deepEqual(find('Karl Nehammer').map((t) => t.type), ['person']);
    assert.deepEqual(find('France').map((t) => t.type), ['country']);
    assert.deepEqual(find('Japan').map((t) => t.type), ['country']);
    assert.deepEqual(find('Vienna').map((t) => t.type), ['place', 'place']);
    assert.deepEqual(find('Vienna').map((t) => t.modifiers), [['declaration'], []], 'the first mention is the declaration');
    assert.ok(!decoded.some((t) => /Experts|percent|promised/.test(t.text)), 'plain words are not painted');
  });

  it('goes to the first mention, finds every mention and renames all of them, in the other articles too', async () => {
    const { document } = await open('visit.news');
    await summaryOf(document, 'Emmanuel Macron');
    const macrons = occurrences(document, 'Macron');
    assert.equal(macrons.length, 4);
    const last = positionOf(document, 'Macron', 2, 3);

    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, last);
    assert.equal(defs.length, 1);
    const def = defs[0];
    const defRange = 'targetRange' in def ? (def.targetSelectionRange ?? def.targetRange) : def.range;
    assert.equal(document.getText(defRange), 'Macron', 'the first mention is the heading\'s "Macron"');
    assert.equal(document.offsetAt(defRange.start), macrons[0]);

    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, last);
    const texts = refs.map((r) => document.getText(r.range));
    assert.deepEqual(texts.sort(), ['Emmanuel Macron', 'Macron', 'Macron', 'Macron'], 'every mention, the full name included');
    assert.ok(refs.every((r) => r.uri.toString() === document.uri.toString()));
    const onVienna = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 'Vienna', 2));
    assert.deepEqual(onVienna.map((r) => document.getText(r.range)), ['Vienna', 'Vienna'], 'references of another entity are its own');

    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, last, 'Macrón');
    assert.ok(edit, 'a rename edit');
    const edits = edit.get(document.uri);
    assert.equal(edits.length, 4, JSON.stringify(edits));
    assert.ok(edits.every((e) => e.newText === 'Macrón' && document.getText(e.range) === 'Macron'));
    assert.deepEqual(edits.map((e) => document.offsetAt(e.range.start)).sort((a, b) => a - b), macrons);
    // The same person in the other articles of the workspace: "Emmanuel Macron" in talks.news too.
    const talksUri = workspaceFile('talks.news');
    const talks = await vscode.workspace.openTextDocument(talksUri);
    const inTalks = edit.get(talksUri);
    assert.equal(inTalks.length, 1, `talks.news: ${JSON.stringify(inTalks)}`);
    assert.equal(talks.getText(inTalks[0].range), 'Macron');
    assert.ok(!edit.entries().some(([u]) => /brief\.article|blinken/.test(u.path)), 'only articles that mention him');
    // Applied, it changes every mention and nothing else.
    const before = document.getText(), talksBefore = talks.getText();
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(document.getText(), before.replace(/\bMacron\b/g, 'Macrón'));
    assert.equal(talks.getText(), talksBefore.replace('Emmanuel Macron', 'Emmanuel Macrón'));
    // Back (VS Code may have saved the refactored files: files.refactoring.autoSave): the same ranges
    // ("Macrón" is as long as "Macron") get the old name again, and everything is saved.
    const back = new vscode.WorkspaceEdit();
    for (const [u, edits] of edit.entries()) for (const e of edits) back.replace(u, e.range, 'Macron');
    assert.ok(await vscode.workspace.applyEdit(back));
    await vscode.workspace.saveAll(false);
    assert.equal(document.getText(), before);
    assert.equal(talks.getText(), talksBefore);
  });

  it('finds entities across every article of the workspace (workspace symbols)', async () => {
    await open('talks.news');
    const symbols = await waitFor('workspace symbols for "Macron" in two articles', async () => {
      const s = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Macron');
      const files = new Set(s.filter((x) => x.name === 'Emmanuel Macron').map((x) => x.location.uri.path.split('/').pop()));
      return files.has('talks.news') && files.has('visit.news') ? s : undefined;
    });
    const macron = symbols.filter((x) => x.name === 'Emmanuel Macron');
    assert.equal(macron.length, 2, 'one symbol per article');
    const visit = macron.find((x) => x.location.uri.path.endsWith('/visit.news'))!;
    const doc = await vscode.workspace.openTextDocument(workspaceFile('visit.news'));
    assert.equal(doc.getText(visit.location.range), 'Macron', 'the symbol points at the first mention');
    // An article that is not open is found through the index of the files on disk.
    const aliyev = await waitFor('workspace symbols for "Aliyev"', async () => {
      const s = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Aliyev');
      return s.length ? s : undefined;
    });
    assert.ok(aliyev.some((x) => /Aliyev/.test(x.name) && x.location.uri.path.endsWith('/blinken-aliyev-munich.news')), aliyev.map((x) => x.name).join(', '));
    assert.ok(!aliyev.some((x) => x.location.uri.path.endsWith('/talks.news')), 'only articles that mention him');
    const none = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Zzyzx');
    assert.equal(none.length, 0);
  });
});
