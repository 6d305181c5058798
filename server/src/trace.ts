/**
 * NEWS_LENS_TRACE=1: a timeline of the server's work on stderr (milliseconds since the thread
 * started), to see where an edit's or a first analysis's time goes. Costs nothing when off.
 */
const ON = typeof process !== 'undefined' && !!process.env.NEWS_LENS_TRACE;

export function trace(what: string): void {
  if (ON) process.stderr.write(`[news-lens ${performance.now().toFixed(1)}] ${what}\n`);
}
