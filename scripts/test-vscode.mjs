#!/usr/bin/env node
// Runs the extension-host suite (client/src/test) in desktop VS Code with @vscode/test-electron.
// VS Code comes from VSCODE_EXECUTABLE when it is set, else from a download (cached in
// ~/.cache/news-lens-e2e/vscode-test). Where neither works (an offline machine), it says so and exits 0
// without claiming a pass: the same suite then runs inside code-server with `npm run test:e2e`.
import { runTests, downloadAndUnzipVSCode } from '@vscode/test-electron';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeWorkspace, root } from './e2e/workspace.mjs';

const testsPath = join(root, 'client', 'out', 'test', 'index.js');
if (!existsSync(testsPath)) {
  console.error('test:vscode: client/out/test/index.js is missing: run `npm run build` first');
  process.exit(1);
}

let executable = process.env.VSCODE_EXECUTABLE;
if (executable && !existsSync(executable)) {
  console.error(`test:vscode: VSCODE_EXECUTABLE=${executable} does not exist`);
  process.exit(1);
}
if (!executable) {
  try {
    const cachePath = join(process.env.NEWS_LENS_E2E_CACHE || join(homedir(), '.cache', 'news-lens-e2e'), 'vscode-test');
    executable = await Promise.race([
      downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION || 'stable', cachePath, timeout: 20_000 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 60 s')), 60_000).unref()),
    ]);
  } catch (e) {
    console.log(`test:vscode: SKIPPED, not run: no desktop VS Code here. VSCODE_EXECUTABLE is not set and the download failed (${(e?.message ?? String(e)).split('\n')[0]}).`);
    console.log('test:vscode: set VSCODE_EXECUTABLE to a VS Code binary to run it; `npm run test:e2e` runs the same suite inside code-server.');
    process.exit(0);
  }
}

const workspace = makeWorkspace();
const profile = mkdtempSync(join(tmpdir(), 'news-lens-vscode-'));
// Electron needs a display: use xvfb-run when there is none and it is installed.
const xvfb = !process.env.DISPLAY && !process.env.NEWS_LENS_UNDER_XVFB && process.platform === 'linux' && spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0;
if (!process.env.DISPLAY && process.platform === 'linux' && !xvfb) console.error('test:vscode: no DISPLAY and no xvfb-run: VS Code may fail to start (apt-get install xvfb)');
let code = 1;
try {
  const launchArgs = [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
    '--user-data-dir', join(profile, 'user'), '--extensions-dir', join(profile, 'extensions')];
  if (xvfb) {
    // Re-run this script under xvfb-run with a display.
    const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, VSCODE_EXECUTABLE: executable, NEWS_LENS_UNDER_XVFB: '1' } });
    code = r.status ?? 1;
  } else {
    code = await runTests({ vscodeExecutablePath: executable, extensionDevelopmentPath: root, extensionTestsPath: testsPath, launchArgs });
  }
} catch (e) {
  console.error(`test:vscode: ${e?.message ?? e}`);
  code = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
process.exit(code);
