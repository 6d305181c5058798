/**
 * A young-generation collection when the server is idle, so that the next edit does not pay for one.
 *
 * Each edit of a large article allocates a few MB on the main thread (the new analysis, the
 * diagnostics); V8 collects its young generation when that fills up, in the middle of whichever edit or
 * hover fills it: at 1 MB, ~10 ms on one edit in four or five, most of the tail of the edit latency.
 * Once the diagnostics of an edit are out, this fills what is left of the young generation with short
 * garbage, which makes V8 collect it then: the next edit starts with it empty, and the previous
 * analysis, now garbage, dies young instead of being promoted. No V8 flag and no `gc()` (which needs
 * `--expose-gc`): the sizes come from `v8.getHeapSpaceStatistics`.
 */
import { getHeapSpaceStatistics } from 'node:v8';

/** Below this much in use, a collection now would save the next edit little. */
const MIN_USED = 1 << 20;
/** The garbage: arrays of 1,000 slots (~8 KB each, always in the young generation). */
const SLOTS = 1000;
const ARRAY_BYTES = SLOTS * 8 + 16;

/** Kept so that the allocations are not optimized away. */
export let lastFiller: unknown;

function newSpace(): { used: number; available: number } | undefined {
  for (const s of getHeapSpaceStatistics()) {
    if (s.space_name === 'new_space') return { used: s.space_used_size, available: s.space_available_size };
  }
  return undefined;
}

/**
 * Makes V8 collect the young generation now, when at least `MIN_USED` of it is in use. Returns whether
 * it did (false when there was little to collect, or the runtime does not tell its spaces).
 */
export function collectYoungNow(): boolean {
  const before = newSpace();
  if (!before || before.used < MIN_USED) return false;
  // (One array more than the space left: the last allocation cannot fit, and V8 collects.)
  for (let left = before.available + ARRAY_BYTES; left > 0; left -= ARRAY_BYTES) lastFiller = new Array(SLOTS);
  const after = newSpace();
  return !!after && after.used < before.used;
}
