/** The server's settings (`newsLens.*`): defaults, and a normalizer that keeps only valid values. */
import type { SeveritySetting } from '../engine';

export interface Settings {
  enabledLanguages: string[];
  rules: Record<string, SeveritySetting>;
  maxFileSize: number;
  semanticHighlighting: { enabled: boolean };
}

export const DEFAULT_SETTINGS: Settings = { enabledLanguages: ['news'], rules: {}, maxFileSize: 10 * 1024 * 1024, semanticHighlighting: { enabled: true } };

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function normalizeSettings(raw: unknown): Settings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof Settings, unknown>>;
  const rules: Record<string, SeveritySetting> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [k, v] of Object.entries(s.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) rules[k] = v as SeveritySetting;
    }
  }
  return {
    enabledLanguages: Array.isArray(s.enabledLanguages) ? s.enabledLanguages.filter((x): x is string => typeof x === 'string') : DEFAULT_SETTINGS.enabledLanguages,
    rules,
    maxFileSize: typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    semanticHighlighting: { enabled: (s.semanticHighlighting as { enabled?: unknown } | undefined)?.enabled !== false },
  };
}
