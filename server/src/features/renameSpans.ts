/**
 * Where a rename changes the text: the whole-word occurrences of the renamed written form inside the
 * mentions of one entity. Pure (no LSP import): the index's worker thread uses it for the articles on
 * disk, `navigation.ts` for the open ones.
 */
import type { Span } from '../engine';

const WORD = /[\p{L}\p{M}\p{N}]/u;

/** Offsets (relative to `text`) where `form` occurs in `text` as whole words. */
function wholeWordOccurrences(text: string, form: string): number[] {
  const found: number[] = [];
  if (!form) return found;
  for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + form.length)) {
    const before = i > 0 ? text[i - 1] : '';
    const after = text[i + form.length] ?? '';
    if ((!before || !WORD.test(before)) && (!after || !WORD.test(after))) found.push(i);
  }
  return found;
}

/** The spans of `form` (as whole words) inside the given mentions, in order. */
export function formSpans(mentions: readonly { start: number; text: string }[], form: string): Span[] {
  const spans: Span[] = [];
  for (const m of mentions) {
    for (const i of wholeWordOccurrences(m.text, form)) spans.push({ start: m.start + i, end: m.start + i + form.length });
  }
  return spans;
}
