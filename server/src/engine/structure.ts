/**
 * Structure: the date header, blocks (paragraphs and headings), sentences, quotations and sections.
 * Pure string scanning, linear in the text's length.
 */
import type { Analysis, Block, DateHeader, Section, Sentence, Span } from './types';

/** What the structure pass finds: the analysis's structural fields, plus the suppression comments. */
export type Structure = Pick<Analysis, 'date' | 'blocks' | 'sentences' | 'sections' | 'quotes'> & {
  /** Suppression comments (`<!-- news-lens-ignore RULE -->`, `<!-- news-lens-disable RULE -->`), in order. */
  readonly directives: readonly Directive[];
};

/**
 * A suppression comment on its own line. `ignore` silences the listed rules (all rules when none is
 * listed) in the block that follows it; `disable` silences them in the whole file.
 */
export interface Directive {
  readonly kind: 'ignore' | 'disable';
  readonly rules: readonly string[];
  readonly span: Span;
  /** For `ignore`: the index of the block it applies to (-1 when no block follows). */
  readonly block: number;
}

const DIRECTIVE = /^[ \t]*<!--[ \t]*news-lens-(ignore|disable)\b([^>]*?)-->[ \t]*$/;

/** Parses one line as a suppression directive, or returns null. */
export function parseDirective(line: string): { kind: 'ignore' | 'disable'; rules: string[] } | null {
  const m = DIRECTIVE.exec(line);
  if (!m) return null;
  const rules = m[2].split(/[\s,]+/).filter((r) => /^[\w-]+$/.test(r));
  return { kind: m[1] as 'ignore' | 'disable', rules };
}

const DATE_HEADER = /^\uFEFF?[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})(?=[\s]|$)/;

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

/** The article's date (YYYY-MM-DD) when its header holds a real date, else null (date checks are then skipped). */
export function validDate(date: DateHeader | null | undefined): string | null {
  return date?.valid ? date.value : null;
}

export function parseDateHeader(text: string): DateHeader | null {
  const m = DATE_HEADER.exec(text);
  if (!m) return null;
  const start = m[0].indexOf('date');
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  return { value: `${m[1]}-${m[2]}-${m[3]}`, valid: isValidDate(y, mo, d), span: { start, end: m[0].length } };
}

/** Final punctuation: a line that ends with one of these is not a heading. */
const FINAL_PUNCT = /[.!?:;,"'\u201D\u2019)\]…]\s*$/;
const MAX_HEADING_LENGTH = 160;

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

export function isHeadingLine(line: string, languageId = 'news'): boolean {
  const t = line.trim();
  if (!t) return false;
  if (languageId === 'markdown' && /^#{1,6}\s/.test(t)) return true;
  if (t.length > MAX_HEADING_LENGTH) return false;
  if (FINAL_PUNCT.test(t)) return false;
  // A heading has letters in it and is not a list item or a table row.
  if (!/\p{L}/u.test(t)) return false;
  if (/^[-*+|>]/.test(t)) return false;
  return true;
}

/** Closing quotation marks and brackets that may follow a sentence's final punctuation. */
const CLOSERS = new Set(['"', "'", '\u201D', '\u2019', ')', ']', '\u00BB']);
/** Words that end with a period but do not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'maj', 'capt',
  'sgt', 'cpl', 'adm', 'cmdr', 'rev', 'hon', 'pres', 'amb', 'supt', 'insp', 'det', 'messrs', 'mmes', 'fr',
  'inc', 'ltd', 'co', 'corp', 'bros', 'plc', 'llc', 'vs', 'etc', 'no', 'nos', 'vol', 'fig', 'approx', 'est',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'ave', 'blvd', 'rd', 'mt', 'ft', 'mi', 'km', 'e.g', 'i.e', 'cf', 'al', 'op', 'pp', 'ed', 'eds',
]);
/** Words that, after a dotted acronym ("U.S."), show that a new sentence has begun. */
const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these',
  'those', 'there', 'but', 'and', 'however', 'meanwhile', 'his', 'her', 'their', 'its', 'our', 'after',
  'before', 'when', 'while', 'as', 'if', 'although', 'since', 'for', 'with', 'by', 'from', 'also', 'some',
  'many', 'most', 'one', 'two', 'three', 'according', 'officials', 'both', 'all', 'no', 'not', 'what', 'who',
]);

