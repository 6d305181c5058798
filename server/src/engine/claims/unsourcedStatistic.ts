/**
 * unsourced-statistic: a figure (percentage, amount of money, large number, count of people, ratio,
 * multiple, ranking, change, record or factual superlative) stated as fact with no named source in the
 * same or a neighbouring sentence. Ordinary numbers — ages, dates, times, durations, distances, small
 * counts ("two leaders"), model numbers ("Windows 10") — are not findings.
 */
import type { Span } from '../types';
import { attributionPlaceholder, type Finding, type Rule } from './context';
import { hedgeOf, type SentenceView } from './attribution';
import { EVALUATIVE_ADJECTIVES, FACTUAL_SUPERLATIVES, MONTHS, NUMBER_WORDS, ORDINARY_UNITS } from './lexicon';

const NUMW = Object.keys(NUMBER_WORDS).join('|');
const NUM = `(?:\\d+(?:[.,]\\d+)*|(?:${NUMW})(?:[- ](?:${NUMW}))?|a|an)`;
const SCALE = '(?:thousand|million|billion|trillion|bn|mn)';
const CURRENCY_WORDS = '(?:dollars?|euros?|pounds?(?:\\s+sterling)?|yen|yuan|renminbi|rupees?|roubles?|rubles?|francs?|pesos?|reais|real|rand|won|lira|liras|dirhams?|riyals?|shekels?|zloty|kronor|krona|kroner|krone)';
const DURATION = '(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|nights?)';

interface Pattern { re: RegExp; what: string }

