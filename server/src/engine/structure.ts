/**
 * Structure: the date header, blocks (paragraphs and headings), sentences, quotations and sections.
 * Pure string scanning, linear in the text's length.
 */
import type { Block, DateHeader, Section, Sentence, Span } from './types';

export interface Structure {
  readonly date: DateHeader | null;
  readonly blocks: readonly Block[];
  readonly sentences: readonly Sentence[];
  readonly sections: readonly Section[];
  readonly quotes: readonly Span[];
  /** Suppression comments (`<!-- news-lens-ignore RULE -->`, `<!-- news-lens-disable RULE -->`), in order. */
  readonly directives: readonly Directive[];
}

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

/** Line breaks: \r\n, \n, \r, and the Unicode line and paragraph separators. */
const LINE = /[^\r\n\u2028\u2029]*(?:\r\n|[\r\n\u2028\u2029]|$)/g;

interface Line { start: number; end: number; blank: boolean }

function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  LINE.lastIndex = from;
  while (LINE.lastIndex < text.length) {
    const at = LINE.lastIndex;
    const m = LINE.exec(text);
    if (!m || m[0].length === 0) break;
    let end = at + m[0].length;
    while (end > at && /[\r\n\u2028\u2029]/.test(text[end - 1])) end--;
    const content = text.slice(at, end);
    lines.push({ start: at, end, blank: content.trim().length === 0 });
  }
  return lines;
}

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

export function parseStructure(text: string, languageId = 'news'): Structure {
  const date = parseDateHeader(text);
  const bodyStart = date ? date.span.end : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = splitLines(text, bodyStart);
  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  const quotes: Span[] = [];
  const directives: Directive[] = [];
  let pendingIgnore: number[] = [];
  let runStart = -1, runEnd = -1, runLines = 0;
  const flush = () => {
    if (runStart < 0) return;
    const span = trimSpan(text, runStart, runEnd);
    if (span.end > span.start) {
      const heading = runLines === 1 && isHeadingLine(text.slice(span.start, span.end), languageId);
      const index = blocks.length;
      const ids: number[] = [];
      const parts = heading ? [span] : splitSentences(text, span.start, span.end);
      for (const p of parts) {
        ids.push(sentences.length);
        sentences.push({ index: sentences.length, block: index, start: p.start, end: p.end });
      }
      if (!heading) quotes.push(...findQuotes(text, span.start, span.end));
      blocks.push({ index, kind: heading ? 'heading' : 'paragraph', start: span.start, end: span.end, sentences: ids });
      for (const d of pendingIgnore) directives[d] = { ...directives[d], block: index };
      pendingIgnore = [];
    }
    runStart = -1; runLines = 0;
  };
  for (const line of lines) {
    if (line.blank) { flush(); continue; }
    // A suppression comment is not text: it ends the run before it and applies to the next block.
    const d = parseDirective(text.slice(line.start, line.end));
    if (d) {
      flush();
      if (d.kind === 'ignore') pendingIgnore.push(directives.length);
      directives.push({ ...d, span: trimSpan(text, line.start, line.end), block: -1 });
      continue;
    }
    if (runStart < 0) runStart = line.start;
    runEnd = line.end;
    runLines++;
  }
  flush();
  const sections: Section[] = [];
  let current: { title: string | null; heading: Span | null; start: number } = { title: null, heading: null, start: bodyStart };
  for (const b of blocks) {
    if (b.kind !== 'heading') continue;
    if (b.start > current.start || current.heading) sections.push({ ...current, end: b.start });
    const title = text.slice(b.start, b.end).replace(/^#+\s*/, '').trim();
    current = { title, heading: { start: b.start, end: b.end }, start: b.start };
  }
  sections.push({ ...current, end: text.length });
  // Drop an empty lead section (an article that starts with its title).
  const kept = sections.filter((s) => s.heading || blocks.some((b) => b.start >= s.start && b.start < s.end));
  return { date, blocks, sentences, sections: kept, quotes, directives };
}
