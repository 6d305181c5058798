/**
 * Word classes the claim rules use. The evaluative classes follow Wikipedia's "words to watch"
 * (puffery, editorializing, unsupported attributions / weasel words); the source classes tell a named
 * source from a vague one. Every list is lower case; multi-word entries are matched as phrases.
 */

/** Verbs of saying and reporting: with a named subject they attribute what the sentence says. */
export const SPEECH_VERBS = [
  'said', 'says', 'say', 'saying', 'told', 'tells', 'telling', 'announced', 'announces', 'announcing', 'stated', 'states',
  'reported', 'reports', 'explained', 'explains', 'added', 'adds', 'wrote', 'writes', 'writing', 'confirmed',
  'confirms', 'noted', 'notes', 'claimed', 'claims', 'asserted', 'asserts', 'argued', 'argues', 'argue',
  'believes', 'believed', 'estimated', 'estimates', 'warned', 'warns', 'insisted', 'insists', 'testified',
  'tweeted', 'commented', 'observed', 'remarked', 'concluded', 'concludes', 'declared', 'declares', 'disclosed',
  'acknowledged', 'acknowledges', 'acknowledging', 'admitted', 'admits', 'denied', 'denies', 'described',
  'describes', 'characterized', 'characterised', 'dubbed', 'cited', 'citing', 'quoted', 'predicted', 'predicts',
  'contended', 'contends', 'maintained', 'maintains', 'countered', 'replied', 'responded', 'expressed', 'asked',
  'urged', 'suggested', 'suggests', 'alleged', 'alleges', 'theorized', 'theorised', 'blamed', 'blames', 'charged',
  'charges', 'thinks', 'feels', 'felt', 'emailed', 'messaged', 'posted', 'recalled', 'recalls', 'indicated',
  'indicates', 'stressed', 'stresses', 'according',
];

/** Nouns that name no one when they stand as the source of a claim ("experts say"). */
export const VAGUE_SOURCE_NOUNS = [
  'experts', 'expert', 'critics', 'observers', 'analysts', 'commentators', 'pundits', 'insiders', 'sources',
  'people', 'individuals', 'others', 'many', 'some', 'reports', 'estimates', 'studies', 'scientists',
  'researchers', 'rumours', 'rumors', 'witnesses', 'onlookers', 'skeptics', 'sceptics', 'detractors', 'supporters',
  'opponents', 'proponents', 'economists', 'historians', 'scholars', 'officials', 'diplomats', 'activists',
  'residents', 'locals', 'users', 'commentary', 'speculation', 'polls', 'surveys', 'figures',
];

/** Singular sources that are vague with an indefinite article ("a recent poll found"). */
export const VAGUE_SINGULAR_SOURCES = [
  'poll', 'study', 'survey', 'report', 'analysis', 'estimate', 'source', 'expert', 'official', 'insider',
  'observer', 'analyst', 'critic', 'posting', 'post', 'blog', 'rumour', 'rumor', 'document', 'memo', 'commentator',
  'witness', 'spokesperson', 'spokesman', 'spokeswoman', 'person', 'diplomat', 'researcher', 'scientist',
];

/** Verbs that make a vague noun the source of a claim. */
export const VAGUE_SOURCE_VERBS = [
  'say', 'says', 'said', 'argue', 'argues', 'argued', 'charge', 'charged', 'blame', 'blamed', 'believe', 'believes',
  'believed', 'claim', 'claims', 'claimed', 'suggest', 'suggests', 'suggested', 'note', 'noted', 'warn', 'warned',
  'contend', 'contended', 'fear', 'feared', 'think', 'thought', 'estimate', 'estimated', 'predict', 'predicted',
  'report', 'reports', 'reported', 'reveal', 'reveals', 'revealed', 'found', 'find', 'finds', 'show', 'shows',
  'showed', 'indicate', 'indicates', 'indicated', 'agree', 'agreed', 'allege', 'alleged', 'maintain', 'maintained',
  'insist', 'insisted', 'worry', 'worried', 'describe', 'described', 'consider', 'considered', 'point out',
  'pointed out', 'speculate', 'speculated', 'assert', 'asserted', 'question', 'questioned', 'told', 'tell',
  'expect', 'expected', 'put', 'puts', 'place', 'places', 'concluded', 'conclude', 'wrote', 'write',
];

