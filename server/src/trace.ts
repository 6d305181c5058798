/**
 * NEWS_LENS_TRACE=1: a timeline of the server's work on stderr (milliseconds since the thread
 * started), to see where an edit's or a first analysis's time goes. Costs nothing when off.
 */
const ON = typeof process !== 'undefined' && !!process.env.NEWS_LENS_TRACE;

/** `memory`: also the process's memory (RSS, and the main thread's heap and external memory), in MB. */
export function trace(what: string, memory = false): void {
  if (!ON) return;
  let m = '';
  if (memory) {
    const u = process.memoryUsage();
    const mb = (n: number) => (n / 1048576).toFixed(0);
    m = ` (rss ${mb(u.rss)}, heap ${mb(u.heapUsed)}/${mb(u.heapTotal)}, external ${mb(u.external)})`;
  }
  process.stderr.write(`[news-lens ${performance.now().toFixed(1)}] ${what}${m}\n`);
}
