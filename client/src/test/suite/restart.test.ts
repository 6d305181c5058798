/**
 * Issue 7, containment in the client: when the language server process dies, the extension restarts it,
 * tells the user once, and the warnings come back; after 5 deaths in 3 minutes it gives up and says so.
 * (Runs last: the file name sorts after the others, and the final test leaves the server stopped.)
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsOf, newsLens, open, ours, waitFor } from './helpers';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Kills the server process and waits until a new one has started; returns the new pid. */
async function killServer(pid: number): Promise<number> {
  const api = await newsLens();
  process.kill(pid, 'SIGKILL');
  await waitFor(`server process ${pid} to die`, () => (alive(pid) ? undefined : true));
  return waitFor('a new server process', () => { const p = api.server.pid(); return p !== undefined && p !== pid && alive(p) ? p : undefined; });
}

/** Appends a sentence with an unsourced figure and waits for the (new) server's warning on it. */
async function warnsOnNewSentence(doc: vscode.TextDocument, figure: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(doc.getText().length), `\nImports from Canada fell by ${figure} percent last year.\n`);
  assert.ok(await vscode.workspace.applyEdit(edit));
  await waitFor(`a warning on the new "${figure} percent"`, () =>
    ours(doc.uri).some((d) => d.code === 'unsourced-statistic' && doc.getText(d.range).includes(figure)) ? true : undefined);
}

describe('News Lens when its language server dies (issue 7)', function () {
  this.timeout(180_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('restarts a killed server, says so once, and the warnings and hovers come back', async () => {
    const api = await newsLens();
    const { document } = await open('talks.news');
    await diagnosticsOf('talks.news');
    const first = await waitFor('the server\'s process id', () => api.server.pid());
    assert.ok(alive(first));
    assert.deepEqual(api.server.notices, [], 'nothing said before a crash');

    const second = await killServer(first);
    await warnsOnNewSentence(document, '17');
    assert.equal(api.server.notices.length, 1, api.server.notices.join('\n'));
    assert.match(api.server.notices[0], /stopped unexpectedly and was restarted/);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(document.getText().indexOf('Macron') + 2));
    assert.match(hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /Emmanuel Macron/);

    // A second death: restarted again, but the user is not told twice.
    await killServer(second);
    await warnsOnNewSentence(document, '23');
    assert.equal(api.server.notices.length, 1, `said once: ${api.server.notices.join(' | ')}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('gives up after 5 deaths in 3 minutes and says so', async () => {
    const api = await newsLens();
    await open('talks.news');
    // Two deaths in the test above; it takes five within 3 minutes (kill until it gives up, at most 5 times).
    const crashes = () => api.server.notices.find((n) => /will not be restarted/.test(n));
    let kills = 0;
    while (!crashes() && kills < 5) {
      const pid = await waitFor('the server\'s process id', () => { const p = api.server.pid(); return p !== undefined && alive(p) ? p : undefined; });
      process.kill(pid, 'SIGKILL');
      kills++;
      await waitFor('a new server or the final message', () => {
        const p = api.server.pid();
        return crashes() || (p !== undefined && p !== pid && alive(p)) ? true : undefined;
      });
    }
    const notice = crashes();
    assert.ok(notice, `the "will not be restarted" message after ${kills} more kills: ${api.server.notices.join(' | ')}`);
    assert.match(notice, /5 times in 3 minutes/);
    await new Promise((r) => setTimeout(r, 3000));
    assert.ok(api.server.pid() === undefined || !alive(api.server.pid()!), 'no new server was started');
    assert.equal(api.server.notices.length, 2, api.server.notices.join(' | '));
  });
});