/** Adverbs that pin a statement on no one. */
export const HEDGE_ADVERBS = ['reportedly', 'allegedly', 'purportedly', 'supposedly', 'rumoredly', 'reputedly', 'ostensibly'];

/** Passive verbs of saying: "it is believed that", "has been described as", "is widely regarded as". */
export const PASSIVE_SAYING = [
  'said', 'believed', 'thought', 'claimed', 'reported', 'alleged', 'rumoured', 'rumored', 'understood', 'known',
  'described', 'characterized', 'characterised', 'labelled', 'labeled', 'dubbed', 'regarded', 'considered', 'seen',
  'viewed', 'touted', 'hailed', 'deemed', 'estimated', 'suggested', 'argued', 'feared', 'expected',
];

/** Puffery: promotional adjectives and nouns. */
export const PUFFERY = [
  'momentous', 'pivotal', 'historic', 'landmark', 'groundbreaking', 'ground-breaking', 'trailblazing',
  'game-changing', 'game changer', 'game-changer', 'transformative', 'unprecedented', 'monumental', 'seminal',
  'legendary', 'iconic', 'visionary', 'acclaimed', 'world-class', 'world class', 'cutting-edge', 'state-of-the-art',
  'unparalleled', 'unrivalled', 'unrivaled', 'unmatched', 'unsurpassed', 'peerless', 'breathtaking',
  'awe-inspiring', 'stunning', 'spectacular', 'magnificent', 'tremendous', 'fantastic', 'fabulous', 'incredible',
  'amazing', 'wonderful', 'extraordinary', 'remarkable', 'superb', 'brilliant',
  'excellent', 'impressive', 'terrific', 'glorious', 'marvellous', 'marvelous', 'phenomenal', 'nuanced',
  'proactive', 'prestigious', 'renowned', 'celebrated', 'inspiring', 'inspirational',
  'exemplary', 'unwavering', 'steadfast', 'tireless', 'indispensable', 'invaluable', 'vibrant', 'thriving',
  'unique opportunity', 'watershed', 'milestone', 'cornerstone', 'beacon', 'paradigm shift', 'new era',
  'new chapter', 'shining example', 'testament to', 'at the forefront', 'at the vanguard', 'world-renowned',
  'must-see', 'must-have', 'best-in-class', 'second to none', 'like no other', 'turning point', 'defining moment',
  'stirring', 'rousing', 'resounding', 'masterful', 'dazzling', 'heartwarming',
  // the diplomatic and corporate promotion of press releases
  'fruitful', 'seamless', 'holistic', 'flourishing', 'robust ties', 'robust partnership', 'robust relationship',
  'immense potential', 'powerful example', 'bright future', 'deep trust', 'shared vision',
];

/** Editorializing: the reporter's comment on what is reported. */
export const EDITORIALIZING = [
  'catalyzed', 'catalyzes', 'catalysed', 'catalyses',
  'set a precedent', 'sets a precedent', 'setting a precedent', 'paves the way', 'paved the way', 'paving the way',
  'laid down a roadmap', 'laid out a roadmap', 'lays out a roadmap', 'lays down a roadmap', 'laid the groundwork',
  'laid the foundation', 'lays the groundwork', 'lays the foundation', 'renewed commitment', 'ushered in',
  'ushers in', 'of our time', 'of all time', 'propaganda', 'fortunately', 'unfortunately', 'tragically', 'sadly',
  'ironically', 'undoubtedly', 'undeniably', 'without a doubt', 'needless to say', 'it should be noted',
  'interestingly', 'shockingly', 'disgracefully', 'shamefully', 'heroically', 'shameful', 'disgraceful', 'outrageous', 'appalling',
];

