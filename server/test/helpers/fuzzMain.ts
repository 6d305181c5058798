/**
 * `npm run fuzz -- [--count N] [--seed S] [--from F] [--case I[,J...]] [--parallel P] [--max-failures F] [--reduce]`
 * Runs the fuzzer (see ./fuzz.ts) and prints a summary; failing cases are written to fuzz-failures/ as
 * JSON (reduced with --reduce) so each can become a unit test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFuzz, reduce, runCase, finalText, type FuzzCase } from './fuzz';
import { LspClient } from './lspClient';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const count = Number(arg('count') ?? 1000);
  const seed = Number(arg('seed') ?? Date.now() % 1_000_000);
  const from = Number(arg('from') ?? 0);
  // --from F runs cases F..F+count-1 (a long run split over several processes covers the same cases).
  const only = arg('case')?.split(',').map(Number) ?? (from ? Array.from({ length: count }, (_, i) => from + i) : undefined);
  const parallel = Number(arg('parallel') ?? 2);
  const maxFailures = Number(arg('max-failures') ?? 5);
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) {
    process.stderr.write('usage: npm run fuzz -- [--count N] [--seed S] [--case I,J] [--parallel P] [--max-failures F] [--reduce]\n');
    return 2;
  }
  const started = Date.now();
  process.stderr.write(`fuzz: ${only ? `cases ${only.length > 10 ? `${only[0]}..${only[only.length - 1]}` : only.join(',')}` : `${count} cases`}, seed ${seed}, ${parallel} server(s)\n`);
  let last = 0;
  const result = await runFuzz({
    count, seed, only, parallel, maxFailures,
    onProgress(done, total) {
      if (Date.now() - last > 5000 || done === total) {
        last = Date.now();
        process.stderr.write(`  ${done}/${total} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
      }
    },
    onFailure(f) { process.stderr.write(`FAIL ${f.message}\n`); },
  });
  const dir = join(process.cwd(), 'fuzz-failures');
  for (const f of result.failures) {
    let c: FuzzCase = f.fuzzCase;
    if (process.argv.includes('--reduce')) {
      const client = await LspClient.start();
      let current = client;
      c = await reduce(c, async (cand) => {
        try { await runCase(current, cand, 15000); return false; } catch {
          await current.stop(); current = await LspClient.start(); return true;
        }
      });
      await current.stop();
    }
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `seed-${c.seed}-case-${c.index}.json`);
    writeFileSync(file, JSON.stringify({ ...c, final: finalText(c), message: f.message }, null, 1));
    process.stderr.write(`  written ${file}\n`);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`fuzz: ${result.passed}/${result.run} cases passed (seed ${seed}) in ${secs} s${result.failures.length ? `, ${result.failures.length} failed` : ''}\n`);
  return result.failures.length || result.passed !== result.run ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
