/**
 * A worker thread of the language server (`./workerPool`): computes what needs compromise, so that large
 * analyses never block the editor. Messages (`WorkerRequest`), answered in order:
 *   { id, languageId, texts: string[] }            → { id, results: BlockResult[] } (same order)
 *   { id, summarize: text }                         → { id, summary: IndexedEntity[] } (the workspace index)
 *   { id, renameSpans: { text, entity, form } }     → { id, spans: Span[] } (a rename across the workspace)
 * or { id, error } when it fails.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeBlocks } from './engine/blocks';
import { getNlp } from './engine/nlp';
import { summarizeText, renameSpansInText } from './features/indexSummary';
import type { WorkerRequest } from './workerPool';

/** Sentences written for the warm-up: a few names, places and numbers, so the tagger's paths are compiled. */
const WARM_UP = [
  'Minister Clara Voss arrived in Lisbon on Tuesday for talks with officials from Portugal and Spain.',
  'Voss said the council would meet again within 12 days, and 40 percent of the delegates agreed.',
];

function answer(m: WorkerRequest): object {
  if ('summarize' in m) return { summary: summarizeText(m.summarize) };
  if ('renameSpans' in m) return { spans: renameSpansInText(m.renameSpans.text, m.renameSpans.entity, m.renameSpans.form) };
  return { results: analyzeBlocks(m.texts, m.languageId) };
}

if (parentPort) {
  const port = parentPort;
  // Load compromise now (while the main thread is still busy opening the document), and run it once
  // on a short text: the first real job then runs compiled code.
  getNlp();
  analyzeBlocks(WARM_UP);
  port.on('message', (m: WorkerRequest) => {
    try {
      port.postMessage({ id: m.id, ...answer(m) });
    } catch (e) {
      port.postMessage({ id: m.id, error: String((e as Error)?.stack ?? e) });
    }
  });
  port.postMessage({ ready: true });
}
