// Builds benchmark articles of a given size from the dev articles (and the bundled sample).
// Paragraphs are taken in order, article after article; on each pass after the first, every paragraph
// gets a live-blog timestamp ("14:05 — ") so that no two paragraphs are equal: the block cache cannot
// reuse one copy's results for another, and the figures measure real work.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export function devParagraphs(dirs) {
  const paras = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.news')).sort()) {
      const text = readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF?\s*date\s+\d{4}-\d{2}-\d{2}\s*/, '');
      for (const p of text.split(/\r?\n\s*\r?\n/)) if (p.trim()) paras.push(p.trim());
    }
  }
  // The sample is also a dev article: keep each paragraph once.
  const unique = [...new Set(paras)];
  if (!unique.length) throw new Error(`no .news articles found in ${dirs.join(', ')}`);
  return unique;
}

export function buildArticle(paras, bytes) {
  const out = ['date 2024-02-17'];
  let size = out[0].length;
  for (let pass = 0; size < bytes; pass++) {
    for (let i = 0; i < paras.length && size < bytes; i++) {
      const minute = pass * paras.length + i;
      const stamp = pass === 0 ? '' : `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')} (${pass}) — `;
      const p = stamp + paras[i];
      const add = Buffer.byteLength(p) + 2;
      if (size + add > bytes && size > bytes * 0.9) { size = bytes; break; }
      out.push(p);
      size += add;
    }
  }
  return out.join('\n\n') + '\n';
}
