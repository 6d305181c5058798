/**
 * A worker thread of the language server (`./workerPool`): computes what needs compromise, so that large
 * analyses never block the editor. Messages (`WorkerRequest`), answered in order:
 *   { id, languageId, texts: string[], claims? }   → { id, results: BlockResult[], seeds? } (same order)
 *   { id, summarize: text }                         → { id, summary: IndexedEntity[] } (the workspace index)
 *   { id, renameSpans: { text, entity, form } }     → { id, spans: Span[] } (a rename across the workspace)
 * or { id, error } when it fails.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeBlocks } from './engine/blocks';
import { seedClaims } from './engine/claims';
import { getNlp } from './engine/nlp';
import { summarizeText, renameSpansInText } from './features/indexSummary';
import type { WorkerRequest } from './workerPool';

/**
 * A warm-up text (about 5 KB, written for it): paragraphs of names, titles, places, dates, numbers,
 * quotes and attributions, so that compromise's and the recognizer's hot paths are compiled before the
 * first real job (a worker that starts cold is several times slower on its first blocks).
 */
function warmUpText(): string[] {
  const who = ['Clara Voss', 'Tomas Okafor', 'Ingrid Brennan', 'Pavel Castellano', 'Lucia Haddad', 'Omar Jensen'];
  const where = ['Lisbon', 'Vienna', 'Nairobi', 'Santiago', 'Hanoi', 'Ottawa'];
  const country = ['Portugal', 'Austria', 'Kenya', 'Chile', 'Vietnam', 'Canada'];
  const out: string[] = [];
  for (let i = 0; i < 24; i++) {
    const a = who[i % 6], b = who[(i + 2) % 6], c = where[i % 6], d = country[(i + 3) % 6];
    out.push(i % 6 === 5 ? `Talks in ${c}` : `Minister ${a} arrived in ${c} on Tuesday, ${3 + i} March, for talks with officials from ${d} and the United Nations. `
      + `"We expect an agreement within ${i + 2} days," ${a.split(' ')[1]} told reporters, while ${b} said that ${10 + i} percent of the delegates `
      + `had not yet voted. Experts say the deal is historic; the ministry's figures were not published.`);
  }
  return out;
}

function answer(m: WorkerRequest): object {
  if ('summarize' in m) return { summary: summarizeText(m.summarize) };
  if ('renameSpans' in m) return { spans: renameSpansInText(m.renameSpans.text, m.renameSpans.entity, m.renameSpans.form) };
  const results = analyzeBlocks(m.texts, m.languageId);
  if (!m.claims) return { results };
  const context = m.claims;
  return { results, seeds: results.map((r, i) => seedClaims(m.texts[i], r, context)) };
}

if (parentPort) {
  const port = parentPort;
  // Load compromise now (while the main thread is still busy opening the document), and run it once
  // on a short text: the first real job then runs compiled code.
  getNlp();
  const warm = warmUpText();
  analyzeBlocks(warm).forEach((r, i) => seedClaims(warm[i], r, { date: '2024-03-01', football: false }));
  port.on('message', (m: WorkerRequest) => {
    try {
      port.postMessage({ id: m.id, ...answer(m) });
    } catch (e) {
      port.postMessage({ id: m.id, error: String((e as Error)?.stack ?? e) });
    }
  });
  port.postMessage({ ready: true });
}
