/** Shared by the extension-host tests: the workspace's articles, bounded waits, the extension's API. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NewsLensApi } from '../../extension';

export const SOURCE = 'news-lens';
export const WAIT_MS = 45_000;

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder with the test articles');
  return vscode.Uri.joinPath(folder.uri, name);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value that is not undefined, or fails after `ms` with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = WAIT_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

export const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

export async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function diagnosticsOf(name: string): Promise<vscode.Diagnostic[]> {
  const uri = workspaceFile(name);
  return waitFor(`News Lens diagnostics on ${name}`, () => { const d = ours(uri); return d.length ? d : undefined; });
}

/** The position `offsetInWord` characters into the `nth` (0-based) occurrence of `word`. */
export function positionOf(doc: vscode.TextDocument, word: string, offsetInWord = 1, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = doc.getText().indexOf(word, at + 1);
  assert.ok(at >= 0, `"${word}" (occurrence ${nth + 1}) is not in ${doc.uri.path}`);
  return doc.positionAt(at + offsetInWord);
}

/** Every offset at which `word` occurs as a whole word. */
export function occurrences(doc: vscode.TextDocument, word: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`\\b${word}\\b`, 'g');
  for (let m = re.exec(doc.getText()); m; m = re.exec(doc.getText())) out.push(m.index);
  return out;
}

/** The API object News Lens' `activate` returns (activating it if needed). */
export async function newsLens(): Promise<NewsLensApi> {
  const ext = vscode.extensions.getExtension<NewsLensApi>('news-lens.news-lens');
  assert.ok(ext, 'the News Lens extension is installed');
  const api = ext.isActive ? ext.exports : await ext.activate();
  assert.ok(api?.article && api.entities && api.statusBar && api.server, 'activate returns the test API');
  return api;
}
