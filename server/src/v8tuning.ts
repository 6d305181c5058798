/**
 * V8 settings for the processes News Lens runs on its own (the language server with its worker
 * threads, the CLI); never for a host that loads the engine as a library.
 *
 * `--no-turbo-inlining`: compromise and the recognizer are large functions, and with inlining V8's
 * optimizing compiler spends about as long compiling them, on its background threads, as the code
 * then runs: ~2 s of compile time per worker thread for half of a 1 MB article, measured with
 * `--trace-opt`. On a two-core machine those threads take the cores the workers need. Without
 * inlining the compile time falls to ~0.9 s and the workers' work to ~0.7×; the main thread's
 * assembly and edit path showed no slowdown. Measured on 2026-11-27 (1 MB article through the server:
 * first analysis 5.2 s → 3.6 s in one pair of runs, 11.5 s → 6.8 s in another under load).
 *
 * `--interrupt-budget` at four times V8's default (132 KB of bytecode run before a function is
 * considered for optimization): lukewarm functions are no longer compiled for little gain, the hot
 * loops still are. Half a 1 MB article in one thread: 222 → 92 compiles, ~950 → ~290 ms of compile
 * time, the same run time. Through the server, three interleaved pairs: first analysis of 1 MB
 * 3.80 → 3.26 s, CPU of all threads 6.9 → 5.8 s; edit latency at 100 KB and 1 MB unchanged.
 *
 * `--no-regexp-tier-up`: a regular expression is compiled to machine code at its first run, not first
 * interpreted and compiled at its second. V8 drops the compiled expressions in its major collections
 * (they start over in the interpreter), and the claim rules (dozens of expressions with Unicode classes)
 * run on the server's main thread only now and then, for the paragraph of an edit: a heavy paragraph's
 * rules took 8 ms after two collections with the tier-up and 4 ms without (1.5 ms when nothing was
 * dropped), 147 → 53 ms the first time. Measured on 2026-11-27; first analysis of 300 KB and 1 MB
 * through the server unchanged or faster (1 MB: 3.53 / 3.19 s → 3.01 / 3.05 s), the same memory.
 */
import { setFlagsFromString } from 'node:v8';

export function tuneV8(): void {
  try {
    setFlagsFromString('--no-turbo-inlining');
    setFlagsFromString(`--interrupt-budget=${4 * 132 * 1024}`);
    setFlagsFromString('--no-regexp-tier-up');
  } catch {
    // (an engine without the flag: nothing to tune)
  }
}