/** Verbs the reporter uses to tell the reader what something means ("the meeting highlights ..."). */
export const FRAMING_VERBS = ['highlights', 'highlighted', 'highlighting', 'signals', 'signalled', 'signaled', 'symbolizes', 'symbolises', 'symbolized'];

/** Nouns that "significant" (or "major") turns into an evaluation ("a significant development"). */
export const SIGNIFICANT_NOUNS = [
  'development', 'marker', 'milestone', 'step', 'moment', 'achievement', 'breakthrough', 'contribution', 'shift',
  'boost', 'victory', 'progress', 'turning point', 'advance', 'leap', 'stride', 'strides', 'win', 'success',
];

/** Evaluative adjectives that make a superlative an opinion ("one of the most successful ... ever"). */
export const EVALUATIVE_ADJECTIVES = [
  'successful', 'important', 'influential', 'significant', 'remarkable', 'beautiful', 'exciting', 'impressive',
  'innovative', 'inspiring', 'powerful', 'brilliant', 'iconic', 'memorable', 'celebrated', 'admired', 'respected',
  'prestigious', 'pressing', 'talented', 'gifted', 'visionary', 'effective', 'meaningful', 'consequential',
  'shameful', 'disgraceful', 'dangerous', 'exceptional', 'fascinating', 'brutal', 'heinous', 'best', 'greatest',
  'finest', 'worst',
];

/** Factual superlatives: with a scope ("in history", "in the constituency") they state a ranking. */
export const FACTUAL_SUPERLATIVES = [
  'highest', 'lowest', 'largest', 'biggest', 'smallest', 'deadliest', 'youngest', 'oldest', 'longest', 'shortest',
  'tallest', 'fastest', 'slowest', 'richest', 'poorest', 'wealthiest', 'busiest', 'heaviest', 'hottest', 'coldest',
  'wettest', 'driest', 'costliest', 'most', 'fewest', 'least', 'worst', 'strongest', 'weakest', 'cheapest',
  'most popular', 'most visited', 'most populous', 'most expensive', 'most watched', 'most common', 'most used',
  'most viewed', 'most followed', 'best-selling', 'best selling', 'top-selling', 'most-watched', 'most-visited',
];

/** Nouns of time, age and length: a number counting them is ordinary, not a statistic. */
export const ORDINARY_UNITS = [
  'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'minute', 'minutes',
  'second', 'seconds', 'decade', 'decades', 'century', 'centuries', 'am', 'pm', 'a.m', 'p.m', 'gmt', 'utc',
  'mile', 'miles', 'km', 'kilometres', 'kilometers', 'kilometre', 'kilometer', 'metres', 'meters', 'metre', 'meter',
  'm', 'feet', 'foot', 'ft', 'inches', 'inch', 'yards', 'cm', 'mm', 'o\'clock', 'times', 'time', 'floor', 'floors',
  'storey', 'storeys', 'stories', 'round', 'rounds', 'lap', 'laps', 'page', 'pages', 'chapter', 'chapters', 'nights',
  'night', 'mph', 'kph', 'km/h', 'degrees', 'ml', 'episodes', 'episode', 'season', 'seasons', 'innings', 'goals',
  'points', 'point', 'games', 'matches', 'sets',
];

/** Words for months: a number after one is a date. */
export const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
];

/** Number words. */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

/** Nouns that are counted in statistics even in small numbers ("killed 3 people" is still a figure to check). */
export const CASUALTY_WORDS = ['killed', 'dead', 'died', 'injured', 'wounded', 'missing', 'hurt', 'deaths', 'casualties', 'fatalities', 'victims', 'arrested', 'displaced', 'evacuated'];

export function phraseRegex(words: readonly string[], flags = 'i'): RegExp {
  const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
  const alt = sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alt})(?![\\p{L}\\p{N}-])`, flags.includes('u') ? flags : flags + 'u');
}
