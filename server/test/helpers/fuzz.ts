/**
 * The fuzzer: random articles built from real article fragments, Unicode (astral characters, combining
 * marks, RTL, CJK), junk and control characters; random edit sequences sent through the real server over
 * stdio as incremental changes. After each sequence the server's diagnostics and symbols must equal those
 * of a fresh analysis of the final text, computed here through the engine; the final text is tracked here
 * by an independent implementation of LSP's edit semantics (not the server's text document library).
 *
 * Every case is a pure function of (seed, index): `npm run fuzz -- --seed S --case I` replays one.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, Diagnostic, Position } from 'vscode-languageserver-protocol';
import { createAnalyzer } from '../../src/engine';
import { diagnostics as toDiagnostics } from '../../src/features/diagnostics';
import { documentSymbols } from '../../src/features/symbols';
import { LspClient } from './lspClient';
import { rng as mulberry32 } from './edits';

// ---------------------------------------------------------------------------------------------------
// Random numbers

/** The seeded PRNG of the edit helpers, with the helpers the fuzzer draws from. */
export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  const r: Rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  };
  return r;
}
export interface Rng {
  next(): number;
  /** Inclusive on both ends. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
}

/** The seed of case `index` in a run seeded `seed`. */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

// ---------------------------------------------------------------------------------------------------
// Material

/** Written for the fuzzer; used with the dev articles' sentences when those are present. */
const OWN_SENTENCES = [
  'Foreign Minister Maria Lindqvist met officials in Vienna on Tuesday.',
  'The landmark meeting was historic, observers said.',
  'Experts say 40 percent of voters stayed home.',
  'President Jonas Almeida of Portugal told reporters that "the talks went well."',
  'Unemployment rose to 7.2% in March, according to the statistics office.',
  'Critics argue the plan is a testament to poor judgement.',
  'Secretary of State Antony J. Blinken travelled to Munich, Germany.',
  'The U.S. and the U.K. signed an agreement in Geneva.',
  'Some 3,400 people attended the summit in Nairobi, Kenya.',
  'It is widely believed that the ceasefire will hold.',
  'Dr. Amelia Ortiz, who leads the World Health Organization office, disagreed.',
  '“We will not back down,” said Prime Minister Kenji Sato.',
  'Mr. Okafor’s company, Lagos Freight Ltd., reported 12 million in losses.',
  'The pivotal vote took place at the United Nations in New York.',
  'Talks resumed on Feb. 17, 2024, in Baku.',
];

let fragments: string[] | undefined;
/** Sentences of the dev articles (when present), the bundled samples and the fuzzer's own. */
export function loadFragments(dirs: string[] = defaultFragmentDirs()): string[] {
  if (fragments) return fragments;
  const out = [...OWN_SENTENCES];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (!/\.(news|article)$/.test(f)) continue;
      const text = readFileSync(join(dir, f), 'utf8');
      for (const s of text.split(/(?<=[.!?]["\u201D]?)\s+|\n+/)) if (s.trim()) out.push(s.trim().slice(0, 300));
    }
  }
  return (fragments = out);
}

function defaultFragmentDirs(): string[] {
  // Bundled tests live in server/out/test/; the repository root is three levels up.
  const root = join(__dirname, '..', '..', '..');
  return [join(root, 'samples'), process.env.NEWS_LENS_FUZZ_CORPUS ?? join(root, '..', 'shared', 'eval', 'dev')];
}

const ASTRAL = ['😀', '👩\u200D👩\u200D👧', '🇺🇸', '🇩🇪', '𝕏', '𠜎', '🏳️‍🌈', '\u{1F600}\u{1F3FD}', '𓀀'];
const COMBINING = ['\u0301', '\u0308', '\u0327', '\u20DD', '\u0489', '\u036F\u0363\u0364'];
const RTL = ['مرحبا بالعالم', 'שלום עולם', '\u202Eevil\u202C', '\u200F', '\u200E', 'الرئيس محمود عباس'];
const CJK = ['北京', '東京都', '习近平', '서울', 'カタカナ', '中华人民共和国外交部'];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\u000B', '\f', '\u001B[31m', '\u007F', '\u0085', '\u2028', '\u2029', '\uFEFF', '\u200B', '\u00A0', '\t'];
const SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800'];
const LINE_ENDS = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\r\r', '\n\r'];
const PUNCT = ['.', '...', '!?', '"', '“', '”', '‘', '’', "'", '(', ')', '[', ']', '—', '-', ',', ';', ':', '…', '«', '»', '%', '#', '<!--', '-->', '*', '|', '>'];
const DATES = ['date 2024-02-17', 'date 2024-02-30', 'date 2023-13-01', 'date 0000-00-00', 'date 2024-2-1', 'date 9999-12-31', 'date 2024-02-29 ', 'Date 2024-01-01', 'date  2021-03-04'];
const WORDS = ['President', 'Minister', 'Secretary', 'State', 'Ilham', 'Aliyev', 'Germany', 'Munich', 'U.S.', 'Experts', 'said', 'historic', 'percent', 'million', 'the', 'of', 'and', 'Inc.', 'Dr.', 'J.', '2024', '40%', '3,000', '1.5'];

function junk(r: Rng): string {
  switch (r.int(0, 9)) {
    case 0: return r.pick(ASTRAL);
    case 1: return 'e' + r.pick(COMBINING) + r.pick(COMBINING);
    case 2: return r.pick(RTL);
    case 3: return r.pick(CJK);
    case 4: return r.pick(CONTROL);
    case 5: return r.pick(SURROGATES);
    case 6: return r.pick(PUNCT).repeat(r.int(1, 6));
    case 7: { // a run of capitalised words, digits or quotes
      const n = r.int(2, 40);
      const unit = r.pick(['Word ', 'A. ', '12 ', '"', '“', 'Mr. ', 'U.S.-', '1,', 'Foo Bar ']);
      return unit.repeat(n);
    }
    case 8: { // random code units
      let s = '';
      for (let i = r.int(1, 12); i > 0; i--) s += String.fromCharCode(r.int(0, 0xffff));
      return s;
    }
    default: return String.fromCodePoint(r.int(0x20, 0x2ffff));
  }
}

function sentence(r: Rng): string {
  const f = r.pick(loadFragments());
  if (r.chance(0.7)) return f;
  // Splice junk, or shuffle words into the fragment.
  if (r.chance(0.5)) {
    const at = r.int(0, f.length);
    return f.slice(0, at) + junk(r) + f.slice(at);
  }
  const n = r.int(1, 12);
  return Array.from({ length: n }, () => r.pick(WORDS)).join(' ') + r.pick(['.', '', '!', '?', '."']);
}

/** A random article: an optional date header, headings and paragraphs, odd characters, odd line ends. */
export function randomDocument(r: Rng): string {
  let s = '';
  if (r.chance(0.05)) s += '\uFEFF';
  if (r.chance(0.6)) s += r.pick(DATES) + (r.chance(0.8) ? r.pick(LINE_ENDS) : ' ');
  const eol = r.chance(0.7) ? '\n' : r.pick(LINE_ENDS);
  const blocks = r.chance(0.05) ? 0 : r.int(1, 5);
  for (let b = 0; b < blocks; b++) {
    if (r.chance(0.25)) {
      s += r.pick(loadFragments()).replace(/[.!?]+$/, '').slice(0, 60) + eol + eol;
      continue;
    }
    const n = r.int(1, 4);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      parts.push(sentence(r));
      if (r.chance(0.15)) parts.push(junk(r));
    }
    s += parts.join(r.chance(0.9) ? ' ' : r.pick(LINE_ENDS)) + (r.chance(0.8) ? eol + eol : r.pick(LINE_ENDS));
  }
  if (r.chance(0.1)) s += junk(r);
  return s;
}

function insertion(r: Rng): string {
  switch (r.int(0, 5)) {
    case 0: return sentence(r) + ' ';
    case 1: return r.pick(LINE_ENDS);
    case 2: return junk(r);
    case 3: return String.fromCharCode(r.int(0x20, 0x7e));
    case 4: return r.pick(WORDS) + ' ';
    default: return r.pick(DATES) + r.pick(LINE_ENDS);
  }
}

// ---------------------------------------------------------------------------------------------------
// The text model: LSP positions, written independently of vscode-languageserver-textdocument.

/** Offsets where lines start (after \r\n, \r or \n, as LSP defines line ends). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The end of line `line`'s content (before its line break). */
function lineContentEnd(text: string, starts: number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  if (end > starts[line] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[line] && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

/** LSP: a line past the end means the end of the text; a character past the line's end means its end. */
export function offsetAt(text: string, pos: Position, starts = lineStarts(text)): number {
  if (pos.line < 0) return 0;
  if (pos.line >= starts.length) return text.length;
  const end = lineContentEnd(text, starts, pos.line);
  return Math.min(starts[pos.line] + Math.max(0, pos.character), end);
}

export function positionAt(text: string, offset: number, starts = lineStarts(text)): Position {
  offset = Math.max(0, Math.min(offset, text.length));
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export interface Change {
  range?: { start: Position; end: Position };
  text: string;
}

export function applyChange(text: string, c: Change): string {
  if (!c.range) return c.text;
  const starts = lineStarts(text);
  let a = offsetAt(text, c.range.start, starts);
  let b = offsetAt(text, c.range.end, starts);
  if (b < a) [a, b] = [b, a];
  return text.slice(0, a) + c.text + text.slice(b);
}

/** A random offset that LSP can express (not between the \r and \n of a CRLF). */
function randomOffset(r: Rng, text: string): number {
  if (!text.length) return 0;
  let o = r.chance(0.1) ? r.pick([0, text.length]) : r.int(0, text.length);
  if (o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) o--;
  return o;
}

function randomChange(r: Rng, text: string): Change {
  const roll = r.next();
  if (roll < 0.03) return { text: r.chance(0.5) ? randomDocument(r) : '' };
  const starts = lineStarts(text);
  let a = randomOffset(r, text);
  let b = a;
  if (roll < 0.55) {
    // insert
  } else if (roll < 0.85) {
    b = Math.min(text.length, a + (r.chance(0.8) ? r.int(1, 8) : r.int(1, 400)));
    if (b > 0 && text.charCodeAt(b - 1) === 13 && text.charCodeAt(b) === 10) b--;
  } else {
    b = randomOffset(r, text);
    if (b < a) [a, b] = [b, a];
  }
  const start = positionAt(text, a, starts);
  const end = positionAt(text, b, starts);
  // Sometimes a position past the end of its line or of the file (LSP says: clamp).
  if (r.chance(0.05)) end.character += r.int(1, 50);
  if (r.chance(0.02)) { end.line += r.int(1, 5); }
  const insert = roll < 0.85 && roll >= 0.55 && r.chance(0.5) ? '' : insertion(r);
  return { range: { start, end }, text: insert };
}

// ---------------------------------------------------------------------------------------------------
// Cases

export interface FuzzCase {
  seed: number;
  index: number;
  initial: string;
  /** One entry per didChange notification (each may hold several changes). */
  steps: { changes: Change[]; wait: boolean; probe: boolean }[];
}

export function makeCase(seed: number, index: number): FuzzCase {
  const r = rng(caseSeed(seed, index));
  const initial = randomDocument(r);
  const steps: FuzzCase['steps'] = [];
  let text = initial;
  const n = r.chance(0.1) ? r.int(20, 40) : r.int(1, 8);
  for (let i = 0; i < n; i++) {
    const changes: Change[] = [];
    const k = r.chance(0.2) ? r.int(2, 5) : 1;
    for (let j = 0; j < k; j++) {
      const c = randomChange(r, text);
      changes.push(c);
      text = applyChange(text, c);
    }
    steps.push({ changes, wait: r.chance(0.15), probe: r.chance(0.3) });
  }
  return { seed, index, initial, steps };
}

export function finalText(c: FuzzCase): string {
  let t = c.initial;
  for (const s of c.steps) for (const ch of s.changes) t = applyChange(t, ch);
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Running cases through the server

const expectedAnalyzer = createAnalyzer();

/** What a fresh analysis of `text` gives, in protocol types (JSON round trip as on the wire). */
export function expected(uri: string, text: string): { diagnostics: Diagnostic[]; symbols: DocumentSymbol[] } {
  const doc = TextDocument.create(uri, 'news', 1, text);
  const a = expectedAnalyzer.analyze(text, { languageId: 'news', rules: {} });
  return JSON.parse(JSON.stringify({ diagnostics: toDiagnostics(doc, a), symbols: documentSymbols(doc, a) }));
}

export class FuzzFailure extends Error {
  constructor(message: string, readonly fuzzCase: FuzzCase) {
    super(message);
  }
}

function sortDiags(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((x, y) => JSON.stringify(x) < JSON.stringify(y) ? -1 : 1);
}

/** Runs one case on `client`; throws a FuzzFailure describing the first difference. */
export async function runCase(client: LspClient, c: FuzzCase, timeoutMs = 60000): Promise<void> {
  const uri = `file:///fuzz/case-${c.seed}-${c.index}.news`;
  const fail = (m: string): never => { throw new FuzzFailure(`case ${c.index} (seed ${c.seed}): ${m}`, c); };
  const logsBefore = client.logs.length;
  const errors: string[] = [];
  const pending: Promise<unknown>[] = [];
  const probe = (text: string, version: number) => {
    const r = rng(version * 7919 + c.index);
    const pos = positionAt(text, randomOffset(r, text));
    if (r.chance(0.2)) pos.character += r.int(1, 20);
    const req = (method: string, params: unknown) =>
      pending.push(client.request(method, params).catch((e) => errors.push(`${method}: ${(e as Error).message}`)));
    req('textDocument/hover', { textDocument: { uri }, position: pos });
    req('textDocument/documentSymbol', { textDocument: { uri } });
    req('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } });
  };
  let text = c.initial;
  let version = 1;
  client.diagnostics.delete(uri);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news', version, text } });
  for (const step of c.steps) {
    version++;
    for (const ch of step.changes) text = applyChange(text, ch);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: step.changes });
    if (step.probe) probe(text, version);
    if (step.wait) {
      const v = version;
      await client.waitForDiagnostics(uri, (d) => d.version === undefined || d.version >= v, timeoutMs).catch(() => fail(`no diagnostics for version ${v}`));
    }
  }
  const finalVersion = version;
  const got = await client
    .waitForDiagnostics(uri, (d) => d.version === finalVersion, timeoutMs)
    .catch(() => fail(`no diagnostics for the final version ${finalVersion}${client.child.exitCode !== null ? ` (the server exited with ${client.child.exitCode})` : ''}`));
  let symbols: DocumentSymbol[] = [];
  try {
    symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  } catch (e) {
    errors.push(`documentSymbol: ${(e as Error).message}`);
  }
  await Promise.all(pending);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  if (client.child.exitCode !== null) fail(`the server exited with ${client.child.exitCode}: ${client.stderr.slice(-2000)}`);
  if (errors.length) fail(`error responses: ${errors.join('; ')}`);
  const logged = client.logs.slice(logsBefore).filter((l) => /fail|error|exception/i.test(l));
  if (logged.length) fail(`the server logged: ${logged.join('\n')}`);
  const want = expected(uri, text);
  const gotDiags = JSON.stringify(sortDiags(got.diagnostics));
  const wantDiags = JSON.stringify(sortDiags(want.diagnostics));
  if (gotDiags !== wantDiags) fail(`diagnostics differ from a fresh analysis of the final text\n  server: ${gotDiags.slice(0, 1500)}\n  fresh:  ${wantDiags.slice(0, 1500)}`);
  const gotSyms = JSON.stringify(symbols);
  const wantSyms = JSON.stringify(want.symbols);
  if (gotSyms !== wantSyms) fail(`symbols differ from a fresh analysis of the final text\n  server: ${gotSyms.slice(0, 1500)}\n  fresh:  ${wantSyms.slice(0, 1500)}`);
}

export interface FuzzOptions {
  count: number;
  seed: number;
  /** Run only these case indices. */
  only?: number[];
  /** Servers run side by side (each runs its share of the cases). */
  parallel?: number;
  /** Stop after this many failures (default 1). */
  maxFailures?: number;
  onProgress?(done: number, total: number): void;
  onFailure?(f: FuzzFailure): void;
}

export interface FuzzResult {
  run: number;
  passed: number;
  failures: FuzzFailure[];
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const indices = o.only ?? Array.from({ length: o.count }, (_, i) => i);
  const parallel = Math.max(1, Math.min(o.parallel ?? 1, indices.length));
  const failures: FuzzFailure[] = [];
  const maxFailures = o.maxFailures ?? 1;
  let next = 0, run = 0, passed = 0;
  const worker = async () => {
    let client = await LspClient.start();
    try {
      while (next < indices.length && failures.length < maxFailures) {
        const index = indices[next++];
        const c = makeCase(o.seed, index);
        run++;
        try {
          await runCase(client, c);
          passed++;
        } catch (e) {
          const f = e instanceof FuzzFailure ? e : new FuzzFailure(`case ${index} (seed ${o.seed}): ${(e as Error).stack ?? e}`, c);
          failures.push(f);
          o.onFailure?.(f);
          // A fresh server for the next case: this one may be in a bad state.
          await client.stop();
          client = await LspClient.start();
        }
        o.onProgress?.(run, indices.length);
      }
    } finally {
      await client.stop();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { run, passed, failures };
}

/**
 * Shrinks a failing case: drops steps and changes, then cuts the initial text, while `stillFails`
 * holds. Returns the smallest case found.
 */
export async function reduce(c: FuzzCase, stillFails: (c: FuzzCase) => Promise<boolean>, budget = 200): Promise<FuzzCase> {
  let best = c;
  let tries = 0;
  const attempt = async (cand: FuzzCase) => {
    if (tries++ >= budget) return false;
    if (await stillFails(cand)) { best = cand; return true; }
    return false;
  };
  // Steps: drop chunks, halving the chunk size.
  for (let size = Math.max(1, best.steps.length >> 1); size >= 1; size >>= 1) {
    for (let i = 0; i < best.steps.length;) {
      const cand = { ...best, steps: [...best.steps.slice(0, i), ...best.steps.slice(i + size)] };
      if (!(await attempt(cand))) i += size;
    }
  }
  // Force waits off (fewer moving parts) if it still fails.
  await attempt({ ...best, steps: best.steps.map((s) => ({ ...s, wait: false, probe: false })) });
  // Initial text: cut chunks.
  for (let size = best.initial.length >> 1; size >= 1; size >>= 1) {
    for (let i = 0; i < best.initial.length;) {
      const cand = { ...best, initial: best.initial.slice(0, i) + best.initial.slice(i + size) };
      if (!(await attempt(cand))) i += size;
      if (tries >= budget) return best;
    }
  }
  return best;
}
