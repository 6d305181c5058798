/**
 * The mentions of one block, for the article-level caches kept per block text (claim findings,
 * reported events): which of the article's sorted mentions fall in a block, and whether a cached
 * entry made for the block's text still holds for them (the same spans relative to the block).
 */
import type { Span } from './types';

/** What a cache entry knows of the mentions it was made with. */
export interface SpansRecord {
  /** Start and end of each mention in the block, relative to the block. */
  readonly spans: Int32Array;
  /** The caller's token for these spans (the same object, the same spans), if one was given. */
  kept?: object;
}

/** Where each block's mentions are in the article's mentions (sorted by start): block b's are `from[b]`... up to `to[b]` (excluded). */
export interface MentionWindows {
  readonly from: Int32Array;
  readonly to: Int32Array;
}

/** The mentions that start inside each block (blocks and mentions sorted by start). */
export function mentionWindows(blocks: readonly Span[], mentions: readonly Span[]): MentionWindows {
  const from = new Int32Array(blocks.length);
  const to = new Int32Array(blocks.length);
  let mi = 0;
  for (let b = 0; b < blocks.length; b++) {
    while (mi < mentions.length && mentions[mi].start < blocks[b].start) mi++;
    from[b] = mi;
    while (mi < mentions.length && mentions[mi].start < blocks[b].end) mi++;
    to[b] = mi;
  }
  return { from, to };
}

/** `mentions[from..to)` relative to `at`, as start, end pairs. */
export function relativeSpans(mentions: readonly Span[], from: number, to: number, at: number): Int32Array {
  const spans = new Int32Array(2 * (to - from));
  for (let i = from, k = 0; i < to; i++, k += 2) { spans[k] = mentions[i].start - at; spans[k + 1] = mentions[i].end - at; }
  return spans;
}

/**
 * Whether `rec` was made with the spans of `mentions[from..to)` relative to `at`. With a `token` (an
 * object that stands for the block's relative spans), the same token answers at once, and a match
 * found by comparing records the token for the next time.
 */
export function spansHold(rec: SpansRecord, mentions: readonly Span[], from: number, to: number, at: number, token?: object): boolean {
  if (token && rec.kept === token) return true;
  const spans = rec.spans;
  if (spans.length !== 2 * (to - from)) return false;
  for (let i = from, k = 0; i < to; i++, k += 2) if (spans[k] !== mentions[i].start - at || spans[k + 1] !== mentions[i].end - at) return false;
  if (token) rec.kept = token;
  return true;
}
