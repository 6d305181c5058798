/**
 * NEWS_LENS_TRACE=1: a timeline of the server's work on stderr, to see where an edit's or a first
 * analysis's time goes; NEWS_LENS_TRACE=gc adds every garbage collection (kind, pause). Times are
 * wall-clock milliseconds (performance.timeOrigin + performance.now()), so a client's timeline can
 * be lined up with the server's. Costs nothing when off.
 */
import { PerformanceObserver } from 'node:perf_hooks';

/** Whether the trace is on. */
export const ON = typeof process !== 'undefined' && !!process.env.NEWS_LENS_TRACE;

const line = (at: number, what: string) => process.stderr.write(`[news-lens ${(performance.timeOrigin + at).toFixed(1)}] ${what}\n`);

/** `memory`: also the process's memory (RSS, and the main thread's heap and external memory), in MB. */
export function trace(what: string, memory = false): void {
  if (!ON) return;
  let m = '';
  if (memory) {
    const u = process.memoryUsage();
    const mb = (n: number) => (n / 1048576).toFixed(0);
    m = ` (rss ${mb(u.rss)}, heap ${mb(u.heapUsed)}/${mb(u.heapTotal)}, external ${mb(u.external)})`;
  }
  line(performance.now(), what + m);
}

if (ON && process.env.NEWS_LENS_TRACE === 'gc') {
  const kinds: Record<number, string> = { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental marking', 8: 'weak callbacks' };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = ((e as { detail?: { kind?: number } }).detail)?.kind ?? 0;
      line(e.startTime, `    gc ${kinds[kind] ?? kind} ${e.duration.toFixed(1)} ms`);
    }
  }).observe({ entryTypes: ['gc'] });
}