const PATTERNS: Pattern[] = [
  { what: 'percentage', re: new RegExp(`(?<![\\p{L}\\p{N}])${NUM}\\s*(?:%|percent\\b|per\\s+cent\\b|percentage\\s+points?\\b)`, 'giu') },
  { what: 'amount', re: new RegExp(`(?<![\\p{L}\\p{N}])(?:[A-Z]{1,3})?[$€£¥₹]\\s?\\d[\\d,.]*(?:\\s*${SCALE}\\b|[mbk]\\b)?`, 'gu') },
  { what: 'amount', re: new RegExp(`(?<![\\p{L}\\p{N}])\\d[\\d,.]*(?:\\s*${SCALE})?\\s+${CURRENCY_WORDS}\\b`, 'giu') },
  { what: 'amount', re: /(?<![\p{L}\p{N}])(?:USD|EUR|GBP|JPY|CNY|INR|RUB|CHF|AUD|CAD|NZD)\s?\d[\d,.]*(?:\s*(?:thousand|million|billion|trillion|bn))?/gu },
  { what: 'ratio', re: new RegExp(`(?<![\\p{L}\\p{N}])(?:\\d+|${NUMW})\\s+(?:in|out\\s+of)\\s+(?:every\\s+)?(?:\\d+|${NUMW}|thousand)\\b(?!\\s+${DURATION})`, 'giu') },
  { what: 'proportion', re: /(?<![\p{L}])(?:a|one|two|three)[- ](?:quarters?|thirds?|fifths?|tenths?)\s+of\b|(?<![\p{L}])(?:half|majority|two-thirds|three-quarters)\s+of\s+(?:all\s+|the\s+)?(?:\p{Ll}+\s+)?(?:citizens|voters|people|residents|adults|children|respondents|households|population|users|members|workers|americans|britons|\p{Ll}+ans)\b/giu },
  { what: 'multiple', re: /(?<![\p{L}\p{N}])(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)[- ]?fold\b|\b(?:doubled|tripled|trebled|quadrupled|halved)\b/giu },
  { what: 'ranking', re: /\b(?:number|No\.)\s?\d{1,3}\b(?!\s*(?:bus|route|platform|gate|street|road))|(?<![\p{L}\p{N}&])#\d{1,3}\b|\branked\s+(?:\d+|(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)))\b|\b(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+place\b|\btop\s+(?:\d+|ten|five|three|twenty)\b/giu },
  { what: 'change', re: new RegExp(`\\b(?:increased|decreased|rose|risen|fell|fallen|dropped|grew|grown|declined|climbed|jumped|surged|soared|plunged|plummeted|shrank|went\\s+up|went\\s+down|slipped|slid)\\s+(?:\\w+\\s+){0,2}?(?:from\\s+(?:about\\s+|around\\s+)?${NUM}\\s+to\\s+${NUM}|by\\s+(?:about\\s+|around\\s+)?\\d)`, 'giu') },
  { what: 'record', re: /\brecord[- ](?:breaking|setting|high|low|number|levels?|turnout|amount|sum|year|temperatures?|heat)\b|\ball-time\s+(?:high|low|record)\b|\bhighest[- ]ever\b|\blowest[- ]ever\b/giu },
  { what: 'large number', re: new RegExp(`(?<![\\p{L}\\p{N}.,:$€£¥₹-])(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?\\s*(?:thousand|million|billion|trillion)|(?:${NUMW}|a|an)(?:[- ](?:${NUMW}))?\\s+(?:hundred\\s+)?(?:thousand|million|billion|trillion))(?![\\p{L}\\p{N}]|[- ](?:${DURATION})\\b|\\s+${DURATION}\\s+(?:ago|old|later|earlier))`, 'giu') },
];

const UNITS = new Set(ORDINARY_UNITS);
const MONTH_SET = new Set(MONTHS);
const PLURAL_IRREGULAR = new Set(['people', 'men', 'women', 'children', 'police', 'personnel', 'staff', 'troops', 'cattle', 'livestock', 'dead', 'killed', 'injured', 'wounded', 'missing', 'homeless', 'unemployed', 'employees', 'vote', 'votes']);
/** A count: a number of ten or more, then up to two modifiers, then a plural noun (not a time or length unit). */
const COUNT = new RegExp(`(?<![\\p{L}\\p{N}.,:$€£¥₹#-])(?:(?:more\\s+than|over|about|around|nearly|almost|some|at\\s+least|up\\s+to|roughly|approximately)\\s+)?(\\d+(?:,\\d{3})*|${NUMW}(?:[- ](?:${NUMW}))?)(?:\\s+(?:or\\s+more|more|new|other|additional|\\p{Ll}+(?:-\\p{Ll}+)?)){0,2}?\\s+(\\p{Ll}[\\p{Ll}-]*)\\b`, 'gu');

function isYearLike(n: string): boolean {
  return /^\d{4}$/.test(n) && Number(n) >= 1700 && Number(n) <= 2199;
}

function valueOf(n: string): number {
  if (/^\d/.test(n)) return Number(n.replace(/,/g, ''));
  return n.toLowerCase().split(/[- ]/).reduce((a, w) => a + (NUMBER_WORDS[w] ?? 0), 0);
}

/** Words just before an index, lower-cased. */
function wordsBefore(body: string, at: number, n: number): string[] {
  return body.slice(0, at).split(/[^\p{L}\p{N}.'’-]+/u).filter(Boolean).slice(-n).map((w) => w.toLowerCase().replace(/\.$/, ''));
}

/** True when the number at `at` is a date, an age, a model number, or part of a name. */
function ordinaryContext(body: string, at: number, raw: string): boolean {
  const before = wordsBefore(body, at, 2);
  const prev = before[before.length - 1] ?? '';
  if (MONTH_SET.has(prev)) return true;
  if (['aged', 'age', 'ages', 'no', 'chapter', 'article', 'section', 'route', 'flight', 'room', 'highway', 'interstate', 'season', 'episode', 'version', 'level', 'grade', 'page', 'platform', 'gate', 'channel', 'bus', 'resolution', 'windows', 'iphone', 'android', 'ios', 'ie', 'html', 'pc', 'apollo', 'cop'].includes(prev)) return true;
  // A capitalized word directly before a digit names a thing ("Explorer 6", "Galaxy S 9").
  const from = Math.max(0, at - 64); // a bounded look-behind: the pattern is quadratic on a long prefix
  const m = /([\p{L}\p{N}]+)\s*$/u.exec(body.slice(from, at));
  if (m && /^\d/.test(raw) && /^\p{Lu}/u.test(m[1]) && m.index + from > 0 && !/^(?:In|On|At|By|About|Over|Some|Nearly|Almost|Around|More|Of|For|To|With|From|Than|Up)$/u.test(m[1])) return true;
  return false;
}

/** What makes a factual superlative a ranking: its scope ("in history", "ever", "in 50 years"). */
const SUPERLATIVE_SCOPE = new RegExp(String.raw`\b(?:ever|on\s+record|in\s+(?:the\s+)?(?:history|world|country|nation|region|constituency|state|city|league|district|province|continent|area|market|industry|sector|contest|competition|election|race|category|group)\b|in\s+\p{Lu}[\p{L}'’]*(?:\s+\p{Lu}\p{L}*)*|in\s+[\p{Lu}][\p{L}]*'s\s+history|since\s+(?:\d{4}|records|the\s+\w+)|of\s+any\b|to\s+any\b|than\s+any\b|of\s+all\b` +
  // "the worst flood in 50 years", "the highest turnout in decades", "in living memory"
  String.raw`|in\s+(?:(?:more\s+than|over|nearly|almost|about|at\s+least)\s+)?(?:\d+|a|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a\s+hundred|several|many)\s+(?:years|decades|centuries|generations)\b|in\s+(?:decades|years|a\s+century|a\s+generation|living\s+memory|recent\s+memory|modern\s+times|recorded\s+history)\b)`, 'u');

/** A factual superlative and the 80 characters after it (compiled once: this runs on every sentence). */
const SUP = new RegExp(`\\b(?:the|its|their|his|her|one\\s+of\\s+the|among\\s+the)\\s+(${FACTUAL_SUPERLATIVES.map((w) => w.replace(/ /g, '\\s+')).sort((a, b) => b.length - a.length).join('|')})\\b([^.;:!?]{0,80})`, 'giu');
const EVAL = new RegExp(`^\\s*(?:${EVALUATIVE_ADJECTIVES.join('|')})\\b`, 'i');

/** The first statistic in the sentence, as a span relative to its body, with what it is. */
export function findStatistic(body: string, quoted: (s: Span) => boolean): { span: Span; what: string } | null {
  let best: { span: Span; what: string } | null = null;
  const consider = (start: number, end: number, what: string) => {
    const span = { start, end };
    if (quoted(span)) return;
    if (!best || start < best.span.start) best = { span, what };
  };
  for (const { re, what } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const text = m[0];
      if (what === 'large number') {
        const digits = /^\d[\d,]*$/.test(text) ? text : '';
        if (digits && isYearLike(digits.replace(/,/g, ''))) continue;
        if (ordinaryContext(body, m.index, text)) continue;
      }
      if ((what === 'percentage' || what === 'ratio') && /^(?:a|an)\b/i.test(text)) continue;
      consider(m.index, m.index + text.length, what);
    }
  }
  COUNT.lastIndex = 0;
  for (let m = COUNT.exec(body); m; m = COUNT.exec(body)) {
    const [whole, num, noun] = m;
    const numAt = m.index + whole.indexOf(num);
    const value = valueOf(num);
    if (!(value >= 10)) continue;
    if (/^\d{4}$/.test(num) && isYearLike(num)) continue;
    if (/^\d/.test(num) && /[:.]\d*$/.test(body.slice(Math.max(0, numAt - 3), numAt))) continue;
    if (/^[:.]\d/.test(body.slice(numAt + num.length))) continue;
    const lower = noun.toLowerCase();
    if (UNITS.has(lower) || /-(?:year|month|week|day|hour|minute|second|old|member|strong|page|mile)s?$/.test(lower)) continue;
    if (!(PLURAL_IRREGULAR.has(lower) || (/s$/.test(lower) && !/(?:ss|us|is|ous)$/.test(lower)))) continue;
    // Modifiers between the number and the noun must not be a time unit ("20 years old people").
    const between = whole.slice(whole.indexOf(num) + num.length, whole.length - noun.length).trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (between.some((w) => UNITS.has(w) || MONTH_SET.has(w))) continue;
    if (ordinaryContext(body, numAt, num)) continue;
    consider(numAt, m.index + whole.length, 'count');
  }
  // Factual superlatives with a scope: "the highest in the constituency", "the youngest ... in history".
  SUP.lastIndex = 0;
  for (let m = SUP.exec(body); m; m = SUP.exec(body)) {
    const tail = m[2];
    if (/^most$/i.test(m[1]) && EVAL.test(tail)) continue;
    if (/^(?:least|most)$/i.test(m[1]) && /^\s+(?:of|likely|recent|part|important)\b/i.test(tail)) continue;
    const scope = SUPERLATIVE_SCOPE.exec(tail);
    if (!scope) continue;
    consider(m.index, m.index + m[0].length - tail.length + scope.index + scope[0].length, 'ranking');
  }
  return best;
}

/** A figure the sentence sets as a goal or a plan is not a claim of fact ("its goal is to reach 1 percent"). */
function isTarget(body: string, at: number): boolean {
  const clause = body.slice(0, at).split(/[;:]/).pop() ?? '';
  return /\b(?:goal|target|aim|aims|aiming|objective|ambition|plans?|planning|hopes?|hoping|wants?|seeks?|seeking|intends?|pledged?|promised?|vowed?|expects?|forecasts?|projected|budgeted|proposed?|proposing)\b(?:\s+\w+){0,3}\s+(?:to|of|at|for)\b/i.test(clause);
}

export const unsourcedStatistic: Rule = {
  id: 'unsourced-statistic',
  category: 'unsourced-statistic',
  defaultSeverity: 'warning',
  description: 'A figure stated as fact with no named source in the same or a neighbouring sentence',
  run(ctx, info) {
    const out: Finding[] = [];
    for (const { view: v, attribution: a } of info.statements()) {
      if (a.vague || hedgeOf(v, a)) continue;
      const quoted = (s: Span) => v.quotes.some((q) => q.start <= v.start + s.start && v.start + s.end <= q.end);
      const stat = findStatistic(v.body, quoted);
      if (!stat) continue;
      if (isTarget(v.body, stat.span.start)) continue;
      if (info.namedNearby(v)) continue;
      const trigger = { start: v.start + stat.span.start, end: v.start + stat.span.end };
      const figure = ctx.text.slice(trigger.start, trigger.end);
      out.push({
        start: v.start, end: v.end, trigger,
        message: `Unsourced ${stat.what}: "${figure}" is stated as fact, but neither this sentence nor its neighbours name a source. Say who measured or reported it ("..., according to the election commission").`,
        fixes: [attributionPlaceholder(ctx.text, v)],
      });
    }
    return out;
  },
};

export type { SentenceView };
