/**
 * The extension seen through the VS Code API, as a user sees it: warnings, hover cards, the outline,
 * quick fixes, settings and the Markdown opt-in. Runs in a real extension host (VS Code through
 * @vscode/test-electron, or code-server through scripts/e2e), on the articles in the first workspace
 * folder (a copy of client/src/test/fixtures plus the bundled sample).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

import { workspaceFile, sleep, waitFor, ours, open, diagnosticsOf, positionOf } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

function symbolNames(symbols: (vscode.DocumentSymbol | vscode.SymbolInformation)[]): string[] {
  return symbols.flatMap((s) => [s.name, ...('children' in s ? symbolNames(s.children) : [])]);
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('newsLens').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('News Lens in the editor', function () {
  this.timeout(120_000);

  before(async () => {
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'news-lens' && e.packageJSON?.publisher === 'news-lens');
    assert.ok(ext, 'the News Lens extension is installed');
  });

  after(async () => {
    await setSetting('rules', undefined);
    await setSetting('enabledLanguages', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens .news and .article files as News articles and activates', async () => {
    const news = await open('talks.news');
    assert.equal(news.document.languageId, 'news');
    const article = await open('brief.article');
    assert.equal(article.document.languageId, 'news');
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'news-lens');
    await waitFor('the extension to activate', () => (ext?.isActive ? true : undefined));
  });

  it('shows fact-check warnings on the sample and on the test articles', async () => {
    await open('blinken-aliyev-munich.news');
    const sample = await diagnosticsOf('blinken-aliyev-munich.news');
    assert.ok(sample.every((d) => d.severity === vscode.DiagnosticSeverity.Warning), 'warnings by default');
    const categories = ['unsourced-statistic', 'vague-attribution', 'opinion-as-fact', 'contradiction'];
    assert.ok(sample.every((d) => categories.includes(String(d.code))), sample.map((d) => d.code).join(', '));
    assert.ok(sample.every((d) => d.message.length > 10), 'each warning says what is wrong');

    await open('talks.news');
    const talks = await diagnosticsOf('talks.news');
    const doc = (await vscode.workspace.openTextDocument(workspaceFile('talks.news')));
    const vague = talks.find((d) => d.code === 'vague-attribution');
    assert.ok(vague, `a vague attribution on "Experts say": ${JSON.stringify(talks.map((d) => d.code))}`);
    assert.match(doc.getText(vague.range), /Experts/);
    const stat = talks.find((d) => d.code === 'unsourced-statistic');
    assert.ok(stat, 'an unsourced statistic on "42 percent"');
    assert.match(doc.getText(stat.range), /42/);
  });

  it('shows a hover card on entity names and nothing on plain words', async () => {
    const { document } = await open('talks.news');
    await diagnosticsOf('talks.news');
    const macron = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'Macron', 2));
    const text = hoverText(macron);
    assert.match(text, /Emmanuel Macron/, text);
    assert.match(text, /person/i, text);
    const vienna = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'Vienna on', 2)));
    assert.match(vienna, /Vienna/, vienna);
    const plain = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'promised', 2)));
    assert.doesNotMatch(plain, /\*\*/, `no entity card on a plain word: ${plain}`);
  });

  it('gives the outline: sections and the entities in them', async () => {
    const { document } = await open('talks.news');
    const symbols = await waitFor('document symbols', async () => {
      const s = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', document.uri);
      return s?.length ? s : undefined;
    });
    const names = symbolNames(symbols);
    assert.ok(names.includes('Trade talks in Vienna'), names.join(' | '));
    assert.ok(names.includes('Figures from the ministry'), names.join(' | '));
    assert.ok(names.includes('Emmanuel Macron'), names.join(' | '));
    assert.ok(names.includes('Japan'), names.join(' | '));
  });

  it('offers quick fixes, and applying one changes the text', async () => {
    const { document } = await open('talks.news');
    const vague = (await diagnosticsOf('talks.news')).find((d) => d.code === 'vague-attribution');
    assert.ok(vague);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, vague.range);
    // (the command's results do not carry the diagnostics back: ask at the warning's range, take quick fixes with an edit)
    const fixes = actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && a.edit);
    assert.ok(fixes.length > 0, `quick fixes for the warning: ${JSON.stringify(actions.map((a) => ({ title: a.title, kind: a.kind?.value, edit: !!a.edit, diagnostics: a.diagnostics?.map((d) => d.code) })))}`);
    const fix = fixes.find((a) => a.isPreferred) ?? fixes[0];
    const before = document.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), `applying "${fix.title}"`);
    assert.notEqual(document.getText(), before, `"${fix.title}" changed the text`);
    const edits = fix.edit!.get(document.uri);
    assert.ok(edits.length > 0 && edits.every((e) => e.newText === '' || document.getText().includes(e.newText)), 'the fix\'s text is in the document');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.getText(), before, 'reverted');

    // "Ignore here" writes a suppression comment, and the warning goes away.
    const ignore = fixes.find((a) => /^Ignore/.test(a.title));
    assert.ok(ignore, `an "Ignore" quick fix: ${fixes.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit!));
    assert.match(document.getText(), /news-lens-ignore vague-attribution/);
    await waitFor('the ignored warning to go away', () => {
      const d = ours(document.uri);
      return d.length && !d.some((x) => x.code === 'vague-attribution') ? true : undefined;
    });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the warning to come back after the revert', () => (ours(document.uri).some((x) => x.code === 'vague-attribution') ? true : undefined));
  });

  it('takes a settings change into account without a restart', async () => {
    await open('talks.news');
    const uri = workspaceFile('talks.news');
    await diagnosticsOf('talks.news');
    await setSetting('rules', { 'vague-attribution': 'off' });
    await waitFor('vague-attribution to be switched off', () => {
      const d = ours(uri);
      return d.length && !d.some((x) => x.code === 'vague-attribution') ? true : undefined;
    });
    await setSetting('rules', { 'vague-attribution': 'error' });
    await waitFor('vague-attribution to become an error', () =>
      ours(uri).some((x) => x.code === 'vague-attribution' && x.severity === vscode.DiagnosticSeverity.Error) ? true : undefined);
    await setSetting('rules', undefined);
    await waitFor('the default severity to come back', () =>
      ours(uri).some((x) => x.code === 'vague-attribution' && x.severity === vscode.DiagnosticSeverity.Warning) ? true : undefined);
  });

  it('checks Markdown only when it is opted in', async () => {
    const md = await open('notes.md');
    assert.equal(md.document.languageId, 'markdown');
    await open('talks.news');
    await diagnosticsOf('talks.news'); // the server is running and answering
    await sleep(1500);
    assert.deepEqual(ours(md.document.uri), [], 'no News Lens warnings on Markdown by default');
    await setSetting('enabledLanguages', ['news', 'markdown']);
    const onMd = await diagnosticsOf('notes.md');
    assert.ok(onMd.some((d) => d.code === 'vague-attribution'), onMd.map((d) => d.code).join(', '));
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', md.document.uri, positionOf(md.document, 'Sanchez', 2)));
    assert.match(hover, /Pedro Sanchez/, hover);
    await setSetting('enabledLanguages', undefined);
    await waitFor('Markdown warnings to go away when opted out', () => (ours(md.document.uri).length === 0 ? true : undefined));
  });
});
