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
 */
import { setFlagsFromString } from 'node:v8';

export function tuneV8(): void {
  try {
    setFlagsFromString('--no-turbo-inlining');
    setFlagsFromString(`--interrupt-budget=${4 * 132 * 1024}`);
  } catch {
    // (an engine without the flag: nothing to tune)
  }
}
