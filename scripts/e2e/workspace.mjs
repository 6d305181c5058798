// A fresh workspace of articles for the real-editor tests: the test articles in client/src/test/fixtures
// and the bundled sample, copied into a temporary folder (the tests edit and save nothing in the repo).
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function makeWorkspace(prefix = 'news-lens-ws-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const fixtures = join(root, 'client', 'src', 'test', 'fixtures');
  for (const f of readdirSync(fixtures)) cpSync(join(fixtures, f), join(dir, f));
  for (const f of readdirSync(join(root, 'samples'))) cpSync(join(root, 'samples', f), join(dir, f));
  return dir;
}
