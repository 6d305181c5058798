/**
 * The user's own facts: `.newslens/facts.json` in a workspace folder. Parsed with jsonc-parser (for
 * the positions of errors), checked against `schemas/facts.schema.json` with ajv, with limits on size
 * and depth and no `__proto__` / `constructor` / `prototype` keys. A malformed file gives errors with
 * their spans and no facts; it never throws.
 */
import Ajv from 'ajv';
// The ESM build: esbuild cannot follow the UMD build's dynamic requires.
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import schema from '../../../schemas/facts.schema.json';
import type { UserFacts } from './kb';

export const FACTS_FILE = '.newslens/facts.json';
export const MAX_FACTS_SIZE = 1024 * 1024;
export const MAX_FACTS_DEPTH = 12;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface FactsError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedFacts {
  /** The facts, or null when the file has errors (then nothing of it is used). */
  readonly facts: UserFacts | null;
  readonly errors: readonly FactsError[];
}

let validate: ReturnType<Ajv['compile']> | undefined;

function nodeValue(node: Node, depth: number, errors: FactsError[]): unknown {
  if (depth > MAX_FACTS_DEPTH) {
    errors.push({ message: `Nested deeper than ${MAX_FACTS_DEPTH} levels.`, start: node.offset, end: node.offset + 1 });
    return null;
  }
  if (node.type === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const p of node.children ?? []) {
      const [k, v] = p.children ?? [];
      if (!k || typeof k.value !== 'string') continue;
      if (FORBIDDEN_KEYS.has(k.value)) {
        errors.push({ message: `The key "${k.value}" is not allowed.`, start: k.offset, end: k.offset + k.length });
        continue;
      }
      out[k.value] = v ? nodeValue(v, depth + 1, errors) : null;
    }
    return { ...out };
  }
  if (node.type === 'array') return (node.children ?? []).map((c) => nodeValue(c, depth + 1, errors));
  return node.value;
}

function pathOf(instancePath: string): (string | number)[] {
  return instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * The offset of the first bracket nested deeper than `max` levels, or -1: a linear scan (strings
 * skipped) run before the parser, whose recursion would overflow the stack on deep enough input.
 */
function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

/** Parses and validates the text of a facts file. */
export function parseFacts(text: string): ParsedFacts {
  if (text.length > MAX_FACTS_SIZE) {
    return { facts: null, errors: [{ message: `The facts file is larger than ${MAX_FACTS_SIZE} bytes and is ignored.`, start: 0, end: 0 }] };
  }
  // A byte order mark (some editors write one) is not JSON: read it as a space, keeping the offsets.
  if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`;
  const deep = tooDeepAt(text, MAX_FACTS_DEPTH + 1);
  if (deep >= 0) return { facts: null, errors: [{ message: `Nested deeper than ${MAX_FACTS_DEPTH} levels.`, start: deep, end: deep + 1 }] };
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: false, disallowComments: true });
  const errors: FactsError[] = parseErrors.map((e) => ({ message: `JSON: ${printParseErrorCode(e.error)}.`, start: e.offset, end: e.offset + Math.max(1, e.length) }));
  if (!root || errors.length) return { facts: null, errors: errors.length ? errors : [{ message: 'The facts file is empty: expected a JSON object.', start: 0, end: 0 }] };
  const value = nodeValue(root, 0, errors);
  if (errors.length) return { facts: null, errors };
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validate(value)) {
    for (const e of validate.errors ?? []) {
      // oneOf branches repeat one mistake several times: keep the most specific messages.
      if (e.keyword === 'oneOf' || e.keyword === 'const') continue;
      const node = findNodeAtLocation(root, pathOf(e.instancePath)) ?? root;
      const where = e.instancePath || '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` : '';
      const target = e.keyword === 'additionalProperties' ? findNodeAtLocation(root, [...pathOf(e.instancePath), (e.params as { additionalProperty: string }).additionalProperty])?.parent ?? node : node;
      errors.push({ message: `${where} ${e.message}${extra}.`, start: target.offset, end: target.offset + target.length });
    }
    if (!errors.length) errors.push({ message: 'The facts file does not match its schema.', start: root.offset, end: root.offset + root.length });
    return { facts: null, errors };
  }
  // Semantic checks the schema cannot express: terms in order.
  const facts = value as UserFacts;
  (facts.offices ?? []).forEach((o, i) => o.holders.forEach((h, j) => {
    if (h.end && h.end <= h.start) {
      const node = findNodeAtLocation(root, ['offices', i, 'holders', j, 'end'])!;
      errors.push({ message: `offices[${i}].holders[${j}]: the term ends (${h.end}) before it starts (${h.start}).`, start: node.offset, end: node.offset + node.length });
    }
  }));
  if (errors.length) return { facts: null, errors };
  return { facts: { ...facts, offices: facts.offices?.map((o) => ({ ...o, holders: o.holders.map((h) => ({ ...h, end: h.end ?? null })) })) }, errors: [] };
}
