/**
 * The workspace facts file (`.newslens/facts.json`): loaded from each workspace folder at start,
 * re-read when it changes on disk, and taken from the editor while it is open. Its errors are
 * published as diagnostics on the file itself; a malformed file adds no facts and breaks nothing.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseFacts, FACTS_FILE, MAX_FACTS_SIZE } from '../engine/facts';
import type { UserFacts } from '../engine/kb';
import { SOURCE } from './diagnostics';

interface Entry { folder: string; facts: UserFacts | null; diagnostics: Diagnostic[] }

export function isFactsUri(uri: string): boolean {
  return /(?:^|\/)\.newslens\/facts\.json$/.test(uri);
}

export class FactsFiles {
  /** By the facts file's URI. */
  private readonly entries = new Map<string, Entry>();

  /** The facts file URI of a workspace folder. */
  static uriOf(folder: string): string {
    return `${folder.replace(/\/$/, '')}/${FACTS_FILE}`;
  }

  /** Loads (or reloads) the facts of each folder from disk. Returns the URIs whose state changed. */
  loadFolders(folders: readonly string[]): string[] {
    return folders.map((f) => this.loadFromDisk(FactsFiles.uriOf(f)));
  }

  /** Reads one facts file from disk (a missing file means no facts). */
  loadFromDisk(uri: string): string {
    let text: string | null = null;
    try {
      const path = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
      const st = statSync(path);
      text = st.size > MAX_FACTS_SIZE ? 'x'.repeat(MAX_FACTS_SIZE + 1) : readFileSync(path, 'utf8');
    } catch {
      text = null;
    }
    if (text === null) this.entries.delete(uri);
    else this.update(uri, text);
    return uri;
  }

  /** Parses the text of a facts file (from disk or the editor); returns its diagnostics. */
  update(uri: string, text: string): Diagnostic[] {
    const doc = TextDocument.create(uri, 'json', 0, text);
    let parsed: ReturnType<typeof parseFacts>;
    try {
      parsed = parseFacts(text);
    } catch (e) {
      // parseFacts does not throw on any input the tests know; should it, the file is ignored, not the server.
      parsed = { facts: null, errors: [{ message: `The facts file could not be read (${(e as Error)?.message ?? e}).`, start: 0, end: 0 }] };
    }
    const { facts, errors } = parsed;
    const diagnostics: Diagnostic[] = errors.map((e) => ({
      range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'facts-file',
      message: `${e.message} News Lens ignores this facts file until it is fixed.`,
    }));
    this.entries.set(uri, { folder: uri.slice(0, -FACTS_FILE.length - 1), facts, diagnostics });
    return diagnostics;
  }

  diagnosticsOf(uri: string): Diagnostic[] {
    return this.entries.get(uri)?.diagnostics ?? [];
  }

  /** The facts that apply to a document: those of the innermost workspace folder that holds it. */
  factsFor(docUri: string): UserFacts | undefined {
    let best: Entry | undefined;
    for (const e of this.entries.values()) {
      if (e.facts && docUri.startsWith(`${e.folder}/`) && (!best || e.folder.length > best.folder.length)) best = e;
    }
    return best?.facts ?? undefined;
  }
}

export { pathToFileURL, join };