function wordBefore(text: string, dot: number, from: number): string {
  let i = dot;
  while (i > from && /[\p{L}\p{N}.]/u.test(text[i - 1])) i--;
  return text.slice(i, dot);
}

function wordAfter(text: string, at: number, to: number): string {
  let i = at;
  while (i < to && /[\s"'\u201C\u2018(]/.test(text[i])) i++;
  let j = i;
  while (j < to && /[\p{L}\p{N}'\u2019-]/u.test(text[j])) j++;
  return text.slice(i, j);
}

/** True when the period at `dot` ends a sentence (given that whitespace and a sentence start follow). */
function periodEndsSentence(text: string, dot: number, blockStart: number, next: string): boolean {
  const w = wordBefore(text, dot, blockStart);
  if (!w) return true;
  const lower = w.toLowerCase();
  // An initial ("J.") or a dotted acronym ("U.S.", "D.C."): a sentence ends only before a function word.
  if (/^\p{Lu}$/u.test(w)) return false;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(w)) return SENTENCE_STARTERS.has(next.toLowerCase());
  if (ABBREVIATIONS.has(lower)) {
    // "Inc." or "etc." can end a sentence; titles cannot.
    if (['inc', 'ltd', 'co', 'corp', 'etc', 'plc', 'llc', 'bros'].includes(lower)) return SENTENCE_STARTERS.has(next.toLowerCase());
    return false;
  }
  return true;
}

/** Splits a block into sentence spans (trimmed, non-empty). */
export function splitSentences(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '\u2026') continue;
    let j = i + 1;
    while (j < end && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
    while (j < end && CLOSERS.has(text[j])) j++;
    if (j < end && !/\s/.test(text[j])) { i = j - 1; continue; }
    let k = j;
    while (k < end && /\s/.test(text[k])) k++;
    if (k < end) {
      const c = text[k];
      // A sentence starts with a capital, a digit or an opening quote or bracket.
      if (!/[\p{Lu}\p{N}"'\u201C\u2018(\[]/u.test(c)) { i = j - 1; continue; }
      if (ch === '.' && j === i + 1 && !periodEndsSentence(text, i, start, wordAfter(text, k, end))) { i = j - 1; continue; }
    }
    const s = trimSpan(text, from, j);
    if (s.end > s.start) out.push(s);
    from = j;
    i = j - 1;
  }
  const s = trimSpan(text, from, end);
  if (s.end > s.start) out.push(s);
  return out;
}

const OPEN_QUOTES: Record<string, string> = { '\u201C': '\u201D', '"': '"', '\u00AB': '\u00BB', '\u2018': '\u2019' };

/** Quotation spans inside a block (the marks included). Unclosed quotes run to the block's end. */
export function findQuotes(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i];
    const close = OPEN_QUOTES[ch];
    // A single curly quote opens only at a word's start (it is also the apostrophe).
    if (close && (ch !== '\u2018' || i === start || /[\s(\[\u2014-]/.test(text[i - 1]))) {
      if (ch === '"' && i > start && /[\p{L}\p{N}]/u.test(text[i - 1])) { i++; continue; }
      let j = i + 1;
      while (j < end) {
        if (text[j] === close) {
          if (close === '\u2019' && j + 1 < end && /\p{L}/u.test(text[j + 1])) { j++; continue; }
          break;
        }
        j++;
      }
      const qEnd = Math.min(j + 1, end);
      out.push({ start: i, end: qEnd });
      i = qEnd;
      continue;
    }
    i++;
  }
  return out;
}

/** A block's span in the text, as found by `scanBlocks` (trimmed, non-empty). */
export interface BlockSpan extends Span {}

/** True for the characters `String.prototype.trim` and `/\s/` treat as white space. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 128) return false;
  return /\s/.test(String.fromCharCode(c));
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * The date header and the blocks of an article: runs of non-blank lines (line breaks: \r\n, \n, \r,
 * U+2028, U+2029), trimmed. One pass over the text with native searches where possible; everything
 * else about a block (kind, sentences, quotations) depends only on its own text (`blockStructure`).
 */
export function scanBlocks(text: string): BlockScan {
  const date = parseDateHeader(text);
  const bodyStart = date ? date.span.end : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const blocks: BlockSpan[] = [];
  const directives: Directive[] = [];
  scanRange(text, bodyStart, text.length, blocks, directives);
  return { date, bodyStart, blocks, directives };
}

export interface BlockScan { date: DateHeader | null; bodyStart: number; blocks: BlockSpan[]; directives: Directive[] }

/**
 * `scanBlocks(text)` from the scan of an earlier text `prev` (`prevText`) that `text` equals but for
 * its middle: the first `p` and the last `q` characters are the same (`commonEnds`). Only the lines
 * around the change are scanned again: the blocks before it stay, those after it move. The whole text
 * is scanned when the change may reach the date header, or the article has suppression comments.
 */
export function rescanBlocks(
  prev: BlockScan, prevText: string, text: string, p: number, q: number,
  /** `text.slice`, or what answers it without reading `text` (see `editedSlice`): only the changed lines are read. */
  slice: (start: number, end: number) => string = (a, b) => text.slice(a, b),
): BlockScan {
  const old = prev.blocks;
  // (The date header is on the first line, and decided by it and the character after it.)
  let firstBreak = 0;
  while (firstBreak < p && !isLineBreak(prevText.charCodeAt(firstBreak))) firstBreak++;
  if (prev.directives.length || p <= firstBreak + 1 || slice(p, text.length - q).includes('<')) return scanBlocks(text);
  const d = text.length - prevText.length;
  // Blocks that end before the change, but the last of them (the change may join it): kept as they are.
  let keep = 0;
  while (keep < old.length && old[keep].end < p) keep++;
  keep = Math.max(0, keep - 1);
  // Blocks that start after the change, but the first of them: kept, moved by d.
  let from = old.length;
  while (from > keep && old[from - 1].start > prevText.length - q) from--;
  from = Math.min(old.length, from + 1);
  // Scanned again: from the end of the last kept block (white space up to a blank line, then the
  // change) to the start of the line of the first moved one.
  const start = keep > 0 ? old[keep - 1].end : prev.bodyStart;
  // (The lines scanned again, as a string of their own: offsets in it are relative to `start`.)
  const lines = slice(start, from < old.length ? old[from].start + d : text.length);
  let n = lines.length;
  if (from < old.length) {
    while (n > 0 && !isLineBreak(lines.charCodeAt(n - 1))) n--;
    if (n <= 0) return scanBlocks(text);
  }
  const found: BlockSpan[] = [];
  const directives: Directive[] = [];
  scanRange(lines, 0, n, found, directives);
  if (directives.length) return scanBlocks(text);
  const blocks: BlockSpan[] = old.slice(0, keep);
  for (let i = 0; i < found.length; i++) blocks.push({ start: found[i].start + start, end: found[i].end + start });
  for (let i = from; i < old.length; i++) blocks.push(d ? { start: old[i].start + d, end: old[i].end + d } : old[i]);
  return { date: prev.date, bodyStart: prev.bodyStart, blocks, directives };
}

/**
 * `text.slice` for the text made from `from` by replacing [start, end) with `insert`, read from `from`
 * and `insert` only. A text a server has just edited is not flat in V8 (it is the concatenation of the
 * old text's parts and the insertion), and the first read of it copies all of it into new memory: at
 * 1 MB, ~7 ms on these machines, where fresh memory costs ~3.5 ms per MB. What an edit needs of the new
 * text (the changed lines, the new paragraph) can be read without it.
 */
export function editedSlice(from: string, start: number, end: number, insert: string): (a: number, b: number) => string {
  const insEnd = start + insert.length, d = insEnd - end;
  return (a, b) => {
    if (b <= start) return from.slice(a, b);
    if (a >= insEnd) return from.slice(a - d, b - d);
    let s = a < start ? from.slice(a, start) : '';
    s += insert.slice(Math.max(0, a - start), Math.min(insert.length, b - start));
    return b > insEnd ? s + from.slice(end, b - d) : s;
  };
}

/** The blocks (and suppression comments) of the lines from `from` (a line start, or white space before one) to `to`. */
function scanRange(text: string, from: number, to: number, blocks: BlockSpan[], directives: Directive[]): void {
  let pendingIgnore: number[] = [];
  const n = to;
  const onlyLf = !hasOtherBreaks(text, from, to);
  let runStart = -1, runEnd = -1;
  const flush = () => {
    if (runStart < 0) return;
    let a = runStart, b = runEnd;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (b > a) {
      for (const d of pendingIgnore) directives[d] = { ...directives[d], block: blocks.length };
      pendingIgnore = [];
      blocks.push({ start: a, end: b });
    }
    runStart = -1;
  };
  let i = from;
  while (i < n) {
    // The line's end (exclusive of its break) and the next line's start.
    let end: number;
    if (onlyLf) {
      end = text.indexOf('\n', i);
      if (end < 0 || end > n) end = n;
    } else {
      end = i;
      while (end < n && !isLineBreak(text.charCodeAt(end))) end++;
    }
    const next = end >= n ? n : text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    let k = i;
    while (k < end && isSpace(text.charCodeAt(k))) k++;
    if (k === end) flush();
    else if (text.charCodeAt(k) === 60 /* < */ && isDirectiveLine(text, i, end)) {
      // A suppression comment is not text: it ends the run before it and applies to the next block.
      const d = parseDirective(text.slice(i, end))!;
      flush();
      if (d.kind === 'ignore') pendingIgnore.push(directives.length);
      directives.push({ ...d, span: trimSpan(text, i, end), block: -1 });
    } else {
      if (runStart < 0) runStart = i;
      runEnd = end;
    }
    i = next;
  }
  flush();
}

/** Whether text[from..to) has a line break other than \n (\r, U+2028, U+2029). */
function hasOtherBreaks(text: string, from: number, to: number): boolean {
  if (to - from < 8192) {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 0x2028 || c === 0x2029) return true;
    }
    return false;
  }
  for (const c of ['\r', '\u2028', '\u2029']) {
    const k = text.indexOf(c, from);
    if (k >= 0 && k < to) return true;
  }
  return false;
}

function isDirectiveLine(text: string, start: number, end: number): boolean {
  return parseDirective(text.slice(start, end)) !== null;
}

/** What a block is, from its own (trimmed) text alone: offsets are relative to the block. */
export interface BlockStructure {
  readonly kind: 'heading' | 'paragraph';
  readonly sentences: readonly Span[];
  readonly quotes: readonly Span[];
}

export function blockStructure(blockText: string, languageId = 'news'): BlockStructure {
  const n = blockText.length;
  let oneLine = true;
  for (let i = 0; i < n && oneLine; i++) if (isLineBreak(blockText.charCodeAt(i))) oneLine = false;
  if (oneLine && isHeadingLine(blockText, languageId)) return { kind: 'heading', sentences: [{ start: 0, end: n }], quotes: [] };
  return { kind: 'paragraph', sentences: splitSentences(blockText, 0, n), quotes: findQuotes(blockText, 0, n) };
}

/** Sections from the headings among the blocks: linear in the number of blocks. */
export function sectionsOf(text: string, bodyStart: number, blocks: readonly Block[]): Section[] {
  const sections: Section[] = [];
  let current: { title: string | null; heading: Span | null; start: number } = { title: null, heading: null, start: bodyStart };
  for (const b of blocks) {
    if (b.kind !== 'heading') continue;
    if (b.start > current.start || current.heading) sections.push({ ...current, end: b.start });
    const title = text.slice(b.start, b.end).replace(/^#+\s*/, '').trim();
    current = { title, heading: { start: b.start, end: b.end }, start: b.start };
  }
  sections.push({ ...current, end: text.length });
  // Drop an empty lead section (an article that starts with its title): only the lead section has no
  // heading, and it is empty when no block starts inside it.
  return sections.filter((s) => s.heading || (blocks.length > 0 && blocks[0].start >= s.start && blocks[0].start < s.end));
}

export function parseStructure(text: string, languageId = 'news'): Structure {
  const { date, bodyStart, blocks: spans, directives } = scanBlocks(text);
  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  const quotes: Span[] = [];
  for (const span of spans) {
    const bs = blockStructure(text.slice(span.start, span.end), languageId);
    const index = blocks.length;
    const ids: number[] = [];
    for (const p of bs.sentences) {
      ids.push(sentences.length);
      sentences.push({ index: sentences.length, block: index, start: p.start + span.start, end: p.end + span.start });
    }
    for (const q of bs.quotes) quotes.push({ start: q.start + span.start, end: q.end + span.start });
    blocks.push({ index, kind: bs.kind, start: span.start, end: span.end, sentences: ids });
  }
  return { date, blocks, sentences, sections: sectionsOf(text, bodyStart, blocks), quotes, directives };
}
