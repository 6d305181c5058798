// The extension manifest (package.json `contributes`) agrees with the code: the language, its files,
// the grammar, and settings that the server reads, each with a description.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, CLAIM_CATEGORIES } from '../src/engine';
import { normalizeSettings, DEFAULT_SETTINGS } from '../src/features/settings';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('the news language: *.news and *.article, a language configuration, the text.news grammar, activation', () => {
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'news');
  assert.deepEqual(lang.extensions, ['.news', '.article']);
  const conf = JSON.parse(readFileSync(join(root, lang.configuration), 'utf8'));
  assert.ok(conf.brackets && conf.autoClosingPairs && conf.wordPattern);
  assert.doesNotThrow(() => new RegExp(conf.wordPattern, 'u'));
  const grammar = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'news');
  assert.equal(grammar.scopeName, 'text.news');
  assert.equal(JSON.parse(readFileSync(join(root, grammar.path), 'utf8')).scopeName, 'text.news');
  assert.ok(pkg.activationEvents.includes('onLanguage:news'));
  assert.ok(existsSync(join(root, 'client', 'src', 'extension.ts')) && pkg.main === './client/out/extension.js');
});

test('every setting has a description and a default the server accepts', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;
  for (const [k, v] of Object.entries(props)) {
    assert.ok(k.startsWith('newsLens.'), k);
    assert.ok((v.description ?? v.markdownDescription ?? '').length > 20, `${k} has a description`);
  }
  assert.ok(props['newsLens.trace.server'] && props['newsLens.enabledLanguages'] && props['newsLens.rules']);
  const defaults = normalizeSettings({
    enabledLanguages: props['newsLens.enabledLanguages'].default,
    rules: props['newsLens.rules'].default,
    maxFileSize: props['newsLens.maxFileSize'].default,
  });
  assert.deepEqual(defaults, DEFAULT_SETTINGS);
});

test('the per-rule severity setting names every rule the engine has, with the same levels the server accepts', () => {
  const rules = (pkg.contributes.configuration.properties['newsLens.rules'] as { properties: Record<string, { enum: string[]; markdownDescription: string }> }).properties;
  for (const r of RULES) assert.ok(rules[r.id], `setting for rule ${r.id}`);
  for (const c of CLAIM_CATEGORIES) assert.ok(rules[c], `setting for category ${c}`);
  for (const [id, r] of Object.entries(rules)) {
    assert.deepEqual(r.enum, ['error', 'warning', 'information', 'hint', 'off']);
    for (const level of r.enum) assert.equal(normalizeSettings({ rules: { [id]: level } }).rules[id], level);
  }
});
