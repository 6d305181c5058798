/** The News Lens engine: a pure library, text in, an immutable analysis out. No LSP or VS Code here. */
export * from './types';
export { analyze, createAnalyzer, MAX_NLP_BLOCK, type Analyzer, type AnalyzerHooks, type AssembleResult } from './analyze';
export { analyzeBlock, BlockCache, type BlockResult } from './blocks';
export { parseStructure, type Structure } from './structure';
export { RULES } from './claims';
export { toJsonResult, type JsonResult } from './json';
export { entityById, findMentionAt, lineColumn, lineLocator } from './query';
