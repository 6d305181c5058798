/**
 * The engine's data model. Everything here is plain data: an `Analysis` is built once per text and
 * frozen, so the language server and the CLI can share it without copying. All offsets are UTF-16
 * code-unit indices into the analyzed text (JavaScript string indices), end exclusive.
 */

export type EntityKind = 'person' | 'country' | 'place' | 'organization' | 'event';
export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'country', 'place', 'organization', 'event'];

export type ClaimCategory = 'unsourced-statistic' | 'vague-attribution' | 'opinion-as-fact' | 'contradiction';
export const CLAIM_CATEGORIES: readonly ClaimCategory[] = [
  'unsourced-statistic',
  'vague-attribution',
  'opinion-as-fact',
  'contradiction',
];

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The `date YYYY-MM-DD` header of an article. */
export interface DateHeader {
  /** The date as written (YYYY-MM-DD). */
  readonly value: string;
  /** False for a date that does not exist (2024-02-30); date-dependent checks are then skipped. */
  readonly valid: boolean;
  /** The whole header (`date 2024-02-17`). */
  readonly span: Span;
}

export interface Sentence extends Span {
  readonly index: number;
  /** Index of the block (paragraph or heading) that holds it. */
  readonly block: number;
}

export type BlockKind = 'heading' | 'paragraph';

/** A paragraph or a heading: a run of non-blank lines. */
export interface Block extends Span {
  readonly index: number;
  readonly kind: BlockKind;
  /** Indices into `Analysis.sentences`. */
  readonly sentences: readonly number[];
}

export interface Section {
  /** The heading's text, or null for the text before the first heading. */
  readonly title: string | null;
  readonly heading: Span | null;
  /** From the heading (or the article's start) to the next heading (or the end). */
  readonly start: number;
  readonly end: number;
}

export interface Mention extends Span {
  /** Id of the entity this mention belongs to. */
  readonly entity: string;
  /** The text of the mention, exactly `text.slice(start, end)`. */
  readonly text: string;
  /** A title or role written next to the name ("Secretary of State"), if any. */
  readonly role?: string;
}

/** What the knowledge base and gazetteers know of an entity, for hovers. */
export interface EntityFacts {
  /** Short lines of facts ("Capital: Baku", "Country: Germany"). */
  readonly lines: readonly string[];
  /** ISO 3166-1 alpha-2 code for a country, or the country of a place. */
  readonly country?: string;
}

export interface Entity {
  readonly id: string;
  readonly kind: EntityKind;
  /** The canonical name: the longest or the knowledge base's form. */
  readonly name: string;
  /** Sorted by offset. */
  readonly mentions: readonly Mention[];
  /** Roles written in the article next to its mentions, most frequent first. */
  readonly roles: readonly string[];
  readonly facts: EntityFacts;
}

/** A happening the article reports: a meeting, talks, a visit, an election... (not scored as an entity). */
export interface ReportedEvent extends Span {
  /** "meeting", "talks", "visit", "summit", "election", "agreement", "attack", ... */
  readonly type: string;
  /** The word that names it. */
  readonly trigger: Span;
  /** Entity ids of the people, countries and organizations taking part. */
  readonly participants: readonly string[];
  /** Entity id of the place, if the sentence names one. */
  readonly place?: string;
  /** YYYY-MM-DD, from the sentence or the article's date. */
  readonly date?: string;
  /** A one-line label: "Meeting — Blinken, Aliyev — Munich — 2024-02-17". */
  readonly label: string;
  /** Every sentence that reports this happening (the first is the event's own span). */
  readonly sentences?: readonly Span[];
}

export interface TextEdit extends Span {
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Claim extends Span {
  /** The rule id; for the four claim rules it equals the category. */
  readonly rule: string;
  readonly category: ClaimCategory;
  readonly severity: Severity;
  /** What is unsupported and what would support it. */
  readonly message: string;
  /** The words that triggered the finding, inside the claim's span. */
  readonly trigger?: Span;
  /** Fixes that are specific to this finding (generic ones are added by the server). */
  readonly fixes?: readonly Fix[];
}

export interface Analysis {
  readonly text: string;
  readonly date: DateHeader | null;
  readonly blocks: readonly Block[];
  readonly sentences: readonly Sentence[];
  readonly sections: readonly Section[];
  /** Spans of quoted speech (between quotation marks), sorted. */
  readonly quotes: readonly Span[];
  readonly entities: readonly Entity[];
  /** Every mention of every entity, sorted by start: the index hovers search. */
  readonly mentions: readonly Mention[];
  readonly events: readonly ReportedEvent[];
  readonly claims: readonly Claim[];
  /** Notes for the user (e.g. "no date header: date checks skipped"). */
  readonly notes: readonly string[];
  /** Paragraphs too long for the entity pass (see MAX_NLP_BLOCK): no entities are looked for there. */
  readonly tooLong?: readonly Span[];
}

export interface AnalyzeOptions {
  /** `news` (default), `markdown` or `plaintext`: Markdown syntax is then skipped. */
  readonly languageId?: string;
  /** Severity per rule id; `off` removes the rule's findings. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /** The user's own facts (`.newslens/facts.json`, validated): offices, capitals, cities, events, checked findings. */
  readonly facts?: import('./kb').UserFacts;
}
