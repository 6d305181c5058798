/** The knowledge base: bundled facts (offices, event hosts, capitals) plus the user's own facts. */
export interface KnowledgeBase {
  readonly version: string;
}
