/**
 * Entity recognition inside one block. Offsets are relative to the block.
 *
 * 1. Words: our own tokenizer (letters and digits; "U.S." one word; "'s" and hyphens split), each
 *    word carrying compromise's tags for the term that holds it.
 * 2. Capitalised runs ("Secretary of State Antony J. Blinken", "University of Texas at Arlington"),
 *    joined by spaces, hyphens, initials' periods and a few connectors (of, the, and, al-...).
 * 3. Each run is read: the whole run by shape (organization, event and place heads and prefixes);
 *    else split at connectors, titles stripped (the role is kept for the hover), the gazetteer's
 *    longest match first; what is left is a name, judged by compromise's tags and its shape.
 * Linear in the block's length: the gazetteer is a Map, the longest match tries at most
 * `maxWords` keys per word.
 */
import type { BlockNlp } from '../nlp';
import type { EntityKind } from '../types';
import { lexicon, isProduct, type LexEntry } from '../gazetteer/lexicon';
import { countryByName, citiesByName } from '../gazetteer';
import { getNlp } from '../nlp';

/**
 * compromise's lexicon (lower-case word → tags): tells names from common words. Loaded on first use,
 * with compromise: the server's main thread, which only rescans words (`tokenize`), never loads it.
 */
let LEXICON: Record<string, string | string[]> | undefined;
/** The tags compromise's lexicon gives a word ("Noun,Singular"), or undefined. */
function lexiconTags(text: string): string | undefined {
  LEXICON ??= (getNlp() as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } }).world().model.one.lexicon;
  const tags = LEXICON[text.toLowerCase()];
  return tags ? String(tags) : undefined;
}
/** Whether the word is a common English word (not a name) in compromise's lexicon. */
function commonWord(text: string): boolean {
  const tags = lexiconTags(text);
  if (!tags) return false;
  return !tags.split(',').some((t) => /Name|Person|Place|City|Country|Region|Organization|ProperNoun/.test(t));
}
/** Whether compromise's lexicon knows the word as a given name ("Walt", "Charles"). */
function givenName(text: string): boolean {
  return /FirstName|MaleName|FemaleName/.test(lexiconTags(text) ?? '');
}

export interface RawMention {
  readonly start: number;
  readonly end: number;
  readonly kind: EntityKind;
  /** The canonical name when known (a gazetteer's), else the mention's text. */
  readonly canonical: string;
  readonly role?: string;
  /** How sure the recognizer is: 3 gazetteer/pattern, 2 compromise + shape, 1 shape only. */
  readonly confidence?: number;
  /**
   * Short forms the mention gives the rest of its article ("Hoshino" for Hoshino Logistics Holdings,
   * "Mamoré" for the Mamoré River), computed here because it needs compromise's lexicon.
   */
  readonly short?: readonly string[];
}

export interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tags: ReadonlySet<string>;
  /** The first word of a sentence (or of a quotation, or of a heading line). */
  readonly sentenceStart: boolean;
}

const WORD_RE = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’](?!s\b)[\p{L}\p{N}]+)*/gu;
const NO_TAGS: ReadonlySet<string> = new Set();
/** Words with a period that do not end a sentence. */
const ABBREV = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Sen', 'Rep', 'Gov', 'Gen', 'Lt', 'Col', 'Capt', 'Sgt', 'Prof', 'Rev', 'Jr', 'Sr', 'Inc', 'Corp', 'Co', 'Ltd', 'No', 'Mt', 'Ft', 'Adm', 'Maj', 'Cpl', 'vs', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec']);

