/**
 * Runs the extension-host suite (client/out/test/suite/*.test.js) with mocha.
 *  - `run()` is the entry @vscode/test-electron calls (extensionTestsPath).
 *  - `activate()` makes the same file a small harness extension for code-server (scripts/e2e): it runs the
 *    suite when the workspace holds `.news-lens-suite` and writes the results as JSON to the file named by
 *    NEWS_LENS_SUITE_RESULT (or `.news-lens-suite-result.json` in the workspace).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult { passed: string[]; failed: { title: string; error: string }[]; pending: string[]; durationMs: number }

export function runSuite(): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'spec' });
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
  const result: SuiteResult = { passed: [], failed: [], pending: [], durationMs: 0 };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => { result.durationMs = Date.now() - started; resolve(result); });
      runner.on('pass', (t) => result.passed.push(t.fullTitle()));
      runner.on('fail', (t, err: Error) => result.failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
      runner.on('pending', (t) => result.pending.push(t.fullTitle()));
    } catch (e) {
      reject(e);
    }
  });
}

export async function run(): Promise<void> {
  const r = await runSuite();
  if (r.failed.length || !r.passed.length) throw new Error(`${r.failed.length} of ${r.passed.length + r.failed.length} extension-host tests failed`);
}

export async function activate(): Promise<void> {
  // Loaded lazily: `vscode` only resolves inside an extension host.
  const vscode = await import('vscode');
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const out = process.env.NEWS_LENS_SUITE_RESULT || path.join(folder.uri.fsPath, '.news-lens-suite-result.json');
  let result: SuiteResult | { error: string };
  try {
    result = await runSuite();
  } catch (e) {
    result = { error: String((e as Error)?.stack ?? e) };
  }
  fs.writeFileSync(out + '.tmp', JSON.stringify(result, null, 2));
  fs.renameSync(out + '.tmp', out);
}
