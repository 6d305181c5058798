/**
 * A worker thread of the language server: computes per-block results (`engine/blocks`) for block
 * texts the main thread sends, so that large analyses never block the editor. Messages:
 *   in:  { id, languageId, texts: string[] }
 *   out: { id, results: BlockResult[] } (same order), or { id, error }
 * and, for the workspace index (features/indexWorker.ts), a whole article's index summary:
 *   in:  { id, summarize: text }      out: { id, summary: IndexedEntity[] }, or { id, error }
 * and the spans a rename changes in an article on disk (a rename across the workspace):
 *   in:  { id, renameSpans: { text, entity, form } }      out: { id, spans: Span[] }, or { id, error }
 */
import { parentPort } from 'node:worker_threads';
import { analyzeBlocks } from './engine/blocks';
import { getNlp } from './engine/nlp';
import { summarizeText, renameSpansInText } from './features/indexSummary';
import type { SummarizeRequest } from './features/indexWorker';

export interface WorkerRequest {
  readonly id: number;
  readonly languageId: string;
  readonly texts: readonly string[];
}

if (parentPort) {
  const port = parentPort;
  // Load compromise now, while the main thread is still busy opening the document.
  getNlp();
  port.on('message', (m: WorkerRequest | SummarizeRequest) => {
    if ('summarize' in m || 'renameSpans' in m) {
      try {
        if ('summarize' in m) port.postMessage({ id: m.id, summary: summarizeText(m.summarize) });
        else port.postMessage({ id: m.id, spans: renameSpansInText(m.renameSpans.text, m.renameSpans.entity, m.renameSpans.form) });
      } catch (e) {
        port.postMessage({ id: m.id, error: String((e as Error)?.stack ?? e) });
      }
      return;
    }
    try {
      port.postMessage({ id: m.id, results: analyzeBlocks(m.texts, m.languageId) });
    } catch (e) {
      port.postMessage({ id: m.id, error: String((e as Error)?.stack ?? e) });
    }
  });
  port.postMessage({ ready: true });
}
