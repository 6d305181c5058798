/**
 * Attribution: does a sentence pin what it says on a named source ("Blinken said", "according to the
 * ministry", a quotation with its speaker, a citation marker or link), on a vague one ("experts say",
 * "reportedly", "it is believed", "a recent poll found"), or on no one (the reporter's own voice)?
 */
import type { Mention, Span } from '../types';
import {
  HEDGE_ADVERBS, PASSIVE_SAYING, SPEECH_VERBS, VAGUE_SINGULAR_SOURCES, VAGUE_SOURCE_NOUNS, VAGUE_SOURCE_VERBS,
  phraseRegex,
} from './lexicon';

export interface SentenceView extends Span {
  readonly index: number;
  readonly block: number;
  readonly body: string;
  /** Quotation spans overlapping the sentence (absolute offsets). */
  readonly quotes: readonly Span[];
  /** Mentions inside the sentence. */
  readonly mentions: readonly Mention[];
}

export interface Attribution {
  /** A named source: the speech verb or marker (absolute span), or null. */
  readonly named: Span | null;
  /** A vague source (absolute span of the words), or null. */
  readonly vague: { readonly span: Span; readonly words: string } | null;
  /** True when the whole sentence is (nearly) a quotation. */
  readonly quoted: boolean;
}

const SPEECH = phraseRegex(SPEECH_VERBS, 'giu');
/** Quantifiers that make a plural group an unnamed source. */
const QUANT = '(?:some|many|most|several|certain|various|numerous|other|few|a\\s+few|a\\s+number\\s+of|a\\s+lot\\s+of|lots\\s+of|unnamed|anonymous|unidentified|independent|leading|top|recent|local|western|foreign|international|senior|government|industry|medical|legal|security|military|political|health|news|media|press|scientific|academic|unconfirmed|early|initial)';
// (Scientists, researchers, economists, historians and scholars speak for no one in particular as well:
// "scientists say" names no study and no person.)
const ALWAYS_VAGUE = ['experts', 'expert', 'scientists', 'researchers', 'economists', 'historians', 'scholars', 'critics', 'observers', 'analysts', 'commentators', 'pundits', 'insiders', 'sources', 'reports', 'estimates', 'studies', 'rumours', 'rumors', 'skeptics', 'sceptics', 'detractors', 'speculation', 'polls', 'surveys'];
const GROUPS = VAGUE_SOURCE_NOUNS.filter((n) => !ALWAYS_VAGUE.includes(n) && !['many', 'some', 'others'].includes(n));
const alt = (ws: readonly string[]) => [...new Set(ws)].sort((a, b) => b.length - a.length).map((w) => w.replace(/ /g, '\\s+')).join('|');
const VERB = `(?:(?:have|has|had|also|often|widely|long|now|generally|still|already|repeatedly|openly|privately|have\\s+long|have\\s+also|had\\s+also)\\s+)*(?:${alt(VAGUE_SOURCE_VERBS)})\\b`;
/** "experts say", "some analysts believe", "critics of the plan argue", "many say", "others argue". */
const VAGUE_SUBJECT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:${QUANT})\\s+)*(?:(?:${alt(ALWAYS_VAGUE)})|(?:(?<=(?:some|many|most|several|certain|various|numerous|other|few|unnamed|anonymous|unidentified)\\s+)(?:${alt(GROUPS)}))|(?<=^|[,;]\\s*|\\b(?:and|but|while|whereas|as|that)\\s+)(?:some|many|others|most))` +
  `(?:\\s+(?:of|in|at|from|with|close\\s+to|familiar\\s+with|on|within)(?:\\s+[\\p{Ll}\\p{Lu}][\\p{L}'’.-]*){1,4}?)?\\s*,?\\s+${VERB}`, 'giu');
/** "a recent poll found", "one study suggests", "an Internet posting said". */
const VAGUE_SINGULAR = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:a|an|one|another)\\s+(?:[\\p{Ll}][\\p{L}-]*\\s+|Internet\\s+|online\\s+){0,2}(?:${alt(VAGUE_SINGULAR_SOURCES)})\\s+${VERB}`, 'giu');
/** "according to an Internet posting", "according to reports", "according to sources close to ...". */
const VAGUE_ACCORDING = new RegExp(
  `\\baccording\\s+to\\s+(?:(?:a|an|one|some|several|unnamed|anonymous|unidentified|various|multiple|recent|local|media|press|unconfirmed|news)\\s+|(?=(?:${alt(ALWAYS_VAGUE)})\\b))(?:[\\p{L}-]+\\s+){0,2}?(?:${alt([...VAGUE_SINGULAR_SOURCES, ...VAGUE_SOURCE_NOUNS, 'reports', 'accounts', 'media'])})\\b`, 'giu');
const HEDGE = phraseRegex(HEDGE_ADVERBS, 'giu');
/** "it is believed that", "it was reported that", "is said to", "has been described as", "is widely regarded as". */
const PASSIVE = new RegExp(
  `(?<![\\p{L}])(?:it\\s+(?:is|was|has\\s+been|had\\s+been)\\s+(?:widely\\s+|generally\\s+|commonly\\s+|often\\s+)?(?:${alt(PASSIVE_SAYING)})\\s+that` +
  `|(?:is|are|was|were)\\s+(?:widely\\s+|generally\\s+|commonly\\s+|often\\s+)?(?:said|believed|thought|reported|alleged|rumou?red|understood|known|estimated|expected|feared)\\s+to\\s+(?:be|have)` +
  `|(?:has|have|had)\\s+(?:long\\s+|often\\s+|widely\\s+)?been\\s+(?:widely\\s+|often\\s+|variously\\s+)?(?:described|characteri[sz]ed|labell?ed|dubbed|called|regarded|considered|seen|viewed|touted|hailed|deemed|branded|criticised|criticized)\\s+as` +
  `|(?:is|are|was|were)\\s+(?:widely|generally|commonly|often|largely|broadly)\\s+(?:described|characteri[sz]ed|regarded|considered|seen|viewed|believed|thought|accepted|acknowledged|recognised|recognized|touted|hailed|deemed|known)` +
  // Without its verb, after a comma or at the start: "The summit, widely seen as a turning point, ..."
  `|(?<=,|,\\s|^)(?:widely|generally|commonly|broadly)\\s+(?:described|regarded|considered|seen|viewed|believed|thought|touted|hailed|deemed)\\s+(?:as|to\\s+be)` +
  // The agent is no one in particular: "is considered by many to be", "was seen by critics as".
  `|(?:is|are|was|were|been)\\s+(?:\\p{Ll}+ly\\s+)?(?:described|regarded|considered|seen|viewed|believed|thought|hailed|deemed|criticised|criticized)\\s+by\\s+(?:many|some|most|others|experts|critics|observers|analysts|commentators|insiders)(?![\\p{L}]))(?![\\p{L}])(?!\\s+by\\s)`, 'giu');
/** "the international community remains watchful". */
const COMMUNITY = /\b(?:the\s+)?(?:international|global|world)\s+community\s+(?:\w+ly\s+)?(?:remains|remained|is|was|has|had|believes|believed|fears|feared|hopes|hoped|expects|expected|agrees|agreed|welcomed|welcomes|condemned|condemns|says|said|wants|wanted|watches|watched|looks|looked|views|viewed|sees|saw|considers|considered|waits|awaits)\b/giu;
/** A citation marker or a link: "[3]", "(Reuters)", an http(s) URL, a Markdown link. */
const CITATION = /\[\d{1,3}\]|\[[^\]\n]{1,80}\]\(https?:[^)\s]+\)|https?:\/\/\S+|\((?:AP|AFP|Reuters|UPI|dpa|Xinhua|TASS|EFE|ANSA|PA|IANS|PTI|Bloomberg)\)/;
/** A quotation with its speaker after a dash: `"..." - Name`. */
const DASH_SPEAKER = /["\u201D]\s*[-\u2013\u2014]\s*\p{Lu}/u;
const AMBIGUOUS = new Set(['added', 'adds', 'maintained', 'maintains', 'posted', 'charged', 'charges', 'observed', 'expressed', 'stressed', 'stresses', 'indicated', 'indicates', 'described', 'describes', 'notes', 'states', 'claims', 'reports', 'recalled', 'recalls', 'concluded', 'concludes', 'cited', 'asked', 'feels', 'felt', 'believed']);
const DETERMINERS = new Set(['the', 'a', 'an', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'this', 'that', 'such', 'any', 'no', 'your', 'recent', 'new', 'latest', 'further', 'initial', 'early', 'conflicting', 'unconfirmed', 'media', 'news', 'press']);
const PASSIVE_AUX = /\b(?:was|were|is|are|been|being|be|get|got)\s+(?:\w+ly\s+)?$/i;

function inside(spans: readonly Span[], s: Span): boolean {
  return spans.some((q) => q.start <= s.start && s.end <= q.end);
}

function wordBefore(body: string, at: number): string {
  const m = /([\p{L}\p{N}'’.-]+)[\s,]*$/u.exec(body.slice(Math.max(0, at - 40), at));
  return m ? m[1] : '';
}

/** The spans of the sentence that are outside quotations, for matching in the reporter's voice. */
export function outsideQuotes(view: SentenceView, s: Span): boolean {
  return !inside(view.quotes, s);
}

/** Classifies a sentence's attribution. */
export function attributionOf(view: SentenceView): Attribution {
  const { body, start } = view;
  const abs = (i: number, len: number): Span => ({ start: start + i, end: start + i + len });
  // Quoted share of the sentence.
  let quotedChars = 0;
  for (const q of view.quotes) quotedChars += Math.max(0, Math.min(q.end, view.end) - Math.max(q.start, view.start));
  const quoted = quotedChars >= 0.8 * (view.end - view.start);

  let vague: Attribution['vague'] = null;
  const vagueSpans: Span[] = [];
  const noteVague = (i: number, text: string) => {
    const span = abs(i, text.length);
    if (inside(view.quotes, span)) return;
    vagueSpans.push(span);
    if (!vague || span.start < vague.span.start) vague = { span, words: text.replace(/\s+/g, ' ').trim() };
  };
  for (const re of [VAGUE_SUBJECT, VAGUE_SINGULAR, VAGUE_ACCORDING, PASSIVE, COMMUNITY]) {
    re.lastIndex = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      // A capitalized qualifier names the group: "U.S. officials said", "Scientology critics say".
      const before = wordBefore(body, m.index);
      if (re === VAGUE_SUBJECT && /^\p{Lu}/u.test(before) && !/^(?:Some|Many|Most|Several|Other|Others|Critics|Experts|Analysts|But|And|While|As|Yet|However|Still|Now|Meanwhile|Recent)$/u.test(before) && m.index > 0) continue;
      // "Analysts at Goldman Sachs said": a named institution makes them a named source.
      if (re === VAGUE_SUBJECT && /\s(?:at|from|with)\s+(?:the\s+)?\p{Lu}/u.test(m[0])) continue;
      noteVague(m.index, m[0]);
    }
  }

  let named: Span | null = null;
  if (CITATION.test(body) || DASH_SPEAKER.test(body)) named = abs(0, 0);
  SPEECH.lastIndex = 0;
  for (let m = SPEECH.exec(body); m && !named; m = SPEECH.exec(body)) {
    const span = abs(m.index, m[0].length);
    if (inside(view.quotes, span)) continue;
    if (vagueSpans.some((v) => v.start <= span.start && span.end <= v.end)) continue;
    const word = m[0].toLowerCase();
    const prefix = body.slice(0, m.index);
    // Verbs are lower case, except at the sentence's start ("According to ...", "Citing ...").
    if (/^\p{Lu}/u.test(m[0]) && !/^[\s"“'‘(]*$/.test(prefix)) continue;
    const rest = body.slice(m.index + m[0].length);
    // "claims to be", "says to", "maintained to": an infinitive, not a report.
    if (/^\s+to\b/i.test(rest) && word !== 'according') continue;
    // Verbs with an everyday sense need a report after them ("added that", "noted:", "stated, ...").
    // ("described the vote as historic": the evaluation is the subject's.)
    if (AMBIGUOUS.has(word) && !/^\s*(?:that\b|[,:"“—–-]|\.\s*$|$|in\s+a\s+(?:statement|post|tweet|interview|blog)|on\s+(?:Twitter|X|Facebook|his|her|their|its)\b)/u.test(rest)
      && !(/^describe/.test(word) && /^\s+[^.;:]{1,80}?\sas\s/.test(rest))) continue;
    if (word === 'according') {
      if (!/^\s+to\b/i.test(body.slice(m.index + m[0].length))) continue;
      named = span;
      break;
    }
    // A noun, not a verb: "the claims", "recent reports", "his notes".
    const prev = wordBefore(body, m.index).toLowerCase();
    if (DETERMINERS.has(prev)) continue;
    // A passive without its agent ("was reported", "were told") names no source.
    if (PASSIVE_AUX.test(prefix)) {
      const after = body.slice(m.index + m[0].length);
      if (!/^\s+by\s+(?:the\s+)?\p{Lu}/u.test(after)) continue;
    }
    // A sentence-initial verb form ("Saying ..." / "Citing ...") still names its subject later.
    named = span;
  }
  // A quotation whose speaker is named by a mention just before or after it ("Name: '...'").
  if (!named && view.quotes.length && view.mentions.some((mn) => view.quotes.some((q) => Math.abs(mn.end - q.start) <= 3 || Math.abs(q.end - mn.start) <= 4))) {
    named = abs(0, 0);
  }
  return { named, vague, quoted };
}

/** True when the hedge adverb is in the reporter's voice (not inside reported speech). */
export function hedgeOf(view: SentenceView, attribution: Attribution): Span | null {
  HEDGE.lastIndex = 0;
  for (let m = HEDGE.exec(view.body); m; m = HEDGE.exec(view.body)) {
    const span = { start: view.start + m.index, end: view.start + m.index + m[0].length };
    if (inside(view.quotes, span)) continue;
    // After a named speech verb the adverb is inside what the source said ("they claimed he allegedly ...").
    if (attribution.named && attribution.named.end > attribution.named.start && attribution.named.start < span.start) continue;
    return span;
  }
  return null;
}
