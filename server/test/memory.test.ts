/**
 * Memory across edits: an analyzer keeps what the next analysis reuses, not the texts and analyses of
 * the versions before (measured after full collections, asked of V8 through the inspector).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { createAnalyzer } from '../src/engine';

async function usedAfterGc(session: Session): Promise<number> {
  for (let i = 0; i < 2; i++) await session.post('HeapProfiler.collectGarbage');
  return process.memoryUsage().heapUsed;
}

test('sixty edits of a long article do not keep the versions before them alive', async () => {
  const session = new Session();
  session.connect();
  try {
    const sample = readFileSync(join(__dirname, '..', '..', '..', 'samples', 'blinken-aliyev-munich.news'), 'utf8');
    // ~200 KB: the sample's paragraphs, numbered so that each is its own block.
    const body = sample.split(/\n\s*\n/).slice(1);
    const parts: string[] = [sample.split('\n')[0]];
    for (let k = 0; parts.join('\n\n').length < 200_000; k++) parts.push(`${k}. ${body[k % body.length]}`);
    let text = parts.join('\n\n');
    const analyzer = createAnalyzer();
    analyzer.analyze(text);
    const before = await usedAfterGc(session);
    for (let i = 0; i < 60; i++) {
      const at = text.indexOf(' ', Math.floor(((i * 7919) % 997) / 997 * text.length));
      const insert = i % 2 ? ' today' : ' Maria Lindqvist';
      const next = text.slice(0, at) + insert + text.slice(at);
      analyzer.edited(text, at, at, insert, next);
      text = next;
      assert.ok(analyzer.analyze(text).claims.length > 0);
    }
    const grown = (await usedAfterGc(session)) - before;
    // Each version of the text is ~400 KB in memory: kept, sixty of them would be ~24 MB.
    assert.ok(grown < 6 * 1024 * 1024, `the heap grew by ${(grown / 1048576).toFixed(1)} MB over 60 edits`);
  } finally {
    session.disconnect();
  }
});
