#!/usr/bin/env node
/**
 * The command-line checker.
 *   news-lens analyze [--json] FILE...   the analysis of each file (JSON array, or a readable report)
 *   news-lens check [options] FILE...    fact-check warnings for CI (see ./check.ts)
 */
import { isMainThread } from 'node:worker_threads';
import { runCheck, languageOf, CHECK_USAGE } from './check';
import { readFileSync } from 'node:fs';
import { analyze, toJsonResult, lineLocator, type Analysis } from './engine';
import { outlineOf, type JsonOutlineItem } from './engine/json';
import { tuneV8 } from './v8tuning';

const USAGE = `usage: news-lens analyze [--json] FILE...
       news-lens check [--format stylish|json|sarif|github] [--max-warnings N] FILE|DIR|GLOB...

  analyze FILE...   print the people, countries, places, organizations and events of each article,
                    its outline and its fact-check warnings
  --json            print a JSON array, one result per file (offsets are UTF-16 indices)
  check ...         the fact-check warnings of many files, for CI ('news-lens check --help')
`;

function readArticle(file: string): string {
  const buf = readFileSync(file);
  return buf.toString('utf8');
}

function report(file: string, a: Analysis): string {
  const out: string[] = [];
  const lineColumn = lineLocator(a.text);
  out.push(`${file}${a.date ? `  (dated ${a.date.value})` : ''}`);
  const groups: [string, string][] = [['person', 'People'], ['country', 'Countries'], ['place', 'Places'], ['organization', 'Organizations'], ['event', 'Events']];
  for (const [kind, title] of groups) {
    const es = a.entities.filter((e) => e.kind === kind);
    if (!es.length) continue;
    out.push(`\n  ${title}:`);
    for (const e of es) {
      const role = e.roles.length ? ` (${e.roles[0]})` : '';
      const forms = [...new Set(e.mentions.map((m) => m.text))].filter((f) => f !== e.name);
      const facts = e.facts.lines.length ? ` — ${e.facts.lines.join('; ')}` : '';
      out.push(`    ${e.name}${role}: ${e.mentions.length} mention${e.mentions.length === 1 ? '' : 's'}${forms.length ? ` (also ${forms.join(', ')})` : ''}${facts}`);
    }
  }
  const outline = outlineOf(a).filter((i) => i.kind === 'section' || i.name === 'Reported events');
  if (outline.length) {
    out.push('\n  Outline:');
    const walk = (items: JsonOutlineItem[], depth: number) => {
      for (const i of items) {
        const { line } = lineColumn(i.start);
        out.push(`    ${'  '.repeat(depth)}${i.name}  (line ${line})`);
        if (i.children) walk(i.children, depth + 1);
      }
    };
    walk(outline, 0);
  }
  out.push(`\n  Warnings (${a.claims.length}):`);
  for (const c of a.claims) {
    const { line, column } = lineColumn(c.trigger?.start ?? c.start);
    out.push(`    ${line}:${column}  ${c.severity.padEnd(7)}  ${c.message}  [${c.rule}]`);
  }
  for (const n of a.notes) out.push(`\n  Note: ${n}`);
  return out.join('\n');
}

export function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') {
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(CHECK_USAGE);
      return 0;
    }
    return runCheck(rest, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      stdoutIsTTY: process.stdout.isTTY,
      stderrIsTTY: process.stderr.isTTY,
      // Workers run this same bundle (see check.ts).
      workerScript: __filename,
    });
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command !== 'analyze') {
    process.stderr.write(command ? `news-lens: unknown command '${command}'\n${USAGE}` : USAGE);
    return 2;
  }
  const json = rest.includes('--json');
  const unknown = rest.filter((a) => a.startsWith('-') && a !== '--json');
  if (unknown.length) {
    process.stderr.write(`news-lens: unknown option ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const files = rest.filter((a) => !a.startsWith('-'));
  if (!files.length) {
    process.stderr.write(`news-lens: no files given\n${USAGE}`);
    return 2;
  }
  let status = 0;
  const results: unknown[] = [];
  const reports: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readArticle(file);
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      process.stderr.write(`news-lens: cannot read ${file}: ${reason}\n`);
      status = 2;
      if (json) results.push({ file, error: reason });
      continue;
    }
    const a = analyze(text, { languageId: languageOf(file) });
    if (json) results.push(toJsonResult(file, a));
    else reports.push(report(file, a));
  }
  if (json) process.stdout.write(JSON.stringify(results) + '\n');
  else process.stdout.write(reports.join('\n\n') + '\n');
  return status;
}

/** Runs the command line and sets the exit code once the output is written. */
export function run(argv: string[] = process.argv.slice(2)): void {
  Promise.resolve(main(argv)).then(
    (code) => { process.exitCode = code; },
    (e) => { process.stderr.write(`news-lens: ${(e as Error)?.stack ?? e}\n`); process.exitCode = 2; },
  );
}

if (require.main === module && isMainThread) {
  tuneV8();
  run();
}