export function tokenize(text: string, nlp?: BlockNlp): Word[] {
  const words: Word[] = [];
  const terms = nlp?.tokens ?? [];
  let ti = 0;
  let prevEnd = 0;
  let prevText = '';
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (m[0] === 's' && /['’]/.test(text[start - 1] ?? '')) continue; // the possessive "'s"
    while (ti < terms.length && terms[ti].end <= start) ti++;
    const tags = ti < terms.length && terms[ti].start <= start ? terms[ti].tags : NO_TAGS;
    const gap = text.slice(prevEnd, start);
    let sentenceStart = words.length === 0 || /[“"«‘(]\s*$/.test(gap) || /\n/.test(gap) || /^[:;]?\s*[-–—]\s/.test(gap);
    if (!sentenceStart && /[.!?…]/.test(gap) && /\s/.test(gap)) {
      // A period after an initial or an abbreviation does not end the sentence.
      const dotOnly = /^\.\s+$/.test(gap);
      sentenceStart = !(dotOnly && (/^\p{Lu}$/u.test(prevText) || ABBREV.has(prevText)));
    }
    words.push({ start, end, text: m[0], tags, sentenceStart });
    prevEnd = end;
    prevText = m[0];
  }
  return words;
}

// ---------------------------------------------------------------------------------------------
// Word classes.

const CONNECTORS = new Set(['of', 'the', 'and', '&', 'for', 'on', 'de', 'du', 'da', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'y', 'at']);
/** Connectors that may stay inside a person's name. */
const NAME_PARTICLES = new Set(['de', 'du', 'da', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'y', 'dos', 'das', 'di']);

/** Titles before a name; the longest match wins. Keys are words joined by spaces. */
const TITLES = new Set([
  'President', 'Vice President', 'Vice-President', 'Prime Minister', 'Deputy Prime Minister', 'Secretary of State', 'Secretary-General', 'Secretary General', 'Secretary',
  'Foreign Minister', 'Foreign Secretary', 'Defense Minister', 'Defence Minister', 'Defense Secretary', 'Defence Secretary', 'Interior Minister', 'Finance Minister',
  'Economy Minister', 'Health Minister', 'Home Secretary', 'Treasury Secretary', 'Energy Secretary', 'Minister', 'Deputy Minister', 'Chancellor', 'Premier',
  'Senator', 'Sen', 'Representative', 'Rep', 'Congressman', 'Congresswoman', 'Governor', 'Gov', 'Mayor', 'Lt', 'Lieutenant', 'General', 'Gen', 'Colonel', 'Col',
  'Major', 'Maj', 'Captain', 'Capt', 'Admiral', 'Adm', 'Sergeant', 'Sgt', 'Commander', 'King', 'Queen', 'Prince', 'Princess', 'Crown Prince', 'Emir', 'Sheikh', 'Sultan',
  'Pope', 'Cardinal', 'Archbishop', 'Bishop', 'Father', 'Rev', 'Reverend', 'Rabbi', 'Imam', 'Ayatollah', 'Ambassador', 'Envoy', 'Special Envoy', 'Judge', 'Justice',
  'Chief Justice', 'Attorney General', 'Attorney-General', 'Prosecutor', 'Dr', 'Doctor', 'Professor', 'Prof', 'Mr', 'Mrs', 'Ms', 'Miss', 'Sir', 'Dame', 'Lord', 'Lady',
  'Spokesman', 'Spokeswoman', 'Spokesperson', 'Chairman', 'Chairwoman', 'Chair', 'Director', 'Director-General', 'Director General', 'Chief Executive', 'CEO', 'Commissioner', 'Speaker',
  'Defense Department spokesman', 'State Department spokesman', 'Deputy', 'Acting', 'Former', 'Detective', 'Officer', 'Inspector', 'Coach', 'Agent', 'Councillor', 'Councilor', 'Councilman',
  'MP', 'Legislator', 'Lawmaker', 'Minister of Foreign Affairs', 'Minister of Defence', 'Minister of Defense', 'Foreign Affairs Minister', 'National Security Adviser', 'Security Adviser',
  'Adviser', 'Advisor', 'Leader', 'Opposition Leader', 'Chief', 'Superintendent', 'Sheriff', 'Assemblyman', 'Assemblywoman',
  'Magistrate', 'Chief Magistrate', 'Senior Magistrate', 'Principal Magistrate', 'Registrar',
]);
const TITLE_FIRST = new Set([...TITLES].map((t) => t.split(/[ -]/)[0]));
const MAX_TITLE_WORDS = Math.max(...[...TITLES].map((t) => t.split(' ').length));

const ORG_HEADS = new Set([
  'Department', 'Ministry', 'Party', 'Inc', 'Corp', 'Corporation', 'Company', 'Co', 'Ltd', 'LLC', 'PLC', 'Group', 'Council', 'Association', 'Agency',
  'University', 'College', 'Institute', 'Foundation', 'Bank', 'Navy', 'Army', 'Police', 'Authority', 'Commission', 'Committee', 'Court', 'Union', 'League',
  'Society', 'Church', 'News', 'Times', 'Herald', 'Post', 'Journal', 'Gazette', 'Magazine', 'Tribune', 'Telegraph', 'Review', 'Network', 'Broadcasting',
  'Television', 'Radio', 'Organization', 'Organisation', 'Fund', 'Service', 'Services', 'Office', 'Bureau', 'Board', 'Federation', 'Alliance', 'Coalition',
  'Movement', 'Brigade', 'Brigades', 'Corps', 'Legion', 'Club', 'Academy', 'School', 'District', 'Hospital', 'Airlines', 'Airways', 'Motors', 'Technologies',
  'Systems', 'Labs', 'Studios', 'Records', 'Press', 'Media', 'Parliament', 'Assembly', 'Congress', 'Senate', 'Cabinet', 'Government', 'Administration',
  'Secretariat', 'Trust', 'Directorate', 'Guard', 'Forces', 'Regiment', 'Institution', 'Centre', 'Center', 'Democrats', 'Republicans', 'Front', 'Partners',
  'Holdings', 'Industries', 'Enterprises', 'Foundation', 'Observatory', 'Weekly', 'Daily', 'Chronicle', 'Courier', 'Monitor', 'Express', 'Mirror', 'Standard',
  'Star', 'Sun', 'Register', 'Examiner', 'Inquirer', 'Observer', 'Agency', 'Federation', 'Confederation', 'Caucus', 'Ghostbusters', 'Society', 'Initiative', 'Project',
  'Program', 'Programme', 'Taskforce', 'Force', 'Team', 'Band', 'Orchestra', 'Choir', 'Cooperative', 'Consortium', 'Laboratory', 'Laboratories',
  'Community', 'Exchange', 'Tribunal', 'Pharmaceuticals', 'Petroleum', 'Financial', 'Insurance', 'Bancorp', 'Securities', 'Investments', 'Ventures',
  'Capital', 'Electric', 'Electronics', 'Entertainment', 'Pictures', 'Software', 'Telecom', 'Telecommunications', 'Communications', 'Semiconductor',
  'Therapeutics', 'Aerospace', 'Automotive', 'Shipping', 'Logistics', 'Railways', 'Airline', 'Conservancy', 'Survey', 'International',
  'Management', 'Contractors', 'Builders', 'Construction', 'Engineering', 'Developers', 'Properties', 'Mining', 'Brewery', 'Breweries', 'Textiles',
  'Chemicals', 'Foods', 'Beverages', 'FC', 'AFC', 'CF', 'SC',
]);
/** Sports clubs' marks before the name ("FC Copenhagen", "AS Monaco", "CD Guadalajara"). */
const CLUB_PREFIXES = new Set(['FC', 'AFC', 'AS', 'AC', 'SC', 'CF', 'CD', 'SK', 'FK', 'NK', 'SV', 'VfB', 'VfL', 'TSG', 'SL', 'CR', 'SS', 'SSC']);
const ORG_PREFIXES = new Set(['University', 'Ministry', 'Department', 'Church', 'Bank', 'Council', 'Institute', 'Office', 'Museum', 'Academy', 'College', 'House', 'Court', 'Federation', 'Association', 'League', 'Society', 'Union', 'Party', 'Board', 'Commission', 'Committee', 'Organization', 'Organisation', 'Agency', 'Bureau', 'Order']);
const EVENT_HEADS = new Set(['Summit', 'Conference', 'Forum', 'Olympics', 'Paralympics', 'Cup', 'Championship', 'Championships', 'Expo', 'Fair', 'Festival', 'War', 'Games', 'Challenge', 'Marathon', 'Grand Prix', 'Biennale', 'Dialogue', 'Convention', 'Election', 'Elections', 'Referendum', 'Revolution', 'Uprising', 'Massacre', 'Crisis', 'Tournament', 'Awards', 'Congress', 'Week', 'Rally', 'Olympiad', 'Open', 'Classic', 'Series', 'Derby', 'Bowl', 'Show', 'Exhibition', 'Symposium', 'Meeting', 'Talks', 'Accords', 'Accord']);
/** Event heads that need a named or numbered modifier ("Munich Security Conference", "2016 Rio Games"). */
const PLACE_HEADS = new Set(['City', 'County', 'Province', 'Region', 'Island', 'Islands', 'Sea', 'Ocean', 'River', 'Lake', 'Mountain', 'Mountains', 'Valley', 'Bay', 'Street', 'Avenue', 'Road', 'Square', 'Hall', 'Airport', 'Stadium', 'Park', 'Bridge', 'Tower', 'Towers', 'Palace', 'Castle', 'Cathedral', 'Mosque', 'Temple', 'Desert', 'Peninsula', 'Strait', 'Canal', 'Gulf', 'Coast', 'Heights', 'Plaza', 'Base', 'Camp', 'Prison', 'Harbor', 'Harbour', 'Port', 'Beach', 'Falls', 'Hills', 'Forest', 'Canyon', 'Village', 'Township', 'Borough', 'Quarter', 'Territory', 'Territories', 'Prefecture', 'Oblast', 'Governorate', 'State', 'Range', 'Basin', 'Delta', 'Glacier', 'Volcano', 'Reservoir', 'Dam', 'Boulevard', 'Lane', 'Station', 'Terminal', 'Arena', 'Memorial', 'Monument', 'Building', 'Mall', 'Market', 'Gardens', 'Zoo', 'Neighborhood', 'Neighbourhood', 'Corridor']);
const PLACE_PREFIXES = new Set(['Gulf', 'Sea', 'Bay', 'Lake', 'Isle', 'Isles', 'Strait', 'Straits', 'Mount', 'Cape', 'Port', 'City', 'Province', 'Island', 'Islands', 'Republic', 'Kingdom', 'State', 'Cathedral', 'Church', 'Temple', 'Palace', 'Tower', 'Bank', 'Valley', 'Plain', 'Gate', 'Square', 'Hall']);
/** Heads that make a place rather than an organization when preceded by these words ("Convention Centre"). */
const PLACE_CENTRE_MODIFIERS = new Set(['Convention', 'Trade', 'Shopping', 'Exhibition', 'Conference', 'Civic', 'Community', 'Medical', 'Sports', 'Aquatic', 'Arts', 'Performing', 'Cinema', 'Cultural', 'Culture', 'Visitor', 'Visitors', 'Heritage', 'Science', 'Concert', 'Music', 'Tennis', 'Cricket', 'Athletics', 'Swimming', 'Leisure', 'Events']);
/** Words that open a sentence or a heading and are capitalised for that reason only. */
const FUNCTION_WORDS = new Set(['The', 'A', 'An', 'This', 'That', 'These', 'Those', 'In', 'On', 'At', 'But', 'And', 'Or', 'If', 'When', 'As', 'For', 'With', 'By', 'From', 'To', 'Of', 'After', 'Before', 'During', 'While', 'Since', 'Although', 'Though', 'Because', 'Yet', 'So', 'Then', 'Now', 'Here', 'There', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their', 'Our', 'My', 'Your', 'Some', 'Many', 'Most', 'All', 'Both', 'Each', 'Every', 'No', 'Not', 'One', 'Two', 'Three', 'Several', 'Few', 'Other', 'Another', 'Such', 'What', 'Which', 'Who', 'Whom', 'Whose', 'Where', 'Why', 'How', 'Despite', 'Under', 'Over', 'About', 'Against', 'Among', 'Between', 'Through', 'Throughout', 'Until', 'Upon', 'Within', 'Without', 'Also', 'However', 'Meanwhile', 'Furthermore', 'Moreover', 'Additionally', 'Earlier', 'Later', 'Last', 'Next', 'First', 'Former', 'According', 'Following', 'Like', 'Unlike', 'Mr', 'Mrs', 'Ms', 'Dr', 'Is', 'Are', 'Was', 'Were', 'Do', 'Does', 'Did', 'Has', 'Have', 'Had', 'Will', 'Would', 'Can', 'Could', 'Should', 'May', 'Might', 'Must', 'Yes', 'Please', 'Thank', 'Thanks', 'Today', 'Yesterday', 'Tomorrow', 'Once', 'Even', 'Just', 'Only', 'Still', 'Already', 'Instead', 'Indeed', 'Perhaps', 'Overall', 'Together', 'Finally', 'Initially', 'Recently', 'Currently', 'Previously', 'Reportedly', 'Officials', 'Police', 'Authorities']);
/** Capitalised words that are not names on their own (months, days, generic nouns). */
const NOT_NAMES = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'God', 'Internet', 'Web', 'TV', 'CEO', 'GDP', 'AI', 'PM', 'AM', 'OK', 'ID', 'UTC', 'GMT', 'COVID', 'HIV', 'AIDS', 'DNA', 'USD', 'EUR', 'NGO', 'NGOs', 'MP', 'MPs', 'PhD', 'CD', 'DVD', 'PC', 'IT', 'IP', 'URL', 'FAQ', 'PDF', 'SMS', 'GPS', 'BC', 'AD', 'CE', 'BCE', 'Mrs', 'Mr', 'Ms', 'Dr', 'St', 'Jr', 'Sr', 'Ave', 'North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Islamic', 'Muslim', 'Muslims', 'Christian', 'Christians', 'Catholic', 'Jewish', 'Jews', 'Arab', 'Arabs', 'Kurdish', 'Kurds', 'English', 'Spanish', 'Arabic', 'Latin', 'European', 'Asian', 'African', 'Western', 'Democrat', 'Republican', 'Communist', 'Conservative', 'Liberal', 'Labour', 'Senator', 'President', 'Minister', 'Governor', 'Mayor', 'King', 'Queen', 'Prince', 'Chancellor', 'Secretary', 'Ambassador', 'Premier', 'Judge', 'Justice', 'Pope', 'General', 'Federal', 'National', 'International', 'Global', 'Government', 'State', 'City', 'Court', 'Church', 'Party', 'Department', 'Ministry', 'University', 'Council', 'Navy', 'Army', 'Senate', 'Congress', 'Parliament', 'Assembly', 'Committee', 'Commission', 'Agency', 'Office', 'Bureau', 'Administration', 'Cabinet', 'Union', 'Republic', 'Kingdom', 'Empire', 'Nations', 'Affairs', 'Foreign', 'Defense', 'Defence', 'Security', 'Human', 'Rights', 'Act', 'Bill', 'Law', 'Constitution', 'Prize', 'Award', 'Award', 'Street', 'Road', 'Avenue', 'Day', 'Year', 'Week', 'Month', 'Hour', 'Hours', 'Era', 'Age', 'Chapter', 'Section', 'Article', 'Figure', 'Table', 'Page', 'Update', 'Breaking', 'Opinion', 'Editorial', 'Analysis', 'Source', 'Sources', 'Photo', 'Video', 'Image', 'Reuters', 'Twitter', 'Facebook']);

const DAYS_MONTHS = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

/** All-capital words that are not organizations. */
const ACRONYM_STOP = new Set(['VIP', 'VIPs', 'POTUS', 'FLOTUS', 'SCOTUS', 'HTML', 'CSS', 'XML', 'JSON', 'API', 'QC', 'SC', 'KC', 'OBE', 'MBE', 'CBE', 'RIP', 'LOL', 'FYI', 'ASAP', 'DIY', 'USB', 'HD', 'VR', 'AR', 'PR', 'HR', 'IE', 'OS', 'iOS', 'PS', 'NB', 'AKA', 'ETA', 'FAQ', 'CEO', 'CFO', 'COO', 'CTO', 'GDP', 'GNP', 'CPI', 'ATM', 'PIN', 'SUV', 'LGBT', 'LGBTQ', 'IQ', 'IVF', 'ICU', 'ER', 'MRI', 'CT', 'DJ', 'MC', 'TV', 'UFO', 'WMD', 'RPG', 'AK', 'MW', 'GW', 'KW', 'KM', 'MPH', 'KPH', 'EST', 'PST', 'CET', 'BST', 'UTC', 'GMT', 'AM', 'PM', 'BC', 'AD', 'NOT', 'AND', 'THE', 'BREAKING', 'UPDATE', 'UPDATED', 'EXCLUSIVE', 'WATCH', 'LIVE', 'PHOTOS', 'VIDEO', 'OK', 'US', 'UK', 'EU', 'UN', 'SOS', 'MVP', 'NFT', 'AI', 'EV', 'EVs', 'LNG', 'CO2', 'PPE', 'PTSD', 'ADHD', 'STEM', 'MBA', 'BA', 'BSc', 'MSc', 'MA', 'PhD', 'MD', 'RN', 'SWAT', 'FAQ', 'OMG']);

const PERSON_TAGS = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName'];

// (A company's name inside a product's, "Google Chrome", stays a mention of the company: annotators count it.)
/** Lower-case nouns before a name that make it the title of a work or a vehicle ("the graphic novel Angel Catbird"). */
const WORK_NOUNS = new Set(['novel', 'book', 'film', 'movie', 'album', 'song', 'single', 'game', 'series', 'show', 'play', 'opera', 'documentary', 'musical', 'sitcom', 'app',
  'browser', 'character', 'ship', 'vessel', 'yacht', 'tanker', 'frigate', 'destroyer', 'carrier', 'aircraft', 'software', 'program', 'programme', 'painting', 'poem', 'podcast']);
/** Lower-case nouns after a name that make it a product or a thing, not a person ("the Orion spacecraft"). */
const PRODUCT_NOUNS = new Set(['browser', 'app', 'apps', 'application', 'software', 'smartphone', 'smartphones', 'phone', 'phones', 'handset', 'tablet', 'laptop', 'console', 'consoles',
  'game', 'chatbot', 'platform', 'operating', 'processor', 'chip', 'chips', 'vaccine', 'drug', 'model', 'film', 'movie', 'novel', 'album', 'song', 'franchise', 'brand', 'car', 'cars',
  'truck', 'jet', 'jets', 'aircraft', 'plane', 'rocket', 'satellite', 'spacecraft', 'ship', 'vessel', 'tanker', 'submarine', 'crude', 'index', 'virus', 'variant', 'malware', 'ransomware',
  'missile', 'missiles', 'drone', 'drones', 'tank', 'tanks', 'rifle', 'website', 'site', 'network', 'series', 'engine', 'update', 'version', 'device', 'devices', 'service']);
/** Lower-case nouns after a name that make it a named event ("the Black Hat conference"). */
const EVENT_NOUNS = new Set(['conference', 'summit', 'festival', 'convention', 'expo', 'tournament', 'championship', 'championships', 'marathon', 'forum']);

function isCap(w: Word): boolean {
  return /^\p{Lu}/u.test(w.text) || /^\p{N}+\p{L}/u.test(w.text) && /\p{Lu}/u.test(w.text.slice(1));
}
function isYear(w: Word): boolean {
  return /^(1[89]|20)\d\d$/.test(w.text);
}
function hasPersonTag(w: Word): boolean {
  return PERSON_TAGS.some((t) => w.tags.has(t));
}

// ---------------------------------------------------------------------------------------------

interface Ctx {
  readonly text: string;
  readonly words: readonly Word[];
  readonly heading: boolean;
  readonly out: RawMention[];
}

/** What separates word i from word i+1 ('' when adjacent). */
function gapAfter(ctx: Ctx, i: number): string {
  const w = ctx.words[i];
  const n = ctx.words[i + 1];
  return n ? ctx.text.slice(w.end, n.start) : ctx.text.slice(w.end);
}

/** Whether words i and i+1 may sit in one name. */
function joinable(ctx: Ctx, i: number): boolean {
  const gap = gapAfter(ctx, i);
  if (gap === ' ' || gap === '-' || gap === '\u00a0' || gap === '–' && false) return true;
  if (/^[ \t\u00a0]+$/.test(gap)) return true;
  if (/^[ \t\u00a0]?&[ \t\u00a0]?$/.test(gap)) return true; // "Pratt & Whitney", "AT&T"
  if (/^\.[ \t\u00a0]+$/.test(gap) || gap === '.') {
    const w = ctx.words[i];
    return /^\p{Lu}$/u.test(w.text) || w.text === 'St' || w.text === 'Jr' || w.text === 'Mt' || w.text === 'Inc' || w.text === 'Co' || w.text === 'Corp';
  }
  if (/^\.-$/.test(gap) && /^\p{Lu}$/u.test(ctx.words[i].text)) return true; // "U.-S." rare
  return false;
}

/** The gazetteer entry for words [i..j], or undefined. */
function lookup(ctx: Ctx, i: number, j: number): LexEntry | undefined {
  let key = ctx.text.slice(ctx.words[i].start, ctx.words[j].end);
  // A final period belongs to abbreviations ("U.S." is one word already; "Inc." "D.C.").
  if (/\s/.test(key)) key = key.replace(/\s+/g, ' ');
  const e = lexicon().map.get(key);
  // "Trinidad & Tobago", "Bosnia & Herzegovina": "&" for "and".
  return e ?? (key.includes('&') ? lexicon().map.get(key.replace(/ ?& ?/g, ' and ')) : undefined);
}

/** Longest gazetteer match starting at word i and ending at most at word `limit`. */
function longestAt(ctx: Ctx, i: number, limit: number): { end: number; entry: LexEntry } | undefined {
  const max = Math.min(limit, i + lexicon().maxWords - 1);
  let best: { end: number; entry: LexEntry } | undefined;
  for (let j = i; j <= max; j++) {
    if (j > i && !joinable(ctx, j - 1)) {
      // Allow ", " inside a form only for "Washington, D.C." style keys.
      if (gapAfter(ctx, j - 1) !== ', ') break;
    }
    const e = lookup(ctx, i, j);
    if (e) best = { end: j, entry: e };
  }
  return best;
}

function push(ctx: Ctx, a: number, b: number, kind: EntityKind, canonical?: string, role?: string, confidence = 2) {
  const start = ctx.words[a].start;
  let end = ctx.words[b].end;
  // "Inc." "Co." keep their period; "D.C." already has it.
  if (kind === 'organization' && ctx.text[end] === '.' && /^(Inc|Co|Corp|Ltd|Jr)$/.test(ctx.words[b].text)) end++;
  const surface = ctx.text.slice(start, end);
  ctx.out.push({ start, end, kind, canonical: canonical ?? surface.replace(/\s+/g, ' '), ...(role ? { role } : {}), confidence });
}

/** The title that starts at word a (longest), as the number of words it covers, or 0. */
function titleAt(ctx: Ctx, a: number, b: number): number {
  const first = ctx.words[a].text;
  let best = 0;
  if (TITLE_FIRST.has(first)) {
    let key = '';
    for (let j = a; j <= b && j < a + MAX_TITLE_WORDS; j++) {
      key = j === a ? ctx.words[j].text : key + (gapAfter(ctx, j - 1) === '-' ? '-' : ' ') + ctx.words[j].text;
      if (TITLES.has(key)) best = j - a + 1;
    }
  }
  if (best) return best;
  // "Energy Minister", "Press Secretary", "Army Chief": one to three common words before an office's head.
  for (let k = a + 1; k <= b && k <= a + 3; k++) {
    const w = ctx.words[k];
    if (!joinable(ctx, k - 1)) return 0;
    if (TITLE_HEADS.has(w.text)) return titlePrefixOk(ctx, a, k) ? k - a + 1 : 0;
  }
  return 0;
}

/** Heads of office titles that a common word may precede ("Energy Minister", "Press Secretary"). */
const TITLE_HEADS = new Set(['Minister', 'Secretary', 'Commissioner', 'Ambassador', 'Envoy', 'Adviser', 'Advisor', 'Spokesman', 'Spokeswoman', 'Spokesperson', 'Chief', 'Director', 'Chairman', 'Chairwoman', 'Governor', 'Commander', 'Administrator', 'Undersecretary', 'Coordinator', 'Prosecutor', 'Rapporteur']);
/** Whether words [a..k) can open a title: capitalised common words, no names. */
function titlePrefixOk(ctx: Ctx, a: number, k: number): boolean {
  for (let i = a; i < k; i++) {
    const w = ctx.words[i];
    if (!/^\p{Lu}\p{Ll}+$/u.test(w.text) || hasPersonTag(w) || lexicon().map.has(w.text) || !(commonWord(w.text) || TITLE_FIRST.has(w.text))) return false;
  }
  return true;
}

/** The whole run [a..b] read by its shape: organization, event or place; or undefined. */
function shapeOf(ctx: Ctx, a: number, b: number): EntityKind | undefined {
  const words = ctx.words;
  const last = words[b].text;
  const first = words[a].text;
  const n = b - a + 1;
  if (n >= 2) {
    // "CAF Champions League", "UEFA Nations League": competitions, not the bodies that run them.
    if (last === 'League' && /^(Champions|Nations|Europa|Conference)$/.test(words[b - 1].text)) return 'event';
    if (EVENT_HEADS.has(last) || (isYear(words[b]) && n >= 2 && EVENT_HEADS.has(words[b - 1].text)) || (isYear(words[b]) && b - 1 >= a && shapeOf(ctx, a, b - 1) === 'event')) {
      if (last === 'Congress' || last === 'Convention' || last === 'Show' || last === 'Series' || last === 'Open' || last === 'Meeting' || last === 'Talks') {
        if (!words.slice(a, b + 1).some(isYear)) return last === 'Congress' ? 'organization' : undefined;
      }
      if (last === 'War' && n === 2 && lexicon().map.get(first)?.source === 'demonym') return 'event';
      return 'event';
    }
    if (isYear(words[a]) && n >= 2 && (EVENT_HEADS.has(last) || lexicon().map.get(ctx.text.slice(words[a + 1].start, words[b].end))?.kind === 'event')) return 'event';
    if ((last === 'Centre' || last === 'Center') && PLACE_CENTRE_MODIFIERS.has(words[b - 1].text)) return 'place';
    if (ORG_HEADS.has(last) || CLUB_PREFIXES.has(first) && /^\p{Lu}\p{Ll}/u.test(words[a + 1].text)) return 'organization';
    if (n >= 3 && ORG_PREFIXES.has(first) && /^(of|on|for)$/.test(words[a + 1].text)) return 'organization';
    if (PLACE_HEADS.has(last) && !(last === 'State' && n <= 2 && TITLE_FIRST.has(first))) {
      // "Taikoo of the Hong Kong Island": two places, unless the name opens with "Gulf of", "City of"...
      const hasOf = words.slice(a, b + 1).some((w) => w.text === 'of');
      if (!hasOf || PLACE_PREFIXES.has(first)) return 'place';
    }
    if (n >= 3 && /^(Gulf|Sea|Bay|Lake|Isle|Strait|Mount|Cape|Port)$/.test(first) && /^of$/.test(words[a + 1].text)) return 'place';
  }
  return undefined;
}

const EVENT_PREFIXES = new Set(['Battle', 'Siege', 'Conference', 'Summit', 'Congress', 'Festival', 'Games', 'Council']);
const BETWEEN = new Set(['of', 'on', 'for', 'at', 'the', 'and', '&', 'de', 'du', 'da', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'y']);

/**
 * The shape of a run that may hold connectors: "University of Texas at Arlington" and "Doctor Who
 * Society of Canada" are one name; "Fernando Cheung of the Labour Party" and "Civic Party and the
 * Democratic Party" are not.
 */
function shapeOfRun(ctx: Ctx, a: number, b: number): EntityKind | undefined {
  const words = ctx.words;
  let c = -1;
  for (let i = a + 1; i < b; i++) if (BETWEEN.has(words[i].text)) { c = i; break; }
  if (c < 0) return eventWithPlace(ctx, a, b) ?? shapeOf(ctx, a, b);
  const left = c - 1;
  const leftShape = shapeOf(ctx, a, left);
  const prefix = left === a && (ORG_PREFIXES.has(words[a].text) || PLACE_PREFIXES.has(words[a].text) || EVENT_PREFIXES.has(words[a].text));
  if (!leftShape && !prefix) {
    // "Disaster and Emergency Management Authority": common words, "and", then an organization's shape.
    if (words[c].text === 'and' && c + 1 <= b && !words.slice(a, c).some((w, k) => lexicon().map.has(w.text) || hasPersonTag(w) || w.tags.has('Place') || w.tags.has('Organization') || !/^\p{Lu}\p{Ll}+$/u.test(w.text) || (a + k < c - 1 && gapAfter(ctx, a + k).includes('&'))) && !words.slice(c + 1, b + 1).some((w) => BETWEEN.has(w.text)) && shapeOf(ctx, c + 1, b) === 'organization') return 'organization';
    return undefined;
  }
  // "X Party and the Y Party": two names.
  for (let i = a + 1; i < b; i++) {
    if (words[i].text !== 'and' && words[i].text !== '&') continue;
    let r = i + 1;
    while (r <= b && BETWEEN.has(words[r].text)) r++;
    if (r <= b && shapeOf(ctx, a, i - 1)) {
      // "Department of Health and Human Services", "Ministry of Agriculture and Rural Development": one name,
      // unless "the" opens the second or the first ends on a place ("University of Cambridge and ETH Zurich").
      const tail = lookup(ctx, a + 2, i - 1);
      const oneName = prefix && ORG_PREFIXES.has(words[a].text) && /^(of|for|on)$/.test(words[a + 1].text) && words[i + 1].text !== 'the' && !(tail && (tail.kind === 'place' || tail.kind === 'country')) && !lexicon().map.has(ctx.text.slice(words[r].start, words[b].end));
      if (!oneName) return undefined;
    }
  }
  return shapeOf(ctx, a, b) ?? leftShape;
}

/** "Fan Expo Canada 2016", "Expo 2020": an event head followed by a place and/or a year. */
function eventWithPlace(ctx: Ctx, a: number, b: number): EntityKind | undefined {
  const words = ctx.words;
  for (let h = a + 1; h < b + 1; h++) {
    if (!EVENT_HEADS.has(words[h].text) || h === b) continue;
    let k = h + 1;
    const g = longestAt(ctx, k, b);
    if (g && (g.entry.kind === 'country' || g.entry.kind === 'place')) k = g.end + 1;
    if (k <= b && isYear(words[k])) k++;
    if (k === b + 1 && k > h + 1) return 'event';
  }
  return undefined;
}

/** Reads one capitalised run [a..b] (no connectors at its ends). */
function readRun(ctx: Ctx, a: number, b: number, role?: string): void {
  const words = ctx.words;
  // Strip capitalised function words that open a sentence ("The", "In", "But").
  while (a <= b && FUNCTION_WORDS.has(words[a].text) && (words[a].sentenceStart || ctx.heading || /^(The|A|An)$/.test(words[a].text))) {
    if (words[a].text === 'The' && a < b) {
      // "The Straits Times", "The Guardian": "The" belongs to the name when the gazetteer's form has it.
      const g = longestAt(ctx, a, b);
      if (g && g.end === b) break;
    }
    a++;
  }
  while (a <= b && CONNECTORS.has(words[a].text)) a++;
  while (b >= a && CONNECTORS.has(words[b].text)) b--;
  if (a > b) return;
  // "NEW YORK —", "ABU DHABI —": a dateline of several words in capitals names a known place.
  if (!role && b > a && capitalsName(ctx, a, b, true)) return;
  // The whole run as one gazetteer form or one shape ("University of Texas at Arlington").
  const whole = lookup(ctx, a, b);
  if (whole && whole.kind === 'country' && ctx.text[words[b].end] === '$') return; // "NZ$26"
  if (whole) {
    if (whole.source === 'city' && (whole.commonWord || whole.personName) && a === b && !cityContext(ctx, a)) {
      if (whole.commonWord) return;
      const next = /^[\s-]+(\p{Ll}+)/u.exec(ctx.text.slice(words[b].end, words[b].end + 20))?.[1];
      if (next && PRODUCT_NOUNS.has(next)) return; // "Brent crude"
    }
    // "Mr. Suzuki", "Dr. Honda": after a person's title a one-word company name is a surname.
    const honorific = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+$/.exec(ctx.text.slice(Math.max(0, words[a].start - 6), words[a].start));
    if ((role || honorific) && a === b && whole.kind === 'organization' && /^\p{Lu}\p{Ll}+$/u.test(words[a].text)) {
      push(ctx, a, b, 'person', undefined, role, 3);
      return;
    }
    // "the Amazon lowlands": a one-word company's name before a geographic noun is the place.
    if (whole.kind === 'organization' && a === b && GEO_NOUNS_AFTER.has(/^[ \t\u00a0]+(\p{Ll}+)/u.exec(ctx.text.slice(words[b].end, words[b].end + 24))?.[1] ?? '')) {
      push(ctx, a, b, 'place', undefined, undefined, 2);
      return;
    }
    push(ctx, a, b, whole.kind, whole.canonical, undefined, 3);
    return;
  }
  // A product's name ("Firefox", "ChatGPT") is no person, place or organization; nor is a quoted title (“Silent Spring”).
  if (!role && isProduct(ctx.text.slice(words[a].start, words[b].end))) return;
  if (!role && /[“"«]$/.test(ctx.text.slice(Math.max(0, words[a].start - 1), words[a].start)) && /^[”"»]/.test(ctx.text.slice(words[b].end, words[b].end + 1))) return;
  // "the Department of Health and Human Services and the Food and Drug Administration": two names joined by "and the".
  for (let k = a + 1; k + 2 <= b; k++) {
    if (words[k].text !== 'and' || words[k + 1].text !== 'the' || !isCap(words[k + 2])) continue;
    const left = lookup(ctx, a, k - 1) ?? shapeOfRun(ctx, a, k - 1);
    const right = lookup(ctx, k + 2, b) ?? shapeOfRun(ctx, k + 2, b);
    if (left && right) {
      readRun(ctx, a, k - 1, role);
      readRun(ctx, k + 2, b);
      return;
    }
  }
  // "University of Texas Arlington Amneh Jafari": a known organization's name, then a person's.
  if (!role && !ctx.heading && b - a >= 3 && personPair(ctx, b - 1)) {
    const org = lookup(ctx, a, b - 2);
    if (org?.kind === 'organization') {
      push(ctx, a, b - 2, 'organization', org.canonical, undefined, 2);
      push(ctx, b - 1, b, 'person', undefined, undefined, 2);
      return;
    }
  }
  const shape = ctx.heading ? undefined : shapeOfRun(ctx, a, b);
  if (shape && !role) {
    push(ctx, a, b, shape, undefined, undefined, 2);
    return;
  }
  // Titles: "Secretary of State Antony J. Blinken" → role + person.
  const t = titleAt(ctx, a, b);
  if (t && a + t <= b) {
    let title = ctx.text.slice(words[a].start, words[a + t - 1].end);
    // "Azerbaijan's President Ilham Aliyev": the office is the country's.
    if (!role && a > 0 && /^['’]s\s+$/.test(gapAfter(ctx, a - 1))) {
      const owner = lexicon().map.get(words[a - 1].text);
      if (owner && (owner.kind === 'country' || owner.kind === 'organization')) title = `${title} of ${owner.canonical}`;
    }
    const rest = lookup(ctx, a + t, b);
    if (rest && rest.kind === 'country') return; // "Captain America"
    readRun(ctx, a + t, b, role ? `${role} ${title}` : title);
    return;
  }
  // "University of Cambridge and ETH Zurich", "Bank of England and the ECB": a whole name, then another.
  for (let k = a + 3; k < b; k++) {
    if (words[k].text !== 'and' && words[k].text !== '&') continue;
    if (!/^(of|for|on)$/.test(words[a + 1].text) || !shapeOf(ctx, a, k - 1)) break;
    const tail = lookup(ctx, a + 2, k - 1);
    if (words[k + 1].text === 'the' || (tail && (tail.kind === 'place' || tail.kind === 'country'))) {
      readRun(ctx, a, k - 1, role);
      let r = k + 1;
      while (r <= b && CONNECTORS.has(words[r].text)) r++;
      if (r <= b) readRun(ctx, r, b);
      return;
    }
    break;
  }
  // "Pratt & Whitney", "Marks & Spencer Group": two names joined by "&" are a firm (up to the next connector).
  if (!role) {
    for (let k = a; k < b; k++) {
      if (!gapAfter(ctx, k).includes('&') || !isCap(words[k + 1])) continue;
      if ([k, k + 1].every((x) => { const e = lexicon().map.get(words[x].text); return e && (e.kind === 'country' || e.kind === 'place'); })) break;
      let end = k + 1;
      while (end < b && !CONNECTORS.has(words[end + 1].text)) end++;
      if (k > a) readRun(ctx, a, k - 1);
      push(ctx, k, end, 'organization', undefined, undefined, 2);
      let r = end + 1;
      while (r <= b && CONNECTORS.has(words[r].text)) r++;
      if (r <= b) readRun(ctx, r, b);
      return;
    }
  }
  // Split at connectors (except particles inside a person's name: "Suleiman al-Amr", "Ludwig van Beethoven").
  for (let i = a; i <= b; i++) {
    const w = words[i];
    if (CONNECTORS.has(w.text) && !(NAME_PARTICLES.has(w.text) && i > a && i < b && (gapAfter(ctx, i) === '-' || particleBetweenNames(ctx, a, b, i)))) {
      // "President Ilham Aliyev of Azerbaijan": the part after "of" is read on its own.
      readRun(ctx, a, i - 1, role);
      let k = i + 1;
      while (k <= b && CONNECTORS.has(words[k].text)) k++;
      if (k <= b) readRun(ctx, k, b);
      return;
    }
  }
  // Gazetteer matches inside the run, longest first, left to right; the rest are names.
  let i = a;
  let chunkStart = -1;
  const flush = (end: number) => {
    if (chunkStart >= 0) readName(ctx, chunkStart, end, role);
    chunkStart = -1;
  };
  while (i <= b) {
    const g = longestAt(ctx, i, b);
    if (g && i > a && words[i - 1].text === 'Team' && g.entry.kind === 'country' && g.end === b) {
      push(ctx, i - 1, b, 'organization', undefined, undefined, 2); // "Team Estonia"
      flush(i - 2);
      return;
    }
    if (g && g.entry.kind === 'country' && /^\$/.test(ctx.text.slice(words[g.end].end, words[g.end].end + 1))) {
      i = g.end + 1; // "NZ$26": a currency
      continue;
    }
    if (g && g.entry.kind === 'place' && g.end + 1 <= b && /^(North|South|East|West|Central)$/.test(words[g.end + 1].text) && (g.end + 1 === b || !isCap(words[g.end + 2]))) {
      flush(i - 1);
      push(ctx, i, g.end + 1, 'place', undefined, undefined, 2); // "Kowloon West"
      i = g.end + 2;
      continue;
    }
    if (g && g.entry.source === 'demonym' && i === a && g.end < b && !role && commonWord(words[g.end + 1].text) && !TITLE_FIRST.has(words[g.end + 1].text)) {
      // "Turkish Red Crescent", "Indonesian Navy": a nation's own body is one organization.
      const rest = lookup(ctx, g.end + 1, b);
      if (rest ? rest.kind === 'organization' : shapeOf(ctx, g.end + 1, b) === 'organization') {
        push(ctx, a, b, 'organization', undefined, undefined, 2);
        return;
      }
    }
    if (g && i === a && g.entry.kind === 'organization' && g.end < b && !role) {
      // "Transparency International Kenya", "Amnesty International USA": a known body's national branch.
      const branch = longestAt(ctx, g.end + 1, b);
      if (branch && branch.end === b && branch.entry.source === 'country') {
        push(ctx, a, b, 'organization', undefined, undefined, 2);
        return;
      }
    }
    if (g && acceptInRun(ctx, a, b, i, g.end, g.entry)) {
      flush(i - 1);
      // A country right before a title names the office: "Azerbaijan President Ilham Aliyev".
      push(ctx, i, g.end, g.entry.kind, g.entry.canonical, undefined, 3);
      const t2 = g.end + 1 <= b ? titleAt(ctx, g.end + 1, b) : 0;
      if (t2 && g.end + 1 + t2 <= b) {
        const title = ctx.text.slice(words[g.end + 1].start, words[g.end + t2].end);
        const of = g.entry.kind === 'country' ? ` of ${g.entry.canonical}` : g.entry.kind === 'organization' ? ` (${g.entry.canonical})` : '';
        readRun(ctx, g.end + 1 + t2, b, title + of);
        return;
      }
      i = g.end + 1;
      continue;
    }
    if (chunkStart < 0) chunkStart = i;
    i++;
  }
  flush(b);
}

/** "Ursula von der Leyen": a name particle (or a run of them) with a person's name on one side. */
function particleBetweenNames(ctx: Ctx, a: number, b: number, i: number): boolean {
  let l = i - 1;
  while (l > a && NAME_PARTICLES.has(ctx.words[l].text)) l--;
  let r = i + 1;
  while (r < b && NAME_PARTICLES.has(ctx.words[r].text)) r++;
  return hasPersonTag(ctx.words[l]) || hasPersonTag(ctx.words[r]);
}

/** Whether words k, k+1 look like a person's given name and surname ("Alia Salem", "Amneh Jafari"). */
function personPair(ctx: Ctx, k: number): boolean {
  const [g, f] = [ctx.words[k], ctx.words[k + 1]];
  if (!/^\p{Lu}\p{Ll}+$/u.test(g.text) || !/^\p{Lu}\p{Ll}+$/u.test(f.text)) return false;
  if (CONNECTORS.has(ctx.words[k - 1].text) || [g, f].some((w) => ORG_HEADS.has(w.text) || PLACE_HEADS.has(w.text) || EVENT_HEADS.has(w.text) || NOT_NAMES.has(w.text))) return false;
  const lg = lexicon().map.get(g.text);
  const lf = lexicon().map.get(f.text);
  const given = g.tags.has('FirstName') || g.tags.has('MaleName') || g.tags.has('FemaleName');
  if (given && !lg && (!lf || lf.personName || f.tags.has('LastName'))) return true;
  return !lg && !lf && !commonWord(g.text) && !commonWord(f.text) && !NOT_NAMES.has(g.text) && !NOT_NAMES.has(f.text);
}

/** Whether a gazetteer match [i..j] inside the run [a..b] stands on its own. */
function acceptInRun(ctx: Ctx, a: number, b: number, i: number, j: number, e: LexEntry): boolean {
  const words = ctx.words;
  const single = i === j;
  const neighbourName = (k: number) => k >= a && k <= b && !lexicon().map.has(words[k].text) && hasPersonTag(words[k]);
  if (e.source === 'city' || e.source === 'place' || e.source === 'territory') {
    if (single && (e.personName || e.commonWord) && (i > a || j < b)) return false; // "Sydney Smith"
    // "Valeska Paris", "Junius Ho": a city's name right after a given name is a surname.
    if (single && i > a && !lexicon().map.has(words[i - 1].text) && !NOT_NAMES.has(words[i - 1].text) && !TITLE_FIRST.has(words[i - 1].text) && !commonWord(words[i - 1].text) && !/^(Greater|Downtown|Old|New|Upper|Lower|Central|Metro|Metropolitan)$/.test(words[i - 1].text)) return false;
    if (single && (neighbourName(i - 1) || neighbourName(j + 1))) return false;
    if (single && e.commonWord && !cityContext(ctx, i)) return false;
    // "Yuki Hamada": a small town's name before an unknown surname, the run's last word, is a given name.
    if (single && e.source === 'city' && i === a && j + 1 === b && !cityContext(ctx, i) && /^\p{Lu}\p{Ll}+$/u.test(words[b].text) && !lexicon().map.has(words[b].text)
      && !commonWord(words[b].text) && !NOT_NAMES.has(words[b].text) && !ORG_HEADS.has(words[b].text) && !PLACE_HEADS.has(words[b].text) && !EVENT_HEADS.has(words[b].text)
      && citiesByName(words[i].text).every((c) => !c.capital && c.population < 300_000)) return false;
    return true;
  }
  if (e.kind === 'organization' && single && i > a) {
    // "Harrison Ford", "Shunichi Suzuki": a company's one-word name after a given name is a surname.
    const prev = words[i - 1];
    if (!lexicon().map.has(prev.text) && !NOT_NAMES.has(prev.text) && !TITLE_FIRST.has(prev.text) && !commonWord(prev.text)) return false;
  }
  if (e.kind === 'country' && single) {
    // "Chad Smith", "Jordan Peterson", "Georgia Brown": a country's name as a first name.
    if (neighbourName(j + 1) && words[j].tags.has('FirstName')) return false;
    if (neighbourName(j + 1) && !e.canonical.includes(' ') && /^(Chad|Jordan|Georgia|India|Kenya|Israel|Guinea|Niger|Mali|Cuba|Lebanon|Jersey|Victoria)$/.test(words[i].text)) return false;
  }
  return true;
}

/** "in Reading", "Nice, France": context that makes an ambiguous city name a place. */
function cityContext(ctx: Ctx, i: number): boolean {
  const w = ctx.words[i];
  const before = ctx.text.slice(Math.max(0, w.start - 6), w.start);
  if (/\b(in|from|to|near|at|outside)\s+$/.test(before) && !w.sentenceStart) return true;
  const after = ctx.text.slice(w.end, w.end + 40);
  const m = /^,\s+((?:\p{Lu}[\p{L}.]*\s?){1,3})/u.exec(after);
  if (m) {
    const next = lexicon().map.get(m[1].trim());
    if (next && (next.kind === 'country' || next.source === 'place')) return true;
  }
  return false;
}

/** Lower-case geographic nouns after a name that make it a place ("Gilan province", "the Amazon lowlands"). */
const GEO_NOUNS_AFTER = new Set(['province', 'region', 'district', 'county', 'prefecture', 'governorate', 'department', 'municipality', 'state', 'valley', 'lowlands',
  'highlands', 'basin', 'rainforest', 'jungle', 'delta', 'river', 'mountains', 'peninsula', 'coast', 'island', 'islands', 'oblast', 'township', 'village', 'town',
  'suburb', 'plateau', 'plains', 'archipelago', 'desert', 'hills', 'estuary', 'lagoon', 'wetlands', 'emirate', 'canton']);
/** Lower-case nouns before "of" that make the name after them a place ("the town of San Borja"). */
const PLACE_OF_RE = /(?:^|\s)(?:town|city|village|district|province|department|region|county|municipality|state|island|port|suburb|neighbou?rhood|commune|prefecture|governorate|hamlet|settlement)\s+of\s+$/;
/** A team's or company's member after its name: "Wydad striker Youssef Belkadi", "Hoshino chief executive Kenji Matsuda". */
const MEMBER_AFTER_RE = /^[ \t\u00a0]+(?:(?:head|assistant|chief|vice|deputy|team|club|board|interim|caretaker|managing|executive)[ \t\u00a0]+)?(?:coach|manager|striker|midfielder|goalkeeper|keeper|defender|forward|winger|captain|chairman|chairwoman|executive|spokesman|spokeswoman|spokesperson|founder|president|owner|analyst|economist|director|boss)[ \t\u00a0]+\p{Lu}/u;

/**
 * A name the gazetteer does not know, read by the words around it; pushed when one applies:
 * a geographic noun after it or "the town of" before it (place), a team's or company's member after it
 * (organization), a hyphenated East Asian given name ("Park Sun-young": person), a bank's one-word
 * name ("Kasikornbank": organization).
 */
function cuedName(ctx: Ctx, a: number, b: number): boolean {
  const words = ctx.words;
  const n = b - a + 1;
  if (n > 3) return false;
  const after = ctx.text.slice(words[b].end, words[b].end + 48);
  const geo = /^[ \t\u00a0]+(\p{Ll}+)/u.exec(after)?.[1];
  if ((geo && GEO_NOUNS_AFTER.has(geo)) || PLACE_OF_RE.test(ctx.text.slice(Math.max(0, words[a].start - 24), words[a].start))) {
    push(ctx, a, b, 'place', undefined, undefined, 2);
    return true;
  }
  if (MEMBER_AFTER_RE.test(after) && words.slice(a, b + 1).every((w) => !commonWord(w.text) && !w.tags.has('Adjective') && !TITLE_FIRST.has(w.text) && !NOT_NAMES.has(w.text))) {
    push(ctx, a, b, 'organization', undefined, undefined, 2);
    return true;
  }
  // (Romanised syllables are short: "Booker Prize-winner" is no name.)
  if (n === 3 && /^\p{Lu}\p{Ll}{1,5}$/u.test(words[a].text) && /^\p{Lu}\p{Ll}{0,5}$/u.test(words[a + 1].text) && gapAfter(ctx, a + 1) === '-' && /^\p{Ll}{1,5}$/u.test(words[b].text) && !NOT_NAMES.has(words[a + 1].text)) {
    push(ctx, a, b, 'person', undefined, undefined, 2);
    return true;
  }
  if (n === 1 && /^\p{Lu}\p{Ll}{3,}bank$/u.test(words[a].text)) {
    push(ctx, a, b, 'organization', undefined, undefined, 2);
    return true;
  }
  return false;
}

/**
 * A known place or country written in capitals, pushed: one word of four letters or more that is no
 * common word ("JOHANNESBURG", "NIGERIA"), or, with `dateline`, two to three words followed by a
 * dateline's dash or bracket ("NEW YORK —", "ABU DHABI (Reuters) —").
 */
function capitalsName(ctx: Ctx, a: number, b: number, dateline: boolean): boolean {
  const ws = ctx.words.slice(a, b + 1);
  if (b - a > 2 || !ws.every((w) => (a === b ? /^\p{Lu}{4,}$/u : /^\p{Lu}{2,}$/u).test(w.text))) return false;
  const e = lexicon().map.get(ws.map((w) => w.text[0] + w.text.slice(1).toLowerCase()).join(' '));
  if (!e || (e.kind !== 'place' && e.kind !== 'country')) return false;
  if (dateline ? !/^[\s,]*(?:[-–—]|\()/.test(ctx.text.slice(ctx.words[b].end, ctx.words[b].end + 4)) : e.commonWord) return false;
  push(ctx, a, b, e.kind, e.canonical, undefined, 2);
  return true;
}

/** A stretch of capitalised words the gazetteer does not know: a person, or nothing. */
function readName(ctx: Ctx, a: number, b: number, role?: string): void {
  const words = ctx.words;
  while (a <= b && (NOT_NAMES.has(words[a].text) || FUNCTION_WORDS.has(words[a].text) && words[a].sentenceStart)) a++;
  while (b >= a && (NOT_NAMES.has(words[b].text) && !role && !(b === a + 1 && (words[a].tags.has('FirstName') || words[a].tags.has('MaleName') || words[a].tags.has('FemaleName')) && !PLACE_HEADS.has(words[b].text) && !ORG_HEADS.has(words[b].text)) || NAME_PARTICLES.has(words[b].text))) b--;
  if (a > b) return;
  const n = b - a + 1;
  const slice = words.slice(a, b + 1);
  if (ctx.heading && !role) return;
  if (slice.some((w) => isYear(w) || /^\p{N}/u.test(w.text))) return;
  const personTagged = slice.some(hasPersonTag);
  if (!role && cuedName(ctx, a, b)) return;
  // "JOHANNESBURG —" (a dateline), "NIGERIA": a known name in capitals.
  if (n === 1 && !role && capitalsName(ctx, a, b, false)) return;
  // "CJ ENM": two acronyms in a row, in running text, are one organization's name.
  if (!role && n === 2 && slice.every((w) => /^\p{Lu}{2,5}$/u.test(w.text) && !ACRONYM_STOP.has(w.text) && !NOT_NAMES.has(w.text) && !lexicon().map.has(w.text)) && !/^[\s\p{Lu}\p{P}\p{N}]+$/u.test(ctx.text.slice(Math.max(0, words[a].start - 12), words[b].end + 12))) {
    push(ctx, a, b, 'organization', undefined, undefined, 1);
    return;
  }
  const allCapsAcronym = n === 1 && /^\p{Lu}{2,8}s?$/u.test(words[a].text);
  if (allCapsAcronym && !role) {
    const w = words[a].text;
    if (/\p{N}[ -]?$/u.test(ctx.text.slice(Math.max(0, words[a].start - 2), words[a].start))) return; // "737 MAX", "F-35 JSF": a model's name
    if (!NOT_NAMES.has(w) && !ACRONYM_STOP.has(w) && !(w.length >= 5 && commonWord(w)) && !/^[IVXLC]+$/.test(w) && !words[a].tags.has('Person') && !/^[\s\p{Lu}\p{P}\p{N}]+$/u.test(ctx.text.slice(Math.max(0, words[a].start - 12), words[a].end + 12))) {
      push(ctx, a, b, 'organization', undefined, undefined, 1);
    }
    return;
  }
  if (n > (role ? 6 : 4)) return;
  if (!role) {
    // Products and works: "Android 12", "the “Silent Spring” novel", "Orion spacecraft".
    const after = ctx.text.slice(words[b].end, words[b].end + 24);
    const before = ctx.text.slice(Math.max(0, words[a].start - 5), words[a].start);
    if (!personTagged && /^\s+v?\d+(?:\.\d+)*(?![\p{L}\p{N}])/u.test(after) && !/^\s+\d{1,2},\s/.test(after)) return;
    if (/[“"«]$/.test(before) && /^[”"»]/.test(after)) return;
    const prevWord = a > 0 && /^[ \t\u00a0]+$/.test(gapAfter(ctx, a - 1)) ? words[a - 1].text : undefined;
    if (prevWord && WORK_NOUNS.has(prevWord)) return;
    const next = /^[\s-]+(\p{Ll}+)/u.exec(after)?.[1];
    if (next && !personTagged && PRODUCT_NOUNS.has(next)) return;
    if (next && !personTagged && EVENT_NOUNS.has(next) && n <= 3 && !(n === 1 && words[a].sentenceStart)) {
      push(ctx, a, b, 'event', undefined, undefined, 1);
      return;
    }
  }
  if (!role) {
    // "Emeritus Professor John Burrows", "Scientologist Tom Cruise": words before a title or a given name are not the name.
    for (let k = a + 1; k < b; k++) {
      const t = titleAt(ctx, k, b);
      if (t && k + t <= b) {
        readName(ctx, k + t, b, ctx.text.slice(words[a].start, words[k + t - 1].end));
        return;
      }
    }
    // "Campaigner Maren Lyon": a common noun before a two-word name.
    if (n >= 3 && !hasPersonTag(words[a]) && (commonWord(words[a].text) || /(?:ist|ian|er|or|ant|ent|ee|crat)$/.test(words[a].text))) {
      readName(ctx, a + 1, b);
      return;
    }
    // "Pan-democrat Gary Fan", "Scientologist Tom Cruise": descriptive words before a given name.
    const given = (w: Word) => w.tags.has('FirstName') || w.tags.has('MaleName') || w.tags.has('FemaleName');
    for (let k = a + 1; k < b; k++) {
      if (!given(words[k])) continue;
      const before = words.slice(a, k);
      if (before.every((w) => !given(w) && !/^\p{Lu}$/u.test(w.text) && (commonWord(w.text) || /^\p{Ll}/u.test(w.text) || /(?:ist|ian|er|or|ant|ent|ive|ee|crat)$/.test(w.text) || w.tags.has('Adjective') || w.tags.has('Demonym')))) {
        readName(ctx, k, b);
        return;
      }
      break;
    }
  }
  if (role) {
    push(ctx, a, b, 'person', undefined, role, 3);
    return;
  }
  const sentenceInitialOnly = n === 1 && words[a].sentenceStart;
  const headWord = slice.some((w) => (ORG_HEADS.has(w.text) || EVENT_HEADS.has(w.text) || PLACE_HEADS.has(w.text) && n === 2 && !w.tags.has('LastName')) && !w.tags.has('FirstName'));
  if (headWord && !slice.some((w) => w.tags.has('FirstName') || w.tags.has('MaleName') || w.tags.has('FemaleName'))) return;
  if (personTagged && !(sentenceInitialOnly && !words[a].tags.has('LastName') && !words[a].tags.has('Person'))) {
    if (n === 1 && words[a].tags.has('Organization')) return;
    push(ctx, a, b, 'person', undefined, undefined, n >= 2 ? 2 : 1);
    return;
  }
  if (n >= 2 && n <= 3 && slice.every((w) => /^\p{Lu}[\p{Ll}'’]+$/u.test(w.text) || /^\p{Lu}$/u.test(w.text)) && !slice.some((w, k) => commonWord(w.text) || w.tags.has('Organization') || (w.tags.has('Place') && k === 0) || w.tags.has('Adjective') || w.tags.has('Verb'))) {
    // "hospitals in Khan Younis", "crossed at Kerem Shalom": a name nothing marks as a person, after a place preposition.
    const lead = ctx.text.slice(Math.max(0, words[a].start - 8), words[a].start);
    if (/(?:^|\s)(?:in|near|at|from|outside|across|around|towards?)\s+$/.test(lead)) {
      push(ctx, a, b, 'place', undefined, undefined, 1);
      return;
    }
    push(ctx, a, b, 'person', undefined, undefined, 1);
    return;
  }
  if (n === 1 && !words[a].sentenceStart && words[a].tags.has('Organization') && !commonWord(words[a].text) && !TITLE_FIRST.has(words[a].text)) {
    push(ctx, a, b, 'organization', undefined, undefined, 1);
  }
}

/** Lower-case words after a hyphen that make the name before them an attribute ("Bangkok-based", "Saudi-led"). */
const HYPHEN_ATTRIBUTIVES = new Set(['based', 'born', 'led', 'backed', 'owned', 'funded', 'made', 'listed', 'registered', 'headquartered', 'run', 'controlled', 'allied', 'linked', 'bound', 'operated', 'affiliated', 'sponsored', 'brokered', 'style', 'era', 'inspired', 'focused', 'bred', 'raised', 'educated', 'trained']);

/** Finds the entity mentions of one block (offsets relative to the block). */
export function recognizeBlock(text: string, nlp: BlockNlp, heading = false): RawMention[] {
  const words = tokenize(text, nlp);
  const ctx: Ctx = { text, words, heading, out: [] };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const yearOpen = isYear(w) && i + 1 < words.length && joinable(ctx, i) && isCap(words[i + 1]);
    if (!isCap(w) && !yearOpen) continue;
    let j = i;
    for (;;) {
      if (j + 1 >= words.length || !joinable(ctx, j)) {
        // "Washington, D.C.": a comma inside a gazetteer form.
        break;
      }
      const next = words[j + 1];
      if (next.sentenceStart) break;
      if (isCap(next) || (isYear(next) && gapAfter(ctx, j) === ' ')) { j++; continue; }
      // "Bangkok-based Chaiyaporn Express": an attributive after a hyphen ends the name.
      if (gapAfter(ctx, j) === '-' && HYPHEN_ATTRIBUTIVES.has(next.text)) break;
      if (gapAfter(ctx, j) === '-' && /^\p{Ll}/u.test(next.text) && !CONNECTORS.has(next.text)) { j++; continue; } // "Chung-tai"
      if (CONNECTORS.has(next.text) || NAME_PARTICLES.has(next.text)) {
        // k: the last of one to three connectors after word j.
        let k = j + 1;
        while (k + 1 < words.length && k - j < 3 && joinable(ctx, k) && (CONNECTORS.has(words[k + 1].text) || NAME_PARTICLES.has(words[k + 1].text))) k++;
        if (k + 1 < words.length && joinable(ctx, j) && joinable(ctx, k) && isCap(words[k + 1]) && !words[k + 1].sentenceStart && !DAYS_MONTHS.has(words[k + 1].text)) { j = k + 1; continue; }
      }
      break;
    }
    // "pro-Beijing New People Party": a name after "pro-", "anti-" stands alone.
    if (i > 0 && j > i && gapAfter(ctx, i - 1) === '-' && /^\p{Ll}+$/u.test(words[i - 1].text)) {
      readRun(ctx, i, i);
      i++;
      while (i <= j && CONNECTORS.has(words[i].text)) i++;
      if (i > j) { i = j; continue; }
    }
    // A gazetteer form may span a comma ("Washington, D.C."): extend when it does.
    const g = longestAt(ctx, i, Math.min(words.length - 1, j + 3));
    // ("a NATO summit" is one of many: a form ending in a lower-case word is not taken after "a"/"an".)
    if (g && g.end > j && !(/^\p{Ll}/u.test(words[g.end].text) && /(?:^|\s)(?:a|an)\s+$/i.test(text.slice(Math.max(0, words[i].start - 4), words[i].start)))) j = g.end;
    readRun(ctx, i, j);
    i = j;
  }
  definedAcronyms(ctx);
  // Overlaps: the longer mention wins, then the earlier.
  const out = ctx.out.filter((m) => m.end > m.start);
  out.sort((x, y) => x.start - y.start || y.end - x.end || (y.confidence ?? 2) - (x.confidence ?? 2));
  const kept: RawMention[] = [];
  for (const m of out) if (!kept.length || m.start >= kept[kept.length - 1].end) kept.push(m);
  for (let k = 0; k < kept.length; k++) {
    const m = kept[k];
    if (m.kind !== 'organization' && m.kind !== 'place') continue;
    const surface = text.slice(m.start, m.end);
    if (!surface.includes(' ')) continue;
    const short = m.kind === 'organization' ? orgShortForms(surface.replace(/\s+/g, ' ')) : [placeShortForm(surface.replace(/\s+/g, ' '))].filter((f) => f !== undefined);
    if (short.length) kept[k] = { ...m, short };
  }
  return kept;
}

const ACRONYM_SKIP = new Set(['of', 'the', 'for', 'and', '&', 'to', 'on', 'in', 'at', 'de', 'du', 'des', 'la', 'le', 'et', 'y', 'del', 'di', 'für', 'und']);

/**
 * "the Committee to Protect Journalists (CPJ)": a name whose initials spell the acronym in brackets
 * right after it is one name, and the acronym names the same entity (an organization unless the name
 * is known or shaped as something else). Linear: one pass over the words.
 */
function definedAcronyms(ctx: Ctx): void {
  const { words, text } = ctx;
  for (let w = 1; w < words.length; w++) {
    const acr = words[w];
    if (!/^\p{Lu}[\p{Lu}\p{N}&]{1,9}$/u.test(acr.text) || !/\(\s*$/.test(text.slice(acr.start - 2, acr.start)) || text[acr.end] !== ')') continue;
    const letters = acr.text.replace(/s$/, '').replace(/[^\p{Lu}\p{N}]/gu, '');
    // Walk back from the word before "(" matching the letters from the last: a capitalised word gives
    // its initial, or all its capitals ("BioNTech"); small connectors and hyphenated lower-case parts give none.
    if (!/^\s*\(\s*$/.test(text.slice(words[w - 1].end, acr.start))) continue;
    let li = letters.length - 1;
    let first = -1;
    for (let k = w - 1; k >= 0 && k >= w - 2 * letters.length - 3; k--) {
      const word = words[k];
      if (k < w - 1 && !/^(?:[ \t\u00a0]+|-)$/.test(text.slice(word.end, words[k + 1].start))) break;
      if (/^\p{Lu}/u.test(word.text)) {
        const caps = word.text.replace(/[^\p{Lu}\p{N}]/gu, '');
        if (caps.length > 1 && li - caps.length + 1 >= 0 && letters.slice(li - caps.length + 1, li + 1) === caps) li -= caps.length;
        else if (letters[li] === word.text[0]) li--;
        else break;
        if (li < 0) { first = k; break; }
        if (word.sentenceStart) break;
      } else if (!ACRONYM_SKIP.has(word.text) && text[word.start - 1] !== '-') break;
    }
    if (first < 0 || first === w - 1) continue;
    if (words[first].text === 'The' && words[first].sentenceStart) continue;
    const start = words[first].start;
    const end = words[w - 1].end;
    const existing = ctx.out.find((m) => m.start === start && m.end === end);
    const known = lookup(ctx, first, w - 1);
    const kind: EntityKind = existing?.kind ?? known?.kind ?? (shapeOf(ctx, first, w - 1) === 'event' ? 'event' : shapeOf(ctx, first, w - 1) === 'place' ? 'place' : 'organization');
    if (kind === 'country' || kind === 'person' && !existing) continue;
    const canonical = existing?.canonical ?? known?.canonical ?? text.slice(start, end).replace(/\s+/g, ' ');
    ctx.out.push({ start, end, kind, canonical, confidence: 3 });
    ctx.out.push({ start: acr.start, end: acr.end, kind, canonical, confidence: 3 });
  }
}

/** A capitalised word that is a name and nothing else: not a common word, a given name, a known form, a head or a title. */
function distinctive(word: string): boolean {
  return /^\p{Lu}\p{Ll}{2,}$/u.test(word) && !commonWord(word) && !givenName(word) && !lexicon().map.has(word) && !NOT_NAMES.has(word) && !FUNCTION_WORDS.has(word)
    && !ORG_HEADS.has(word) && !PLACE_HEADS.has(word) && !EVENT_HEADS.has(word) && !TITLE_FIRST.has(word);
}

/**
 * Short forms an organization's name of two or more words gives the rest of its article: its first
 * words, when the first is a distinctive name ("Hoshino", "Hoshino Logistics" for Hoshino Logistics
 * Holdings; "Ahly" for Al Ahly). None when it opens with a common word or a known name ("Western ...").
 */
function orgShortForms(name: string): string[] {
  const ws = name.split(' ');
  if (ws.length < 2) return [];
  const k = /^(Al|El)$/.test(ws[0]) ? 1 : 0;
  if (!distinctive(ws[k])) return [];
  const out: string[] = [];
  for (let j = k + 1; j <= ws.length - (k ? 0 : 1); j++) {
    if (CONNECTORS.has(ws[j - 1])) break;
    out.push(ws.slice(k, j).join(' '));
  }
  return out;
}

/** The short form of a river's, desert's or range's name ("Mamoré" for the Mamoré River), or undefined. */
function placeShortForm(name: string): string | undefined {
  const m = /^(\S+) (?:River|Desert|Mountains|Volcano)$/.exec(name);
  return m && distinctive(m[1]) ? m[1] : undefined;
}

/** The country of a form (name, abbreviation, demonym), for linking and facts. */
export function countryOf(form: string): string | undefined {
  return countryByName(form)?.name;
}
